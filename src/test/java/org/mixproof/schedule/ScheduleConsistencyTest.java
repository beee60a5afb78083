package org.mixproof.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/claims.md §0: every schedule's (a, b) and (f, g) describe the same SDE — a' = f a, (b²)' = 2 f b² + g²
 * (by finite differences), a = exp(∫f) and b² = a² ∫ g²/a² (by independent quadrature).
 */
class ScheduleConsistencyTest {

  static final List<String> SPECS = List.of(
      "vp-ou", "vp-linear", "vp-linear:0.05,10", "ve-geometric", "ve-geometric:0.002,80", "ve-linear");
  static final double[] TIMES = {1e-6, 1e-3, 0.1, 0.5, 0.9, 1.0, 3.0};

  static Stream<Arguments> schedulesAndTimes() {
    List<Arguments> out = new ArrayList<>();
    for (String spec : SPECS) {
      NoiseSchedule s = Schedules.parse(spec);
      for (double t : TIMES) if (t <= s.tMax()) out.add(Arguments.of(spec, t));
    }
    return out.stream();
  }

  /** Central difference at step h, Richardson-extrapolated once: error O(h⁴). */
  static double derivative(DoubleUnaryOperator f, double t, double h) {
    double d1 = (f.applyAsDouble(t + h) - f.applyAsDouble(t - h)) / (2 * h);
    double d2 = (f.applyAsDouble(t + h / 2) - f.applyAsDouble(t - h / 2)) / h;
    return (4 * d2 - d1) / 3;
  }

  static double step(NoiseSchedule s, double t) {
    return Math.min(1e-3, Math.min(t, s.tMax() - t) / 2);
  }

  // Richardson truncation ≤ h⁴ M₅/30 with h ≤ 1e-3 and every schedule's fifth log-derivative ≤ 20⁵
  // (β_max = 20; ve-geometric: 2 ln(σmax/σmin) ≤ 21) ⇒ ≤ 1.1e-7 relative; rounding ≤ 4u/h ≤ 2e-9.
  static final double FD_RELATIVE = 2e-7;

  @ParameterizedTest(name = "{0} at t = {1}")
  @MethodSource("schedulesAndTimes")
  void aPrimeEqualsFTimesA(String spec, double t) {
    NoiseSchedule s = Schedules.parse(spec);
    double h = step(s, t);
    if (h == 0) return; // t = tMax: no two-sided difference exists; covered by the other times
    double fd = derivative(s::a, t, h);
    assertEquals(s.f(t) * s.a(t), fd, FD_RELATIVE * Math.max(Math.abs(fd), s.a(t)), spec + " a'");
    assertEquals(s.aPrime(t), s.f(t) * s.a(t), 0.0);
  }

  @ParameterizedTest(name = "{0} at t = {1}")
  @MethodSource("schedulesAndTimes")
  void b2PrimeEquals2fB2PlusG2(String spec, double t) {
    NoiseSchedule s = Schedules.parse(spec);
    double h = step(s, t);
    if (h == 0) return;
    double fd = derivative(s::b2, t, h);
    double exact = 2 * s.f(t) * s.b2(t) + s.g2(t);
    assertEquals(exact, fd, FD_RELATIVE * Math.max(Math.abs(exact), s.g2(t)), spec + " (b²)'");
    assertEquals(exact, s.b2Prime(t), 0.0);
  }

  // Gauss–Legendre on smooth integrands: the integrator's own relative accuracy 1e-13 bounds the error.
  static final double QUAD_RELATIVE = 1e-11;

  @ParameterizedTest(name = "{0} at t = {1}")
  @MethodSource("schedulesAndTimes")
  void aAndB2FromTheSdeByQuadrature(String spec, double t) {
    NoiseSchedule s = Schedules.parse(spec);
    IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-300);
    double intF = quad.integrate(1_000_000, s::f, 0, t);
    assertEquals(Math.exp(intF), s.a(t), QUAD_RELATIVE * s.a(t), spec + " a = exp(∫f)");
    quad = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-300);
    double intG = quad.integrate(1_000_000, u -> s.g2(u) / (s.a(u) * s.a(u)), 0, t);
    double a = s.a(t);
    assertEquals(a * a * intG, s.b2(t), QUAD_RELATIVE * s.b2(t), spec + " b² = a² ∫ g²/a²");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vp-ou", "vp-linear", "vp-linear:0.05,10", "ve-geometric",
      "ve-geometric:0.002,80", "ve-linear", " vp-linear:0.1, 20 "})
  void textualFormRoundTrips(String spec) {
    NoiseSchedule s = Schedules.parse(spec);
    assertEquals(s, Schedules.parse(s.spec()));
    assertEquals(0.0, s.b2(0), "b_0 = 0 (the process starts at the data)");
    assertEquals(1.0, s.a(0), "a_0 = 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vp-ou", "vp-linear", "ve-geometric", "ve-linear"})
  void timesOutsideTheRangeAreRejectedNamingTheValue(String spec) {
    NoiseSchedule s = Schedules.parse(spec);
    List<Double> bad = new ArrayList<>(List.of(-1e-300, -1.0, Double.NaN, Double.NEGATIVE_INFINITY));
    if (s.tMax() < Double.POSITIVE_INFINITY) bad.add(Math.nextUp(s.tMax()));
    else bad.add(Double.POSITIVE_INFINITY);
    for (double t : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.b2(t));
      assertTrue(e.getMessage().contains("t must be in") && e.getMessage().contains(String.valueOf(t)),
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> s.a(t));
      assertThrows(IllegalArgumentException.class, () -> s.f(t));
      assertThrows(IllegalArgumentException.class, () -> s.g2(t));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "vp-cosine", "vp-ou:1", "vp-linear:0.1", "vp-linear:a,b", "vp-linear:-1,20",
      "vp-linear:1,0.5", "ve-geometric:0,1", "ve-geometric:5,1", "ve-linear:3", "vp-linear:NaN,20"})
  void malformedSpecsAreRejectedNamingTheText(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(spec));
    assertTrue(e.getMessage().length() > 10, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void smallTimesKeepFullRelativePrecision() {
    // b² ≈ 2t for vp-ou at tiny t (series 2t − 2t² + …): expm1 keeps it to rounding, 1 − e^{−2t} would not
    NoiseSchedule ou = Schedules.parse("vp-ou");
    double t = 1e-12;
    assertEquals(2 * t - 2 * t * t, ou.b2(t), 4 * Math.ulp(2 * t));
    VpLinear lin = new VpLinear();
    double bigB = 0.1 * t + 0.5 * (20 - 0.1) * t * t; // B(t); b² = 1 − e^{−B} = B − B²/2 + O(B³)
    assertEquals(bigB - bigB * bigB / 2, lin.b2(t), 4 * Math.ulp(bigB));
  }
}
