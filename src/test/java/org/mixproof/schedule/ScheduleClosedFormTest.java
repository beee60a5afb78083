package org.mixproof.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closed forms each schedule's javadoc states, at points where they are known exactly, and the text
 * form's details (docs/mutation.md: these kill mutants the consistency identities cannot see — a
 * schedule with every coefficient zero satisfies a' = f a and (b²)' = 2 f b² + g²).
 */
class ScheduleClosedFormTest {

  /**
   * log a_t against its closed forms (vp-ou −t, vp-linear −½(β_min t + ½(β_max − β_min) t²), ve 0) — at
   * t = 1e-20 too, where a_t rounds to 1 and log(a(t)) would be 0 — and against log(a(t)) at moderate t
   * (within a few ulps of the logarithm: exp and log each within 1 ulp).
   */
  @Test
  void logAKeepsItsDigitsWhereATRoundsToOne() {
    NoiseSchedule ou = Schedules.parse("vp-ou"), lin = Schedules.parse("vp-linear:0.1,20");
    assertEquals(-1e-20, ou.logA(1e-20), 0.0);
    assertEquals(-0.5 * 0.1 * 1e-20, lin.logA(1e-20), Math.ulp(0.5e-21));
    assertEquals(0.0, Schedules.parse("ve-linear").logA(1e-20), 0.0);
    assertEquals(0.0, Schedules.parse("ve-geometric").logA(0.3), 0.0);
    for (NoiseSchedule s : new NoiseSchedule[] {ou, lin}) {
      for (double t : new double[] {0.05, 0.4, 0.9}) {
        assertEquals(Math.log(s.a(t)), s.logA(t), 4 * Math.ulp(Math.log(s.a(t))), s.spec() + " at " + t);
      }
    }
  }

  @Test
  void veGeometricReachesSigmaMaxAtTimeOne() {
    VeGeometric s = new VeGeometric(0.5, 8);
    assertEquals(1.0, s.tMax());
    // b_1² = σ_max² − σ_min², σ(1) = σ_max, g²(1) = 2 ln(σ_max/σ_min) σ_max² (javadoc)
    assertEquals(64 - 0.25, s.b2(1), 1e-12);
    assertEquals(8, s.sigma(1), 1e-13);
    assertEquals(2 * Math.log(16) * 64, s.g2(1), 1e-11);
    // σ(1/2) = √(σ_min σ_max) = 2
    assertEquals(4 - 0.25, s.b2(0.5), 1e-13);
  }

  @Test
  void veLinearAndVpOuHaveTheirClosedForms() {
    VeLinear ve = new VeLinear();
    assertEquals(Double.POSITIVE_INFINITY, ve.tMax());
    assertEquals(3.0, ve.b(3.0));
    assertEquals(9.0, ve.b2(3.0));
    assertEquals(6.0, ve.g2(3.0));
    VpOu ou = new VpOu();
    // the interface defaults: b = √(b²), g = √(g²) = √2 for OU
    assertEquals(Math.sqrt(1 - Math.exp(-2.0)), ou.b(1.0), 1e-15);
    assertEquals(Math.sqrt(2), ou.g(0.3), 1e-15);
    assertEquals(Math.sqrt(2 * 0.7), ve.g(0.7), 1e-15);
  }

  @Test
  void vpLinearIntegratesBeta() {
    VpLinear s = new VpLinear(1, 3);
    // B(1) = β_min + (β_max − β_min)/2 = 2, a = e^{−1}, b² = 1 − e^{−2}
    assertEquals(2.0, s.integratedBeta(1), 1e-15);
    assertEquals(Math.exp(-1), s.a(1), 1e-15);
    assertEquals(1 - Math.exp(-2), s.b2(1), 1e-15);
  }

  @Test
  void specsAreWrittenWithoutATrailingPointZeroAndToStringIsTheSpec() {
    assertEquals("vp-linear:0.1,20", new VpLinear().spec());
    assertEquals("ve-geometric:0.01,50", new VeGeometric().spec());
    assertEquals("vp-linear:0.1,20", new VpLinear().toString());
    assertEquals("ve-geometric:0.01,50", new VeGeometric().toString());
    assertEquals("vp-ou", new VpOu().toString());
    assertEquals("ve-linear", new VeLinear().toString());
    assertEquals("-3", Schedules.format(-3));
    assertEquals("2.5", Schedules.format(2.5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ve-geometric:0.01", "ve-geometric:1,2,3", "vp-linear:0.1", "vp-linear:1,2,3"})
  void aParametrisedScheduleNeedsExactlyTwoParameters(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(spec));
    assertTrue(e.getMessage().contains("takes two parameters"), e.getMessage());
  }

  @Test
  void aParameterThatIsNotANumberIsNamedByItsPosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.parse("vp-linear:0.1,x"));
    assertTrue(e.getMessage().contains("parameter 2 is not a number: 'x'"), e.getMessage());
  }

  /** An unknown name is reported before its parameters are read, also with nothing before the colon. */
  @ParameterizedTest
  @ValueSource(strings = {":x", ":0.1,2", "vp-cosine:x", "VP-OU"})
  void anUnknownNameIsTheFaultReported(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(spec));
    assertTrue(e.getMessage().startsWith("schedule must be one of [vp-ou, vp-linear, ve-geometric, ve-linear], was '"
        + spec + "'"), e.getMessage());
  }

  /** A schedule that does not override log a_t gets log of a(t) (the default the discrete grids rely on). */
  @Test
  void theDefaultLogAIsTheLogarithmOfA() {
    NoiseSchedule halfLife = new NoiseSchedule() {
      @Override public String spec() { return "half-life"; }
      @Override public double tMax() { return 10; }
      @Override public double a(double t) { return Math.pow(2, -t); }
      @Override public double b2(double t) { return 1 - Math.pow(4, -t); }
      @Override public double f(double t) { return -Math.log(2); }
      @Override public double g2(double t) { return 2 * Math.log(2); }
    };
    assertEquals(-3 * Math.log(2), halfLife.logA(3), 2 * Math.ulp(3 * Math.log(2)));
  }
}
