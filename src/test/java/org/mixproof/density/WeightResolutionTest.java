package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.Schedules;

/**
 * The weight-resolution rule as a function of its inputs (docs/claims.md §6; the formula of
 * {@link WeightResolution#checkResolved}'s Javadoc written out here): given exact log-terms, quadratic
 * forms, weights and scores at a point, the rule accepts exactly when ℓ_i + e_i ≤ ℓ_m − e_m − T_i. The
 * inputs are placed 1e-9 on either side of that boundary — far above the rule's own rounding (≈1e-14
 * of terms of size 40) and far below any change of its formula — so every term of e_i and T_i is
 * pinned, not only the side of a wide band ({@link RefusalBoundaryTest} checks the band against the
 * density's own evaluation).
 */
class WeightResolutionTest {

  static final GaussianMixture MIX = GaussianMixture.of(new double[] {0.7, 0.3}, new double[][] {{1, -2}, {-3, 0.5}},
      new double[][][] {{{2, 0.3}, {0.3, 0.5}}, {{0.2, 0}, {0, 4}}});
  static final DiffusedComponents COMP = new DiffusedComponents(MIX, Schedules.parse("vp-ou"), 0.3);
  static final double CU = RoundingModel.constantTimesU(2);

  static final double[] X = {3e7, -2e7};
  static final double[] Q = {4e14, 9e14};
  static final double[] W = {1 - 1e-30, 1e-30};
  static final double[][] SCORES = {{-1.5, 2}, {7, -30}};
  static final double[] S = {-1.5, 2};

  static double norm(double[] v) { return Math.sqrt(v[0] * v[0] + v[1] * v[1]); }

  /** e_j = c u (κ_j (q_j + d) + ρ_j √(q_j/λ_j) + L_j), ρ_j = ‖x‖ + ‖μ_j(t)‖. */
  static double e(int j, double[] q) {
    double rho = norm(X) + COMP.meanNorm[j];
    return CU * (COMP.conditionNumber[j] * (q[j] + 2) + rho * Math.sqrt(q[j] / COMP.lambdaMinT[j]) + COMP.normingSize[j]);
  }

  /** T_i = ln(8 · influence / c u), with the score and Hessian floors of the Javadoc (i = 1 competes with m = 0). */
  static double margin(boolean withScores) {
    if (!withScores) return Math.log(8 / CU);
    double xn = norm(X), floorScore = 0, floorHessian = 0;
    for (int j = 0; j < 2; j++) {
      double kappa = COMP.conditionNumber[j], lambda = COMP.lambdaMinT[j], rho = xn + COMP.meanNorm[j];
      floorScore += W[j] * (kappa * Math.sqrt(Q[j] / lambda) + rho / lambda);
      floorHessian += W[j] * Math.sqrt(2) * kappa / lambda;
    }
    double kappa = COMP.conditionNumber[1], lambda = COMP.lambdaMinT[1], rho = xn + COMP.meanNorm[1];
    double spread = Math.hypot(SCORES[1][0] - S[0], SCORES[1][1] - S[1]);
    double su = spread + CU * (kappa * Math.sqrt(Q[1] / lambda) + rho / lambda);
    double influence = su / floorScore + (Math.sqrt(2) / lambda * (1 + CU * kappa) + su * su) / floorHessian;
    return Math.log(8 * influence / CU);
  }

  static void check(double ell1, boolean withScores) {
    new WeightResolution(COMP).checkResolved(X, 0, new double[] {0, ell1}, Q, W, withScores ? SCORES : null,
        withScores ? S : null, new double[2]);
  }

  @Test
  void theBoundaryIsWhereTheDerivationPutsIt() {
    assertTrue(e(0, Q) > 1 && e(1, Q) > 1, "both log-terms uncertain beyond ½: " + e(0, Q) + ", " + e(1, Q));
    for (boolean withScores : new boolean[] {true, false}) {
      double boundary = -e(0, Q) - margin(withScores) - e(1, Q); // ℓ_1 at which ℓ_1 + e_1 = ℓ_0 − e_0 − T
      assertTrue(boundary < -30, "the margin dominates: " + boundary);
      double below = boundary - 1e-9, above = boundary + 1e-9;
      assertDoesNotThrow(() -> check(below, withScores), "scores " + withScores + ": just inside the margin");
      IllConditionedException refused = assertThrows(IllConditionedException.class, () -> check(above, withScores));
      assertTrue(refused.getMessage().startsWith("at x = [3.0E7, -2.0E7] the posterior weights cannot be resolved"),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("components 0 and 1 compete"), refused.getMessage());
    }
  }

  /**
   * The rule's inputs from the diffused components: ‖μ_i(t)‖ = a‖μ_i‖ (vp-ou, a = e^{−t}). Built here, not
   * in a static field: PIT attributes what a test class's static initialiser runs to no test.
   */
  @Test
  void theRuleReadsTheDiffusedMeanNorms() {
    DiffusedComponents comp = new DiffusedComponents(MIX, Schedules.parse("vp-ou"), 0.3);
    double a = Math.exp(-0.3);
    assertEquals(a * Math.hypot(1, -2), comp.meanNorm[0], 4 * RoundingModel.EPS * a * Math.hypot(1, -2));
    assertEquals(a * Math.hypot(-3, 0.5), comp.meanNorm[1], 4 * RoundingModel.EPS * a * Math.hypot(-3, 0.5));
  }

  @Test
  void smallUncertaintiesAndZeroWeightsNeedNoMargin() {
    WeightResolution rule = new WeightResolution(COMP);
    // near the means every e_j ≤ ½: two equal log-terms are resolved
    double[] x = {0.1, 0.2}, q = {0.5, 1.5};
    rule.checkResolved(x, 0, new double[] {-1, -1}, q, new double[] {0.5, 0.5}, SCORES, S, new double[2]);
    double[] unc = new double[2];
    double worst = rule.logTermUncertainties(x, 0, new double[] {-1, -1}, q, unc);
    double rho0 = norm(x) + COMP.meanNorm[0];
    double e0 = CU * (COMP.conditionNumber[0] * (q[0] + 2) + rho0 * Math.sqrt(q[0] / COMP.lambdaMinT[0]) + COMP.normingSize[0]);
    assertEquals(e0, unc[0], 1e-12 * e0);
    assertEquals(Math.max(unc[0], unc[1]), worst);
    // a component of weight 0 (ℓ = −∞) carries no uncertainty and never competes, however far out
    double worstFar = rule.logTermUncertainties(X, 0, new double[] {0, Double.NEGATIVE_INFINITY}, Q, unc);
    assertEquals(0, unc[1]);
    assertEquals(e(0, Q), worstFar, 1e-12 * worstFar);
    assertDoesNotThrow(() -> rule.checkResolved(X, 0, new double[] {0, Double.NEGATIVE_INFINITY}, Q, new double[] {1, 0},
        SCORES, S, new double[2]));
    // an offset into a batch row: the point is read from x[off .. off + d)
    double[] rows = {9, 9, X[0], X[1]};
    assertThrows(IllConditionedException.class, () -> rule.checkResolved(rows, 2, new double[] {0, -1}, Q, W, SCORES, S,
        new double[2]));
  }

  @Test
  void aLongPointIsAbbreviatedInTheMessage() {
    int d = 9;
    double[] mean = new double[d], far = new double[d];
    double[][] cov = new double[d][d];
    for (int j = 0; j < d; j++) {
      cov[j][j] = 1 + j;
      far[j] = 1e6 + j;
    }
    double[] other = mean.clone();
    other[0] = 1e-3;
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {mean, other}, new double[][][] {cov, cov});
    DiffusedComponents comp = new DiffusedComponents(m, Schedules.parse("vp-ou"), 0.3);
    IllConditionedException e = assertThrows(IllConditionedException.class, () -> new WeightResolution(comp)
        .checkResolved(far, 0, new double[] {0, -1e-3}, new double[] {1e13, 1e13}, new double[] {0.5, 0.5}, null, null,
            new double[2]));
    assertTrue(e.getMessage().startsWith("at x = [1000000.0, 1000001.0, 1000002.0, 1000003.0, 1000004.0, 1000005.0, "
        + "1000006.0, 1000007.0, …] "), e.getMessage());
  }

  /**
   * The batch pre-check gives, lane by lane, the point rule's largest e_i to the last bit where every ℓ_i
   * is finite (its contract), also when its scratch (‖x‖ per lane) and output are reused for a second
   * block whose points are smaller: points at ‖x‖ below and above 1 (a square root missed would show on
   * both sides), the second block's values below the first's (a maximum carried over would show).
   */
  @Test
  void thePreCheckIsThePointRuleLaneByLane() {
    WeightResolution rule = new WeightResolution(COMP);
    int lanes = 5;
    double[] xn = new double[lanes], worst = new double[lanes];
    for (double scale : new double[] {40, 0.3}) {
      double[][] xt = new double[2][lanes], qt = new double[2][lanes];
      double[][] points = new double[lanes][];
      for (int p = 0; p < lanes; p++) {
        points[p] = new double[] {scale * (p - 2), scale * (0.5 * p - 1.25)};
        xt[0][p] = points[p][0];
        xt[1][p] = points[p][1];
        for (int i = 0; i < 2; i++) qt[i][p] = 0.5 + p + 3 * i; // any ‖z_i‖²: both rules read the same
      }
      rule.worstLogTermUncertainties(xt, qt, xn, worst);
      for (int p = 0; p < lanes; p++) {
        double expected = rule.logTermUncertainties(points[p], 0, new double[] {-1, -2},
            new double[] {qt[0][p], qt[1][p]}, new double[2]);
        assertEquals(expected, worst[p], 0, "scale " + scale + ", lane " + p);
      }
    }
  }

  /**
   * The Hessian part's factor (1 + c u κ_i) where it counts: component 1 of diag(10⁻⁶, λ) with c u κ_1 = ½
   * (d = 2, ve-linear at t = 0, so Σ_t = Σ), whose √d/λ_1 = 1.4e6 dwarfs the floors and |s_1 − s|², so
   * the influence (88 % of it) carries the factor 1.5 (a slip to 1 − c u κ, c u / κ or a division by it moves the
   * margin by ln 3 or ln 1.5 to ln 2.25). The boundary from the Javadoc's formula, as above, ±1e-9.
   */
  @Test
  void theConditionFactorOfTheHessianPart() {
    double cu = RoundingModel.constantTimesU(2), kappa = 0.5 / cu;
    GaussianMixture mix = GaussianMixture.of(new double[] {0.7, 0.3}, new double[][] {{1, -2}, {-3, 0.5}},
        new double[][][] {{{2, 0.3}, {0.3, 0.5}}, {{1e-6, 0}, {0, 1e-6 * kappa}}});
    DiffusedComponents comp = new DiffusedComponents(mix, Schedules.parse("ve-linear"), 0);
    assertEquals(0.5, cu * comp.conditionNumber[1], 1e-15, "c u κ_1");
    double[] x = {3e7, -2e7}, q = {4e14, 1}, w = {1 - 1e-30, 1e-30};
    double[][] scores = {{-1.5, 2}, {7, -30}};
    double[] sc = {-1.5, 2};
    double xn = norm(x);
    double[] e = new double[2];
    for (int j = 0; j < 2; j++) {
      double rho = xn + comp.meanNorm[j];
      e[j] = cu * (comp.conditionNumber[j] * (q[j] + 2) + rho * Math.sqrt(q[j] / comp.lambdaMinT[j]) + comp.normingSize[j]);
    }
    double floorScore = 0, floorHessian = 0;
    for (int j = 0; j < 2; j++) {
      double k = comp.conditionNumber[j], lambda = comp.lambdaMinT[j], rho = xn + comp.meanNorm[j];
      floorScore += w[j] * (k * Math.sqrt(q[j] / lambda) + rho / lambda);
      floorHessian += w[j] * Math.sqrt(2) * k / lambda;
    }
    double k1 = comp.conditionNumber[1], l1 = comp.lambdaMinT[1], rho1 = xn + comp.meanNorm[1];
    double su = Math.hypot(scores[1][0] - sc[0], scores[1][1] - sc[1]) + cu * (k1 * Math.sqrt(q[1] / l1) + rho1 / l1);
    double hessianPart = Math.sqrt(2) / l1 * (1 + cu * k1) / floorHessian;
    double influence = su / floorScore + (Math.sqrt(2) / l1 * (1 + cu * k1) + su * su) / floorHessian;
    assertTrue(hessianPart > 0.8 * influence, "the Hessian part dominates: " + hessianPart + " of " + influence);
    double boundary = -e[0] - Math.log(8 * influence / cu) - e[1];
    WeightResolution rule = new WeightResolution(comp);
    assertDoesNotThrow(() -> rule.checkResolved(x, 0, new double[] {0, boundary - 1e-9}, q, w, scores, sc, new double[2]));
    assertThrows(IllConditionedException.class,
        () -> rule.checkResolved(x, 0, new double[] {0, boundary + 1e-9}, q, w, scores, sc, new double[2]));
  }
}
