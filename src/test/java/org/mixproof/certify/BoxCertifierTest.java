package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.mixproof.certify.BoxCertifier.Result;
import org.mixproof.certify.BoxCertifier.Verdict;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.Schedules;

/**
 * Soundness of the box certificate on closed forms (docs/claims.md §8): a bound one double below a
 * known supremum is never PROVED, a bound a little above it is, and the enclosure of the supremum
 * always contains the true value. The suprema are computed in apfloat from the real coefficients
 * (a_t = e^{−t}, b_t² = 1 − e^{−2t} for vp-ou), so the check does not lean on the code it checks.
 */
class BoxCertifierTest {

  static final int DIGITS = 60;
  static final double T = 0.1;

  /** e^{−2t} at 60 digits. */
  static Apfloat a2() { return ApfloatMath.exp(new Apfloat(new BigDecimal(-2 * T), DIGITS)); }

  static double below(Apfloat exact) {
    return new BigDecimal(exact.toString(true)).round(new MathContext(40, RoundingMode.FLOOR)).doubleValue() > 0
        ? largestDoubleBelow(new BigDecimal(exact.toString(true))) : Double.NaN;
  }

  /** The largest double strictly below the real x. */
  static double largestDoubleBelow(BigDecimal x) {
    double d = x.doubleValue();
    while (new BigDecimal(d).compareTo(x) >= 0) d = Math.nextDown(d);
    return d;
  }

  static boolean encloses(Result r, Apfloat exact) {
    BigDecimal x = new BigDecimal(exact.toString(true));
    return new BigDecimal(r.lower()).compareTo(x) <= 0 && x.compareTo(new BigDecimal(r.upper())) <= 0;
  }

  static Interval[] box(double... sides) {
    Interval[] b = new Interval[sides.length / 2];
    for (int j = 0; j < b.length; j++) b[j] = Interval.of(sides[2 * j], sides[2 * j + 1]);
    return b;
  }

  static BoxCertifier certifier(GaussianMixture m) {
    return new BoxCertifier(new DensityEnclosure<>(m, ScheduleEnclosure.of(Schedules.parse("vp-ou"), T)));
  }

  /** k = 1: H ≡ −P(t), so sup ‖H‖₂ = 1/λmin(t) = 1/(a²σ²_min + b²) on every box. */
  @Test
  void oneGaussianSupremumIsOneOverLambdaMin() {
    GaussianMixture g = GaussianMixture.gaussian(new double[] {1, -2}, new double[][] {{0.25, 0}, {0, 3}});
    Apfloat a2 = a2(), one = new Apfloat(1, DIGITS);
    Apfloat sup = one.divide(a2.multiply(new Apfloat(new BigDecimal(0.25), DIGITS)).add(one.subtract(a2)));
    Interval[] b = box(-1, 3, -4, 0);
    Result under = certifier(g).certify(b, largestDoubleBelow(new BigDecimal(sup.toString(true))), 2, 200);
    assertNotEquals(Verdict.PROVED, under.verdict(), "one double below the supremum must not be proved: " + under);
    assertTrue(encloses(under, sup), under + " misses " + sup);
    Result over = certifier(g).certify(b, sup.doubleValue() * (1 + 1e-12), 2, 200);
    assertEquals(Verdict.PROVED, over.verdict(), over.toString());
    assertTrue(encloses(over, sup), over + " misses " + sup);
  }

  /**
   * docs/claims.md §3, the symmetric pair: π = (½, ½), μ = ±m, σ² = 1 in d = 1. Under vp-ou v = a² + b² = 1,
   * c = a m, and with c² > 2 the supremum of |H| is c² − 1, at the tie point x = 0.
   */
  @Test
  void symmetricPairSupremumAtTheTiePoint() {
    double m = 2;
    GaussianMixture g = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-m}, {m}}, new double[][][] {{{1}}, {{1}}});
    Apfloat sup = a2().multiply(new Apfloat(4, DIGITS)).subtract(new Apfloat(1, DIGITS)); // c² − 1 = 4a² − 1
    Interval[] b = box(-1, 1.5);
    Result under = certifier(g).certify(b, largestDoubleBelow(new BigDecimal(sup.toString(true))), 2, 3000);
    assertNotEquals(Verdict.PROVED, under.verdict(), under.toString());
    assertTrue(encloses(under, sup), under + " misses " + sup);
    Result over = certifier(g).certify(b, sup.doubleValue() * (1 + 1e-9), 20, 200_000);
    assertEquals(Verdict.PROVED, over.verdict(), over.toString());
    assertTrue(encloses(over, sup), over + " misses " + sup);
    // a bound well below is falsified at a point, with a rigorous lower bound above it
    Result falsified = certifier(g).certify(b, 0.9 * sup.doubleValue(), 2, 3000);
    assertEquals(Verdict.FALSIFIED, falsified.verdict(), falsified.toString());
    assertTrue(falsified.witness().lower() > 0.9 * sup.doubleValue());
  }

  /** The same pair in d = 2 (isotropic): at 0, H = diag(c² − 1, −1), so the supremum is still c² − 1. */
  @Test
  void symmetricPairInThePlane() {
    double m = 2;
    double[][] id = {{1, 0}, {0, 1}};
    GaussianMixture g = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-m, 0}, {m, 0}}, new double[][][] {id, id});
    Apfloat sup = a2().multiply(new Apfloat(4, DIGITS)).subtract(new Apfloat(1, DIGITS));
    Interval[] b = box(-1, 1, -1, 1);
    Result under = certifier(g).certify(b, largestDoubleBelow(new BigDecimal(sup.toString(true))), 2, 3000);
    assertNotEquals(Verdict.PROVED, under.verdict(), under.toString());
    assertTrue(encloses(under, sup), under + " misses " + sup);
    Result over = certifier(g).certify(b, sup.doubleValue() * (1 + 1e-6), 30, 400_000);
    assertEquals(Verdict.PROVED, over.verdict(), over.toString());
  }

  @Test
  void undecidedReportsTheUnprunedShare() {
    GaussianMixture g = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}}, new double[][][] {{{1}}, {{1}}});
    double sup = 4 * Math.exp(-2 * T) - 1;
    // one double below the supremum: not provable, and the midpoints 0.25, −0.375, 0.875 miss the maximiser 0
    double bound = largestDoubleBelow(new BigDecimal(sup));
    Result r = certifier(g).certify(box(-1, 1.5), bound, 5, 3);
    assertEquals(Verdict.UNDECIDED, r.verdict(), r.toString());
    assertEquals(3, r.boxes());
    assertTrue(r.unprunedFraction() > 0 && r.unprunedFraction() <= 1, "unpruned " + r.unprunedFraction());
  }

  @Test
  void badInputIsRefusedNamingIt() {
    BoxCertifier c = certifier(GaussianMixture.gaussian(new double[] {0}, new double[][] {{1}}));
    assertThrows(IllegalArgumentException.class, () -> c.certify(box(0, 1, 0, 1), 1, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> c.certify(new Interval[] {Interval.ENTIRE}, 1, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> c.certify(box(0, 1), Double.NaN, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> c.certify(box(0, 1), 1, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> c.certify(box(0, 1), 1, 1, 0));
  }
}
