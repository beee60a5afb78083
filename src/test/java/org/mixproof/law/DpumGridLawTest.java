package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
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

/**
 * The 1-D grid law of {@code dpum} (docs/claims.md §5): with one corrector step the fresh velocity v and
 * the draw ξ enter after the only score evaluation of the corrector, y' = C(y) + η(1 − ηγ) v +
 * η√(2γη) ξ, so the position alone is a Markov chain with Gaussian steps of variance
 * η²(1 − ηγ)² + 2γη³, and the grid law applies to it exactly.
 */
class DpumGridLawTest {

  /**
   * k = 1: the grid law matches the exact Gaussian law to its estimated quadrature error (as in
   * {@link GridLawProperties}: |D_n − D_exact| ≤ |D_n − D_{n/2}| + 1e-9 for a method of order ≥ 1;
   * the 1e-9 covers kernel truncation at 10σ, the ±12σ range and rounding). 8000 cells: on
   * ve-linear's wide prior range (±12 b_T) dpum's small per-step noise takes the remap-and-heat path,
   * and 2000 or 4000 cells are pre-asymptotic there (measured W2 error 1.9e-6, 1.1e-6, 3.8e-7, 1.1e-7
   * at 2000, 4000, 8000, 16000 cells: second order from 4000 on), so |D_n − D_{n/2}| bounds the
   * error only from n = 8000.
   */
  @Test
  void dpumGridLawMatchesTheExactGaussianLaw() {
    Scheme dpum = Schemes.parse("dpum");
    for (String spec : new String[] {"vp-ou", "vp-linear:0.1,20", "ve-linear"}) {
      NoiseSchedule s = Schedules.parse(spec);
      double T = GridLawProperties.horizon(s), delta = 0.02 * T;
      for (StartLaw start : StartLaw.values()) {
        GaussianMixture m = GaussianMixture.gaussian(new double[] {0.7}, new double[][] {{0.4}});
        TimeGrid grid = TimeGrid.uniform(T, delta, 40);
        GridLaws.Run run = GridLaws.run(m, dpum, s, grid, 0, start, 8000);
        GaussianLaw law = GaussianLaw.of(m);
        DiagonalGaussian out = law.propagate(dpum, s, grid, start).law(0), pd = law.marginal(s, delta);
        Mixture1D target = Mixture1D.at(m, s, delta);
        String what = spec + " " + start + ": ";
        check(what + "W2", run.w2(target), Divergences.w2(out, pd));
        check(what + "TV", run.tv(target), Divergences.tv1d(out.mean()[0], out.variance()[0], pd.mean()[0], pd.variance()[0]));
        check(what + "KL", run.kl(target), Divergences.kl(out, pd));
      }
    }
  }

  private static void check(String what, GridLaws.Estimate e, double exact) {
    assertTrue(Math.abs(e.value() - exact) <= e.error() + 1e-9, what + ": grid " + e.value() + " ± " + e.error()
        + " vs exact " + exact);
  }

  /**
   * Mixtures: seeded Monte Carlo runs of the dpum scheme (4000 samples, the general scheme code with
   * its own draws) against the grid law's CDF by one-sample Kolmogorov–Smirnov tests, for three
   * mixtures × two schedules × two starts; family-wise α = 1e-3, Bonferroni over the 12 tests.
   */
  @Test
  void dpumMonteCarloAgreesWithTheGridLaw() {
    Scheme dpum = Schemes.parse("dpum");
    double[][][] cases = {
        {{0.5, 0.5}, {-2, 2}, {0.3, 0.3}},
        {{0.2, 0.5, 0.3}, {-3, 0, 2.5}, {0.1, 0.5, 0.2}},
        {{0.7, 0.3}, {0, 1}, {1, 0.05}}};
    int tests = cases.length * 2 * 2, n = 4000;
    double alpha = 1e-3 / tests;
    KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
    long seed = 20261122;
    for (double[][] c : cases) {
      int k = c[0].length;
      double[][] mu = new double[k][1];
      double[][][] cov = new double[k][1][1];
      for (int i = 0; i < k; i++) {
        mu[i][0] = c[1][i];
        cov[i][0][0] = c[2][i];
      }
      GaussianMixture m = GaussianMixture.of(c[0], mu, cov);
      for (String spec : new String[] {"vp-ou", "vp-linear:0.1,20"}) {
        NoiseSchedule s = Schedules.parse(spec);
        double T = GridLawProperties.horizon(s);
        TimeGrid grid = TimeGrid.uniform(T, 0.02 * T, 30);
        for (StartLaw start : StartLaw.values()) {
          GridLaw g = GridLaws.run(m, dpum, s, grid, 0, start, 2000).fine();
          UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed++);
          double[] y0 = Sampler.start(start, m, s, T, n, rng);
          double[] y = Sampler.run(dpum, s, grid, new MixtureScore(m, s), y0, 1, Noise.gaussian(rng)).samples();
          double[] gy = g.breakpoints(), gc = g.cdf();
          double p = ks.test(y, x -> GridLawProperties.cdf(gy, gc, x)).getPValue();
          assertTrue(p > alpha, "dpum on " + java.util.Arrays.deepToString(c) + ", " + spec + ", " + start
              + ": Monte Carlo vs grid law, p = " + p);
        }
      }
    }
  }

  /**
   * With two corrector steps the second score evaluation sees the draws, so a mixture's step is not
   * F(y) + σξ and the grid law refuses it, naming the scheme.
   */
  @Test
  void dpumWithTwoCorrectorStepsIsRejectedForMixtures() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}},
        new double[][][] {{{0.3}}, {{0.3}}});
    NoiseSchedule s = Schedules.parse("vp-ou");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridLaws.run(m,
        Schemes.dpum(2, 1, 2), s, TimeGrid.uniform(2, 0.05, 10), 0, StartLaw.EXACT, 200));
    assertTrue(e.getMessage().contains("dpum") && e.getMessage().contains("F(y) + Σ σ_k ξ_k"), e.getMessage());
  }
}
