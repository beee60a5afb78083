package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** docs/claims.md §5.2–5.3 in d = 2: the 2-D grid law and the separable law with means spanning a plane. */
class GridLaw2DProperties {

  @Provide
  Arbitrary<String> gridSchemes() {
    return Arbitraries.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4", "ode-ei", "dpom", "dpum");
  }

  /**
   * For k = 1 (any covariance) the 2-D grid law matches the exact Gaussian law to its estimated
   * quadrature error |D_n − D_{n/2}| (for a method of order q ≥ 1 the error of D_n is about
   * |D_n − D_{n/2}|/(2^q − 1)), plus 1e-9 for the ±8σ box (tails e^{−32}) and the 10σ kernel
   * truncation: KL directly; the exact W2 inside the grid's bracket; the grid's TV inside the exact
   * law's TV bracket [max marginal TV, Pinsker].
   */
  @Property(seed = "20261122", tries = 10)
  void gridLaw2DMatchesTheExactGaussianLaw(@ForAll("gridSchemes") String name,
      @ForAll @IntRange(min = -100, max = 100) int mx100, @ForAll @IntRange(min = -100, max = 100) int my100,
      @ForAll @IntRange(min = 20, max = 150) int vx100, @ForAll @IntRange(min = 20, max = 150) int vy100,
      @ForAll @IntRange(min = -50, max = 50) int rho100, @ForAll boolean exactStart) {
    double vx = vx100 / 100.0, vy = vy100 / 100.0, c = rho100 / 100.0 * Math.sqrt(vx * vy);
    GaussianMixture m = GaussianMixture.gaussian(new double[] {mx100 / 100.0, my100 / 100.0},
        new double[][] {{vx, c}, {c, vy}});
    NoiseSchedule s = Schedules.parse("vp-ou");
    double delta = 0.05;
    TimeGrid grid = TimeGrid.uniform(2, delta, 20);
    Scheme scheme = Schemes.parse(name);
    StartLaw start = exactStart ? StartLaw.EXACT : StartLaw.PRIOR;
    GridLaws.Run2D run = GridLaws.run2d(m, scheme, s, grid, 0, start, 64);
    GaussianLaw law = GaussianLaw.of(m);
    DiagonalGaussian out = law.propagate(scheme, s, grid, start).law(0), pd = law.marginal(s, delta);
    MixtureDensity target = MixtureDensity.at(m, s, delta);
    GridLaws.Estimate kl = run.kl(target), tv = run.tv(target);
    GridLaws.Bracket w2 = run.w2(target);
    double klExact = Divergences.kl(out, pd), w2Exact = Divergences.w2(out, pd);
    Divergences.Bracket tvExact = Divergences.tvBracket(out, pd);
    String what = name + " " + start + ": ";
    assertTrue(Math.abs(kl.value() - klExact) <= kl.error() + 1e-9, what + "KL " + kl + " vs exact " + klExact);
    assertTrue(w2.lower() - w2.error() - 1e-9 <= w2Exact && w2Exact <= w2.upper() + w2.error() + 1e-9,
        what + "W2 " + w2 + " vs exact " + w2Exact);
    assertTrue(tvExact.lower() - tv.error() - 1e-9 <= tv.value() && tv.value() <= tvExact.upper() + tv.error() + 1e-9,
        what + "TV " + tv + " vs exact bracket " + tvExact);
  }

  static final int SEP_TRIES = 5;

  /**
   * The separable law in d = 1 + m = 3 (means spanning a random plane, with a common offset off it)
   * agrees with the general scheme run directly in d = 3 by Monte Carlo: the samples' coordinates
   * along the plane's basis against the 2-D grid law's marginal CDFs, and along the normal against
   * the exact Gaussian factor's CDF, by one-sample Kolmogorov–Smirnov tests; family-wise α = 1e-3,
   * Bonferroni over tries × 3 projections.
   */
  @Property(seed = "20261122", tries = SEP_TRIES)
  void separableLawWithMeansInAPlaneAgreesWithTheDirectRunInThreeDimensions(@ForAll("gridSchemes") String name,
      @ForAll @IntRange(min = 0, max = 314) int theta100, @ForAll @IntRange(min = 0, max = 628) int phi100,
      @ForAll @IntRange(min = -150, max = 150) int offset100, @ForAll @IntRange(min = 10, max = 100) int var100,
      @ForAll long seed) {
    double th = theta100 / 100.0, ph = phi100 / 100.0, off = offset100 / 100.0, s2 = var100 / 100.0;
    // an orthonormal frame: u, w span the plane, nrm is its normal
    double[] nrm = {Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)};
    double[] u = cross(nrm, Math.abs(nrm[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0});
    double un = Math.sqrt(dot(u, u));
    for (int j = 0; j < 3; j++) u[j] /= un;
    double[] w = cross(nrm, u);
    double[][] planar = {{-1.5, 0}, {1.5, 0.5}, {0, -1.8}};
    double[][] means = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) means[i][j] = planar[i][0] * u[j] + planar[i][1] * w[j] + off * nrm[j];
    double[] wts = {0.3, 0.3, 0.4};
    NoiseSchedule s = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 20);
    Scheme scheme = Schemes.parse(name);
    SeparableLaw sep = SeparableLaw.of(wts, means, s2);
    assertTrue(sep.subspaceDimension() == 2, "means span a plane");
    SeparableLaw.Output out = sep.propagate(scheme, s, grid, 0, StartLaw.PRIOR, 32);
    double[][] id = {{s2, 0, 0}, {0, s2, 0}, {0, 0, s2}};
    GaussianMixture m = GaussianMixture.of(wts, means, new double[][][] {id, id, id});
    org.apache.commons.rng.UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int n = 2000;
    double[] y0 = org.mixproof.sampler.Sampler.start(StartLaw.PRIOR, m, s, 2, n, rng);
    org.mixproof.sampler.Sampler.Run run = org.mixproof.sampler.Sampler.run(scheme, s, grid,
        new org.mixproof.sampler.MixtureScore(m, s), y0, 3, org.mixproof.sampler.Noise.gaussian(rng));
    // the separable law's plane basis is its own (Gram–Schmidt of μ_i − μ_0); read it back from the
    // plane mixture's means: coords_i = B μ_i, so B = coords · pinv(means in the plane)
    GaussianMixture sub = sep.subspaceMixture();
    double[][] basis = planeBasis(means, sub);
    double sign = Math.signum(off) == 0 ? 1 : Math.signum(off);
    double[][] proj = new double[3][n];
    for (int r = 0; r < n; r++) {
      double[] y = {run.samples()[3 * r], run.samples()[3 * r + 1], run.samples()[3 * r + 2]};
      proj[0][r] = dot(y, basis[0]);
      proj[1][r] = dot(y, basis[1]);
      proj[2][r] = sign * dot(y, nrm);
    }
    GridLaw2D g = out.plane().fine();
    org.apache.commons.statistics.inference.KolmogorovSmirnovTest ks =
        org.apache.commons.statistics.inference.KolmogorovSmirnovTest.withDefaults();
    double alpha = 1e-3 / (SEP_TRIES * 3);
    for (int axis = 0; axis < 2; axis++) {
      double[] mass = g.marginal(axis), box = g.box();
      double lo = box[2 * axis], h = (box[2 * axis + 1] - lo) / mass.length;
      double[] edges = new double[mass.length + 1], cdf = new double[mass.length + 1];
      for (int i = 0; i <= mass.length; i++) edges[i] = lo + i * h;
      for (int i = 0; i < mass.length; i++) cdf[i + 1] = cdf[i] + mass[i];
      double p = ks.test(proj[axis], x -> GridLawProperties.cdf(edges, cdf, x)).getPValue();
      assertTrue(p > alpha, name + ": plane axis " + axis + " vs 2-D grid law marginal, p = " + p);
    }
    var nd = org.apache.commons.statistics.distribution.NormalDistribution.of(out.perpendicular().mean()[0],
        Math.sqrt(out.perpendicular().variance()[0]));
    double p = ks.test(proj[2], nd::cumulativeProbability).getPValue();
    assertTrue(p > alpha, name + ": normal vs exact Gaussian factor, p = " + p);
  }

  /** Rows b_0, b_1 with coords_i = (b_0·μ_i, b_1·μ_i): solved from μ_1 − μ_0, μ_2 − μ_0 and the plane's normal. */
  private static double[][] planeBasis(double[][] means, GaussianMixture sub) {
    double[] d1 = new double[3], d2 = new double[3];
    for (int j = 0; j < 3; j++) {
      d1[j] = means[1][j] - means[0][j];
      d2[j] = means[2][j] - means[0][j];
    }
    double[] nn = cross(d1, d2);
    org.apache.commons.math3.linear.RealMatrix a = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(
        new double[][] {d1, d2, nn});
    org.apache.commons.math3.linear.RealMatrix inv = new org.apache.commons.math3.linear.LUDecomposition(a).getSolver().getInverse();
    double[][] b = new double[2][3];
    for (int k = 0; k < 2; k++) {
      double[] rhs = {sub.meanEntry(1, k) - sub.meanEntry(0, k), sub.meanEntry(2, k) - sub.meanEntry(0, k), 0};
      for (int j = 0; j < 3; j++) for (int l = 0; l < 3; l++) b[k][j] += inv.getEntry(j, l) * rhs[l];
    }
    return b;
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  }

  /**
   * The separable law in d = 2 (means spanning the plane: its own rotated basis, no Gaussian factor)
   * agrees with the 2-D grid law run directly in the data's coordinates: the two grids are rotated
   * against each other, so their values differ by at most the sum of their estimated quadrature
   * errors (each |D_n − D_{n/2}|, which bounds the error of D_n for a method of order ≥ 1) + 1e-9.
   */
  @Property(seed = "20261122", tries = 4)
  void separableLawInTheirPlaneAgreesWithTheDirect2DGridLaw(@ForAll("gridSchemes") String name,
      @ForAll @IntRange(min = 0, max = 628) int angle100, @ForAll @IntRange(min = 20, max = 100) int var100) {
    double th = angle100 / 100.0, s2 = var100 / 100.0, c = Math.cos(th), sn = Math.sin(th);
    double[][] planar = {{-1.5, 0}, {1.5, 0.5}, {0.2, -1.8}};
    double[][] means = new double[3][2];
    for (int i = 0; i < 3; i++) {
      means[i][0] = c * planar[i][0] - sn * planar[i][1];
      means[i][1] = sn * planar[i][0] + c * planar[i][1];
    }
    double[] wts = {0.3, 0.3, 0.4};
    double[][] id = {{s2, 0}, {0, s2}};
    GaussianMixture m = GaussianMixture.of(wts, means, new double[][][] {id, id, id});
    NoiseSchedule s = Schedules.parse("vp-ou");
    double delta = 0.05;
    TimeGrid grid = TimeGrid.uniform(2, delta, 20);
    Scheme scheme = Schemes.parse(name);
    SeparableLaw sep = SeparableLaw.of(wts, means, s2);
    SeparableLaw.Errors e = sep.errors(sep.propagate(scheme, s, grid, 0, StartLaw.EXACT, 64), s, delta);
    GridLaws.Run2D direct = GridLaws.run2d(m, scheme, s, grid, 0, StartLaw.EXACT, 64);
    MixtureDensity target = MixtureDensity.at(m, s, delta);
    GridLaws.Estimate kl = direct.kl(target), tv = direct.tv(target);
    GridLaws.Bracket w2 = direct.w2(target);
    assertTrue(Math.abs(e.kl() - kl.value()) <= e.klError() + kl.error() + 1e-9, name + " KL " + e.kl() + " vs " + kl);
    assertTrue(Math.abs(e.tvLower() - tv.value()) <= e.tvError() + tv.error() + 1e-9, name + " TV " + e.tvLower() + " vs " + tv);
    assertTrue(e.w2Lower() - e.w2Error() <= w2.upper() + w2.error() + 1e-9
        && w2.lower() - w2.error() <= e.w2Upper() + e.w2Error() + 1e-9, name + " W2 brackets overlap: " + e + " vs " + w2);
  }

  /**
   * The m = 2 errors converge as the grid is refined: for n = 32, 64, 128 cells per axis, the change
   * of KL, TV and the W2 lower bound over the second doubling is at most half the change over the
   * first (a first-order method gives ½, a second-order one ¼), once changes are above 1e-9 (box
   * tails e^{−32}, rounding). The Knothe–Rosenblatt upper bound reads each conditional from a whole
   * column, which is first order in Δx and still pre-asymptotic at 32 cells; its convergence is
   * checked on 64, 128, 256 cells under -Pthorough ({@link GridLaw2DThoroughTest}).
   */
  @Property(seed = "20261122", tries = 2)
  void separablePlaneErrorsConvergeUnderRefinement(@ForAll("gridSchemes") String name) {
    double[][] d = SeparablePlaneRefinement.errors(name, 32);
    String[] what = {"KL", "TV", "W2 lower"};
    for (int k = 0; k < 3; k++) SeparablePlaneRefinement.converges(name + " " + what[k], d[k]);
  }
}
