package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;

/**
 * The 1-D mixture that the grid laws are compared with, against hand values and 60-digit mpmath
 * references: moments of a mixture with a point mass (dyadic numbers, so exact), where a point mass is
 * counted by the CDF, the survival function and a cell's mass (closed on the right), the density beside
 * an atom, a far-tail cell mass that the CDF difference would cancel to 0, and the quantile and upper
 * quantile to the accuracy their stopping rule promises.
 */
class Mixture1DTest {

  static final double EPS = RoundingModel.EPS;

  /** 0.25 N(−1, 1) + 0.5 N(2, 4) + 0.25 δ_{0.5}. */
  static Mixture1D withAtom() {
    return new Mixture1D(new double[] {0.25, 0.5, 0.25}, new double[] {-1, 2, 0.5}, new double[] {1, 4, 0});
  }

  /** 0.3 N(−2, 0.5) + 0.7 N(1, 2), the references' mixture (the doubles 0.3, 0.7 exactly). */
  static Mixture1D twoGaussians() {
    return new Mixture1D(new double[] {0.3, 0.7}, new double[] {-2, 1}, new double[] {0.5, 2});
  }

  static double phi(double z) { return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI); }

  @Test
  void momentsAndRangeByHand() {
    Mixture1D m = withAtom();
    assertEquals(3, m.components());
    // mean 0.25·(−1) + 0.5·2 + 0.25·0.5 = 0.875; E X² = 0.25·2 + 0.5·8 + 0.25·0.25 = 4.5625;
    // variance 4.5625 − 0.875² = 3.796875 (all dyadic with few bits: every operation exact)
    assertEquals(0.875, m.mean(), 0);
    assertEquals(3.796875, m.variance(), 0);
    // [min m_i − 12 sd_i, max m_i + 12 sd_i] = [min(−13, −22, 0.5), max(11, 26, 0.5)]
    assertEquals(-22, m.range()[0], 0);
    assertEquals(26, m.range()[1], 0);
    assertEquals(1, Mixture1D.gaussian(1, 2).components());
    assertEquals(1, Mixture1D.gaussian(1, 2).mean(), 0);
    assertEquals(2, Mixture1D.gaussian(1, 2).variance(), 0);
  }

  @Test
  void anAtomIsAZeroVarianceComponentOfPositiveWeight() {
    assertTrue(withAtom().hasAtom());
    assertFalse(twoGaussians().hasAtom());
    // an atom of weight 0 is no atom; one in the middle of the list is found
    assertFalse(new Mixture1D(new double[] {1, 0}, new double[] {0, 3}, new double[] {1, 0}).hasAtom());
    assertTrue(new Mixture1D(new double[] {0.5, 0.25, 0.25}, new double[] {0, 3, 4}, new double[] {1, 0, 1}).hasAtom());
  }

  @Test
  void theAtomIsCountedAtItsOwnPointByTheCdfAndNotByTheSurvival() {
    Mixture1D m = withAtom();
    double below = Math.nextDown(0.5);
    // from x⁻ to x the Gaussian parts move by at most their density · ulp ≤ 1e-16, far below 4ε
    assertEquals(0.25, m.cdf(0.5) - m.cdf(below), 4 * EPS);
    assertEquals(0.25, m.survival(below) - m.survival(0.5), 4 * EPS);
    // P(X ≤ x) + P(X > x) = 1 at the atom and beside it (each a sum of three terms, each within 4ε)
    for (double x : new double[] {-3, below, 0.5, 1.5, 7}) {
      assertEquals(1, m.cdf(x) + m.survival(x), 16 * EPS, "x = " + x);
    }
    // survival from the Gaussian tails: 0.25 Q(1.5) + 0.5 Q(−0.75) at the atom, Q by 1 − Φ written out
    double q15 = 0.0668072012688580660, q075 = 0.7733726476231317; // Q(1.5), Q(−0.75) (mpmath, 30 digits)
    assertEquals(0.25 * q15 + 0.5 * q075, m.survival(0.5), 8 * EPS);
  }

  @Test
  void aCellIsClosedOnTheRightForTheAtom() {
    Mixture1D m = withAtom();
    double gauss = m.mass(0, 0.5) - 0.25;
    // the Gaussian parts alone: 0.25 (Φ(1.5) − Φ(1)) + 0.5 (Φ(−0.75) − Φ(−1)), mpmath 30 digits
    double expected = 0.25 * (0.933192798731141934 - 0.841344746068542949) + 0.5 * (0.226627352376868199 - 0.158655253931457051);
    assertEquals(expected, gauss, 16 * EPS);
    // (0.5, 1]: the atom is not in it
    double right = 0.25 * (0.977249868051820793 - 0.933192798731141934) + 0.5 * (0.308537538725986896 - 0.226627352376868199);
    assertEquals(right, m.mass(0.5, 1), 16 * EPS);
    // cells add up to the CDF difference
    assertEquals(m.cdf(1) - m.cdf(-1), m.mass(-1, 0) + m.mass(0, 0.5) + m.mass(0.5, 1), 16 * EPS);
  }

  @Test
  void aFarTailCellKeepsItsRelativePrecision() {
    // Q(10) − Q(11) = 7.619661958203076198e-24 (mpmath, 60 digits); Φ(11) − Φ(10) rounds to 0 in double.
    // Tolerance: Q(z) = erfc(z/√2)/2 with z/√2 rounded (relative ε), and d log Q/d log z ≈ z², so
    // z²ε = 100ε from the argument, plus a few ε for erfc itself and the subtraction: 104ε relative
    double ref = 7.619661958203076198e-24;
    assertEquals(ref, Mixture1D.gaussian(0, 1).mass(10, 11), 104 * EPS * ref);
    // and the mirror cell on the left, from the lower tails
    assertEquals(ref, Mixture1D.gaussian(0, 1).mass(-11, -10), 104 * EPS * ref);
    // a cell in a point mass's own cell only
    assertEquals(1, Mixture1D.gaussian(3, 0).mass(2, 3), 0);
    assertEquals(0, Mixture1D.gaussian(3, 0).mass(3, 4), 0);
  }

  @Test
  void theDensityLeavesOutTheAtom() {
    Mixture1D m = withAtom();
    // at 0.5: 0.25 φ(1.5) / 1 + 0.5 φ(−0.75) / 2 (the atom has no density); each term within 4ε
    double expected = 0.25 * phi(1.5) + 0.5 * phi(-0.75) / 2;
    assertEquals(expected, m.density(0.5), 8 * EPS * expected);
    double x = -2.5;
    double e2 = 0.25 * phi(-1.5) + 0.5 * phi(-2.25) / 2;
    assertEquals(e2, m.density(x), 8 * EPS * e2);
  }

  @Test
  void quantilesMatchTheSixtyDigitReferences() {
    Mixture1D m = twoGaussians();
    // u → x by bisection in mpmath at 60 digits on the same doubles
    double[][] refs = {{1e-10, -7.918509088224106197}, {0.3, -1.221769323484346056}, {0.9, 2.509772713899520863},
        {1e-200, -41.70047656544621925}};
    for (double[] r : refs) {
      double u = r[0], x = r[1];
      double x0 = m.quantile(u, -60, 60);
      double tol = tolerance(m, x, u);
      assertEquals(x, x0, tol, "u = " + u);
    }
  }

  @Test
  void upperQuantilesReachFarBeyondTheRoundingOfOne() {
    Mixture1D m = twoGaussians();
    // P(X > x) = r, mpmath at 60 digits; 1 − 1e-200 is 1 in double, so only the tail form can find it
    double[][] refs = {{1e-12, 10.87768437057962993}, {1e-200, 43.70047656544621925}};
    for (double[] r : refs) {
      double x = r[1];
      double x0 = m.upperQuantile(r[0], 0, 60);
      double tol = tolerance(m, x, r[0]);
      assertEquals(x, x0, tol, "r = " + r[0]);
    }
  }

  /**
   * How far a root of tail(x) = p may be from the real one: the stop |tail − p| ≤ 4ε p; the computed
   * tail within (2z² + 16)ε relative (the standardised argument z rounded by ≤ 2ε relative, and
   * d log Φ / dz ≈ |z| in a tail, so z²·2ε; 16ε for Φ itself and the sum), z the largest over the
   * components; divided by the density, plus the last bracket's two ulps.
   */
  static double tolerance(Mixture1D m, double x, double p) {
    double z2 = 0;
    for (int i = 0; i < m.components(); i++) z2 = Math.max(z2, Math.pow(x - m.means()[i], 2) / m.variances()[i]);
    return (2 * z2 + 20) * EPS * p / density(m, x) + 2 * Math.ulp(x);
  }

  /** The mixture's density written out (for the tolerances). */
  static double density(Mixture1D m, double x) {
    double s = 0;
    for (int i = 0; i < m.components(); i++) {
      double sd = Math.sqrt(m.variances()[i]);
      s += m.weights()[i] * phi((x - m.means()[i]) / sd) / sd;
    }
    return s;
  }

  @Test
  void invalidComponentsAreRefusedByIndex() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Mixture1D(new double[] {1, 1}, new double[] {0, 0}, new double[] {1, -1}));
    assertTrue(e.getMessage().contains("component 1") && e.getMessage().contains("variance -1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Mixture1D(new double[] {1}, new double[] {0, 1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new Mixture1D(new double[0], new double[0], new double[0]));
  }
}
