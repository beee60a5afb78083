package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * Point certificates on the symmetric pair of docs/claims.md §3 (π = ½, μ = ±2, σ² = 1, vp-ou, t = 0.1),
 * where ‖H(0)‖₂ = 4e^{−0.2} − 1 = 2.27492…: a bound clearly below is CERTIFIED, one within the enclosure's
 * width or above is not, and each other failure branch (tolerance, a variable without an enclosure, a
 * schedule without a closed form) says why.
 */
class PointCertificateTest {

  static final GaussianMixture PAIR = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}},
      new double[][][] {{{1}}, {{1}}});
  static final NoiseSchedule OU = Schedules.parse("vp-ou");
  static final Set<String> NAMES = Set.of("log_gamma", "beta");

  static PointCertificate.Case pairCase(String bound) {
    return new PointCertificate.Case(PAIR, OU, 0.1, new double[] {0}, bound, null, Map.of("beta", 5.0), NAMES);
  }

  static PointCertificate at(String bound, String tolerance, NoiseSchedule s) {
    return PointCertificate.lipschitz(PAIR, s, 0.1, new double[] {0}, bound, tolerance, Map.of("beta", 5.0), NAMES);
  }

  @Test
  void aBoundBelowTheValueIsCertifiedWithBothEnclosures() {
    // 4a² − 1.1 with the real a = e^{−0.1}: 0.1 below ‖H(0)‖₂
    PointCertificate c = at("4 * a^2 - 1.1", null, OU);
    assertTrue(c.certified(), c.reason());
    double exact = 4 * Math.exp(-0.2) - 1;
    assertTrue(c.measured().lo() <= exact + 8 * Math.ulp(exact) && c.measured().hi() >= exact - 8 * Math.ulp(exact),
        "‖H(0)‖₂ enclosure " + c.measured() + " around " + exact);
    assertTrue(c.measured().lo() > c.bound().hi());
    assertTrue(c.fields().get("status").equals("CERTIFIED"));
  }

  @Test
  void eachFailureBranchSaysWhy() {
    PointCertificate equal = at("4 * a^2 - 1", null, OU); // the value itself: never separated
    assertFalse(equal.certified());
    assertTrue(equal.reason().startsWith("not separated"), equal.reason());
    assertEquals("binary64", equal.arithmetic(), "a value equal to its bound never goes to the fallback");
    // a bound below the value by less than the enclosures' widths: apart, but too wide to certify in double …
    double delta = 0.45 * (equal.measured().width() + equal.bound().width());
    String closeBound = "4 * a^2 - 1 - " + new java.math.BigDecimal(delta).toPlainString();
    PointCertificate close = PointCertificate.lipschitz(pairCase(closeBound), new int[0]);
    assertFalse(close.certified());
    assertTrue(close.reason().startsWith("too wide"), close.reason());
    // … and certified by the decimal fallback (the real gap is delta > 0)
    PointCertificate fallback = at(closeBound, null, OU);
    assertTrue(fallback.certified(), fallback.reason());
    assertEquals("decimal 40 digits", fallback.arithmetic());
    assertEquals("decimal 40 digits", fallback.fields().get("arithmetic"));
    PointCertificate tolerated = at("2", "0.3", OU); // 2 + 0.3 > 2.27
    assertFalse(tolerated.certified(), tolerated.reason());
    PointCertificate unenclosed = at("2 + 0 * log_gamma", null, OU);
    assertFalse(unenclosed.certified());
    assertTrue(unenclosed.reason().contains("'log_gamma'"), unenclosed.reason());
    NoiseSchedule custom = CustomSchedule.INSTANCE;
    PointCertificate noClosedForm = at("1", null, custom);
    assertFalse(noClosedForm.certified());
    assertTrue(noClosedForm.reason().contains("custom"), noClosedForm.reason());
    assertTrue(at("beta - 3", null, OU).certified(), "beta = 5 enters exactly: 2 < 2.27");
  }

  /**
   * Score-norm and denoiser-norm certificates. One Gaussian N((1, 2), I) under vp-ou at t = 0.1: Tweedie's
   * E[X_0 | X_t = x] = μ + a(x − aμ)/(a² + b²) = μ + a(x − aμ) (a² + b² = 1), whose norm at x = 0 is
   * ‖μ(1 − a²)‖ = √5 b² — certified above 0.5 b², not at √5 b² itself. And singular data, where the
   * rescaled score equals the distance to the support exactly: a rounding-level "violation" of
   * |‖s‖ b²/r − 1| ≤ 0 is never certified.
   */
  @Test
  void scoreAndDenoiserNormCertificates() {
    GaussianMixture g = GaussianMixture.gaussian(new double[] {1, 2}, new double[][] {{1, 0}, {0, 1}});
    PointCertificate above = PointCertificate.denoiserNorm(g, OU, 0.1, new double[] {0, 0}, "0.5 * b2", null, Map.of(), Set.of());
    assertTrue(above.certified(), above.reason());
    double exact = Math.sqrt(5) * -Math.expm1(-0.2);
    double slack = 8 * Math.ulp(1.0) * exact; // the hand value: sqrt, expm1 (1 ulp each) and one product
    assertTrue(above.measured().lo() <= exact + slack && above.measured().hi() >= exact - slack,
        above.measured() + " around " + exact);
    PointCertificate equal = PointCertificate.denoiserNorm(g, OU, 0.1, new double[] {0, 0}, "sqrt(5) * b2", null, Map.of(),
        Set.of());
    assertFalse(equal.certified(), equal.reason());
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0.5, -1}, new double[][] {{1, 0}, {0, 0}});
    double a = Math.exp(-0.01), r = 0.7;
    double[] x = {a * 0.5, a * -1 + r};
    PointCertificate.Case lineCase = new PointCertificate.Case(line, OU, 0.01, x, "0", null, Map.of(), Set.of());
    PointCertificate rounding = PointCertificate.scoreNorm(lineCase, r, new int[0]);
    assertFalse(rounding.certified(), rounding.reason());
    // at the recorded x the real value is only the rounding of a_t μ in x: a few ε, not certifiable in double …
    assertTrue(rounding.measured().lo() < 16 * Math.ulp(1.0), rounding.measured().toString());
    // … but it is not 0 (x holds the double a, not the real a_t): 40 digits certify it, around the apfloat value
    PointCertificate decimal = PointCertificate.scoreNorm(line, OU, 0.01, x, r, "0", null, Map.of(), Set.of());
    assertTrue(decimal.certified(), decimal.reason());
    double real = rescaledScoreMinusOne(x, r, 0.01);
    assertTrue(real > 0 && decimal.measured().lo() <= real && real <= decimal.measured().hi(),
        decimal.measured() + " around " + real);
  }

  /**
   * |‖s‖ b²/r − 1| for N((0.5, −1), diag(1, 0)) under vp-ou, in apfloat at 60 digits from the exact double
   * inputs: a² + b² = 1, so s₁ = −(x₁ − ½a) and s₂ = −(x₂ + a)/b².
   */
  static double rescaledScoreMinusOne(double[] x, double r, double t) {
    long p = 60;
    Apfloat a = ApfloatMath.exp(new Apfloat(new java.math.BigDecimal(-t), p));
    Apfloat b2 = new Apfloat(1, p).subtract(a.multiply(a));
    Apfloat s1 = new Apfloat(new java.math.BigDecimal(x[0]), p).subtract(a.multiply(new Apfloat("0.5", p)));
    Apfloat s2 = new Apfloat(new java.math.BigDecimal(x[1]), p).add(a).divide(b2);
    Apfloat norm = ApfloatMath.sqrt(s1.multiply(s1).add(s2.multiply(s2)));
    return ApfloatMath.abs(norm.multiply(b2).divide(new Apfloat(new java.math.BigDecimal(r), p)).subtract(new Apfloat(1, p)))
        .doubleValue();
  }

  /**
   * The fallback's own branches: a quantity that stays too wide at every precision ends with the last
   * one's reason; one whose decimal evaluation fails keeps the double reason and says what failed.
   */
  @Test
  void theFallbackWalksItsPrecisionsAndReportsAFailure() {
    PointCertificate.Measure alwaysWide = new PointCertificate.Measure() {
      @Override public <T extends RealInterval<T>> T of(DensityEnclosure.Enclosure<T> e, ScheduleEnclosure<T> c) {
        return c.arithmetic().of(1).hull(c.arithmetic().of(1 + 0x1p-51)); // [1, 1 + 4u]: mid 2u above the bound 1
      }
    };
    PointCertificate wide = PointCertificate.certify(pairCase("1"), "q", alwaysWide, new int[] {40, 100});
    assertFalse(wide.certified());
    assertTrue(wide.reason().startsWith("too wide") && wide.reason().contains("decimal 100 digits"), wide.reason());
    assertEquals("decimal 100 digits", wide.arithmetic());
    PointCertificate.Measure failsInDecimal = new PointCertificate.Measure() {
      @Override public <T extends RealInterval<T>> T of(DensityEnclosure.Enclosure<T> e, ScheduleEnclosure<T> c) {
        if (c.a() instanceof DecimalInterval) throw new ArithmeticException("planted");
        return alwaysWide.of(e, c);
      }
    };
    PointCertificate failed = PointCertificate.certify(pairCase("1"), "q", failsInDecimal, new int[] {40});
    assertFalse(failed.certified());
    assertTrue(failed.reason().startsWith("too wide") && failed.reason().endsWith("decimal 40 digits failed: planted"),
        failed.reason());
    assertEquals("binary64", failed.arithmetic());
  }
}
