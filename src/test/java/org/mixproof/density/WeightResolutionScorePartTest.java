package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.Schedules;

/**
 * The score part of the refusal rule's influence term (WeightResolution's Javadoc written out): d = 2,
 * unequal covariances, |s_i − s| = 2 — large enough that su² (4 against the Hessian floor's √d/λ_i) and
 * su/floorScore (≈ 1e-8 of the influence, i.e. a margin change ≈ 2e-8) both move the boundary by more than
 * the ±1e-9 at which ℓ_1 is placed, while the rule's own rounding (≈ 1e-14 of terms of size ≈ 100) is far
 * below it. Fixtures are built in the test method (PIT attributes static initialisers to no test).
 */
class WeightResolutionScorePartTest {

  @Test
  void theScorePartOfTheInfluenceMovesTheBoundary() {
    GaussianMixture mix = GaussianMixture.of(new double[] {0.7, 0.3}, new double[][] {{1, -2}, {-3, 0.5}},
        new double[][][] {{{2, 0.3}, {0.3, 0.5}}, {{0.2, 0}, {0, 4}}});
    DiffusedComponents comp = new DiffusedComponents(mix, Schedules.parse("vp-ou"), 0.3);
    double cu = RoundingModel.constantTimesU(2);
    double[] x = {3e7, -2e7}, q = {4e14, 9e14}, w = {1 - 1e-30, 1e-30}, s = {-1.5, 2};
    double[][] scores = {{-1.5, 2}, {-0.3, 0.4}}; // s_1 − s = (1.2, −1.6): |s_1 − s| = 2
    double xn = Math.hypot(x[0], x[1]);
    double[] e = new double[2];
    double floorScore = 0, floorHessian = 0;
    for (int j = 0; j < 2; j++) {
      double kappa = comp.conditionNumber[j], lambda = comp.lambdaMinT[j], rho = xn + comp.meanNorm[j];
      e[j] = cu * (kappa * (q[j] + 2) + rho * Math.sqrt(q[j] / lambda) + comp.normingSize[j]);
      floorScore += w[j] * (kappa * Math.sqrt(q[j] / lambda) + rho / lambda);
      floorHessian += w[j] * Math.sqrt(2) * kappa / lambda;
    }
    double kappa = comp.conditionNumber[1], lambda = comp.lambdaMinT[1], rho = xn + comp.meanNorm[1];
    double su = 2 + cu * (kappa * Math.sqrt(q[1] / lambda) + rho / lambda);
    double scorePart = su / floorScore, hessianPart = (Math.sqrt(2) / lambda * (1 + cu * kappa) + su * su) / floorHessian;
    double influence = scorePart + hessianPart;
    // the premises of the Javadoc's case: both log-terms uncertain beyond ½; the score parts matter at 1e-9
    assertTrue(e[0] > 0.5 && e[1] > 0.5);
    assertTrue(scorePart / influence > 5e-9, "su/floorScore moves the margin by " + 2 * scorePart / influence);
    assertTrue(su * su / floorHessian > 0.1 * influence, "su² is a large part of the Hessian term");
    double boundary = -e[0] - Math.log(8 * influence / cu) - e[1];
    assertTrue(Math.abs(boundary) < 1e3, "terms of size ≤ 1e3: rounding ≤ 1e-12, far below 1e-9: " + boundary);
    WeightResolution rule = new WeightResolution(comp);
    assertDoesNotThrow(() -> rule.checkResolved(x, 0, new double[] {0, boundary - 1e-9}, q, w, scores, s, new double[2]));
    assertThrows(IllConditionedException.class,
        () -> rule.checkResolved(x, 0, new double[] {0, boundary + 1e-9}, q, w, scores, s, new double[2]));
  }
}
