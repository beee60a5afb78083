package org.mixproof.schedule;

/**
 * Variance-exploding schedule with geometric noise levels on t ∈ [0, 1] (Song et al.), with σ(t) =
 * σ_min (σ_max/σ_min)^t. Convention: the process starts at the data, so b_t² = σ(t)² − σ_min² (b_0 =
 * 0, b_1² = σ_max² − σ_min²), a = 1, f = 0 and g² = (b²)' = 2 ln(σ_max/σ_min) σ(t)².
 */
public record VeGeometric(double sigmaMin, double sigmaMax) implements NoiseSchedule {

  public static final String NAME = "ve-geometric";
  public static final double DEFAULT_SIGMA_MIN = 0.01;
  public static final double DEFAULT_SIGMA_MAX = 50;

  public VeGeometric {
    if (!(sigmaMin > 0) || !Double.isFinite(sigmaMin)) {
      throw new IllegalArgumentException("sigmaMin must be positive and finite, was " + sigmaMin);
    }
    if (!(sigmaMax > sigmaMin) || !Double.isFinite(sigmaMax)) {
      throw new IllegalArgumentException(
          "sigmaMax must be finite and greater than sigmaMin = " + sigmaMin + ", was " + sigmaMax);
    }
  }

  public VeGeometric() { this(DEFAULT_SIGMA_MIN, DEFAULT_SIGMA_MAX); }

  @Override public String spec() { return NAME + ":" + Schedules.format(sigmaMin) + "," + Schedules.format(sigmaMax); }

  @Override public double tMax() { return 1; }

  private double logRatio() { return Math.log(sigmaMax / sigmaMin); }

  /** σ(t) = σ_min (σ_max/σ_min)^t. */
  public double sigma(double t) { return sigmaMin * Math.exp(checkTime(t) * logRatio()); }

  @Override public double a(double t) { checkTime(t); return 1; }

  @Override public double logA(double t) { checkTime(t); return 0; }

  /** σ_min² (e^{2t ln(σ_max/σ_min)} − 1), through expm1 so small t keeps full precision. */
  @Override public double b2(double t) {
    return sigmaMin * sigmaMin * Math.expm1(2 * checkTime(t) * logRatio());
  }

  @Override public double f(double t) { checkTime(t); return 0; }

  @Override public double g2(double t) {
    double s = sigma(t);
    return 2 * logRatio() * s * s;
  }

  @Override public String toString() { return spec(); }
}
