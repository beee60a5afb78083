package org.mixproof.smoothness;

import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureSampler;

/** m2(t) = E‖X_t‖² (docs/claims.md §4): exact, and a seeded Monte Carlo estimate with a confidence interval. */
public final class SecondMoment {

  private SecondMoment() {}

  /** m2(0) = Σ π_i (‖μ_i‖² + tr Σ_i). */
  public static double exact(GaussianMixture m) {
    double s = 0;
    for (int i = 0; i < m.components(); i++) {
      double term = 0;
      for (int r = 0; r < m.dimension(); r++) term += m.meanEntry(i, r) * m.meanEntry(i, r) + m.covarianceEntry(i, r, r);
      s += m.weight(i) * term;
    }
    return s;
  }

  /** m2(t) = a_t² m2(0) + b_t² d. */
  public static double exact(MixtureDensity p) {
    return p.a() * p.a() * exact(p.mixture()) + p.b2() * p.dimension();
  }

  /** A Monte Carlo mean of ‖a_t X_0 + b_t Z‖² with a normal-theory interval at the given level. */
  public record Estimate(double mean, double lower, double upper, int samples, long seed, double level) {
    public boolean contains(double v) { return lower <= v && v <= upper; }
  }

  public static Estimate monteCarlo(MixtureDensity p, int samples, long seed, double level) {
    if (samples < 2) throw new IllegalArgumentException("samples must be at least 2, was " + samples);
    if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    MixtureSampler sampler = new MixtureSampler(p.mixture(), RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    double a = p.a(), b = Math.sqrt(p.b2());
    double sum = 0, sumSq = 0;
    for (int n = 0; n < samples; n++) {
      double[] x = sampler.sample();
      double q = 0;
      for (double xj : x) {
        double y = a * xj + b * sampler.standardNormal();
        q += y * y;
      }
      sum += q;
      sumSq += q * q;
    }
    double mean = sum / samples;
    double var = Math.max(0, (sumSq - samples * mean * mean) / (samples - 1));
    double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level) / 2);
    double half = z * Math.sqrt(var / samples);
    return new Estimate(mean, mean - half, mean + half, samples, seed, level);
  }
}
