package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The 2-D grid law of the deterministic (probability-flow) schemes, whose steps are pulled back by
 * inverting the step map (Newton on the scheme code), against the exact Gaussian law of the same
 * scheme (docs/claims.md §5.2): a correlated Gaussian with a non-zero mean, both starts, KL within
 * the grid's own error estimate plus 1e-9 for the box and kernel truncation (as in {@link GridLaw2DProperties}).
 * Fixed cases, so the inversion path always runs (the property draws schemes at random).
 */
class GridLaw2DDeterministicTest {

  @Test
  void deterministicSchemesMatchTheExactGaussianLaw() {
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.6, -0.4}, new double[][] {{0.8, 0.3}, {0.3, 0.5}});
    NoiseSchedule s = Schedules.parse("vp-ou");
    double delta = 0.05;
    TimeGrid grid = TimeGrid.uniform(2, delta, 12);
    GaussianLaw law = GaussianLaw.of(m);
    DiagonalGaussian pd = law.marginal(s, delta);
    MixtureDensity target = MixtureDensity.at(m, s, delta);
    for (String name : new String[] {"ode-euler", "ode-ei", "ode-heun"}) {
      for (StartLaw start : new StartLaw[] {StartLaw.PRIOR, StartLaw.EXACT}) {
        Scheme scheme = Schemes.parse(name);
        GridLaws.Run2D run = GridLaws.run2d(m, scheme, s, grid, 0, start, 48);
        DiagonalGaussian out = law.propagate(scheme, s, grid, start).law(0);
        GridLaws.Estimate kl = run.kl(target);
        double klExact = Divergences.kl(out, pd);
        assertTrue(Math.abs(kl.value() - klExact) <= kl.error() + 1e-9,
            name + " " + start + ": KL " + kl + " vs exact " + klExact);
        assertTrue(kl.error() < 0.1 * klExact + 1e-6, name + " " + start + ": the estimate is informative: " + kl);
      }
    }
  }
}
