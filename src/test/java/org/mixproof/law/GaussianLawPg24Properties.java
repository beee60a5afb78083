package org.mixproof.law;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.Schedules;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The exact Gaussian law, read off the general scheme code, against [PG24]'s per-eigenvalue updates
 * as docs/claims.md §5.1 writes them (an independent statement): same variances to the rounding bound of
 * the two evaluations, for every scheme, both starts, early stopping ε and grid size N.
 */
class GaussianLawPg24Properties {

  static final NoiseSchedule PG24 = Schedules.parse("vp-linear:0.1,20");
  static final List<String> SCHEMES = List.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4");

  @Provide
  Arbitrary<double[]> spectra() {
    // eigenvalues log-uniform in [1e-8, 300] (CIFAR-10's range), some exactly 0
    Arbitrary<Double> value = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(-8, 2.4771).ofScale(4)
            .map(x -> Math.pow(10, x))));
    return value.array(double[].class).ofMinSize(1).ofMaxSize(12);
  }

  @Provide
  Arbitrary<Double> epsilons() { return Arbitraries.of(1e-5, 1e-4, 1e-3, 1e-2, 0.1); }

  @Property(seed = "20261122", tries = 300)
  void gaussianLawMatchesPg24Recursions(@ForAll("spectra") double[] lambda,
      @ForAll("epsilons") double eps, @ForAll @IntRange(min = 2, max = 400) int points,
      @ForAll("schemes") String scheme) {
    double[] ft = Pg24.forwardTimes(eps, points);
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    GaussianLaw.Propagation p = law.propagate(Schemes.parse(scheme), PG24, TimeGrid.of(ft),
        StartLaw.PRIOR, StartLaw.EXACT);
    assertEquals(points - 1, p.steps());
    if (scheme.equals("ddpm") && Pg24.ddpmBetaReachesOne(ft)) {
      // (1 − β^D)^{-1} with β^D = 2Δβ_k ≥ 1 has no meaning: the step must say undefined
      assertFalse(p.defined(), "ddpm with β^D ≥ 1 must be undefined");
      return;
    }
    assertTrue(p.defined(), p.undefined());
    for (int j = 0; j < lambda.length; j++) {
      double[] starts = {1.0, Pg24.lambdaAt(lambda[j], Pg24.T)};
      for (int s = 0; s < 2; s++) {
        Pg24.Result ref = Pg24.run(scheme, lambda[j], starts[s], ft);
        double got = p.law(s).variance()[j];
        // both codes round every multiplier; their relative gap is at most the bound of each
        double tol = 2 * ref.relativeErrorBound() * ref.variance();
        assertEquals(ref.variance(), got, tol, scheme + " λ = " + lambda[j] + " start " + s);
        assertEquals(0.0, p.law(s).mean()[j], 0.0, "zero-mean data keeps a zero mean");
      }
    }
  }

  @Provide
  Arbitrary<String> schemes() { return Arbitraries.of(SCHEMES); }

  /** The headline: on well-conditioned spectra (CIFAR-10's range, ε = 1e-3) agreement to 1e-12. */
  @Test
  void wellConditionedCasesAgreeTo1e12() {
    double[] lambda = {1e-3, 0.1, 1, 10, 221.45};
    for (String scheme : SCHEMES) {
      for (int points : new int[] {51, 1001}) {
        double[] ft = Pg24.forwardTimes(1e-3, points);
        GaussianLaw.Propagation p = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "x"))
            .propagate(Schemes.parse(scheme), PG24, TimeGrid.of(ft), StartLaw.PRIOR);
        for (int j = 0; j < lambda.length; j++) {
          Pg24.Result ref = Pg24.run(scheme, lambda[j], 1, ft);
          // the 1e-12: the worst-case bound is N·68u (1.5e-11 at N = 1000), but independent
          // roundings add as a random walk, √N·68u ≈ 5e-13 < 1e-12
          assertEquals(ref.variance(), p.law(0).variance()[j], 1e-12 * ref.variance(), scheme + " λ=" + lambda[j]);
        }
      }
    }
  }

  /** [PG24]'s grid t_k = (T − ε)k/(N − 1) is TimeGrid.uniform with N − 1 steps, to rounding of T. */
  @Property(seed = "20261122")
  void uniformGridIsPg24Grid(@ForAll("epsilons") double eps, @ForAll @IntRange(min = 2, max = 2000) int points) {
    double[] ft = Pg24.forwardTimes(eps, points);
    TimeGrid g = TimeGrid.uniform(1, eps, points - 1);
    assertEquals(points - 1, g.steps());
    for (int k = 0; k < points; k++) assertEquals(ft[k], g.time(k), 2 * EPS, "t_" + k); // two roundings of T-sized values
  }

  /** With ε = 0 and a singular Σ, Heun and RK4 evaluate the score at λ(0) = 0: undefined, not a number. */
  @Test
  void heunAndRk4AreUndefinedAtEpsZeroForSingularData() {
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(new double[] {0, 1}, "x"));
    for (String scheme : SCHEMES) {
      GaussianLaw.Propagation p = law.propagate(Schemes.parse(scheme), PG24, TimeGrid.uniform(1, 0, 50), StartLaw.PRIOR);
      boolean expectUndefined = scheme.equals("ode-heun") || scheme.equals("ode-rk4");
      assertEquals(expectUndefined, !p.defined(), scheme + ": " + p.undefined());
      if (expectUndefined) assertTrue(p.undefined().contains("divides by zero"), p.undefined());
    }
    assertFalse(GaussianLaw.ofSpectrum(Spectrum.of(new double[] {0.5, 1}, "x"))
        .propagate(Schemes.ODE_RK4, PG24, TimeGrid.uniform(1, 0, 50), StartLaw.PRIOR).defined() == false);
  }
}
