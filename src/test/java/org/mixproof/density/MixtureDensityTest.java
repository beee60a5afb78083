package org.mixproof.density;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;
import org.mixproof.schedule.VpOu;

/** Exact, deterministic facts about the closed-form time-t mixture (docs/claims.md M1, §2, §7). */
class MixtureDensityTest {

  /**
   * d = 1, π = (½, ½), μ = ±m, σ² = 1 at vp-ou t = ln 2 (a = ½, b² = ¾, so Σ(t) = 1, μ(t) = ±m/2):
   * s(x) = −x + c tanh(c x) and H(x) = −1 + c² sech²(c x) with c = m/2 — the README's hand computation.
   */
  @Test
  void symmetricTwoComponentCaseMatchesTheTanhClosedForm() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}},
        new double[][][] {{{1}}, {{1}}});
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), Math.log(2));
    assertEquals(0.5, p.a(), EPS);
    assertEquals(0.75, p.b2(), EPS);
    for (double x : new double[] {-3, -0.5, 0, 0.5, 1, 4}) {
      double c = 1;
      double th = Math.tanh(c * x);
      PointEvaluation e = p.evaluate(new double[] {x});
      // terms are O(1 + |x|): a few ulps of that
      double tol = 8 * EPS * (1 + Math.abs(x));
      assertEquals(-x + c * th, e.score()[0], tol, "score at " + x);
      assertEquals(-1 + c * c * (1 - th * th), e.hessian()[0][0], tol, "hessian at " + x);
      assertEquals(1 / (1 + Math.exp(2 * c * x)), e.weights()[0], tol, "weight at " + x);
      // log p = −½ log 2π − x²/2 − c²/2 + log cosh(c x)
      double logCosh = Math.abs(c * x) + Math.log1p(Math.exp(-2 * Math.abs(c * x))) - Math.log(2);
      double lp = -0.5 * Math.log(2 * Math.PI) - 0.5 * x * x - 0.5 * c * c + logCosh;
      assertEquals(lp, e.logDensity(), 8 * EPS * (1 + x * x), "log p at " + x);
    }
  }

  /** score.gaussian (exact): for k = 1, H ≡ −P(t) everywhere; P(t) here from an independent LU inverse. */
  @Test
  void scoreGaussianHessianIsMinusThePrecision() {
    Random rnd = new Random(20261122);
    int d = 5;
    double[][] cov = randomSpd(rnd, d, 1e3);
    double[] mu = new double[d];
    for (int j = 0; j < d; j++) mu[j] = rnd.nextGaussian();
    GaussianMixture g = GaussianMixture.gaussian(mu, cov);
    for (String spec : new String[] {"vp-ou", "vp-linear", "ve-geometric", "ve-linear"}) {
      NoiseSchedule s = Schedules.parse(spec);
      double t = 0.3;
      MixtureDensity p = MixtureDensity.at(g, s, t);
      DMatrixRMaj covT = new DMatrixRMaj(d, d);
      for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) {
        covT.set(r, c, p.a() * p.a() * cov[r][c] + (r == c ? p.b2() : 0));
      }
      DMatrixRMaj inv = covT.copy();
      assertTrue(CommonOps_DDRM.invert(inv));
      double scale = CommonOps_DDRM.elementMaxAbs(inv);
      double cond = p.conditionNumber(0);
      for (int n = 0; n < 5; n++) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) x[j] = 3 * rnd.nextGaussian();
        double[][] h = p.hessian(x);
        for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) {
          // two inverses of the same matrix differ by ≤ c·d·u·cond·‖P‖ (backward-stable solves)
          assertEquals(-inv.get(r, c), h[r][c], 4 * d * EPS * cond * scale, spec + " H[" + r + "][" + c + "]");
        }
      }
    }
  }

  /** Far out, every component density underflows, yet log p, weights and the score stay finite. */
  @Test
  void farPointsGiveFiniteLogDensityAndScore() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.25, 0.75}, new double[][] {{0, 0}, {3, 0}},
        new double[][][] {{{1, 0}, {0, 1}}, {{2, 0}, {0, 0.5}}});
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), 0.01);
    for (double r : new double[] {1e3, 1e6, 1e100}) {
      double[] x = {r, -r};
      PointEvaluation e = p.evaluate(x);
      assertTrue(Double.isFinite(e.logDensity()) && e.logDensity() < -700, "log p = " + e.logDensity());
      assertTrue(Double.isFinite(e.score()[0]) && Double.isFinite(e.score()[1]));
      // component 0 dominates along (r, −r): its quadratic form ≈ 2r² against ≈ 2.5r² for component 1
      // (variances 2 and ½), so s ≈ s_0 = −P_0(t)(x − μ_0(t)), P_0 diagonal
      double[][] prec = p.precision(0);
      double[] mu = p.mean(0);
      double s0 = -prec[0][0] * (x[0] - mu[0]);
      // s_0's rounding (docs/claims.md §6): c u (κ_0 √(q_0/λ_0) + ρ_0/λ_0); P_0 is diagonal here
      double q0 = prec[0][0] * (x[0] - mu[0]) * (x[0] - mu[0]) + prec[1][1] * (x[1] - mu[1]) * (x[1] - mu[1]);
      double lambda0 = 1 / Math.max(prec[0][0], prec[1][1]);
      double rho0 = Math.hypot(x[0], x[1]) + Math.hypot(mu[0], mu[1]);
      double tol = RoundingModel.constantTimesU(2) * RoundingModel.componentScoreBound(p.conditionNumber(0), q0, rho0, lambda0);
      assertEquals(s0, e.score()[0], tol);
      assertEquals(1.0, e.weights()[0] + e.weights()[1], 4 * EPS);
    }
  }

  @Test
  void zeroWeightComponentIsIgnored() {
    GaussianMixture withZero = GaussianMixture.of(new double[] {0, 1}, new double[][] {{5}, {0}},
        new double[][][] {{{1}}, {{2}}});
    GaussianMixture single = GaussianMixture.gaussian(new double[] {0}, new double[][] {{2}});
    MixtureDensity a = MixtureDensity.at(withZero, new VpOu(), 0.2);
    MixtureDensity b = MixtureDensity.at(single, new VpOu(), 0.2);
    double[] x = {1.7};
    assertEquals(b.logDensity(x), a.logDensity(x), 0.0);
    assertArrayEquals(b.score(x), a.score(x), 0.0);
    assertArrayEquals(new double[] {0, 1}, a.weights(x), 0.0);
  }

  // ---- docs/claims.md §7

  @Test
  void inputSingularDataAtTimeZeroIsRejected() {
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 1}, {1, 1}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MixtureDensity.at(line, new VpOu(), 0));
    assertTrue(e.getMessage().contains("covariances[0] is singular") && e.getMessage().contains("t = 0"),
        e.getMessage());
    // at t > 0 the time-t covariance is positive definite: λmin(t) = b_t²
    MixtureDensity p = MixtureDensity.at(line, new VpOu(), 1e-6);
    assertEquals(p.b2(), p.lambdaMin(), 0.0);
    assertTrue(Double.isFinite(p.logDensity(new double[] {0.1, -0.1})));
  }

  @Test
  void inputTimeOutOfRangeOrNan() {
    GaussianMixture g = GaussianMixture.gaussian(new double[] {0}, new double[][] {{1}});
    for (double t : new double[] {-1, Double.NaN, 1.5}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MixtureDensity.at(g, Schedules.parse("vp-linear"), t));
      assertTrue(e.getMessage().contains("was " + t), e.getMessage());
    }
  }

  @Test
  void inputPointsOfWrongDimensionOrNotFinite() {
    MixtureDensity p = MixtureDensity.at(GaussianMixture.gaussian(new double[] {0, 0},
        new double[][] {{1, 0}, {0, 1}}), new VpOu(), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.score(new double[] {1}));
    assertTrue(e.getMessage().contains("x has dimension 1 but the mixture has d = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.hessian(new double[] {1, Double.NaN}));
    assertTrue(e.getMessage().contains("x[1] must be finite, was NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.logDensity(new DMatrixRMaj(4, 3)));
    assertTrue(e.getMessage().contains("points has 3 columns but the mixture has dimension d = 2"), e.getMessage());
    DMatrixRMaj bad = new DMatrixRMaj(4, 2);
    bad.set(2, 1, Double.POSITIVE_INFINITY);
    e = assertThrows(IllegalArgumentException.class, () -> p.logDensityAndScore(bad));
    assertTrue(e.getMessage().contains("points[2][1] must be finite, was Infinity"), e.getMessage());
  }

  @Test
  void inputTooIllConditionedToFactorIsSaidNotGuessed() {
    // singular data at t = 1e-17: λmin(t) = b² = 2e-17, λmax(t) ≈ 2, cond = 1e17 > 1/(d u)
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 1}, {1, 1}});
    IllConditionedException e = assertThrows(IllConditionedException.class,
        () -> MixtureDensity.at(line, new VpOu(), 1e-17));
    assertTrue(e.getMessage().contains("condition number"), e.getMessage());
  }

  /** Random SPD matrix with condition number cond: rotation from a QR of a Gaussian matrix. */
  static double[][] randomSpd(Random rnd, int d, double cond) {
    DMatrixRMaj g = new DMatrixRMaj(d, d);
    for (int i = 0; i < d * d; i++) g.data[i] = rnd.nextGaussian();
    var qr = org.ejml.dense.row.factory.DecompositionFactory_DDRM.qr(d, d);
    qr.decompose(g);
    DMatrixRMaj q = qr.getQ(null, false);
    double[][] out = new double[d][d];
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) {
      double v = 0;
      for (int j = 0; j < d; j++) v += q.get(r, j) * Math.pow(cond, (double) j / Math.max(1, d - 1)) * q.get(c, j);
      out[r][c] = v;
    }
    for (int r = 0; r < d; r++) for (int c = r + 1; c < d; c++) out[c][r] = out[r][c];
    return out;
  }
}
