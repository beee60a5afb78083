package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;

/**
 * Each divergence against a reference that is not its own code: KL and TV of 1-D Gaussians from
 * apfloat at 40 digits (the KL formula and 2Φ(·) − 1 written out, Φ from apfloat's erf; TV with
 * unequal variances as P_narrow − P_wide between the crossing points, the crossings solved here in
 * apfloat), the general-covariance KL, W2 and TV bracket from the 2×2 closed forms (explicit inverse
 * and determinant, and √M = (M + √det M·I)/√(tr M + 2√det M)) on a rotated covariance. Fast (JUnit,
 * no generation): the law package's mutation run reaches these branches through them.
 */
class DivergenceClosedFormTest {

  static final long P = 40;
  static final double EPS = RoundingModel.EPS;

  static Apfloat ap(double x) { return new Apfloat(new BigDecimal(x), P); }

  /** ½[v1/v2 − 1 − ln(v1/v2) + (m2 − m1)²/v2] in apfloat. */
  static double kl(double m1, double v1, double m2, double v2) {
    Apfloat ratio = ap(v1).divide(ap(v2)), dm = ap(m2).subtract(ap(m1));
    return ratio.subtract(new Apfloat(1, P)).subtract(ApfloatMath.log(ratio)).add(dm.multiply(dm).divide(ap(v2)))
        .divide(new Apfloat(2, P)).doubleValue();
  }

  static Apfloat phi(Apfloat z) {
    Apfloat half = new Apfloat("0.5", P);
    return half.add(half.multiply(ApfloatMath.erf(z.divide(ApfloatMath.sqrt(new Apfloat(2, P))))));
  }

  @Test
  void oneDimensionalKlOnBothBranchesAndAtZeroVariances() {
    double[][] cases = {{0, 2, 1, 8}, {0.5, 8, -1, 2}, {3, 1 + 0x1p-12, 3, 1}, {1, 1 - 0x1p-11, 0.25, 1}, {-2, 1e-6, 5, 3}};
    for (double[] c : cases) {
      double want = kl(c[0], c[1], c[2], c[3]);
      DiagonalGaussian p = new DiagonalGaussian(new double[] {c[0]}, new double[] {c[1]});
      DiagonalGaussian q = new DiagonalGaussian(new double[] {c[2]}, new double[] {c[3]});
      // the series below |r| = 1e-3 and r − ln(v1/v2) above: a few roundings of the largest term
      assertEquals(want, Divergences.kl(p, q), 16 * EPS * Math.max(want, Math.abs(c[1] / c[3] - 1) + 1e-300),
          "KL " + java.util.Arrays.toString(c));
      assertEquals(want, Divergences.summary(p, q).kl(), 16 * EPS * Math.max(want, 1e-300));
    }
    assertEquals(0, Divergences.kl1(1, 0, 1, 0));
    assertEquals(Double.POSITIVE_INFINITY, Divergences.kl1(1, 0, 2, 0));
    assertEquals(Double.POSITIVE_INFINITY, Divergences.kl1(1, 1, 1, 0));
    assertEquals(Double.POSITIVE_INFINITY, Divergences.kl1(1, 0, 1, 1));
    // the series itself: r − log1p(r) for r = ±2^−11 to 1e-16 relative (its first omitted term is r⁸/8)
    for (double r : new double[] {0x1p-11, -0x1p-11, 9.9e-4, -9.9e-4}) {
      double want = ap(r).subtract(ApfloatMath.log(new Apfloat(1, P).add(ap(r)))).doubleValue();
      assertEquals(want, Divergences.rMinusLog1p(r), 4 * EPS * want, "r = " + r);
    }
    double big = 0.5;
    assertEquals(ap(big).subtract(ApfloatMath.log(ap(1.5))).doubleValue(), Divergences.rMinusLog1p(big), 8 * EPS);
  }

  @Test
  void oneDimensionalTvAgainstItsClosedForms() {
    // equal variances: 2Φ(|Δm|/(2σ)) − 1
    for (double dm : new double[] {0.3, 2, 9}) {
      double want = phi(ap(dm).divide(ap(2 * Math.sqrt(2.0)))).multiply(new Apfloat(2, P)).subtract(new Apfloat(1, P))
          .doubleValue();
      assertEquals(want, Divergences.tv1d(1, 2, 1 + dm, 2), 1e-15, "Δm = " + dm);
      assertEquals(want, Divergences.tv1d(1 + dm, 2, 1, 2), 1e-15, "Δm = " + dm + " swapped");
    }
    // unequal variances, crossing points on either side of the narrow mean and straddling it
    double[][] cases = {{0, 1, 0, 4}, {0, 1, 3, 4}, {0, 1, -3, 4}, {2, 9, 0, 0.25}, {0, 1, 40, 2}};
    for (double[] c : cases) {
      double want = tvByCrossings(c[0], c[1], c[2], c[3]);
      assertEquals(want, Divergences.tv1d(c[0], c[1], c[2], c[3]), 1e-14, "TV " + java.util.Arrays.toString(c));
    }
    assertEquals(0, Divergences.tv1d(1, 0, 1, 0));
    assertEquals(1, Divergences.tv1d(1, 0, 2, 0));
    assertEquals(1, Divergences.tv1d(1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Divergences.tv1d(Double.NaN, 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Divergences.tv1d(0, 1, 0, -1));
  }

  /**
   * TV = P_n(x1, x2) − P_w(x1, x2) with x1, x2 the points where the two densities are equal:
   * (x − m_n)²/v_n − (x − m_w)²/v_w = ln(v_w/v_n), solved in apfloat by the quadratic formula.
   */
  static double tvByCrossings(double m1, double v1, double m2, double v2) {
    double mn = v1 < v2 ? m1 : m2, vn = Math.min(v1, v2), mw = v1 < v2 ? m2 : m1, vw = Math.max(v1, v2);
    Apfloat a = new Apfloat(1, P).divide(ap(vn)).subtract(new Apfloat(1, P).divide(ap(vw)));
    Apfloat b = ap(mw).divide(ap(vw)).subtract(ap(mn).divide(ap(vn))).multiply(new Apfloat(2, P));
    Apfloat c = ap(mn).multiply(ap(mn)).divide(ap(vn)).subtract(ap(mw).multiply(ap(mw)).divide(ap(vw)))
        .subtract(ApfloatMath.log(ap(vw).divide(ap(vn))));
    Apfloat root = ApfloatMath.sqrt(b.multiply(b).subtract(new Apfloat(4, P).multiply(a).multiply(c)));
    Apfloat twoA = a.multiply(new Apfloat(2, P));
    Apfloat x1 = b.negate().subtract(root).divide(twoA), x2 = b.negate().add(root).divide(twoA);
    Apfloat pn = phi(x2.subtract(ap(mn)).divide(ApfloatMath.sqrt(ap(vn))))
        .subtract(phi(x1.subtract(ap(mn)).divide(ApfloatMath.sqrt(ap(vn)))));
    Apfloat pw = phi(x2.subtract(ap(mw)).divide(ApfloatMath.sqrt(ap(vw))))
        .subtract(phi(x1.subtract(ap(mw)).divide(ApfloatMath.sqrt(ap(vw)))));
    return pn.subtract(pw).doubleValue();
  }

  /** C = R diag(l1, l2) Rᵀ, R the rotation by θ. */
  static double[][] rotated(double l1, double l2, double theta) {
    double c = Math.cos(theta), s = Math.sin(theta);
    return new double[][] {{c * c * l1 + s * s * l2, c * s * (l1 - l2)}, {c * s * (l1 - l2), s * s * l1 + c * c * l2}};
  }

  /**
   * Where the formulas cancel: P(z1 < Z < z2) in a far tail on either side (3.2897852667038894903e-185
   * for (−30, −29) and (29, 30), mpmath at 40 digits) needs the tail on the side it lies; the TV of
   * variances 1 and 1 + 2⁻²⁶ (ρ − 1 ≈ 1.5e-8, 1 − 1/ρ beside b in the crossing quadratic) with the wide
   * law's mean 5 or 0.5 below or above, against mpmath at 50 digits: 0.98758066902195768951, and
   * 0.19741260527152550666 for 1 + 2⁻²⁰ and 0.5. Each to 1e-13 (a few Φ evaluations). (TV is stationary in
   * the crossing points, where the densities are equal, so a root's error enters only squared.)
   */
  @Test
  void tailsAndNearlyEqualVariancesWithoutCancellation() {
    double tail = 3.2897852667038894903e-185;
    assertEquals(tail, Divergences.prob(-30, -29), 1e-13 * tail);
    assertEquals(tail, Divergences.prob(29, 30), 1e-13 * tail);
    assertEquals(0.81859461412036374138, Divergences.prob(-1, 2), 1e-15);
    double near = 1 + 0x1p-26;
    assertEquals(0.98758066902195768951, Divergences.tv1d(0, 1, -5, near), 1e-13);
    assertEquals(0.98758066902195768951, Divergences.tv1d(0, 1, 5, near), 1e-13); // mirrored: b > 0
    assertEquals(0.19741260527152550666, Divergences.tv1d(0, 1, -0.5, 1 + 0x1p-20), 1e-13);
  }

  /** A bracket contains its closed ends and nothing outside them. */
  @Test
  void aBracketContainsItsEnds() {
    Divergences.Bracket b = new Divergences.Bracket(0.1, 0.2);
    assertTrue(b.contains(0.1) && b.contains(0.15) && b.contains(0.2));
    assertTrue(!b.contains(Math.nextDown(0.1)) && !b.contains(Math.nextUp(0.2)) && !b.contains(0.5));
  }

  @Test
  void generalCovariancesAgainstTwoByTwoClosedForms() {
    double[] m1 = {0.5, -1}, m2 = {1.25, 0.5};
    double[][] c1 = {{2, 0}, {0, 0.5}}, c2 = rotated(1, 4, 0.5);
    // KL = ½[tr(C2⁻¹C1) + Δᵀ C2⁻¹ Δ − 2 + ln det C2 − ln det C1] with the explicit 2×2 inverse
    double det2 = c2[0][0] * c2[1][1] - c2[0][1] * c2[1][0], det1 = 1.0;
    double[][] inv2 = {{c2[1][1] / det2, -c2[0][1] / det2}, {-c2[1][0] / det2, c2[0][0] / det2}};
    double tr = inv2[0][0] * c1[0][0] + inv2[1][1] * c1[1][1];
    double[] dm = {m2[0] - m1[0], m2[1] - m1[1]};
    double quad = dm[0] * (inv2[0][0] * dm[0] + inv2[0][1] * dm[1]) + dm[1] * (inv2[1][0] * dm[0] + inv2[1][1] * dm[1]);
    double kl = 0.5 * (tr + quad - 2 + Math.log(det2) - Math.log(det1));
    assertEquals(kl, Divergences.kl(m1, c1, m2, c2), 64 * EPS * kl);
    // W2² = |Δ|² + tr C1 + tr C2 − 2 tr √(√C1 C2 √C1), √M of a 2×2 SPD M = (M + √det M I)/√(tr M + 2√det M)
    double[][] r1 = {{Math.sqrt(2), 0}, {0, Math.sqrt(0.5)}};
    double[][] m = {{r1[0][0] * c2[0][0] * r1[0][0], r1[0][0] * c2[0][1] * r1[1][1]},
        {r1[1][1] * c2[1][0] * r1[0][0], r1[1][1] * c2[1][1] * r1[1][1]}};
    double detM = m[0][0] * m[1][1] - m[0][1] * m[1][0], trM = m[0][0] + m[1][1];
    double trSqrt = (trM + 2 * Math.sqrt(detM)) / Math.sqrt(trM + 2 * Math.sqrt(detM));
    double w2 = Math.sqrt(dm[0] * dm[0] + dm[1] * dm[1] + 2.5 + (c2[0][0] + c2[1][1]) - 2 * trSqrt);
    assertEquals(w2, Divergences.w2(m1, c1, m2, c2), 1e-13 * w2);
    // equal covariances and a mean difference along an eigenvector: TV = 2Φ(Δ_M/2) − 1 is the bracket's lower end
    double theta = 0.5;
    double[][] c = rotated(1, 4, theta);
    double[] u = {-Math.sin(theta), Math.cos(theta)}; // eigenvector of eigenvalue 4
    double[] n2 = {m1[0] + 3 * u[0], m1[1] + 3 * u[1]};
    double mahalanobis = 3 / 2.0;
    double tv = phi(ap(mahalanobis / 2)).multiply(new Apfloat(2, P)).subtract(new Apfloat(1, P)).doubleValue();
    Divergences.Bracket b = Divergences.tvBracket(m1, c, n2, c);
    assertEquals(tv, b.lower(), 1e-14, "the marginal along u carries all of the TV");
    assertEquals(Math.min(1, mahalanobis / 2), b.upper(), 1e-14, "Pinsker: √(KL/2), KL = Δ_M²/2");
    assertTrue(b.contains(tv));
    assertEquals(0.5 * mahalanobis * mahalanobis, Divergences.kl(m1, c, n2, c), 1e-14);
    // singular covariances: KL is infinite, whichever side is singular
    double[][] singular = {{1, 1}, {1, 1}};
    assertEquals(Double.POSITIVE_INFINITY, Divergences.kl(m1, c1, m2, singular));
    assertEquals(Double.POSITIVE_INFINITY, Divergences.kl(m1, singular, m2, c1));
    assertThrows(IllegalArgumentException.class, () -> Divergences.kl(m1, c1, new double[] {1}, c2));
    assertThrows(IllegalArgumentException.class, () -> Divergences.tvBracket(null, c1, m2, c2));
  }

  @Test
  void diagonalBracketsAndSummariesAgreeWithTheirParts() {
    DiagonalGaussian p = new DiagonalGaussian(new double[] {0, 1, -2}, new double[] {1, 2, 0.5});
    DiagonalGaussian q = new DiagonalGaussian(new double[] {0.5, 1, -2}, new double[] {1, 8, 0.5});
    double tv0 = Divergences.tv1d(0, 1, 0.5, 1), tv1 = Divergences.tv1d(1, 2, 1, 8);
    Divergences.Bracket b = Divergences.tvBracket(p, q);
    assertEquals(Math.max(tv0, tv1), b.lower(), 0, "the largest marginal TV, exactly");
    double klPq = kl(0, 1, 0.5, 1) + kl(1, 2, 1, 8), klQp = kl(0.5, 1, 0, 1) + kl(1, 8, 1, 2);
    assertEquals(Math.sqrt(Math.min(klPq, klQp) / 2), b.upper(), 16 * EPS);
    Divergences.Summary s = Divergences.summary(p, q);
    assertEquals(b, s.tv());
    // W2 of diagonal laws: √(Σ Δm² + (√v − √v')²)
    double w2 = Math.sqrt(0.25 + Math.pow(Math.sqrt(2) - Math.sqrt(8), 2));
    assertEquals(w2, s.w2(), 4 * EPS * w2);
    assertEquals(w2, Divergences.w2(p, q), 4 * EPS * w2);
    // 1-D: the bracket is the exact TV
    DiagonalGaussian p1 = new DiagonalGaussian(new double[] {1}, new double[] {2}), q1 = new DiagonalGaussian(new double[] {1}, new double[] {8});
    assertEquals(tv1, Divergences.tvBracket(p1, q1).lower(), 0);
    assertEquals(tv1, Divergences.tvBracket(p1, q1).upper(), 0);
    assertThrows(IllegalArgumentException.class, () -> Divergences.kl(p, p1));
    assertThrows(IllegalArgumentException.class, () -> Divergences.w2(p, p1));
    assertThrows(IllegalArgumentException.class, () -> Divergences.summary(p, p1));
    assertThrows(IllegalArgumentException.class, () -> Divergences.tvBracket(p, p1));
    // a variance of exactly 0 is allowed (a point mass), a negative one is not
    assertEquals(1, Divergences.tv1d(0, 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Divergences.tv1d(0, -Double.MIN_VALUE, 0, 1));
  }
}
