package org.mixproof.sampler;

import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The fixed smooth score error e_t of docs/claims.md §5, normalised so that E_{p_t}‖e_t‖² = 1:
 * {@code e_t(x) = (x − m_t) / √(tr C_t)}, with m_t = a_t m_0 and tr C_t = a_t² tr Cov(p_0) + d b_t²
 * the mean and total variance of p_t (docs/claims.md §1, preservation.moments), so
 * E‖e_t‖² = E‖X_t − m_t‖² / tr C_t = 1 exactly. It is affine, so a perturbed Gaussian score is still
 * affine and every exact law below stays exact; it acts coordinate-wise in any orthonormal basis,
 * so it keeps the splits of the eigenbasis and of the separable law.
 */
public final class ScorePerturbation {

  private final NoiseSchedule schedule;
  private final double[] mean0;
  private final double traceCov0;
  private final int d;

  /**
   * @param mean0 m_0, the mean of p_0 (its length is d; for a coordinate system other than the
   *     data's, give m_0 in that system)
   * @param traceCov0 tr Cov(p_0) ≥ 0
   * @param dimension d (≥ mean0.length when only some coordinates are carried, e.g. the separable law)
   */
  public ScorePerturbation(NoiseSchedule schedule, double[] mean0, double traceCov0, int dimension) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    if (mean0 == null) throw new IllegalArgumentException("mean0 must not be null");
    if (!(traceCov0 >= 0) || !Double.isFinite(traceCov0)) {
      throw new IllegalArgumentException("traceCov0 must be finite and non-negative, was " + traceCov0);
    }
    if (dimension < 1) throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
    this.schedule = schedule;
    this.mean0 = mean0.clone();
    this.traceCov0 = traceCov0;
    this.d = dimension;
  }

  /** e_t for the mixture's own mean and covariance. */
  public static ScorePerturbation of(GaussianMixture m, NoiseSchedule schedule) {
    double[][] c = m.overallCovariance();
    double tr = 0;
    for (int j = 0; j < c.length; j++) tr += c[j][j];
    return new ScorePerturbation(schedule, m.overallMean(), tr, m.dimension());
  }

  /** 1/√(tr C_t); infinite when p_t is a point mass (tr C_t = 0). */
  public double scale(double t) {
    double a = schedule.a(t);
    return 1 / Math.sqrt(a * a * traceCov0 + d * schedule.b2(t));
  }

  public NoiseSchedule schedule() { return schedule; }

  /** m_0[j]. */
  public double mean0(int j) { return mean0[j]; }

  /** m_t[j] = a_t m_0[j]. */
  public double center(double t, int j) { return schedule.a(t) * mean0[j]; }

  /** Number of coordinates carried (length of m_0). */
  public int coordinates() { return mean0.length; }
}
