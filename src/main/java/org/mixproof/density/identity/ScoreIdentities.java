package org.mixproof.density.identity;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.MixtureSampler;

/**
 * The identities of docs/claims.md §2 (the score, its Jacobian and the posterior mean) as residuals,
 * each normalised by the size of the terms it is computed from ({@code scale}): s = ∇ log p and
 * H = ∂s/∂x by Richardson-extrapolated central differences, Tweedie's formula, H ≡ −P(t) for one
 * Gaussian, and (statistical) Fisher's identity E[‖s‖² + tr H] = 0. Points where double precision
 * refuses (posterior weights unresolved) throw {@link org.mixproof.density.IllConditionedException};
 * points where a finite-difference step is below the coordinate's resolution are not applicable (the
 * oracle covers them).
 */
public final class ScoreIdentities {

  private ScoreIdentities() {}

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

  /** Whether every coordinate of x can be differenced with step h. */
  static boolean resolvable(double[] x, double h) {
    for (double v : x) if (!CentralDifference.resolvable(v, h)) return false;
    return true;
  }

  /** Central difference of f along coordinate j at step h, Richardson-extrapolated once: error O(h⁴). */
  static double partial(ToDoubleFunction<double[]> f, double[] x, int j, double h) {
    double[] y = x.clone();
    return CentralDifference.richardson(v -> {
      y[j] = v;
      return f.applyAsDouble(y);
    }, x[j], h);
  }

  private static Residual unresolvable(double[] x, double h) {
    // a step below x's resolution (points between far-apart singular components at tiny t) cannot
    // be differenced in double; the high-precision oracle covers those points
    return Residual.notApplicable("step " + h + " below the resolution of x = " + java.util.Arrays.toString(x));
  }

  /** s = ∇ log p_t by central differences of log p (a difference over h multiplies log p's rounding by ≤ 2/h). */
  public static Residual gradient(Site c) {
    MixtureDensity p = c.density();
    double[] x = c.point(p);
    p.evaluate(x); // refuses where the weights are unresolved
    ComponentTerms terms = new ComponentTerms(p, x);
    double h = step(p, terms);
    if (!resolvable(x, h)) return unresolvable(x, h);
    double[] s = p.score(x);
    double lpTerms = terms.logDensityTerms(p.logDensity(x));
    double scale = terms.maxScoreNorm() + 1 / Math.sqrt(p.lambdaMin());
    double err = 0;
    for (int j = 0; j < x.length; j++) err = Math.max(err, Math.abs(partial(p::logDensity, x, j, h) - s[j]));
    return Residual.of(p, Residual.ratio(err, scale), x,
        Map.of("h", h, "scale", scale, "lp_terms", lpTerms));
  }

  /** H = ∂s/∂x by central differences of the score, and H's asymmetry. */
  public static Residual jacobian(Site c) {
    MixtureDensity p = c.density();
    double[] x = c.point(p);
    p.evaluate(x);
    ComponentTerms terms = new ComponentTerms(p, x);
    double[][] hess = p.hessian(x);
    int d = x.length;
    double spread = terms.maxScoreSpread() + terms.maxScoreNorm();
    // H's entries are sums of w_i P_i and w_i (s_i − s)(s_i − s)ᵀ: their size
    double scale = terms.maxPrecisionNorm() + spread * spread;
    double asym = 0;
    for (int r = 0; r < d; r++) {
      for (int q = r + 1; q < d; q++) asym = Math.max(asym, Math.abs(hess[r][q] - hess[q][r]));
    }
    double h = step(p, terms);
    if (!resolvable(x, h)) return unresolvable(x, h);
    double err = 0;
    for (int q = 0; q < d; q++) {
      for (int r = 0; r < d; r++) {
        final int row = r;
        err = Math.max(err, Math.abs(partial(y -> p.score(y)[row], x, q, h) - hess[r][q]));
      }
    }
    return Residual.of(p, Residual.ratio(err, scale), x,
        Map.of("h", h, "scale", scale, "asymmetry", Residual.ratio(asym, scale),
            "score_terms", terms.maxScoreTermSize() + terms.maxScoreNorm()));
  }

  /** Tweedie: s(x) = (a_t E[X_0 | X_t = x] − x)/b_t², E from the data covariances and reference P_i(t). */
  public static Residual tweedie(Site c) {
    MixtureDensity p = c.density();
    if (!(p.b2() > 0)) return Residual.notApplicable("b_t² = 0");
    double[] x = c.point(p);
    p.evaluate(x);
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
    // (a E − x)/b² cancels: the summands of E and x over b², and the component scores s averages
    double scale = terms.maxScoreNorm() + (ComponentTerms.norm(x) + a * sizeE) / p.b2();
    double err = 0;
    for (int j = 0; j < d; j++) err = Math.max(err, Math.abs((a * e[j] - x[j]) / p.b2() - s[j]));
    return Residual.of(p, Residual.ratio(err, scale), x,
        Map.of("scale", scale));
  }

  /** For k = 1, H ≡ −P(t) everywhere; P(t) from the decimal reference. */
  public static Residual gaussian(Site c) {
    if (c.mixture().components() != 1) return Residual.notApplicable("k = " + c.mixture().components() + " ≠ 1");
    MixtureDensity p = c.density();
    double[] x = c.point(p);
    double[][] reference = DecimalReference.precision(p, 0);
    double[][] h = p.hessian(x);
    int d = x.length;
    double err = 0;
    for (int r = 0; r < d; r++) for (int q = 0; q < d; q++) err = Math.max(err, Math.abs(h[r][q] + reference[r][q]));
    return Residual.of(p, Residual.ratio(err, 1 / p.lambdaMinOf(0)), x,
        Map.of());
  }

  /**
   * Fisher's identity E_{p_t}[‖s‖² + tr H] = 0: the two-sided p-value of a normal-theory test of a zero
   * mean over {@code samples} draws of a_t X_0 + b_t Z (seeded).
   */
  public static Residual stein(Site c, long seed, int samples) {
    return stein(c, c.density(), seed, samples);
  }

  /** The same test with s and H of {@code scoreOf} (a test's wrong score) at the case's samples. */
  public static Residual stein(Site c, MixtureDensity scoreOf, long seed, int samples) {
    MixtureDensity truth = c.density();
    MixtureSampler sampler = new MixtureSampler(c.mixture(), RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    int d = truth.dimension();
    DMatrixRMaj pts = new DMatrixRMaj(samples, d);
    double a = truth.a(), b = Math.sqrt(truth.b2());
    for (int n = 0; n < samples; n++) {
      double[] x0 = sampler.sample();
      for (int j = 0; j < d; j++) pts.set(n, j, a * x0[j] + b * sampler.standardNormal());
    }
    MixtureDensity.Batch batch = scoreOf.scoreAndHessian(pts);
    double sum = 0, sumSq = 0;
    for (int n = 0; n < samples; n++) {
      double v = 0;
      for (int j = 0; j < d; j++) {
        double sj = batch.scores().get(n, j);
        v += sj * sj + batch.hessians().get(n, j * d + j);
      }
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / samples;
    double sd = Math.sqrt(Math.max(0, (sumSq - samples * mean * mean) / (samples - 1)));
    double pValue;
    if (sd == 0) pValue = mean == 0 ? 1 : 0;
    else pValue = Math.min(1, 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(mean) * Math.sqrt(samples) / sd));
    return Residual.of(truth, pValue, null, Map.of());
  }
}
