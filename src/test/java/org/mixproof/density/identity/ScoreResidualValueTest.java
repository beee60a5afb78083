package org.mixproof.density.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.density.identity.PreservationResidualValueTest.FixedSite;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureSampler;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.VpOu;

/**
 * The values of the score identities' residuals and scales (docs/claims.md §2): scales and steps from
 * their Javadoc written out in closed form (diagonal covariances, so s_i = −(x − aμ_i)/v_i componentwise),
 * a Tweedie residual of a shifted-mean density in closed form, the H ≡ −P residual against an independent
 * 34-digit inverse, and the Fisher/Stein p-value from the seeded draws and the closed-form score.
 */
class ScoreResidualValueTest {

  static final double U = RoundingModel.U, EPS = RoundingModel.EPS;

  static GaussianMixture diagonal(double[] w, double[][] means, double[][] vars) {
    int k = w.length, d = means[0].length;
    double[][][] covs = new double[k][d][d];
    for (int i = 0; i < k; i++) for (int c = 0; c < d; c++) covs[i][c][c] = vars[i][c];
    return GaussianMixture.of(w, means, covs);
  }

  /** Component scores s_i = −(x − aμ_i)/(a²σ²_ic + b²) of a diagonal mixture. */
  static double[][] componentScores(double a, double b2, double[][] means, double[][] vars, double[] x) {
    double[][] s = new double[means.length][x.length];
    for (int i = 0; i < means.length; i++) for (int c = 0; c < x.length; c++) {
      s[i][c] = -(x[c] - a * means[i][c]) / (a * a * vars[i][c] + b2);
    }
    return s;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }

  static double maxNorm(double[][] s) {
    double m = 0;
    for (double[] v : s) m = Math.max(m, norm(v));
    return m;
  }

  static double spread(double[][] s) {
    double m = 0;
    for (int i = 0; i < s.length; i++) for (int j = i + 1; j < s.length; j++) {
      double[] dv = new double[s[i].length];
      for (int c = 0; c < dv.length; c++) dv[c] = s[i][c] - s[j][c];
      m = Math.max(m, norm(dv));
    }
    return m;
  }

  /**
   * d = 1, k = 2 under vp-ou at t = 0.3, means −3 and 4 far apart: 1/‖s_1 − s_2‖ < √λmin, so the step is
   * 1e-3/‖s_1 − s_2‖ (docs: the width of a weight transition); scale = max|s_i| + 1/√λmin. The residual is
   * its definition, max_j |Richardson difference of log p − s_j| / scale, from CentralDifference and the
   * density's public log p and s; it is rounding-level (log p is analytic, truncation h⁴/480·|∂⁵ log p|).
   */
  @Test
  void gradientStepScaleAndValue() {
    double t = 0.3, a = Math.exp(-t), b2 = -Math.expm1(-2 * t);
    double[][] means = {{-3}, {4}}, vars = {{0.5}, {2}};
    double[] x = {0.3};
    GaussianMixture m = diagonal(new double[] {0.5, 0.5}, means, vars);
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), t);
    Residual r = ScoreIdentities.gradient(new FixedSite(m, new VpOu(), t, p, x));
    assertTrue(r.applicable(), r.why());
    double[][] s = componentScores(a, b2, means, vars, x);
    double lambdaMin = a * a * 0.5 + b2, spread = spread(s);
    assertTrue(1 / spread < Math.sqrt(lambdaMin), "the transition width is the shorter length");
    double h = 1e-3 / spread;
    // the code's s_i are 34-digit references rounded (≤ u), the closed form ≤ 4u: ≤ 8 EPS relative
    assertEquals(h, r.scales().get("h"), 8 * EPS * h, "h");
    double scale = maxNorm(s) + 1 / Math.sqrt(lambdaMin);
    assertEquals(scale, r.scales().get("scale"), 8 * EPS * scale, "scale");
    double hCode = r.scales().get("h");
    double err = Math.abs(CentralDifference.richardson(v -> p.logDensity(new double[] {v}), x[0], hCode) - p.score(x)[0]);
    assertTrue(err > 0, "the double difference is not exact here");
    assertEquals(err / scale, r.value(), 8 * EPS * err / scale, "the residual's definition");
    // rounding 3·16u·lp_terms/h (Richardson weights 4/3·1/h + 1/3·1/(2h) on log p's error) dominates truncation
    double bound = (3 * 16 * U * r.scales().get("lp_terms") / h + 1e-12) / scale;
    assertTrue(r.value() <= bound, r.value() + " ≤ " + bound);
  }

  /**
   * d = 2, k = 2 diagonal under vp-ou at t = 0.2: scale = max‖P_i‖ + (‖s_1 − s_2‖ + max‖s_i‖)²,
   * score_terms = max ‖P_i‖‖x − aμ_i‖ + max‖s_i‖, asymmetry 0 (H is symmetric by construction), and the
   * residual is its definition from CentralDifference and the density's public s and H.
   */
  @Test
  void jacobianScalesAndValue() {
    double t = 0.2, a = Math.exp(-t), b2 = -Math.expm1(-2 * t);
    double[][] means = {{1, -0.5}, {-0.8, 0.6}}, vars = {{0.3, 2}, {1.5, 0.7}};
    double[] x = {0.2, 0.1};
    GaussianMixture m = diagonal(new double[] {0.4, 0.6}, means, vars);
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), t);
    Residual r = ScoreIdentities.jacobian(new FixedSite(m, new VpOu(), t, p, x));
    assertTrue(r.applicable(), r.why());
    double[][] s = componentScores(a, b2, means, vars, x);
    double maxP = 0, maxTerm = 0;
    for (int i = 0; i < 2; i++) {
      double pn = 1 / Math.min(a * a * vars[i][0] + b2, a * a * vars[i][1] + b2);
      maxP = Math.max(maxP, pn);
      maxTerm = Math.max(maxTerm, pn * Math.hypot(x[0] - a * means[i][0], x[1] - a * means[i][1]));
    }
    double sp = spread(s) + maxNorm(s);
    double scale = maxP + sp * sp;
    assertEquals(scale, r.scales().get("scale"), 16 * EPS * scale, "scale: ≤ 8 roundings on each side");
    assertEquals(maxTerm + maxNorm(s), r.scales().get("score_terms"), 16 * EPS * (maxTerm + maxNorm(s)), "score_terms");
    assertEquals(0, r.scales().get("asymmetry"), 0);
    double lambdaMin = a * a * 0.3 + b2;
    double h = 1e-3 * Math.min(Math.sqrt(lambdaMin), 1 / spread(s));
    assertEquals(h, r.scales().get("h"), 8 * EPS * h, "h");
    double hCode = r.scales().get("h");
    double[][] hess = p.hessian(x);
    double err = 0;
    for (int q = 0; q < 2; q++) for (int row = 0; row < 2; row++) {
      final int rr = row, qq = q;
      double fd = CentralDifference.richardson(v -> {
        double[] y = x.clone();
        y[qq] = v;
        return p.score(y)[rr];
      }, x[q], hCode);
      err = Math.max(err, Math.abs(fd - hess[row][q]));
    }
    assertTrue(err > 0, "the double difference is not exact here");
    assertEquals(err / scale, r.value(), 16 * EPS * err / scale, "the residual's definition");
  }

  /**
   * Tweedie with a density of the data's mean shifted by δ (k = 1, d = 1, vp-ou at t = 0.5): with
   * v = a²σ² + b² and s = −(x − aμ₁)/v (μ₁ = μ₀ + δ) the code's E = μ₀ + aσ²(x − aμ₁)/v, and
   * (aE − x)/b² − s = −aδ/b² exactly; scale = |s| + (|x| + a(|μ₀| + aσ²|x − aμ₁|/v))/b².
   */
  @Test
  void tweedieOfAShiftedMeanFailsByTheClosedForm() {
    double t = 0.5, a = Math.exp(-t), b2 = -Math.expm1(-2 * t);
    double mu0 = 0.7, delta = 0.25, var = 2.5, x = -0.4;
    GaussianMixture m0 = diagonal(new double[] {1}, new double[][] {{mu0}}, new double[][] {{var}});
    GaussianMixture m1 = diagonal(new double[] {1}, new double[][] {{mu0 + delta}}, new double[][] {{var}});
    Residual r = ScoreIdentities.tweedie(new FixedSite(m0, new VpOu(), t, MixtureDensity.at(m1, new VpOu(), t),
        new double[] {x}));
    double v = a * a * var + b2, res = x - a * (mu0 + delta), s = -res / v;
    double scale = Math.abs(s) + (Math.abs(x) + a * (Math.abs(mu0) + a * var * Math.abs(res) / v)) / b2;
    assertEquals(scale, r.scales().get("scale"), 16 * EPS * scale, "scale: ≤ 8 roundings on each side");
    // the code's (aE − x)/b² − s cancels terms of size ≤ scale with ≤ 8 roundings (u each); the closed form ≤ 4u
    double expected = a * delta / b2 / scale;
    assertEquals(expected, r.value(), 16 * EPS);
    // t = 0: b² = 0, Tweedie's formula does not apply
    GaussianMixture m = m0;
    Residual atZero = ScoreIdentities.tweedie(new FixedSite(m, new VpOu(), 0, MixtureDensity.at(m, new VpOu(), 0),
        new double[] {x}));
    assertFalse(atZero.applicable());
  }

  /**
   * k = 1, d = 2 with a full covariance at t = 0.3: the residual max|H + P|/(1/λmin) with P an
   * independent 34-digit 2×2 inverse (adjugate over determinant) rounded to double and H the density's own.
   * Rounded from ≈ 1e-33-accurate values, the two references agree except within 1e-17 of a tie: exactly.
   */
  @Test
  void gaussianHessianResidualIsItsDefinition() {
    double t = 0.3;
    double[][] cov = {{2, 0.7}, {0.7, 0.9}};
    GaussianMixture m = GaussianMixture.of(new double[] {1}, new double[][] {{0.5, -1}}, new double[][][] {cov});
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), t);
    double[] x = {0.3, 0.4};
    Residual r = ScoreIdentities.gaussian(new FixedSite(m, new VpOu(), t, p, x));
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal a = new BigDecimal(p.a()), a2 = a.multiply(a, mc), b2 = new BigDecimal(p.b2());
    BigDecimal s00 = a2.multiply(new BigDecimal(cov[0][0]), mc).add(b2, mc);
    BigDecimal s11 = a2.multiply(new BigDecimal(cov[1][1]), mc).add(b2, mc);
    BigDecimal s01 = a2.multiply(new BigDecimal(cov[0][1]), mc);
    BigDecimal det = s00.multiply(s11, mc).subtract(s01.multiply(s01, mc), mc);
    double[][] prec = {
        {s11.divide(det, mc).doubleValue(), s01.negate().divide(det, mc).doubleValue()},
        {s01.negate().divide(det, mc).doubleValue(), s00.divide(det, mc).doubleValue()}};
    double[][] h = p.hessian(x);
    double err = 0;
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) err = Math.max(err, Math.abs(h[i][j] + prec[i][j]));
    // λmin(Σ(t)) = a² λmin(Σ) + b², λmin(Σ) = (tr − √(tr² − 4 det))/2
    double tr = 2.9, dt = 2 * 0.9 - 0.49, lmin = p.a() * p.a() * (tr - Math.sqrt(tr * tr - 4 * dt)) / 2 + p.b2();
    assertTrue(err > 0, "the double Hessian is not the rounded exact −P here");
    assertEquals(err * lmin, r.value(), 16 * EPS * err * lmin, "λmin to ≤ 8 roundings");
    // and the claim's bound: H within c(2)·u·κ of ‖P‖ (claims §6)
    assertTrue(r.value() <= RoundingModel.constantTimesU(2) * p.conditionNumber(0), "rounding-level: " + r.value());
    // k ≠ 1: not applicable
    GaussianMixture two = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1, 1}},
        new double[][][] {cov, cov});
    assertFalse(ScoreIdentities.gaussian(new FixedSite(two, new VpOu(), t, MixtureDensity.at(two, new VpOu(), t), x)).applicable());
  }

  /**
   * Fisher's identity scored with a Gaussian of the wrong variance V (data N(0, 1), kept by vp-ou): at the
   * seeded draws a_t X_0 + b_t Z (the sampler's documented order: a component draw, then Z), ‖s‖² + H =
   * y²/V² − 1/V; the p-value 2Φc(|mean|√n/sd) with a two-pass mean and sample standard deviation.
   */
  @Test
  void steinPValueFromTheSeededDrawsAndTheClosedFormScore() {
    double t = 0.5, wrongData = 1.4;
    int n = 200;
    long seed = 77;
    GaussianMixture data = GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{1}}});
    GaussianMixture wrong = GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{wrongData}}});
    MixtureDensity truth = MixtureDensity.at(data, new VpOu(), t), scoreOf = MixtureDensity.at(wrong, new VpOu(), t);
    Residual r = ScoreIdentities.stein(new FixedSite(data, new VpOu(), t, truth, null), scoreOf, seed, n);
    double a = Math.exp(-t), b = Math.sqrt(-Math.expm1(-2 * t)), bigV = a * a * wrongData + b * b;
    MixtureSampler sampler = new MixtureSampler(data, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    double[] v = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      double y = a * sampler.sample()[0] + b * sampler.standardNormal();
      v[i] = y * y / (bigV * bigV) - 1 / bigV;
      mean += v[i] / n;
    }
    double ss = 0;
    for (double vi : v) ss += (vi - mean) * (vi - mean);
    double sd = Math.sqrt(ss / (n - 1));
    double z = Math.abs(mean) * Math.sqrt(n) / sd;
    double expected = 2 * NormalDistribution.of(0, 1).survivalProbability(z);
    assertTrue(expected > 1e-6 && expected < 0.999, "a p-value sensitive to the statistic: " + expected);
    // s, H within c(1)uκ = 64u (κ = 1) of terms ≤ y²/V² + 1/V; mean/sd relative ≤ 1e-12 here (|mean| ≥ 1e-3·sd);
    // z's error ≤ 1e-11·z and |dp/dz| ≤ 2φ(0) < 1: 1e-10
    assertEquals(expected, r.value(), 1e-10, "z = " + z);
  }
}
