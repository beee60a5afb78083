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

/** CLAIMS §5.2–5.3 in d = 2: the 2-D grid law and the separable law with means spanning a plane. */
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
  @Property(seed = "20261122", tries = 12)
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
}
