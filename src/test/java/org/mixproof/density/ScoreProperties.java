package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.DiffusionCases.Case;
import org.mixproof.generators.Mixtures;
import org.mixproof.mixture.MixtureSampler;

/** CLAIMS §2 ({@code score.*}) for every schedule, over generated mixtures, times and points. */
class ScoreProperties {

  static final double U = Math.ulp(1.0);

  static Mixtures.Builder profile() {
    return Mixtures.builder().dimensions(1, 4).components(1, 4).families(Mixtures.allFamilies())
        .conditionNumber(1, 1e4).meanRadius(4);
  }

  @Provide
  Arbitrary<Case> cases() { return DiffusionCases.of(profile()); }

  @Provide
  Arbitrary<Case> gaussians() {
    return DiffusionCases.of(Mixtures.builder().dimensions(1, 5).components(1, 1)
        .families(Mixtures.allFamilies()).conditionNumber(1, 1e8).meanRadius(4));
  }



  /** Central difference of f along coordinate j at step h, Richardson-extrapolated once: error O(h⁴). */
  static double partial(ToDoubleFunction<double[]> f, double[] x, int j, double h) {
    // a step below x's resolution (points between far-apart singular components at tiny t) cannot
    // be differenced in double; the high-precision oracle covers those points
    Assume.that(FiniteDifference.resolvable(x[j], h));
    double[] y = x.clone();
    return FiniteDifference.richardson(v -> {
      y[j] = v;
      return f.applyAsDouble(y);
    }, x[j], h);
  }

  /**
   * The length over which log p_t changes shape: the smallest standard deviation √λmin(t), and the
   * width 1/‖s_i − s_j‖ of a posterior-weight transition; the finite-difference step is 1e-3 of it.
   */
  static double step(MixtureDensity p, ComponentTerms terms) {
    double scale = Math.sqrt(p.lambdaMin());
    double spread = terms.maxScoreSpread();
    if (spread > 0) scale = Math.min(scale, 1 / spread);
    return 1e-3 * scale;
  }

  @Property(seed = "20261122")
  void scoreGradient(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    double[] x = c.resolvedPoint(p);
    ComponentTerms terms = new ComponentTerms(p, x);
    double h = step(p, terms);
    double[] s = p.score(x);
    double lp = p.logDensity(x);
    // a difference quotient over h multiplies log p's rounding by ≤ 2/h; Richardson's truncation
    // is (h/ℓ)⁴ = 1e-12 of the derivative scale times the fifth-derivative constant (≤ 1e3).
    double lpError = terms.logDensityError(lp);
    double scale = terms.maxScoreNorm() + 1 / Math.sqrt(p.lambdaMin());
    for (int j = 0; j < x.length; j++) {
      double fd = partial(p::logDensity, x, j, h);
      assertEquals(fd, s[j], 1e-9 * scale + 4 * lpError / h, "∂_" + j + " log p vs score at " + java.util.Arrays.toString(x));
    }
  }

  @Property(seed = "20261122")
  void scoreJacobian(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    double[] x = c.resolvedPoint(p);
    ComponentTerms terms = new ComponentTerms(p, x);
    double[][] hess = p.hessian(x);
    int d = x.length;
    double spread = terms.maxScoreSpread() + terms.maxScoreNorm();
    // H's entries are sums of w_i P_i and w_i (s_i − s)(s_i − s)ᵀ: rounding 8u of those sizes
    double termSize = terms.maxPrecisionNorm() + spread * spread;
    for (int r = 0; r < d; r++) {
      for (int q = r + 1; q < d; q++) {
        assertEquals(hess[r][q], hess[q][r], 8 * d * U * termSize, "H symmetric");
      }
    }
    double h = step(p, terms);
    // a computed score carries ~ d·u·max‖P_i‖‖x − μ_i‖ of rounding; the difference quotient ≤ 2/h times it
    double sError = 8 * d * U * (terms.maxScoreTermSize() + terms.maxScoreNorm());
    for (int q = 0; q < d; q++) {
      for (int r = 0; r < d; r++) {
        final int row = r;
        double fd = partial(y -> p.score(y)[row], x, q, h);
        assertEquals(fd, hess[r][q], 1e-9 * termSize + 4 * sError / h, "∂s_" + r + "/∂x_" + q);
      }
    }
  }

  /**
   * score.tweedie (exact): s(x) = (a_t E[X_0 | X_t = x] − x)/b_t² with
   * E[X_0 | x] = Σ w_i (μ_i + a_t Σ_i P_i(t)(x − a_t μ_i)), computed here from the data covariances.
   */
  @Property(seed = "20261122")
  void scoreTweedie(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    Assume.that(p.b2() > 0);
    double[] x = c.resolvedPoint(p);
    ComponentTerms terms = new ComponentTerms(p, x);
    double[] w = p.weights(x);
    int d = x.length;
    double a = p.a();
    double[] e = new double[d];
    double sizeE = 0; // Σ w_i (‖μ_i‖ + a‖Σ_i‖_F ‖P_i r_i‖): the terms E is summed from
    for (int i = 0; i < p.components(); i++) {
      double[] mu = c.mixture().mean(i);
      DMatrixRMaj cov0 = new DMatrixRMaj(c.mixture().covariance(i));
      // P_i(t)(x − a μ_i) = −s_i, from the decimal reference
      DMatrixRMaj v = new DMatrixRMaj(d, 1);
      for (int j = 0; j < d; j++) v.set(j, 0, -terms.scores[i][j]);
      DMatrixRMaj sv = new DMatrixRMaj(d, 1);
      CommonOps_DDRM.mult(cov0, v, sv);
      for (int j = 0; j < d; j++) e[j] += w[i] * (mu[j] + a * sv.get(j, 0));
      sizeE += w[i] * (ComponentTerms.norm(mu) + a * NormOps_DDRM.normF(cov0) * NormOps_DDRM.normF(v));
    }
    double[] s = p.score(x);
    // (a E − x)/b² cancels: rounding of d·u·κ relative to the summands of E and x, divided by b²,
    // plus the code's own rounding of s (relative to the component scores it averages)
    double tol = 32 * d * U * terms.maxCondition
        * (terms.maxScoreNorm() + (ComponentTerms.norm(x) + a * sizeE) / p.b2());
    for (int j = 0; j < d; j++) {
      assertEquals((a * e[j] - x[j]) / p.b2(), s[j], tol, "Tweedie, coordinate " + j);
    }
  }

  /** score.gaussian (exact): for k = 1, H ≡ −P(t) everywhere; P(t) from the decimal reference. */
  @Property(seed = "20261122")
  void scoreGaussian(@ForAll("gaussians") Case c) {
    MixtureDensity p = c.densityOrSkip();
    double[] x = c.resolvedPoint(p);
    double[][] reference = DecimalReference.precision(p, 0);
    double[][] h = p.hessian(x);
    int d = x.length;
    double pNorm = 1 / p.lambdaMinOf(0);
    for (int r = 0; r < d; r++) {
      for (int q = 0; q < d; q++) {
        // the Cholesky-based inverse is within c·d·u·κ·‖P‖ of P(t) (Higham, ASNA §14.3), with
        // Σ(t)'s own rounding (u·κ·‖P‖) inside that; the reference's error is negligible
        assertEquals(-reference[r][q], h[r][q], 8 * d * U * p.conditionNumber(0) * pNorm, "H = −P(t)");
      }
    }
  }

  static final int STEIN_TRIES = 40;
  static final int STEIN_SAMPLES = 4000;
  static final double STEIN_ALPHA = 1e-3; // family-wise, Bonferroni over the tries

  /**
   * score.stein (statistical): E[‖s‖² + tr H] = 0 under p_t (Fisher's identity). A normal-theory
   * confidence interval at level 1 − α/tries for the mean of ‖s‖² + tr H must contain 0.
   */
  @Property(tries = STEIN_TRIES, seed = "20261122")
  void scoreStein(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    MixtureSampler sampler = new MixtureSampler(c.mixture(), RandomSource.XO_RO_SHI_RO_128_PP.create(42L));
    int d = p.dimension();
    DMatrixRMaj pts = new DMatrixRMaj(STEIN_SAMPLES, d);
    double a = p.a(), b = Math.sqrt(p.b2());
    for (int n = 0; n < STEIN_SAMPLES; n++) {
      double[] x0 = sampler.sample();
      for (int j = 0; j < d; j++) pts.set(n, j, a * x0[j] + b * sampler.standardNormal());
    }
    MixtureDensity.Batch batch = p.scoreAndHessian(pts);
    double sum = 0, sumSq = 0;
    for (int n = 0; n < STEIN_SAMPLES; n++) {
      double v = 0;
      for (int j = 0; j < d; j++) {
        double sj = batch.scores().get(n, j);
        v += sj * sj + batch.hessians().get(n, j * d + j);
      }
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / STEIN_SAMPLES;
    double sd = Math.sqrt(Math.max(0, (sumSq - STEIN_SAMPLES * mean * mean) / (STEIN_SAMPLES - 1)));
    double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(STEIN_ALPHA / (2 * STEIN_TRIES));
    double halfWidth = z * sd / Math.sqrt(STEIN_SAMPLES);
    assertTrue(Math.abs(mean) <= halfWidth,
        "E[‖s‖² + tr H] = " + mean + " outside ±" + halfWidth);
  }
}
