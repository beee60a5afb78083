package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;

/**
 * The TV bracket's lower end is max_j TV_j, found from the coordinate with the largest Pinsker bound
 * √(KL_j/2) and skipping only coordinates whose bound cannot beat the running maximum. Two cases where
 * the pruning matters, each with the 1-D TVs in closed form: (a) the largest TV sits on a coordinate
 * whose Pinsker bound is not the largest (a variance ratio of 100 against a mean shift of 2), so it must
 * still be evaluated; (b) a coordinate with a huge KL (mean shift 8) and one with a tiny KL (shift 0.2),
 * where a bound that fell with KL instead of growing would skip the largest TV.
 */
class TvBracketPruningTest {

  static final NormalDistribution STD = NormalDistribution.of(0, 1);

  /** TV(N(0, 1), N(Δ, 1)) = 2Φ(|Δ|/2) − 1. */
  static double shiftTv(double delta) { return 2 * STD.cumulativeProbability(Math.abs(delta) / 2) - 1; }

  /** TV(N(0, 1), N(0, σ²)) = 2(Φ(c) − Φ(c/σ)), the densities crossing at ±c, c² = 2 log σ / (1 − 1/σ²). */
  static double scaleTv(double sigma) {
    double c = Math.sqrt(2 * Math.log(sigma) / (1 - 1 / (sigma * sigma)));
    return 2 * (STD.cumulativeProbability(c) - STD.cumulativeProbability(c / sigma));
  }

  @Test
  void theLargestTvIsFoundWhereverItsBoundRanks() {
    double tol = 16 * RoundingModel.EPS; // a few Φ values, each within a few ε, and their differences
    // (a) coordinate 0: variance 1 vs 100 (TV ≈ 0.798, Pinsker ≈ 0.95); coordinate 1: shift 2 (TV ≈ 0.683, Pinsker 1)
    DiagonalGaussian p = new DiagonalGaussian(new double[] {0, 0}, new double[] {1, 1});
    DiagonalGaussian q = new DiagonalGaussian(new double[] {0, 2}, new double[] {100, 1});
    double a = Math.max(scaleTv(10), shiftTv(2));
    assertEquals(scaleTv(10), a, 0, "the variance coordinate has the larger TV");
    assertEquals(a, Divergences.tvBracket(p, q).lower(), tol);
    assertEquals(a, Divergences.summary(p, q).tv().lower(), tol);
    // (b) shifts 0.2 and 8: the second's TV ≈ 1 − 6e-5 is the maximum
    DiagonalGaussian r = new DiagonalGaussian(new double[] {0.2, 8}, new double[] {1, 1});
    double b = shiftTv(8);
    assertEquals(b, Divergences.tvBracket(p, r).lower(), tol);
    assertEquals(b, Divergences.summary(p, r).tv().lower(), tol);
  }

  /** KL(P ‖ Q) with P singular (all its mass on a line Q gives measure 0) is +∞. */
  @Test
  void klFromASingularLawIsInfinite() {
    double[][] singular = {{1, 0}, {0, 0}}, full = {{1, 0}, {0, 1}};
    assertEquals(Double.POSITIVE_INFINITY, Divergences.kl(new double[2], singular, new double[2], full));
  }
}
