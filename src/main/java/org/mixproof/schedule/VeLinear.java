package org.mixproof.schedule;

/** EDM's variance-exploding schedule on t ∈ [0, ∞): a = 1, b = t, f = 0, g² = (b²)' = 2t. */
public record VeLinear() implements NoiseSchedule {

  public static final String NAME = "ve-linear";

  @Override public String spec() { return NAME; }

  @Override public double tMax() { return Double.POSITIVE_INFINITY; }

  @Override public double a(double t) { checkTime(t); return 1; }

  @Override public double logA(double t) { checkTime(t); return 0; }

  @Override public double b(double t) { return checkTime(t); }

  @Override public double b2(double t) { return checkTime(t) * t; }

  @Override public double f(double t) { checkTime(t); return 0; }

  @Override public double g2(double t) { return 2 * checkTime(t); }

  @Override public String toString() { return spec(); }
}
