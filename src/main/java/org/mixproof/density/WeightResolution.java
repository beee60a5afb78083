package org.mixproof.density;

import java.util.Arrays;
import org.mixproof.rounding.RoundingModel;

/**
 * The refusal rule at a point (docs/claims.md §6 {@code oracle.ill-conditioned}): decides, from the
 * rounding bounds of the component log-terms, whether double precision resolves the posterior
 * weights there, and raises {@link IllConditionedException} when it does not — so that the weights,
 * score and Hessian are never silently wrong. Shared by {@link PointKernel} and {@link BlockKernel}
 * (each hands over one point's log-terms, quadratic forms, weights and scores), so the two paths
 * refuse exactly the same points with the same message. Stateless beyond the diffused components.
 */
final class WeightResolution {

  /** δ of the weight-resolution rule (RoundingModel). */
  static final double MAX_LOG_TERM_UNCERTAINTY = RoundingModel.MAX_LOG_TERM_UNCERTAINTY;

  private final DiffusedComponents comp;

  WeightResolution(DiffusedComponents comp) { this.comp = comp; }

  /**
   * The rounding bounds e_i of the log-terms at a point (see {@link #checkResolved}) into
   * {@code uncertainty}; returns the largest. Components of weight 0 (ℓ_i = −∞) carry none.
   */
  double logTermUncertainties(double[] x, int off, double[] ell, double[] quadratic, double[] uncertainty) {
    int d = comp.d, k = comp.k;
    double cu = RoundingModel.constantTimesU(d);
    double xn = norm(x, off);
    double worst = 0;
    for (int i = 0; i < k; i++) {
      if (ell[i] == Double.NEGATIVE_INFINITY) {
        uncertainty[i] = 0;
        continue;
      }
      uncertainty[i] = cu * RoundingModel.logTermBound(comp.conditionNumber[i], quadratic[i], d,
          xn + comp.meanNorm[i], comp.lambdaMinT[i], comp.normingSize[i]);
      worst = Math.max(worst, uncertainty[i]);
    }
    return worst;
  }

  /**
   * The largest rounding bound e_i at each lane of a block (xt[c][p] is coordinate c of point p,
   * quadratic[i][p] its ‖z_i‖²) into worst[p]; xn is scratch. Lane by lane it performs the operations
   * of {@link #logTermUncertainties}, so where every ℓ_i is finite it gives the same bits; a component
   * with ℓ_i = −∞ (weight 0) adds a bound the point rule leaves out, so a lane's value is never below
   * the point rule's and a lane at most {@value #MAX_LOG_TERM_UNCERTAINTY} is resolved by either. The
   * loops run over lanes, so the k square roots per point vectorise.
   */
  void worstLogTermUncertainties(double[][] xt, double[][] quadratic, double[] xn, double[] worst) {
    int d = comp.d, k = comp.k, lanes = worst.length;
    double cu = RoundingModel.constantTimesU(d);
    Arrays.fill(xn, 0);
    for (double[] xc : xt) {
      for (int p = 0; p < lanes; p++) xn[p] += xc[p] * xc[p];
    }
    for (int p = 0; p < lanes; p++) xn[p] = Math.sqrt(xn[p]);
    Arrays.fill(worst, 0);
    for (int i = 0; i < k; i++) {
      double kappa = comp.conditionNumber[i], mn = comp.meanNorm[i], lo = comp.lambdaMinT[i], ln = comp.normingSize[i];
      double[] qi = quadratic[i];
      for (int p = 0; p < lanes; p++) {
        worst[p] = Math.max(worst[p], cu * RoundingModel.logTermBound(kappa, qi[p], d, xn[p] + mn, lo, ln));
      }
    }
  }

  private double norm(double[] x, int off) {
    double xn = 0;
    for (int c = 0; c < comp.d; c++) xn += x[off + c] * x[off + c];
    return Math.sqrt(xn);
  }

  /**
   * Refuses (IllConditionedException) a point where the rounding of the component log-terms could
   * move the posterior weights by more than their first-order error, i.e. where the weights, score
   * and Hessian could be silently wrong.
   *
   * <p>ℓ_i is within e_i = c u (κ_i (q_i + d) + ρ_i √(q_i/λ_i) + L_i) of its exact value
   * (ρ_i = ‖x‖ + ‖μ_i(t)‖, λ_i = λmin(Σ_i(t)), L_i the normalising constant's size; the derivation
   * is in oracle.RoundingBound, which must use the same formula). With m the component of largest
   * ℓ, the weights are resolved when every other component i either has e_i and e_m at most
   * {@value #MAX_LOG_TERM_UNCERTAINTY}, or is negligible with a margin: ℓ_i + e_i ≤ ℓ_m − e_m − T_i,
   * where e^{−T_i} times its influence (|s_i − s| + its own error, relative to the floors
   * Σ w_j (ρ_j/λ_j + κ_j √(q_j/λ_j)) and Σ w_j √d κ_j/λ_j of the score's and Hessian's
   * tolerances) is below c u / 8. A single dominant component may have any e_m: its weight is then 1
   * whatever ℓ_m's error.
   *
   * <p>One point, from either path: x[off .. off+d), its log-terms ell, quadratic forms ‖z_i‖²,
   * weights w; with scores, compScores[i] = s_i and the score s (compScores null without them);
   * {@code uncertainty} is scratch of length k.
   */
  void checkResolved(double[] x, int off, double[] ell, double[] quadratic, double[] w,
      double[][] compScores, double[] s, double[] uncertainty) {
    if (logTermUncertainties(x, off, ell, quadratic, uncertainty) <= MAX_LOG_TERM_UNCERTAINTY) return;
    int d = comp.d, k = comp.k;
    double[] conditionNumber = comp.conditionNumber, lambdaMinT = comp.lambdaMinT, meanNorm = comp.meanNorm;
    boolean haveScores = compScores != null;
    double cu = RoundingModel.constantTimesU(d);
    double xn = norm(x, off);
    int m = -1;
    for (int i = 0; i < k; i++) {
      if (ell[i] != Double.NEGATIVE_INFINITY && (m < 0 || ell[i] > ell[m])) m = i;
    }
    double floorScore = 0, floorHessian = 0, sqrtD = Math.sqrt(d);
    if (haveScores) {
      for (int j = 0; j < k; j++) { // c u times these bound the score's and Hessian's tolerances from below
        if (w[j] == 0) continue;
        floorScore += w[j] * RoundingModel.componentScoreBound(conditionNumber[j], quadratic[j], xn + meanNorm[j],
            lambdaMinT[j]);
        floorHessian += w[j] * RoundingModel.precisionBound(d, conditionNumber[j], lambdaMinT[j]);
      }
    }
    for (int i = 0; i < k; i++) {
      if (i == m || ell[i] == Double.NEGATIVE_INFINITY) continue;
      if (uncertainty[i] <= MAX_LOG_TERM_UNCERTAINTY && uncertainty[m] <= MAX_LOG_TERM_UNCERTAINTY) continue;
      double influence = 1; // weights alone: an error relative to 1
      if (haveScores) {
        double spread = 0;
        for (int c = 0; c < d; c++) {
          double v = compScores[i][c] - s[c];
          spread += v * v;
        }
        double own = cu * RoundingModel.componentScoreBound(conditionNumber[i], quadratic[i], xn + meanNorm[i],
            lambdaMinT[i]);
        double su = Math.sqrt(spread) + own;
        influence = su / floorScore
            + (sqrtD / lambdaMinT[i] * (1 + cu * conditionNumber[i]) + su * su) / floorHessian;
      }
      double margin = Math.log(8 * influence / cu);
      if (ell[i] + uncertainty[i] <= ell[m] - uncertainty[m] - margin) continue;
      throw new IllConditionedException(
          "at x = " + pointText(x, off) + " the posterior weights cannot be resolved in double "
              + "precision: components " + m + " and " + i + " compete (log-terms " + ell[m] + " and "
              + ell[i] + ", uncertain by up to " + uncertainty[m] + " and " + uncertainty[i]
              + " from rounding; cond = " + conditionNumber[m] + ", " + conditionNumber[i]
              + "); use the high-precision oracle");
    }
  }

  private String pointText(double[] x, int off) {
    int d = comp.d;
    StringBuilder b = new StringBuilder("[");
    for (int c = 0; c < Math.min(d, 8); c++) b.append(c > 0 ? ", " : "").append(x[off + c]);
    return b.append(d > 8 ? ", …]" : "]").toString();
  }
}
