package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.Schedules;

/**
 * Eigenvalue enclosures against closed forms: the 2×2 symmetric eigenvalues m ± √(h² + b²) at 60 digits
 * (BigDecimal), diagonal matrices exactly, a singular one; and a case's variables against hand values.
 */
class EigenvalueEnclosureTest {

  static final MathContext MC = new MathContext(60);

  static boolean contains(Interval i, BigDecimal x) {
    return new BigDecimal(i.lo()).compareTo(x) <= 0 && x.compareTo(new BigDecimal(i.hi())) <= 0;
  }

  static Interval[][] points(double[][] a) {
    Interval[][] out = new Interval[a.length][a.length];
    for (int r = 0; r < a.length; r++) for (int c = 0; c < a.length; c++) out[r][c] = Interval.of(a[r][c]);
    return out;
  }

  /**
   * The interval meets the hand value computed in double, which is within a few roundings of the real
   * one (exp within 1 ulp, then ≤ 4 operations): 8 ε relative.
   */
  static boolean near(Interval i, double handValue) {
    double slack = 8 * Math.ulp(1.0) * Math.abs(handValue);
    return i.lo() <= handValue + slack && i.hi() >= handValue - slack;
  }

  @Test
  void twoByTwoAgainstTheClosedForm() {
    SplittableRandom rnd = new SplittableRandom(20261202);
    for (int n = 0; n < 200; n++) {
      double p = Math.exp(rnd.nextDouble(-5, 5)), q = Math.exp(rnd.nextDouble(-5, 5));
      double b = rnd.nextDouble(-1, 1) * Math.sqrt(p * q);
      Interval[] e = EigenvalueEnclosure.extremes(points(new double[][] {{p, b}, {b, q}}));
      BigDecimal m = new BigDecimal(p).add(new BigDecimal(q)).divide(BigDecimal.valueOf(2));
      BigDecimal h = new BigDecimal(p).subtract(new BigDecimal(q)).divide(BigDecimal.valueOf(2));
      BigDecimal r = h.multiply(h).add(new BigDecimal(b).multiply(new BigDecimal(b))).sqrt(MC);
      assertTrue(contains(e[0], m.subtract(r)), e[0] + " misses λmin " + m.subtract(r));
      assertTrue(contains(e[1], m.add(r)), e[1] + " misses λmax " + m.add(r));
      // tight: a relative width of a few hundred ε of the scale (the proving shift starts at 64 d ε)
      assertTrue(e[1].width() <= 1e3 * Math.ulp(1.0) * e[1].hi(), "width " + e[1]);
    }
  }

  @Test
  void diagonalAndSingular() {
    Interval[] e = EigenvalueEnclosure.extremes(points(new double[][] {{3, 0, 0}, {0, 0.5, 0}, {0, 0, 7}}));
    assertTrue(e[0].contains(0.5) && e[1].contains(7), e[0] + " " + e[1]);
    Interval[] s = EigenvalueEnclosure.extremes(points(new double[][] {{1, 1}, {1, 1}}));
    assertTrue(s[0].contains(0) && s[1].contains(2), s[0] + " " + s[1]);
  }

  /** π = (½, ½), μ = (0, 0) and (3, 4), Σ = diag(1, 4) and I under vp-ou at t: hand values. */
  @Test
  void caseVariablesEncloseTheirDefinitions() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {3, 4}},
        new double[][][] {{{1, 0}, {0, 4}}, {{1, 0}, {0, 1}}});
    double t = 0.25;
    Map<String, Interval> v = CaseEnclosure.of(m, t, ScheduleEnclosure.of(Schedules.parse("vp-ou"), t));
    assertTrue(v.get("R").contains(5) && v.get("D").contains(5));
    assertTrue(v.get("lambda_min").contains(1) && v.get("lambda_max").contains(4));
    double a2 = Math.exp(-0.5), b2 = 1 - a2; // vp-ou: a² + b² = 1
    assertTrue(near(v.get("lambda_max_t"), 4 * a2 + b2), v.get("lambda_max_t").toString());
    assertTrue(near(v.get("kappa"), 4 * a2 + b2), "κ = (4a² + b²)/(a² + b²) = 4a² + b²: " + v.get("kappa"));
    // m2(t) = a² (½(1 + 4) + ½(25 + 2)) + 2 b² = 16 a² + 2 b²
    double m2 = 16 * a2 + 2 * b2;
    assertTrue(near(v.get("m2"), m2), v.get("m2").toString());
  }
}
