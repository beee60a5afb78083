package org.mixproof.schedule;

/** Ornstein–Uhlenbeck (the analysis papers' choice): f = −1, g = √2, a = e^{−t}, b² = 1 − e^{−2t}. */
public record VpOu() implements NoiseSchedule {

  public static final String NAME = "vp-ou";

  @Override public String spec() { return NAME; }

  @Override public double tMax() { return Double.POSITIVE_INFINITY; }

  @Override public double a(double t) { return Math.exp(-checkTime(t)); }

  @Override public double logA(double t) { return -checkTime(t); }

  @Override public double b2(double t) { return -Math.expm1(-2 * checkTime(t)); }

  @Override public double f(double t) { checkTime(t); return -1; }

  @Override public double g2(double t) { checkTime(t); return 2; }

  @Override public String toString() { return spec(); }
}
