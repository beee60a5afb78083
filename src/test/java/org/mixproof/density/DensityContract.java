package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.U;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The contract every density implementation meets, in the EJML manner: one abstract test, run on the
 * single-point path ({@link PointPathContractTest}), the batch path ({@link BatchPathContractTest}) and
 * the 60-digit oracle ({@link OracleContractTest}). Expected values are closed forms written here:
 * <ul>
 *   <li>one Gaussian with a non-zero mean and a full covariance under vp-linear (β varies with t, and
 *       a_t ≈ 0.63, so using μ instead of a_t μ shows): log p, s = −P_t(x − a_t μ), H = −P_t;
 *   <li>the symmetric pair ½N(±μ, Σ) at points of its tie line, where both weights are ½, s = −P_t x and
 *       H = −P_t + (P_t μ_t)(P_t μ_t)ᵀ — with μ an eigenvector of Σ and x one of the other eigenvector,
 *       so the tie is exact for the doubles given;
 *   <li>components of weight 0 contribute nothing: their weight is exactly 0 and the rest is the
 *       closed form of the others;
 *   <li>a point where two components compete and their log-terms are uncertain by far more than ½ in
 *       double: an implementation that {@link #refusesUnresolvable() refuses} must throw
 *       {@link IllConditionedException}; one that evaluates must agree with the closed form there;
 *   <li>a point of the wrong length, or holding NaN or ∞, is an IllegalArgumentException (not a refusal)
 *       whose message names the parameter and the value.
 * </ul>
 *
 * <p>Tolerances: the implementation's own allowance ({@link #allowance}: c(d)·u times the a-priori
 * bound of docs/claims.md §6 for the double code, u|value| for a correctly rounded oracle), plus the
 * error of the closed form as this test computes it in double: {@link #TEST_SIDE}.
 */
abstract class DensityContract {

  /** One point's log p, weights, score and Hessian, in doubles. */
  record Values(double logDensity, double[] weights, double[] score, double[][] hessian) {}

  /** Evaluates every point of {@code xs} (a batch implementation in one batch). */
  abstract List<Values> evaluate(GaussianMixture m, NoiseSchedule s, double t, double[]... xs);

  /** True when the implementation refuses what double precision cannot resolve; false when it evaluates it. */
  abstract boolean refusesUnresolvable();

  /** The parameter an input message must name ("x" for a point, "points" for a batch). */
  abstract String pointParameter();

  /**
   * The implementation's own error allowed on a result of exact value {@code value}, whose a-priori
   * rounding bound (docs/claims.md §6, RoundingModel's per-component terms) is {@code model} in units
   * of c(d)·u.
   */
  abstract double allowance(int d, double model, double value);

  /**
   * The closed forms below take at most 8 roundings (each ≤ u) of terms no larger than the size they
   * are checked against, after a 2×2 inverse whose determinant cancels by at most κ: 16 κ u size.
   */
  static final double TEST_SIDE = 16 * U;

  static final NoiseSchedule VP_LINEAR = Schedules.parse("vp-linear:0.1,20");
  static final NoiseSchedule VP_OU = Schedules.parse("vp-ou");

  // ------------------------------------------------------------------ one Gaussian

  static final double[] MU = {1.5, -2};
  static final double[][] SIGMA = {{2, 0.6}, {0.6, 1}};
  static final double T_GAUSSIAN = 0.3;
  static final double[][] GAUSSIAN_POINTS = {{0.4, 1.1}, {-2.5, 0.7}, {3, -3}, {0.2, -0.9}};

  @Test
  void oneGaussianHasItsClosedForms() {
    GaussianMixture g = GaussianMixture.gaussian(MU, SIGMA);
    checkAll(g, VP_LINEAR, T_GAUSSIAN, GAUSSIAN_POINTS, x -> gaussian(VP_LINEAR, T_GAUSSIAN, x, new double[] {1}));
  }

  /** The closed form of N(a μ, a² Σ + b² I) at x, for a mixture whose live component is that Gaussian. */
  static Expected gaussian(NoiseSchedule s, double t, double[] x, double[] weights) {
    double a = s.a(t), b2 = s.b2(t), a2 = a * a;
    double s11 = a2 * SIGMA[0][0] + b2, s12 = a2 * SIGMA[0][1], s22 = a2 * SIGMA[1][1] + b2;
    double det = s11 * s22 - s12 * s12;
    double[][] p = {{s22 / det, -s12 / det}, {-s12 / det, s11 / det}};
    double[] r = {x[0] - a * MU[0], x[1] - a * MU[1]};
    double[] pr = {p[0][0] * r[0] + p[0][1] * r[1], p[1][0] * r[0] + p[1][1] * r[1]};
    double q = r[0] * pr[0] + r[1] * pr[1];
    double logp = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
    double half = Math.sqrt((s11 - s22) * (s11 - s22) / 4 + s12 * s12), mid = (s11 + s22) / 2;
    double lo = mid - half, hi = mid + half, kappa = hi / lo;
    double rho = Math.hypot(x[0], x[1]) + a * Math.hypot(MU[0], MU[1]);
    Model model = new Model(2).component(1, kappa, lo, hi, q, rho, 0);
    double pNorm = 1 / lo;
    return new Expected(logp, weights, new double[] {-pr[0], -pr[1]}, new double[][] {{-p[0][0], -p[0][1]}, {-p[1][0], -p[1][1]}},
        kappa, Math.log(2 * Math.PI) + Math.abs(Math.log(det)) + q, pNorm * Math.hypot(r[0], r[1]), pNorm, model);
  }

  // ------------------------------------------------------------------ the symmetric pair at its tie

  /** Σ (3, 4) = 3 (3, 4) and Σ (4, −3) = 1.4375 (4, −3), exactly in doubles. */
  static final double[][] SIGMA_PAIR = {{2, 0.75}, {0.75, 2.4375}};
  static final double L1 = 3, L2 = 1.4375;
  static final double[] V1 = {0.6, 0.8}, V2 = {0.8, -0.6};

  @Test
  void theSymmetricPairAtItsTieHasWeightsOneHalf() {
    double[] mu = {0.75, 1}; // (5/4) v1
    GaussianMixture pair = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {mu, {-0.75, -1}},
        new double[][][] {SIGMA_PAIR, SIGMA_PAIR});
    double t = 0.12;
    // x = ξ v2 with ξ = 1.25 and −2.5: (x, P μ_t) = 0 exactly, since P μ_t ∥ v1
    double[][] xs = {{1, -0.75}, {-2, 1.5}, {0, 0}};
    double[] xi = {1.25, -2.5, 0};
    NoiseSchedule s = VP_LINEAR;
    double a = s.a(t), b2 = s.b2(t);
    double l1 = a * a * L1 + b2, l2 = a * a * L2 + b2, m = 1.25 * a; // eigenvalues of Σ_t, ‖μ_t‖
    checkAll(pair, s, t, xs, x -> {
      int n = x == xs[0] ? 0 : x == xs[1] ? 1 : 2;
      double logp = -Math.log(2 * Math.PI) - 0.5 * Math.log(l1 * l2) - 0.5 * (m * m / l1 + xi[n] * xi[n] / l2);
      double[] score = {-xi[n] / l2 * V2[0], -xi[n] / l2 * V2[1]};
      double c1 = -1 / l1 + (m / l1) * (m / l1), c2 = -1 / l2; // H = c1 v1v1ᵀ + c2 v2v2ᵀ
      double[][] h = new double[2][2];
      for (int r = 0; r < 2; r++) for (int c = 0; c < 2; c++) h[r][c] = c1 * V1[r] * V1[c] + c2 * V2[r] * V2[c];
      double kappa = l1 / l2, q = m * m / l1 + xi[n] * xi[n] / l2, rho = Math.abs(xi[n]) + m, spread = m / l1;
      Model model = new Model(2).component(0.5, kappa, l2, l1, q, rho, spread).component(0.5, kappa, l2, l1, q, rho, spread);
      return new Expected(logp, new double[] {0.5, 0.5}, score, h, kappa,
          Math.log(2 * Math.PI) + Math.abs(Math.log(l1 * l2)) + q, (Math.abs(xi[n]) + m) / l2, 1 / l2 + spread * spread, model);
    });
  }

  // ------------------------------------------------------------------ zero weights

  @Test
  void aComponentOfWeightZeroContributesNothing() {
    // the Gaussian of the first case flanked by components of weight 0 sitting at the points
    double[][] narrow = {{0.05, 0}, {0, 0.05}};
    GaussianMixture m = GaussianMixture.of(new double[] {0, 1, 0}, new double[][] {{0.6, 1.7}, MU, {-4, 1}},
        new double[][][] {narrow, SIGMA, narrow});
    checkAll(m, VP_LINEAR, T_GAUSSIAN, GAUSSIAN_POINTS, x -> gaussian(VP_LINEAR, T_GAUSSIAN, x, new double[] {0, 1, 0}));
    for (Values v : evaluate(m, VP_LINEAR, T_GAUSSIAN, GAUSSIAN_POINTS)) {
      assertEquals(0.0, v.weights()[0], 0.0, "a weight-0 component has weight exactly 0");
      assertEquals(0.0, v.weights()[2], 0.0, "a weight-0 component has weight exactly 0");
    }
  }

  // ------------------------------------------------------------------ refusal

  /**
   * d = 1, ½N(±δ, 1) under vp-ou at x = 10⁸ with δ = 10⁻⁸: the log-terms differ by 2 a δ x / λ ≈ 1.2,
   * while each is uncertain in double by c u (κ(q + d) + ρ√(q/λ) + L) ≈ 64 u · 2·10¹⁶ ≈ 140 ≫ ½, so the
   * weights cannot be resolved in double. The closed form: c = a δ/λ, w_± = (1 ± tanh(c x))/2,
   * s = −x/λ + c tanh(c x), H = −1/λ + c² sech²(c x), log p = −½ log 2πλ − (x² + a²δ²)/(2λ) + log cosh(c x).
   */
  @Test
  void wherePosteriorWeightsAreUnresolvableInDoubleARefuserRefusesAndAnEvaluatorIsExact() {
    double delta = 1e-8, t = 0.5, x = 1e8;
    GaussianMixture pair = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-delta}, {delta}},
        new double[][][] {{{1}}, {{1}}});
    double[][] xs = {{x}};
    if (refusesUnresolvable()) {
      IllConditionedException e = assertThrows(IllConditionedException.class, () -> evaluate(pair, VP_OU, t, xs));
      assertTrue(e.getMessage().contains("cannot be resolved"), e.getMessage());
      return;
    }
    double a = VP_OU.a(t), lambda = a * a + VP_OU.b2(t), c = a * delta / lambda, th = Math.tanh(c * x);
    double logCosh = c * x + Math.log1p(Math.exp(-2 * c * x)) - Math.log(2);
    double logp = -0.5 * Math.log(2 * Math.PI * lambda) - (x * x + a * delta * a * delta) / (2 * lambda) + logCosh;
    // exactness is asked of an evaluator here: only correct rounding is allowed (model 0 for the double code)
    Values v = evaluate(pair, VP_OU, t, xs).get(0);
    Expected e = new Expected(logp, new double[] {(1 - th) / 2, (1 + th) / 2}, new double[] {-x / lambda + c * th},
        new double[][] {{-1 / lambda + c * c * (1 - th * th)}}, 1, Math.log(2 * Math.PI) + x * x / lambda + logCosh,
        x / lambda + c, 1 / lambda + c * c, new Model(1));
    check(e, v, 1, "x = " + x);
  }

  // ------------------------------------------------------------------ input messages

  @Test
  void aPointOfTheWrongLengthIsNamedWithItsLength() {
    GaussianMixture g = GaussianMixture.gaussian(MU, SIGMA);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluate(g, VP_LINEAR, T_GAUSSIAN, new double[] {1, 2, 3}));
    assertFalse(e instanceof IllConditionedException, e.getMessage());
    String msg = e.getMessage();
    assertTrue(msg.startsWith(pointParameter() + " ") && msg.contains(" 3 ") && msg.contains("d = 2"), msg);
  }

  @Test
  void aPointHoldingNanOrInfinityIsNamedWithTheValue() {
    GaussianMixture g = GaussianMixture.gaussian(MU, SIGMA);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> evaluate(g, VP_LINEAR, T_GAUSSIAN, new double[] {0.5, -1}, new double[] {0.5, bad}));
      assertFalse(e instanceof IllConditionedException, e.getMessage());
      String msg = e.getMessage();
      assertTrue(msg.startsWith(pointParameter() + "[") && msg.contains("[1] must be finite, was " + bad), msg);
    }
  }

  // ------------------------------------------------------------------ the checks

  /**
   * The a-priori rounding bounds of docs/claims.md §6 in units of c(d)·u (RoundingModel's â, b̂, F̂ per
   * live component): log p within max â; weights within 4 max â (e^{2â}−1 ≤ 1.72·2â, w ≤ 1); the score
   * within max b̂ + 4 max â·max‖s_i − s‖; the Hessian within max F̂ + 4 max b̂·max‖s_i − s‖
   * + 4 max â (√d/λmin + max‖s_i − s‖²).
   */
  static final class Model {
    final int d;
    double logTerm, score, precision, spread, lambdaMin = Double.POSITIVE_INFINITY;

    Model(int d) { this.d = d; }

    Model component(double weight, double kappa, double lambdaMin, double lambdaMax, double q, double rho,
        double spread) {
      double norming = RoundingModel.normingSize(weight, d, lambdaMin, lambdaMax);
      logTerm = Math.max(logTerm, RoundingModel.logTermBound(kappa, q, d, rho, lambdaMin, norming));
      score = Math.max(score, RoundingModel.componentScoreBound(kappa, q, rho, lambdaMin));
      precision = Math.max(precision, RoundingModel.precisionBound(d, kappa, lambdaMin));
      this.spread = Math.max(this.spread, spread);
      this.lambdaMin = Math.min(this.lambdaMin, lambdaMin);
      return this;
    }

    double weights() { return 4 * logTerm; }

    double scores() { return score + 4 * logTerm * spread; }

    double hessian() {
      return lambdaMin == Double.POSITIVE_INFINITY ? 0
          : precision + 4 * score * spread + 4 * logTerm * (Math.sqrt(d) / lambdaMin + spread * spread);
    }
  }

  /** A closed form with the sizes its terms reach (for the test-side error) and the rounding model. */
  record Expected(double logDensity, double[] weights, double[] score, double[][] hessian, double kappa,
      double logSize, double scoreSize, double hessianSize, Model model) {}

  private void checkAll(GaussianMixture m, NoiseSchedule s, double t, double[][] xs,
      java.util.function.Function<double[], Expected> closedForm) {
    List<Values> got = evaluate(m, s, t, xs);
    assertEquals(xs.length, got.size());
    for (int n = 0; n < xs.length; n++) {
      check(closedForm.apply(xs[n]), got.get(n), m.dimension(), "x = " + java.util.Arrays.toString(xs[n]));
    }
  }

  private void check(Expected e, Values v, int d, String where) {
    double side = TEST_SIDE * e.kappa();
    Model mo = e.model();
    assertEquals(e.logDensity(), v.logDensity(),
        allowance(d, mo.logTerm, e.logDensity()) + side * e.logSize(), "log p at " + where);
    for (int i = 0; i < e.weights().length; i++) {
      assertEquals(e.weights()[i], v.weights()[i], allowance(d, mo.weights(), e.weights()[i]) + side,
          "w[" + i + "] at " + where);
    }
    for (int c = 0; c < d; c++) {
      assertEquals(e.score()[c], v.score()[c], allowance(d, mo.scores(), e.score()[c]) + side * e.scoreSize(),
          "s[" + c + "] at " + where);
      for (int r = 0; r < d; r++) {
        assertEquals(e.hessian()[r][c], v.hessian()[r][c],
            allowance(d, mo.hessian(), e.hessian()[r][c]) + side * e.hessianSize(), "H[" + r + "][" + c + "] at " + where);
      }
    }
  }
}
