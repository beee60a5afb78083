package org.mixproof.sampler;

/** ŝ_t = s_t + ε_score · e_t (docs/claims.md §5), for any base score and the affine error {@link ScorePerturbation}. */
public final class PerturbedScore implements Score {

  private final Score base;
  private final double eps;
  private final ScorePerturbation error;

  public PerturbedScore(Score base, double epsScore, ScorePerturbation error) {
    if (base == null) throw new IllegalArgumentException("base must not be null");
    if (error == null) throw new IllegalArgumentException("error must not be null");
    if (!Double.isFinite(epsScore)) throw new IllegalArgumentException("epsScore must be finite, was " + epsScore);
    this.base = base;
    this.eps = epsScore;
    this.error = error;
  }

  @Override public int dimension() { return base.dimension(); }

  /** a_t, read once per evaluation (m_t = a_t m_0). */
  private double centerScale(double t) { return error.schedule().a(t); }

  @Override
  public void evaluate(double t, double[] y, double[] out) {
    base.evaluate(t, y, out);
    if (eps == 0) return;
    int d = error.coordinates();
    double c = eps * error.scale(t), at = centerScale(t);
    for (int i = 0; i < y.length; i++) out[i] += c * (y[i] - at * error.mean0(i % d));
  }
}
