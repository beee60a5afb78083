package org.mixproof.density.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VeLinear;
import org.mixproof.schedule.VpOu;

/**
 * The values (not only the tolerance side) of the residuals of docs/claims.md §1, on sites whose
 * identity fails by a closed-form amount: a density built from a perturbed mixture, or a schedule that
 * misreports g². Every expected value is written out from the mathematics in this file.
 */
class PreservationResidualValueTest {

  static final double U = RoundingModel.U, EPS = RoundingModel.EPS;

  /** A site whose density is given (possibly of another mixture than the site's data) at a fixed point. */
  record FixedSite(GaussianMixture mixture, NoiseSchedule schedule, double t, MixtureDensity density, double[] x)
      implements Site {
    @Override public double[] point(MixtureDensity p) { return x.clone(); }
  }

  /** vp-ou (a = e^{−t}, b² = 1 − e^{−2t}, f = −1, true g² = 2) with a finite tMax and a reported g². */
  record Ou(double tMax, double reportedG2) implements NoiseSchedule {
    @Override public String spec() { return "test-ou"; }
    @Override public double a(double t) { checkTime(t); return Math.exp(-t); }
    @Override public double logA(double t) { checkTime(t); return -t; }
    @Override public double b2(double t) { checkTime(t); return -Math.expm1(-2 * t); }
    @Override public double f(double t) { checkTime(t); return -1; }
    @Override public double g2(double t) { checkTime(t); return reportedG2; }
  }

  static GaussianMixture gauss1(double mean, double var) {
    return GaussianMixture.of(new double[] {1}, new double[][] {{mean}}, new double[][][] {{{var}}});
  }

  /**
   * d = 1, k = 1, ve-linear at t = ½ (a = 1, b² = ¼, all exact): data N(¾, 2), density of N(¾ + δ, 2). Both
   * sides have modulus e^{−ω²·9/8}, so the residual (max of |ΔRe|, |ΔIm|, over the left side's modulus) is
   * max(|cos(θ + ωδ) − cos θ|, |sin(θ + ωδ) − sin θ|), θ = ω·¾; exponent_size = |ω(¾ + δ)| + ω²·9/4, and
   * ω = 2z/√λmax = 2z/1.5 with z the first nextGaussian() of java.util.Random(seed) (its specified stream).
   */
  @Test
  void characteristicFunctionOfAShiftedMeanFailsByTheClosedForm() {
    double mu = 0.75, delta = 0.3, t = 0.5;
    for (long seed : new long[] {11, 12, 13}) {
      MixtureDensity shifted = MixtureDensity.at(gauss1(mu + delta, 2), new VeLinear(), t);
      Residual r = PreservationIdentities.characteristicFunction(
          new FixedSite(gauss1(mu, 2), new VeLinear(), t, shifted, new double[] {0}), seed);
      double omega = 2 * new Random(seed).nextGaussian() / 1.5;
      // ω: two roundings (×, ÷) on each side: within 2 EPS relative
      assertEquals(omega, r.point()[0], 2 * EPS * Math.abs(omega), "ω");
      double theta = omega * mu, shift = omega * delta;
      double expected = Math.max(Math.abs(Math.cos(theta + shift) - Math.cos(theta)),
          Math.abs(Math.sin(theta + shift) - Math.sin(theta)));
      double exponent = Math.abs(omega * (mu + delta)) + omega * omega * 2.25;
      // each side's phase and exponent carry ≤ 4u of their sizes, cos/sin/exp ≤ 1 ulp each, the same in this
      // file's closed form: ≤ 16 EPS (1 + phase + exponent) in units of the modulus
      double tol = 16 * EPS * (1 + exponent);
      assertTrue(expected > 1e3 * tol, "the residual is far above rounding: " + expected);
      assertEquals(expected, r.value(), tol, "seed " + seed);
      assertEquals(exponent, r.scales().get("exponent_size"), 8 * EPS * exponent, "exponent_size");
    }
  }

  /**
   * The schedule reports g² = 4 where the true one is 2 (a, b² and f true). For p_t = N(aμ, v) in d = 1,
   * ∂_t log p = −f(1 + xs) + ½·2(s² + H) with s = −(x − aμ)/v, H = −1/v, while the code's right side uses
   * ½·4: lhs − rhs = −(s² − 1/v), scale = |f|(1 + |xs|) + ½·4(s² + 1/v). tMax = 1 at t = ¾: h = 1e-3·¼.
   */
  @Test
  void fokkerPlanckWithAMisreportedDiffusionFailsByTheClosedForm() {
    double t = 0.75, mu = 0.5, var = 2, x = 1.3;
    Ou lying = new Ou(1, 4);
    GaussianMixture m = gauss1(mu, var);
    Residual r = PreservationIdentities.fokkerPlanck(
        new FixedSite(m, lying, t, MixtureDensity.at(m, lying, t), new double[] {x}));
    assertTrue(r.applicable(), r.why());
    double a = Math.exp(-t), b2 = -Math.expm1(-2 * t), v = a * a * var + b2;
    double s = -(x - a * mu) / v;
    double scale = 1 + Math.abs(x * s) + 2 * (s * s + 1 / v);
    double expected = Math.abs(s * s - 1 / v) / scale;
    double h = 1e-3 * 0.25;
    assertEquals(h, r.scales().get("h"), 2 * EPS * h, "h = 1e-3·min(t, tMax − t, 1)");
    // s and H within c(1)·u·κ = 64u relative (claims §6, κ = 1); squares and 6 sums: ≤ 256u of the scale
    assertEquals(scale, r.scales().get("scale"), 256 * U * scale, "scale");
    // the left side: Richardson's truncation h⁴/480·|∂⁵_t log p| (≤ 1e-15 here: derivatives O(10) at h = 2.5e-4)
    // plus rounding 3·ε_lp/h with ε_lp ≤ 16u·lp_terms (ComponentTerms), lp_terms ≤ 1 + |log p| + q + 2(vs² + 1) + |s||aμ|
    double logp = -0.5 * Math.log(2 * Math.PI * v) - (x - a * mu) * (x - a * mu) / (2 * v);
    double lpTerms = 1 + Math.abs(logp) + (x - a * mu) * (x - a * mu) / v + 2 * (v * s * s + 1) + Math.abs(s * a * mu);
    double tol = (1e-15 + 3 * 16 * U * lpTerms / h) / scale + 256 * U;
    assertTrue(expected > 1e3 * tol, "far above the difference's error: " + expected);
    assertEquals(expected, r.value(), tol);
  }

  /** The applicability guards, each on the side the derivation puts it. */
  @Test
  void fokkerPlanckIsNotApplicableNearTheEndsOrBelowTsResolution() {
    GaussianMixture m = gauss1(0.5, 2);
    // room = tMax − t = 1e-5 < 1e-6·t = 1e-4 (t = 100): not applicable (1e-6/t = 1e-8 would admit it)
    Ou near = new Ou(100 + 1e-5, 2);
    Residual r = PreservationIdentities.fokkerPlanck(new FixedSite(m, near, 100, MixtureDensity.at(m, near, 100), new double[] {0.1}));
    assertFalse(r.applicable());
    assertTrue(r.why().contains("too close"), r.why());
    // room exactly 1e-6·t: the inequality is strict (t = 1e6, 1e-6·t rounds to exactly 1, tMax = t + 1 exact)
    assertEquals(1.0, 1e-6 * 1e6, 0, "the premise: 1e-6·1e6 rounds to 1");
    Ou edge = new Ou(1e6 + 1, 2);
    Residual atEdge = PreservationIdentities.fokkerPlanck(new FixedSite(m, edge, 1e6, MixtureDensity.at(m, edge, 1e6), new double[] {0.1}));
    assertFalse(atEdge.applicable(), "room = 1e-6·t is too close");
    // t = 1e12 far from the ends: h = 1e-3 but ulp(1e12) = 1.2e-4, so h/2 < 64 ulp(t)
    Ou open = new Ou(Double.POSITIVE_INFINITY, 2);
    Residual coarse = PreservationIdentities.fokkerPlanck(new FixedSite(m, open, 1e12, MixtureDensity.at(m, open, 1e12), new double[] {0.1}));
    assertFalse(coarse.applicable());
    assertTrue(coarse.why().contains("below t's resolution"), coarse.why());
  }

  /**
   * d = 2, k = 2 under vp-ou at t = 0.4; the density is of the data with every mean shifted by δ and the
   * covariances raised by E_i. The centred covariance is blind to a common shift, so the covariance error is
   * a²·max|Σ π_i E_i| and the mean error a·max|δ_j|, over the sizes of the code's Javadoc: size =
   * max(b², max |Σ_i(t)_rq| + |μ_i(t)_r μ_i(t)_q|) of the density's components, and a·max‖μ_i‖ of the data.
   */
  @Test
  void momentsOfAPerturbedMixtureFailByTheClosedForm() {
    double t = 0.4, a = Math.exp(-t), b2 = -Math.expm1(-2 * t);
    double[] w = {0.3, 0.7}, delta = {0.2, -0.1};
    double[][] means = {{1, -2}, {-0.5, 1.5}};
    double[][][] covs = {{{2, 0.3}, {0.3, 0.5}}, {{1, 0}, {0, 3}}};
    double[][][] e = {{{0.1, 0.05}, {0.05, 0}}, {{0, 0}, {0, 0.2}}};
    double[][] means1 = new double[2][2];
    double[][][] covs1 = new double[2][2][2];
    for (int i = 0; i < 2; i++) for (int r = 0; r < 2; r++) {
      means1[i][r] = means[i][r] + delta[r];
      for (int q = 0; q < 2; q++) covs1[i][r][q] = covs[i][r][q] + e[i][r][q];
    }
    GaussianMixture m0 = GaussianMixture.of(w, means, covs), m1 = GaussianMixture.of(w, means1, covs1);
    VpOu ou = new VpOu();
    Residual r = PreservationIdentities.moments(new FixedSite(m0, ou, t, MixtureDensity.at(m1, ou, t), null));
    double covErr = 0, size = b2;
    for (int rr = 0; rr < 2; rr++) for (int q = 0; q < 2; q++) {
      covErr = Math.max(covErr, a * a * Math.abs(w[0] * e[0][rr][q] + w[1] * e[1][rr][q]));
      for (int i = 0; i < 2; i++) {
        size = Math.max(size, Math.abs(a * a * covs1[i][rr][q] + (rr == q ? b2 : 0))
            + a * a * Math.abs(means1[i][rr] * means1[i][q]));
      }
    }
    // both the code's sides and this closed form are sums of ≤ 2k terms of ≤ 4 rounded factors, each ≤ size:
    // ≤ 3·(2k·5u)·size = 60u·size; in units of size, 64 EPS covers it
    assertEquals(covErr / size, r.value(), 64 * EPS, "covariance residual");
    double radius = Math.max(Math.hypot(1, -2), Math.hypot(-0.5, 1.5));
    assertEquals(0.2 / radius, r.scales().get("mean_error"), 64 * EPS, "mean error a·0.2 over a·max‖μ_i‖");
  }

  /** vp-ou keeps N(0, I) at every t: the forward samples' law, in d = 2. */
  static FixedSite standardSite(double t) {
    GaussianMixture m = GaussianMixture.of(new double[] {1}, new double[][] {{0, 0}},
        new double[][][] {{{1, 0}, {0, 1}}});
    return new FixedSite(m, new VpOu(), t, MixtureDensity.at(m, new VpOu(), t), null);
  }

  @Test
  void noProjectionLeavesTheLargestPValueAndNoDirection() {
    Residual r = PreservationIdentities.sampling(standardSite(0.5), 3, 50, 0);
    assertEquals(1, r.value(), 0);
    assertNull(r.point());
  }

  /**
   * Against a law 6e5 away along the first axis (claimed N((e^{−t}·1e6, 0), a²·1e-4 + b²)), every projection
   * u with |u_1| > 1e-4 separates all samples (≈ N(0, 1), within ±6) from the claimed mass, so D = 1 and the
   * p-value underflows to 0 (2·n!/nⁿ at n = 1000 ≈ e^{−996}): ties throughout. The directions are unit
   * vectors, and the direction reported for the smallest p-value is the first that attains it — the same
   * as with a single projection (the directions are drawn in the same order).
   */
  @Test
  void directionsAreUnitAndTiesKeepTheFirst() {
    double t = 0.5;
    FixedSite site = standardSite(t);
    MixtureDensity far = MixtureDensity.at(GaussianMixture.of(new double[] {1}, new double[][] {{1e6, 0}},
        new double[][][] {{{1e-4, 0}, {0, 1e-4}}}), new VpOu(), t);
    Residual one = PreservationIdentities.sampling(site, far, 5, 1000, 1);
    assertEquals(0, one.value(), 0, "D = 1 gives p = 0");
    double norm = Math.hypot(one.point()[0], one.point()[1]);
    assertEquals(1, norm, 8 * EPS, "a unit direction: 2 squares, a sum, a root and a division, ≤ 8 EPS");
    for (int projections = 2; projections <= 5; projections++) {
      Residual more = PreservationIdentities.sampling(site, far, 5, 1000, projections);
      assertEquals(0, more.value(), 0);
      assertArrayEquals(one.point(), more.point(), 0, projections + " projections: the tie keeps the first direction");
    }
    // the true law: directions still unit
    Residual truth = PreservationIdentities.sampling(site, 9, 300, 3);
    assertEquals(1, Math.hypot(truth.point()[0], truth.point()[1]), 8 * EPS);
  }
}
