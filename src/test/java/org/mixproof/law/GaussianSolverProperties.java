package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** CLAIMS §5.1 {@code solver.gaussian.*} on the exact Gaussian law. */
class GaussianSolverProperties {

  static final double U = Math.ulp(1.0);

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

  static boolean allOne(double[] lambda) {
    for (double l : lambda) if (l != 1) return false;
    return true;
  }

  static double horizon(NoiseSchedule s) { return Double.isFinite(s.tMax()) ? s.tMax() : 1.5; }

  /**
   * solver.gaussian.order: from p_T exactly (so the only error is discretisation), δ = 0.1·T away
   * from the stiff t → 0, on a refinement sequence N, 2N, 4N, … (N per unit time 64 for p = 1,
   * 16 for p = 2, 4 for p = 4) the slopes log₂(e_N/e_{2N}) of W2(output, p_δ) settle: refine until
   * two consecutive slopes agree within 0.05, then that slope is p ± 0.15. For e = C₁h^p(1 + c h)
   * the slope is p + c h/(2 ln 2) + O(h²), so once consecutive slopes (which differ by ≈ c h/(4 ln 2))
   * agree within 0.05 the remaining offset is ≤ 0.1 + O(h²) &lt; 0.15. The refinement stops where
   * the error reaches 100× its rounding floor N·u·√(Σλ + d); a case that has not settled by then
   * (the scheme is exact to rounding, or C₁ ≈ 0) is skipped.
   */
  @Property(seed = "20261122", tries = 60)
  void solverGaussianOrder(@ForAll("spectra") double[] lambda, @ForAll("schedules") NoiseSchedule s,
      @ForAll("ordered") Tuple.Tuple2<String, Integer> scheme) {
    net.jqwik.api.Assume.that(!allOne(lambda)); // N(0, I) is stationary for vp: several schemes are exact there
    double T = horizon(s), delta = 0.1 * T;
    int p = scheme.get2(), n = (int) Math.ceil(T * (p == 1 ? 64 : p == 2 ? 16 : 4));
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    DiagonalGaussian target = law.marginal(s, delta);
    double scale = Math.sqrt(sum(lambda) + lambda.length);
    double e = error(law, scheme.get1(), s, T, delta, n, target), lastSlope = Double.NaN;
    for (int steps = 2 * n; steps <= 1 << 16; steps *= 2) {
      double next = error(law, scheme.get1(), s, T, delta, steps, target);
      if (!(next > 100 * steps * U * scale)) break;
      double slope = Math.log(e / next) / Math.log(2);
      if (Math.abs(slope - lastSlope) <= 0.05) {
        assertEquals(p, slope, 0.15, scheme.get1() + ": W2 " + e + " → " + next + " at " + steps + " steps");
        return;
      }
      lastSlope = slope;
      e = next;
    }
    net.jqwik.api.Assume.that(false); // not settled above the rounding floor
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }

  private static double error(GaussianLaw law, String scheme, NoiseSchedule s, double T, double delta, int steps,
      DiagonalGaussian target) {
    GaussianLaw.Propagation p = law.propagate(Schemes.parse(scheme), s, TimeGrid.uniform(T, delta, steps), StartLaw.EXACT);
    return Divergences.w2(p.law(0), target);
  }

  /**
   * solver.gaussian.continuous-limit: from N(0, I), the discrete output tends to the continuous-time
   * output (SDE schemes to the reverse SDE's closed form, ODE schemes to the flow's): the gap
   * e_N = W2(output_N, continuous) shrinks by at least 1.6× per halving of h (first order: 2×, less
   * an O(h) correction), and by the triangle inequality the reported error W2(output_N, p_δ) is
   * within e_N of the continuous error, which therefore is its limit.
   */
  @Property(seed = "20261122", tries = 40)
  void solverGaussianContinuousLimit(@ForAll("spectra") double[] lambda, @ForAll("schedules") NoiseSchedule s,
      @ForAll("allSchemes") String name) {
    net.jqwik.api.Assume.that(!allOne(lambda)); // N(0, I) is stationary for vp: several schemes are exact there
    double T = horizon(s), delta = 0.05 * T;
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    Scheme scheme = Schemes.parse(name);
    DiagonalGaussian start = law.start(StartLaw.PRIOR, s, T);
    DiagonalGaussian cont = scheme.deterministic() ? law.continuousOde(s, T, delta, start)
        : law.continuousSde(s, T, delta, start);
    DiagonalGaussian target = law.marginal(s, delta);
    double contError = Divergences.w2(cont, target);
    double previous = Double.POSITIVE_INFINITY;
    double floor = 100 * 4096 * U * Math.sqrt(sum(lambda) + lambda.length); // 100× the rounding of a 4096-step run
    for (int steps = 64; steps <= 1024; steps *= 2) {
      DiagonalGaussian out = law.propagate(scheme, s, TimeGrid.uniform(T, delta, steps), 0, List.of(start)).law(0);
      double gap = Divergences.w2(out, cont);
      if (previous > floor) {
        assertTrue(gap <= previous / 1.6, name + ": gap to the continuous law " + gap + " after " + previous);
      }
      // triangle inequality, to the rounding of three W2 sums (8u of each)
      assertTrue(Math.abs(Divergences.w2(out, target) - contError) <= gap + 8 * U * (contError + gap + 1),
          name + ": |W2(out, p_δ) − W2(cont, p_δ)| exceeds W2(out, cont)");
      previous = gap;
    }
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
    NoiseSchedule s = Schedules.parse("vp-ou");
    double lo = Math.min(t1, t2), hi = Math.max(t1, t2), delta = 0.01;
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    DiagonalGaussian target = law.marginal(s, delta);
    double sdeLo = Divergences.w2(law.continuousSde(s, lo, delta, law.start(StartLaw.PRIOR, s, lo)), target);
    double sdeHi = Divergences.w2(law.continuousSde(s, hi, delta, law.start(StartLaw.PRIOR, s, hi)), target);
    double odeLo = Divergences.w2(law.continuousOde(s, lo, delta, law.start(StartLaw.PRIOR, s, lo)), target);
    double odeHi = Divergences.w2(law.continuousOde(s, hi, delta, law.start(StartLaw.PRIOR, s, hi)), target);
    net.jqwik.api.Assume.that(!allOne(lambda)); // N(0, I) data: zero error at every T
    assertTrue(sdeHi < sdeLo, "SDE initialisation error must decrease in T: " + sdeLo + " at T = " + lo + ", " + sdeHi + " at " + hi);
    assertTrue(odeHi < odeLo, "ODE initialisation error must decrease in T: " + odeLo + " at T = " + lo + ", " + odeHi + " at " + hi);
  }

  @Provide
  Arbitrary<Double> horizons() { return Arbitraries.doubles().between(0.2, 8).ofScale(2); }

  /**
   * solver.gaussian.sde-beats-ode-init: with e = (a_T/a_t)², per eigenvalue
   * v_S/λ_t − 1 = (e λ_t/λ_T)(v_O/λ_t − 1) with 0 &lt; e λ_t/λ_T &lt; 1, so the SDE's variance is
   * strictly closer to λ_t (when λ_T ≠ 1) and W2_SDE &lt; W2_ODE. The identity is checked to the
   * rounding of its terms (16u of their size).
   */
  @Property(seed = "20261122", tries = 200)
  void solverGaussianSdeBeatsOdeInit(@ForAll("spectra") double[] lambda, @ForAll("schedules") NoiseSchedule s,
      @ForAll("fractions") double fraction) {
    double T = horizon(s), t = fraction * T;
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    DiagonalGaussian start = law.start(StartLaw.PRIOR, s, T);
    DiagonalGaussian sde = law.continuousSde(s, T, t, start), ode = law.continuousOde(s, T, t, start);
    DiagonalGaussian pt = law.marginal(s, t), pT = law.marginal(s, T);
    double a = s.a(T) / s.a(t), e = a * a;
    boolean strict = false;
    for (int j = 0; j < lambda.length; j++) {
      double lt = pt.variance()[j], lT = pT.variance()[j];
      double factor = e * lt / lT;
      assertTrue(factor > 0 && factor < 1, "0 < e λ_t/λ_T < 1, was " + factor);
      double left = sde.variance()[j] / lt - 1, right = factor * (ode.variance()[j] / lt - 1);
      assertEquals(right, left, 16 * U * (1 + Math.abs(ode.variance()[j] / lt) + sde.variance()[j] / lt),
          "v_S/λ_t − 1 = (e λ_t/λ_T)(v_O/λ_t − 1)");
      double gapS = Math.abs(sde.variance()[j] - lt), gapO = Math.abs(ode.variance()[j] - lt);
      if (Math.abs(lT - 1) > 1e-6) {
        assertTrue(gapS < gapO, "SDE variance strictly closer to λ_t: " + gapS + " vs " + gapO);
        strict = true;
      }
    }
    if (strict) assertTrue(Divergences.w2(sde, pt) < Divergences.w2(ode, pt), "W2_SDE < W2_ODE");
  }

  @Provide
  Arbitrary<Double> fractions() { return Arbitraries.doubles().between(0.01, 0.9).ofScale(3); }
}
