package org.mixproof.density.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.Schedules;

/**
 * The scales the identities' tolerances are built from, against closed forms: three components with
 * diagonal covariances under vp-ou, so Σ_i(t) = diag(a²σ²_ic + b²), P_i = its inverse, s_i = −P_i(x − aμ_i),
 * ‖P_i‖ = 1/min_c(a²σ²_ic + b²), κ_i = max/min — each scale written out from its Javadoc.
 */
class ComponentTermsTest {

  static final double T = 0.4;
  static final double[][] MEANS = {{1, -2}, {-0.5, 0.25}, {3, 1}};
  static final double[][] VARS = {{2, 0.5}, {0.25, 0.25}, {1, 4}};
  static final double[] X = {0.7, -1.3};

  @Test
  void eachScaleIsItsDefinition() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.2, 0.5, 0.3}, MEANS,
        new double[][][] {diag(VARS[0]), diag(VARS[1]), diag(VARS[2])});
    MixtureDensity p = MixtureDensity.at(m, Schedules.parse("vp-ou"), T);
    ComponentTerms terms = new ComponentTerms(p, X);
    double a = Math.exp(-T), b2 = -Math.expm1(-2 * T);
    double[][] s = new double[3][2];
    double maxScore = 0, maxPrecision = 0, maxTerm = 0, worst = 0;
    for (int i = 0; i < 3; i++) {
      double v0 = a * a * VARS[i][0] + b2, v1 = a * a * VARS[i][1] + b2;
      double r0 = X[0] - a * MEANS[i][0], r1 = X[1] - a * MEANS[i][1];
      s[i][0] = -r0 / v0;
      s[i][1] = -r1 / v1;
      double pn = 1 / Math.min(v0, v1), kappa = Math.max(v0, v1) / Math.min(v0, v1), rn = Math.hypot(r0, r1);
      double sn = Math.hypot(s[i][0], s[i][1]), mn = a * Math.hypot(MEANS[i][0], MEANS[i][1]);
      double tol = 64 * RoundingModel.EPS; // closed forms in double against 34-digit references: a few roundings
      assertEquals(pn, terms.precisionNorm[i], tol * pn, "‖P_" + i + "‖");
      assertEquals(kappa, terms.conditions[i], tol * kappa, "κ_" + i);
      assertEquals(rn, terms.residualNorm[i], tol * rn, "‖x − μ_" + i + "(t)‖");
      assertEquals(mn, terms.meanNorm[i], tol * mn, "‖μ_" + i + "(t)‖");
      assertEquals(s[i][0], terms.scores[i][0], tol * sn, "s_" + i);
      assertEquals(s[i][1], terms.scores[i][1], tol * sn, "s_" + i);
      maxScore = Math.max(maxScore, sn);
      maxPrecision = Math.max(maxPrecision, pn);
      maxTerm = Math.max(maxTerm, pn * rn);
      worst = Math.max(worst, pn * rn * rn + 3 * (kappa / pn * sn * sn + kappa) + sn * mn);
    }
    double spread = 0;
    for (int i = 0; i < 3; i++) for (int j = i + 1; j < 3; j++) spread = Math.max(spread, Math.hypot(s[i][0] - s[j][0], s[i][1] - s[j][1]));
    double tol = 64 * RoundingModel.EPS;
    assertEquals(maxScore, terms.maxScoreNorm(), tol * maxScore);
    assertEquals(maxPrecision, terms.maxPrecisionNorm(), tol * maxPrecision);
    assertEquals(spread, terms.maxScoreSpread(), tol * spread);
    assertEquals(maxTerm, terms.maxScoreTermSize(), tol * maxTerm);
    double logDensity = -3.25;
    assertEquals(1 + 3.25 + worst, terms.logDensityTerms(logDensity), tol * worst);
    assertEquals(Math.max(Math.max(terms.conditions[0], terms.conditions[1]), terms.conditions[2]), terms.maxCondition, 0);
  }

  @Test
  void residualRatiosAndResolvableSteps() {
    assertEquals(0.25, Residual.ratio(0.5, 2), 0);
    assertEquals(0, Residual.ratio(0, 0), 0, "an exact agreement counts 0 even at scale 0");
    // x ± h/2 must stand 64 ulps from x: at h/2 = 64 ulp(x) exactly, and one ulp of h below
    double h = 128 * Math.ulp(3.0);
    assertEquals(true, CentralDifference.resolvable(3.0, h));
    assertEquals(false, CentralDifference.resolvable(3.0, Math.nextDown(h)));
  }

  static double[][] diag(double[] v) { return new double[][] {{v[0], 0}, {0, v[1]}}; }
}
