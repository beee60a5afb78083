package org.mixproof.law;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.SignificanceResult;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.Mixtures;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.MixtureScore;
import org.mixproof.sampler.Noise;
import org.mixproof.sampler.Sampler;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** docs/claims.md §5.2–5.3: the 1-D grid law and the separable law. */
class GridLawProperties {

  @Provide
  Arbitrary<String> gridSchemes() {
    return Arbitraries.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4", "ode-ei", "dpom");
  }

  @Provide
  Arbitrary<NoiseSchedule> schedules() {
    return Arbitraries.of("vp-ou", "vp-linear:0.1,20", "ve-linear").map(Schedules::parse);
  }

  static double horizon(NoiseSchedule s) { return Double.isFinite(s.tMax()) ? s.tMax() : 2; }

  /**
   * For k = 1 the grid law matches the exact Gaussian law to its estimated quadrature error: for
   * W2, TV and KL against p_δ, |D_grid − D_exact| ≤ |D_n − D_{n/2}| + 1e-9. For a method of order
   * q ≥ 1 in Δx, D_n − D_exact ≈ (D_n − D_{n/2})/(2^q − 1) ≤ |D_n − D_{n/2}|; the 1e-9 covers the
   * 10σ kernel truncation (e^{−50}), the grid's ±12σ range (e^{−72}) and rounding of n-term sums.
   */
  @Property(seed = "20261122", tries = 40)
  void gridLawMatchesTheExactGaussianLaw(@ForAll("gridSchemes") String name, @ForAll("schedules") NoiseSchedule s,
      @ForAll @IntRange(min = -200, max = 200) int mean100, @ForAll @IntRange(min = 10, max = 300) int var100,
      @ForAll @IntRange(min = 20, max = 80) int steps, @ForAll boolean exactStart) {
    double mu = mean100 / 100.0, var = var100 / 100.0, T = horizon(s), delta = 0.02 * T;
    GaussianMixture m = GaussianMixture.gaussian(new double[] {mu}, new double[][] {{var}});
    Scheme scheme = Schemes.parse(name);
    TimeGrid grid = TimeGrid.uniform(T, delta, steps);
    StartLaw start = exactStart ? StartLaw.EXACT : StartLaw.PRIOR;
    GridLaws.Run run = GridLaws.run(m, scheme, s, grid, 0, start, 2000);
    GaussianLaw law = GaussianLaw.of(m);
    DiagonalGaussian out = law.propagate(scheme, s, grid, start).law(0);
    DiagonalGaussian pd = law.marginal(s, delta);
    Mixture1D target = Mixture1D.at(m, s, delta);
    check("W2", run.w2(target), Divergences.w2(out, pd));
    check("TV", run.tv(target), Divergences.tv1d(out.mean()[0], out.variance()[0], pd.mean()[0], pd.variance()[0]));
    check("KL", run.kl(target), Divergences.kl(out, pd));
  }

  private static void check(String what, GridLaws.Estimate e, double exact) {
    assertTrue(Math.abs(e.value() - exact) <= e.error() + 1e-9, what + ": grid " + e.value() + " ± " + e.error()
        + " vs exact " + exact);
  }

  /**
   * For mixtures the grid divergences converge as the grid is refined: with n = 1000, 2000, 4000,
   * 8000 cells, the change over the last doubling is at most half the change over the first (two
   * halvings of Δx: a first-order method gives 4×, so ½ leaves a factor 2 for the switch between
   * the kernel and the heat-step paths), once changes are above 1e-9 (truncation and rounding).
   */
  @Property(seed = "20261122", tries = 12)
  void gridDivergencesConvergeUnderRefinement(@ForAll("mixtures") GaussianMixture m, @ForAll("gridSchemes") String name,
      @ForAll("vpSchedules") NoiseSchedule s) {
    double T = horizon(s), delta = 0.05 * T;
    TimeGrid grid = TimeGrid.uniform(T, delta, 40);
    Scheme scheme = Schemes.parse(name);
    Mixture1D target = Mixture1D.at(m, s, delta);
    Mixture1D start = GridLaws.start(StartLaw.EXACT, m, s, T);
    double[] range = GridLaws.range(m, s, grid, start);
    org.mixproof.sampler.Score score = new MixtureScore(m, s);
    double[] w2 = new double[4], tv = new double[4], kl = new double[4];
    for (int i = 0; i < 4; i++) {
      GridLaw g = GridPropagator.propagate(scheme, s, grid, score, start, range[0], range[1], 1000 << i);
      w2[i] = g.w2(target);
      tv[i] = g.tv(target);
      kl[i] = g.kl(target);
    }
    converges("W2", w2);
    converges("TV", tv);
    converges("KL", kl);
  }

  @Provide
  Arbitrary<NoiseSchedule> vpSchedules() {
    return Arbitraries.of("vp-ou", "vp-linear:0.1,20").map(Schedules::parse);
  }

  private static void converges(String what, double[] d) {
    double first = Math.abs(d[1] - d[0]), last = Math.abs(d[3] - d[2]);
    assertTrue(last <= first / 2 + 1e-9, what + ": change " + first + " over the first doubling, " + last
        + " over the last (values " + java.util.Arrays.toString(d) + ")");
  }

  @Provide
  Arbitrary<GaussianMixture> mixtures() {
    return Mixtures.builder().dimension(1).components(2, 3).family(CovarianceFamily.FULL)
        .scale(0.05, 1).meanRadius(3).weightFloor(0.1).build();
  }

  /**
   * The separable law in d = 1 + m (m = 1: means on a random line in R²) agrees with the general
   * scheme run directly in d = 2 by Monte Carlo: the samples' projection on the line against the
   * grid law's CDF, and on its normal against the exact Gaussian factor's CDF, by one-sample
   * Kolmogorov–Smirnov tests; family-wise α = 1e-3, Bonferroni over tries × 2 projections.
   */
  @Property(seed = "20261122", tries = SEP_TRIES)
  void separableLawAgreesWithTheDirectRunInTwoDimensions(@ForAll("gridSchemes") String name,
      @ForAll @IntRange(min = 0, max = 628) int angle100, @ForAll @IntRange(min = -150, max = 150) int offset100,
      @ForAll @IntRange(min = 5, max = 100) int var100, @ForAll long seed) {
    double th = angle100 / 100.0, off = offset100 / 100.0, s2 = var100 / 100.0;
    double[] v = {Math.cos(th), Math.sin(th)}, nrm = {-Math.sin(th), Math.cos(th)};
    double[][] means = {{-1.5 * v[0] + off * nrm[0], -1.5 * v[1] + off * nrm[1]},
        {2 * v[0] + off * nrm[0], 2 * v[1] + off * nrm[1]}};
    double[] w = {0.4, 0.6};
    NoiseSchedule s = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 30);
    Scheme scheme = Schemes.parse(name);
    SeparableLaw sep = SeparableLaw.of(w, means, s2);
    SeparableLaw.Output out = sep.propagate(scheme, s, grid, 0, StartLaw.PRIOR, 2000);
    GaussianMixture m = GaussianMixture.of(w, means, new double[][][] {{{s2, 0}, {0, s2}}, {{s2, 0}, {0, s2}}});
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int n = 2000;
    double[] y0 = Sampler.start(StartLaw.PRIOR, m, s, 2, n, rng);
    Sampler.Run run = Sampler.run(scheme, s, grid, new MixtureScore(m, s), y0, 2, Noise.gaussian(rng));
    double[] along = new double[n], across = new double[n];
    // the separable law's line direction is the unit μ_1 − μ_0 = v; its normal factor has mean ‖μ_⊥‖ = |off|
    double sign = Math.signum(off) == 0 ? 1 : Math.signum(off);
    for (int r = 0; r < n; r++) {
      double x = run.samples()[2 * r], y = run.samples()[2 * r + 1];
      along[r] = x * v[0] + y * v[1];
      across[r] = sign * (x * nrm[0] + y * nrm[1]);
    }
    GridLaw g = out.line().fine();
    double[] gy = g.breakpoints(), gc = g.cdf();
    KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
    SignificanceResult r1 = ks.test(along, x -> cdf(gy, gc, x));
    double pm = out.perpendicular().mean()[0], pv = out.perpendicular().variance()[0];
    org.apache.commons.statistics.distribution.NormalDistribution nd =
        org.apache.commons.statistics.distribution.NormalDistribution.of(pm, Math.sqrt(pv));
    SignificanceResult r2 = ks.test(across, nd::cumulativeProbability);
    double alpha = 1e-3 / (SEP_TRIES * 2);
    assertTrue(r1.getPValue() > alpha, name + ": projection on the line vs grid law, p = " + r1.getPValue());
    assertTrue(r2.getPValue() > alpha, name + ": normal projection vs exact Gaussian factor, p = " + r2.getPValue());
  }

  static final int SEP_TRIES = 16;

  /** The piecewise-linear CDF of a grid law. */
  static double cdf(double[] y, double[] c, double x) {
    if (x <= y[0]) return c[0];
    if (x >= y[y.length - 1]) return c[c.length - 1];
    int i = java.util.Arrays.binarySearch(y, x);
    if (i >= 0) return c[i];
    i = -i - 2;
    return c[i] + (c[i + 1] - c[i]) * (x - y[i]) / (y[i + 1] - y[i]);
  }

  /** The separable law's divergences add over its factors: d = 1 + 1 with the normal factor exact. */
  @Property(seed = "20261122", tries = 10)
  void separableDivergencesAddOverTheFactors(@ForAll("gridSchemes") String name,
      @ForAll @IntRange(min = 2, max = 5) int d) {
    double[][] means = new double[2][d];
    means[0][0] = -1;
    means[1][0] = 1.5;
    means[0][1] = 0.7; // a common offset orthogonal to the line
    means[1][1] = 0.7;
    SeparableLaw sep = SeparableLaw.of(new double[] {0.5, 0.5}, means, 0.3);
    NoiseSchedule s = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 25);
    SeparableLaw.Output out = sep.propagate(Schemes.parse(name), s, grid, 0, StartLaw.PRIOR, 1000);
    SeparableLaw.Errors e = sep.errors(out, s, 0.05);
    // direct: grid law of the line mixture, and the exact Gaussian law of N(0.7 e_1, 0.3 I_{d−1})
    GaussianMixture line = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-1}, {1.5}},
        new double[][][] {{{0.3}}, {{0.3}}});
    GridLaws.Run direct = GridLaws.run(line, Schemes.parse(name), s, grid, 0, StartLaw.PRIOR, 1000);
    double[] pm = new double[d - 1], pv = new double[d - 1];
    pm[0] = 0.7;
    java.util.Arrays.fill(pv, 0.3);
    GaussianLaw perp = GaussianLaw.ofDiagonal(pm, pv);
    DiagonalGaussian q = perp.propagate(Schemes.parse(name), s, grid, StartLaw.PRIOR).law(0);
    DiagonalGaussian pp = perp.marginal(s, 0.05);
    Mixture1D pl = Mixture1D.at(line, s, 0.05);
    double kl = direct.fine().kl(pl) + Divergences.kl(q, pp);
    double w2 = Math.sqrt(Math.pow(direct.fine().w2(pl), 2) + Math.pow(Divergences.w2(q, pp), 2));
    // same computations, summed in a different order: 16u of the total
    assertTrue(Math.abs(e.kl() - kl) <= 16 * EPS * (kl + 1), "KL adds: " + e.kl() + " vs " + kl);
    assertTrue(Math.abs(e.w2() - w2) <= 16 * EPS * (w2 + 1), "W2² adds: " + e.w2() + " vs " + w2);
    assertTrue(e.tvLower() <= e.tvUpper(), "TV bracket ordered");
    assertTrue(e.tvLower() >= direct.fine().tv(pl) - 16 * EPS, "TV ≥ the line factor's TV");
  }
}
