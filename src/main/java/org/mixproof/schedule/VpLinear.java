package org.mixproof.schedule;

/**
 * DDPM's variance-preserving schedule on t ∈ [0, 1]: β(t) = β_min + t(β_max − β_min), f = −β/2,
 * g = √β, so with B(t) = ∫_0^t β = β_min t + (β_max − β_min) t²/2: a = e^{−B/2}, b² = 1 − e^{−B}.
 */
public record VpLinear(double betaMin, double betaMax) implements NoiseSchedule {

  public static final String NAME = "vp-linear";
  public static final double DEFAULT_BETA_MIN = 0.1;
  public static final double DEFAULT_BETA_MAX = 20;

  public VpLinear {
    if (!(betaMin > 0) || !Double.isFinite(betaMin)) {
      throw new IllegalArgumentException("betaMin must be positive and finite, was " + betaMin);
    }
    if (!(betaMax >= betaMin) || !Double.isFinite(betaMax)) {
      throw new IllegalArgumentException(
          "betaMax must be finite and at least betaMin = " + betaMin + ", was " + betaMax);
    }
  }

  public VpLinear() { this(DEFAULT_BETA_MIN, DEFAULT_BETA_MAX); }

  @Override public String spec() { return NAME + ":" + Schedules.format(betaMin) + "," + Schedules.format(betaMax); }

  @Override public double tMax() { return 1; }

  /** β(t). */
  public double beta(double t) { return betaMin + checkTime(t) * (betaMax - betaMin); }

  /** B(t) = ∫_0^t β(s) ds. */
  public double integratedBeta(double t) {
    checkTime(t);
    return betaMin * t + 0.5 * (betaMax - betaMin) * t * t;
  }

  @Override public double a(double t) { return Math.exp(-0.5 * integratedBeta(t)); }

  @Override public double logA(double t) { return -0.5 * integratedBeta(t); }

  @Override public double b2(double t) { return -Math.expm1(-integratedBeta(t)); }

  @Override public double f(double t) { return -0.5 * beta(t); }

  @Override public double g2(double t) { return beta(t); }

  @Override public String toString() { return spec(); }
}
