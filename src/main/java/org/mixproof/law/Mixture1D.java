package org.mixproof.law;

import org.mixproof.rounding.RoundingModel;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * A 1-D Gaussian mixture Σ π_i N(m_i, v_i) with its CDF, cell masses (from the tail that keeps
 * precision) and quantile function: the closed-form targets p_t of the grid law (docs/claims.md §5.2).
 * A zero variance is a point mass.
 */
public record Mixture1D(double[] weights, double[] means, double[] variances) {

  private static final NormalDistribution STD = NormalDistribution.of(0, 1);

  public Mixture1D {
    if (weights == null || means == null || variances == null || weights.length == 0
        || means.length != weights.length || variances.length != weights.length) {
      throw new IllegalArgumentException("weights, means and variances must be non-empty and of equal length");
    }
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || !Double.isFinite(means[i]) || !(variances[i] >= 0) || !Double.isFinite(variances[i])) {
        throw new IllegalArgumentException("component " + i + " is invalid: weight " + weights[i] + ", mean "
            + means[i] + ", variance " + variances[i]);
      }
    }
  }

  /** p_t of a 1-D mixture: Σ π_i N(a_t μ_i, a_t² σ_i² + b_t²). */
  public static Mixture1D at(GaussianMixture m, NoiseSchedule s, double t) {
    if (m.dimension() != 1) throw new IllegalArgumentException("a 1-D law needs d = 1, was d = " + m.dimension());
    double a = s.a(t), b2 = s.b2(t);
    int k = m.components();
    double[] mu = new double[k], v = new double[k];
    for (int i = 0; i < k; i++) {
      mu[i] = a * m.meanEntry(i, 0);
      v[i] = a * a * m.covarianceEntry(i, 0, 0) + b2;
    }
    return new Mixture1D(m.weights(), mu, v);
  }

  /** N(m, v). */
  public static Mixture1D gaussian(double mean, double variance) {
    return new Mixture1D(new double[] {1}, new double[] {mean}, new double[] {variance});
  }

  public int components() { return weights.length; }

  public double cdf(double x) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) s += weights[i] * cdf1(x, i);
    return s;
  }

  private double cdf1(double x, int i) {
    if (variances[i] == 0) return x >= means[i] ? 1 : 0;
    return STD.cumulativeProbability((x - means[i]) / Math.sqrt(variances[i]));
  }

  /** P(X &gt; x), from each component's upper tail (full relative precision far right). */
  public double survival(double x) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      if (variances[i] == 0) {
        if (x < means[i]) s += weights[i];
        continue;
      }
      s += weights[i] * STD.survivalProbability((x - means[i]) / Math.sqrt(variances[i]));
    }
    return s;
  }

  /**
   * The x with P(X &gt; x) = r, within [lo, hi] that must bracket it: the quantile at 1 − r without
   * forming 1 − r (so r far below the rounding of 1 keeps its precision).
   */
  public double upperQuantile(double r, double lo, double hi) {
    return tailRoot(this::survival, -1, r, lo, hi);
  }

  public double density(double x) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      if (variances[i] == 0) continue;
      double z = (x - means[i]) / Math.sqrt(variances[i]);
      s += weights[i] * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI * variances[i]);
    }
    return s;
  }

  /** P(lo &lt; X ≤ hi), each component from the tail on the far side of its mean (no cancellation). */
  public double mass(double lo, double hi) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      if (variances[i] == 0) {
        if (means[i] > lo && means[i] <= hi) s += weights[i];
        continue;
      }
      double sd = Math.sqrt(variances[i]);
      double z1 = (lo - means[i]) / sd, z2 = (hi - means[i]) / sd;
      double p = z1 >= 0 ? STD.survivalProbability(z1) - STD.survivalProbability(z2)
          : STD.cumulativeProbability(z2) - STD.cumulativeProbability(z1);
      s += weights[i] * Math.max(0, p);
    }
    return s;
  }

  public double mean() {
    double s = 0;
    for (int i = 0; i < weights.length; i++) s += weights[i] * means[i];
    return s;
  }

  public double variance() {
    double m = mean(), s = 0;
    for (int i = 0; i < weights.length; i++) {
      double dm = means[i] - m;
      s += weights[i] * (variances[i] + dm * dm);
    }
    return s;
  }

  /** Whether some component is a point mass (then KL to it is +∞ and TV is 1). */
  public boolean hasAtom() {
    for (int i = 0; i < weights.length; i++) if (variances[i] == 0 && weights[i] > 0) return true;
    return false;
  }

  /** The u-quantile within [lo, hi] (which must bracket it). */
  public double quantile(double u, double lo, double hi) {
    return tailRoot(this::cdf, 1, u, lo, hi);
  }

  /**
   * The root of tail(x) = target in [lo, hi], tail the CDF (sign +1) or the survival function (−1):
   * Newton steps on log tail − log target, which is nearly linear in a Gaussian tail (Newton on the tail
   * itself moves by only ~sd²/|x − m| a step there, too slow for targets like 1e-200), each kept inside
   * the bracket, and every third step a bisection, so the bracket halves at least every three steps
   * and 200 steps reach one ulp from any double bracket. Stops when |tail − target| is at rounding
   * level or the bracket is two ulps wide.
   */
  private double tailRoot(DoubleUnaryOperator tail, int sign, double target, double lo, double hi) {
    double x = 0.5 * (lo + hi);
    for (int it = 0; it < 200; it++) {
      double p = tail.applyAsDouble(x), f = p - target;
      if (sign * f < 0) lo = x;
      else hi = x;
      if (Math.abs(f) <= 4 * RoundingModel.EPS * Math.max(target, 1e-300) || hi - lo <= 2 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi)))) {
        return x;
      }
      // d log tail / dx = sign · density / tail
      double next = x - sign * Math.log(p / target) * p / density(x);
      if (it % 3 == 2 || !(next > lo && next < hi)) next = 0.5 * (lo + hi);
      x = next;
    }
    return x;
  }

  /** An interval holding all but ~1e-30 of every component: [min m_i − 12 sd_i, max m_i + 12 sd_i]. */
  public double[] range() {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < weights.length; i++) {
      double sd = Math.sqrt(variances[i]);
      lo = Math.min(lo, means[i] - 12 * sd);
      hi = Math.max(hi, means[i] + 12 * sd);
    }
    return new double[] {lo, hi};
  }
}
