package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.density.PointEvaluation;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/**
 * The oracle and the double code on hand-built cases of docs/claims.md §6: a far tie is refused (its
 * log p is not), a far point with one dominant component agrees, and both sides use one constant. The
 * generated cases of {@code oracle.agreement}, {@code oracle.finite} and {@code oracle.ill-conditioned},
 * judged by their claim files, are in {@code claim.quantity.OracleProperties}.
 */
class OracleAgreementTest {

  static final int DIGITS = OracleDensity.MIN_DIGITS;

  /**
   * A far tie between two Gaussians with unordered covariances (docs/claims.md lipschitz.global-unequal,
   * slightly perturbed so the tie is not exact by symmetry): at 1e7 the log-terms are about −5e13 and
   * their rounding is ±10², so the double code cannot say which component carries the weight. It
   * must refuse the score, while log p — a log-sum-exp, 1-Lipschitz in the log-terms — is returned
   * within tolerance.
   */
  @Test
  void aFarTieIsRefusedButItsLogDensityIsNot() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {0, 0}},
        new double[][][] {{{1, 0}, {0, 4}}, {{4, 0}, {0, 1.000001}}});
    VpOu s = new VpOu();
    double t = 1e-3;
    OracleDensity o = OracleDensity.at(m, s, t, DIGITS);
    double[] x = IllConditionedCases.tieForTest(o, 0, 1, new double[] {1e7, 1e7}, new double[] {1, -1});
    OracleEvaluation oe = o.evaluate(x);
    double[] w = oe.weightValues();
    assertTrue(w[0] > 0.1 && w[1] > 0.1, "a genuine tie: weights " + Arrays.toString(w));
    MixtureDensity p = MixtureDensity.at(m, s, t);
    IllConditionedException ex = assertThrows(IllConditionedException.class, () -> p.score(x));
    assertTrue(ex.getMessage().contains("posterior weights cannot be resolved"), ex.getMessage());
    assertThrows(IllConditionedException.class, () -> p.weights(x));
    double lp = p.logDensity(x);
    RoundingBound b = RoundingBound.of(oe);
    double err = Math.abs(lp - oe.logDensityValue());
    assertTrue(err <= MixtureDensity.roundingConstant(2) * RoundingBound.UNIT_ROUNDOFF * b.kappa() * b.logDensityScale(),
        "log p error " + err);
  }

  /**
   * Far out along one component's axis the other is negligible: a single dominant weight is resolved
   * however uncertain its own log-term (±10³ here), and everything agrees within c·u·κ.
   */
  @Test
  void aFarPointWithOneDominantComponentIsAccepted() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {0, 0}},
        new double[][][] {{{1, 0}, {0, 4}}, {{4, 0}, {0, 1}}});
    double[] x = {1e7, 0};
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), 1e-3);
    PointEvaluation e = p.evaluate(x);
    OracleEvaluation oe = OracleDensity.at(m, new VpOu(), 1e-3, DIGITS).evaluate(x);
    Agreement a = Agreement.of(oe, e.logDensity(), e.weights(), e.score(), e.hessian());
    assertTrue(a.withinTolerance(), a.toString());
    // along x the second component's variance is 4 against 1: its weight is 1, the other's e^{−3.75e13}
    assertTrue(e.weights()[0] == 0 && e.weights()[1] == 1, "component 1 dominates: " + Arrays.toString(e.weights()));
  }

  /** The double code's refusal rule and the agreement check use the same c (oracle/ may not import density/). */
  @Test
  void bothSidesUseTheSameConstant() {
    for (int d = 1; d <= 64; d++) {
      assertTrue(MixtureDensity.roundingConstant(d) == RoundingBound.constant(d), "c differs at d = " + d);
    }
  }
}
