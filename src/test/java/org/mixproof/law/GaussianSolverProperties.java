package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Schemes;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** docs/claims.md §5.1 {@code solver.gaussian.*} on the exact Gaussian law. */
class GaussianSolverProperties {

  @Provide
  Arbitrary<double[]> spectra() {
    // well-conditioned positive spectra: λ log-uniform in [0.1, 10], d ≤ 6
    return Arbitraries.doubles().between(-1, 1).ofScale(3).map(x -> Math.pow(10, x))
        .array(double[].class).ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<NoiseSchedule> schedules() {
    return Arbitraries.of("vp-ou", "vp-linear:0.1,20", "vp-linear:0.05,5").map(Schedules::parse);
  }

  /** Schemes with their order p (W2 discretisation error ~ h^p). */
  @Provide
  Arbitrary<Tuple.Tuple2<String, Integer>> ordered() {
    return Arbitraries.of(Tuple.of("em", 1), Tuple.of("ei", 1), Tuple.of("ddpm", 1), Tuple.of("ode-euler", 1),
        Tuple.of("ode-ei", 1), Tuple.of("ode-heun", 2), Tuple.of("ode-rk4", 4));
  }

  /**
   * solver.gaussian.order ({@link SolverGaussian#order}): the settled slope of W2(output, p_δ) on a
   * refinement sequence is p ± 0.15 (the tolerance is derived there).
   */
  @Property(seed = "20261122", tries = 60)
  void solverGaussianOrder(@ForAll("spectra") double[] lambda, @ForAll("schedules") NoiseSchedule s,
      @ForAll("ordered") Tuple.Tuple2<String, Integer> scheme) {
    net.jqwik.api.Assume.that(!SolverGaussian.allOne(lambda)); // N(0, I) is stationary for vp: several schemes are exact there
    int p = scheme.get2();
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    SolverGaussian.Order o = SolverGaussian.order(law, Schemes.parse(scheme.get1()), s, SolverGaussian.perUnitTime(p), 0.05, 1 << 16);
    net.jqwik.api.Assume.that(o.settled()); // not settled above the rounding floor
    assertEquals(p, o.slope(), 0.15, scheme.get1() + ": W2 " + o.coarse() + " → " + o.fine() + " at " + o.steps() + " steps");
  }

  /**
   * solver.gaussian.continuous-limit ({@link SolverGaussian#continuousLimit}): from N(0, I) the gap to
   * the continuous-time output shrinks by at least 1.6× per halving of h (first order: 2×, less an O(h)
   * correction), and W2(output_N, p_δ) is within that gap of the continuous error (triangle inequality).
   */
  @Property(seed = "20261122", tries = 40)
  void solverGaussianContinuousLimit(@ForAll("spectra") double[] lambda, @ForAll("schedules") NoiseSchedule s,
      @ForAll("allSchemes") String name) {
    net.jqwik.api.Assume.that(!SolverGaussian.allOne(lambda)); // N(0, I) is stationary for vp: several schemes are exact there
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    SolverGaussian.Limit lim = SolverGaussian.continuousLimit(law, Schemes.parse(name), s, 64, 1024);
    assertTrue(lim.worstContraction() >= 1.6, name + ": gap to the continuous law shrinks by only "
        + lim.worstContraction() + " per halving: " + java.util.Arrays.toString(lim.gaps()));
    assertTrue(lim.worstTriangleExcess() <= 0, name + ": |W2(out, p_δ) − W2(cont, p_δ)| exceeds W2(out, cont)");
  }

  @Provide
  Arbitrary<String> allSchemes() {
    return Arbitraries.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4", "ode-ei");
  }

  /**
   * solver.gaussian.monotone-horizon: the initialisation error (continuous time from N(0, I)) against
   * p_δ decreases strictly in T, for the SDE and the ODE, on vp-ou (T up to 8: e^{−2T} stays far
   * above rounding of the W2 sum).
   */
  @Property(seed = "20261122", tries = 200)
  void solverGaussianMonotoneHorizon(@ForAll("spectra") double[] lambda,
      @ForAll("horizons") double t1, @ForAll("horizons") double t2) {
    net.jqwik.api.Assume.that(t1 != t2);
    net.jqwik.api.Assume.that(!SolverGaussian.allOne(lambda)); // N(0, I) data: zero error at every T
    NoiseSchedule s = Schedules.parse("vp-ou");
    double lo = Math.min(t1, t2), hi = Math.max(t1, t2), delta = 0.01;
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    SolverGaussian.InitError eLo = SolverGaussian.initialisationError(law, s, lo, delta);
    SolverGaussian.InitError eHi = SolverGaussian.initialisationError(law, s, hi, delta);
    assertTrue(eHi.sde() < eLo.sde(), "SDE initialisation error must decrease in T: " + eLo.sde() + " at T = " + lo + ", " + eHi.sde() + " at " + hi);
    assertTrue(eHi.ode() < eLo.ode(), "ODE initialisation error must decrease in T: " + eLo.ode() + " at T = " + lo + ", " + eHi.ode() + " at " + hi);
  }

  @Provide
  Arbitrary<Double> horizons() { return Arbitraries.doubles().between(0.2, 8).ofScale(2); }

  /**
   * solver.gaussian.sde-beats-ode-init ({@link SolverGaussian#sdeVsOde}): 0 &lt; e λ_t/λ_T &lt; 1 per
   * eigenvalue, the identity v_S/λ_t − 1 = (e λ_t/λ_T)(v_O/λ_t − 1) to rounding, the SDE's variance
   * strictly closer to λ_t where λ_T ≠ 1, and then W2_SDE &lt; W2_ODE.
   */
  @Property(seed = "20261122", tries = 200)
  void solverGaussianSdeBeatsOdeInit(@ForAll("spectra") double[] lambda, @ForAll("schedules") NoiseSchedule s,
      @ForAll("fractions") double fraction) {
    double T = SolverGaussian.horizon(s);
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    SolverGaussian.SdeVsOde r = SolverGaussian.sdeVsOde(law, s, T, fraction * T);
    assertTrue(r.minFactor() > 0 && r.maxFactor() < 1, "0 < e λ_t/λ_T < 1, was " + r.minFactor() + ".." + r.maxFactor());
    assertTrue(r.worstIdentityExcess() <= 0, "v_S/λ_t − 1 = (e λ_t/λ_T)(v_O/λ_t − 1) off by " + r.worstIdentityExcess() + " beyond rounding");
    assertTrue(r.strictEverywhere(), "SDE variance strictly closer to λ_t wherever λ_T ≠ 1");
    if (r.anyStrict()) assertTrue(r.w2Sde() < r.w2Ode(), "W2_SDE < W2_ODE");
  }

  @Provide
  Arbitrary<Double> fractions() { return Arbitraries.doubles().between(0.01, 0.9).ofScale(3); }
}
