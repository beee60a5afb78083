package org.mixproof.density.identity;

import org.mixproof.density.MixtureDensity;

/**
 * Per-component quantities at a point, computed independently of {@link MixtureDensity}'s hot path
 * (precisions from {@link DecimalReference}), and the scales that tolerances are built from.
 */
final class ComponentTerms {

  final int d;
  final int k;
  final double[][][] precisions; // P_i(t), high-precision reference
  final double[][] scores;     // s_i = −P_i(t)(x − μ_i(t)), high-precision reference
  final double[] precisionNorm; // ‖P_i(t)‖₂ = 1/λmin(Σ_i(t))
  final double[] residualNorm;  // ‖x − μ_i(t)‖
  final double[] meanNorm;      // ‖μ_i(t)‖
  final double[] conditions;    // κ_i = cond(Σ_i(t))
  final double maxCondition;

  ComponentTerms(MixtureDensity p, double[] x) {
    d = p.dimension();
    k = p.components();
    scores = new double[k][d];
    precisionNorm = new double[k];
    residualNorm = new double[k];
    meanNorm = new double[k];
    double cond = 1;
    precisions = new double[k][][];
    conditions = new double[k];
    for (int i = 0; i < k; i++) {
      double[] mu = p.mean(i);
      double[] r = new double[d];
      for (int j = 0; j < d; j++) r[j] = x[j] - mu[j];
      residualNorm[i] = norm(r);
      meanNorm[i] = norm(mu);
      precisions[i] = DecimalReference.precision(p, i);
      scores[i] = DecimalReference.componentScore(p, i, x, precisions[i]);
      conditions[i] = p.conditionNumber(i);
      cond = Math.max(cond, conditions[i]);
      precisionNorm[i] = 1 / (p.lambdaMinOf(i));
    }
    maxCondition = cond;
  }

  double maxScoreNorm() {
    double m = 0;
    for (double[] s : scores) m = Math.max(m, norm(s));
    return m;
  }

  double maxPrecisionNorm() {
    double m = 0;
    for (double v : precisionNorm) m = Math.max(m, v);
    return m;
  }

  /** max_{i,j} ‖s_i − s_j‖: the rate at which posterior weights change along x. */
  double maxScoreSpread() {
    double m = 0;
    for (int i = 0; i < k; i++) for (int j = i + 1; j < k; j++) {
      double s = 0;
      for (int c = 0; c < d; c++) s += (scores[i][c] - scores[j][c]) * (scores[i][c] - scores[j][c]);
      m = Math.max(m, Math.sqrt(s));
    }
    return m;
  }

  /** max_i ‖P_i‖ ‖x − μ_i(t)‖: the size of the terms a computed score is made of. */
  double maxScoreTermSize() {
    double m = 0;
    for (int i = 0; i < k; i++) m = Math.max(m, precisionNorm[i] * residualNorm[i]);
    return m;
  }

  /**
   * Rounding of a computed log p. Each ℓ_i holds ½‖W_i r_i‖²: the matrix-vector product carries
   * d·u·‖P_i‖‖r_i‖² into it; the Cholesky factor is exact for Σ_i(t) + E with ‖E‖ ≤ d(d+1)u‖Σ_i(t)‖
   * (Higham, ASNA Thm 10.3), which moves the quadratic form by ≤ ‖E‖‖s_i‖² and log det by
   * ≤ tr(P_i E) ≤ d(d+1)u κ_i; the residual r_i = x − a_t μ_i inherits the rounding of a_t and of
   * a_t μ_i (≤ 2u‖μ_i(t)‖), which moves ℓ_i by ≤ ‖s_i‖·2u‖μ_i(t)‖ — the term that dominates a
   * difference in t near t = 0, where a_t barely moves; log-sum-exp adds u·|log p|. Returned in
   * units of u: the rounding is at most 16·d·u times this ({@code 16*d*u*lp_terms} in a claim file).
   */
  double logDensityTerms(double logDensity) {
    double worst = 0;
    for (int i = 0; i < k; i++) {
      double lambdaMax = conditions[i] / precisionNorm[i];
      double si = norm(scores[i]);
      worst = Math.max(worst, precisionNorm[i] * residualNorm[i] * residualNorm[i]
          + (d + 1) * (lambdaMax * si * si + conditions[i]) + si * meanNorm[i]);
    }
    return 1 + Math.abs(logDensity) + worst;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}
