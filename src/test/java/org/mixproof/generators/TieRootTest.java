package org.mixproof.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.schedule.VpOu;

/**
 * The tie along a line where ℓ_i − ℓ_j is linear: equal covariances make the quadratic's leading
 * coefficient zero in exact arithmetic and rounding noise at the oracle's digits, so only a
 * cancellation-free root formula finds the tie (the textbook small root (−b + √(b² − 4ac))/2a is
 * noise divided by noise).
 */
class TieRootTest {

  /**
   * Two components with one covariance S (after diffusion S_t = a²S + b²I for both) and weights w:
   * ℓ_0 − ℓ_1 = log(w_0/w_1) + (μ_0 − μ_1)ᵀS_t⁻¹x − ½(μ_0ᵀS_t⁻¹μ_0 − μ_1ᵀS_t⁻¹μ_1) with μ_i = a·m_i,
   * linear in x, so along y + λv its root λ* is one division, evaluated here in double.
   */
  @Test
  void equalCovariancesTieWhereTheLinearFormVanishes() {
    double[][] s = {{2.3, 0.7}, {0.7, 1.1}};
    double[] w = {0.3, 0.7};
    double t = 0.3;
    VpOu schedule = new VpOu();
    double a = schedule.a(t), b2 = schedule.b2(t);
    double[][] st = {{a * a * s[0][0] + b2, a * a * s[0][1]}, {a * a * s[1][0], a * a * s[1][1] + b2}};
    double det = st[0][0] * st[1][1] - st[0][1] * st[1][0];
    double[][] p = {{st[1][1] / det, -st[0][1] / det}, {-st[1][0] / det, st[0][0] / det}};
    for (double scale : new double[] {0.37, 3.1, 41.3}) {
      double[][] m = {{-scale, 0.2 * scale}, {1.3 * scale, -0.6 * scale}};
      GaussianMixture mix = GaussianMixture.of(w, m, new double[][][] {s, s});
      OracleDensity o = OracleDensity.at(mix, schedule, t, OracleDensity.MIN_DIGITS);
      double[] mu0 = {a * m[0][0], a * m[0][1]}, mu1 = {a * m[1][0], a * m[1][1]};
      double[] v = {0.6, 0.8};
      // g = S_t⁻¹(μ_0 − μ_1); ℓ_0 − ℓ_1 at y + λv = c + g·y + λ g·v
      double[] g = times(p, new double[] {mu0[0] - mu1[0], mu0[1] - mu1[1]});
      double c = Math.log(w[0] / w[1]) - 0.5 * (dot(mu0, times(p, mu0)) - dot(mu1, times(p, mu1)));
      // the start 1.5 direction lengths from the tie (λ* = 1.5 up to rounding)
      double l0 = -c / dot(g, v) - 1.5;
      double[] y = {l0 * v[0], l0 * v[1]};
      double lambda = -(c + dot(g, y)) / dot(g, v);
      assertTrue(Math.abs(lambda) <= IllConditionedCases.MAX_TIE_STEPS, "the tie is within reach: λ* = " + lambda);
      double[] x = IllConditionedCases.tieForTest(o, 0, 1, y, v);
      assertNotSame(y, x, "scale " + scale + ": no tie found (the start point came back), λ* = " + lambda);
      double[] expected = {y[0] + lambda * v[0], y[1] + lambda * v[1]};
      // λ* in double carries a few ulp of its terms (|c| + |g·y| over |g·v|, ≤ 10 here): 1e-12 absolute
      for (int k = 0; k < 2; k++) {
        assertTrue(Math.abs(x[k] - expected[k]) <= 1e-12 * (1 + Math.abs(lambda)),
            "scale " + scale + ": x[" + k + "] = " + x[k] + ", expected " + expected[k]);
      }
    }
  }

  /**
   * A leading coefficient at rounding-noise level beside b (1e−70 at 60 digits): the small root of
   * 1e−70λ² ± λ ∓ 1 is ±(1 − 1e−70 + …), which the textbook (−b + √disc)/2a returns as 0 (√(1 + 4e−70)
   * rounds to 1 at 60 digits); the other cases by hand.
   */
  @Test
  void smallerRootWithoutCancellation() {
    Apfloat tiny = new Apfloat("1e-70", 60);
    assertEquals(1.0, IllConditionedCases.smallerRoot(tiny, ap(1), ap(-1)).doubleValue(), 1e-15);
    assertEquals(1.0, IllConditionedCases.smallerRoot(tiny, ap(-1), ap(1)).doubleValue(), 1e-15);
    assertEquals(-1.0, IllConditionedCases.smallerRoot(tiny, ap(1), ap(1)).doubleValue(), 1e-15);
    // (λ − 1)(λ − 2), (λ + 1)(λ + 2): the root nearer 0
    assertEquals(1.0, IllConditionedCases.smallerRoot(ap(1), ap(-3), ap(2)).doubleValue(), 1e-15);
    assertEquals(-1.0, IllConditionedCases.smallerRoot(ap(1), ap(3), ap(2)).doubleValue(), 1e-15);
    // λ² − 4: both roots of modulus 2; λ² (b = c = 0): the double root 0
    assertEquals(2.0, Math.abs(IllConditionedCases.smallerRoot(ap(1), ap(0), ap(-4)).doubleValue()), 1e-15);
    assertEquals(0.0, IllConditionedCases.smallerRoot(ap(1), ap(0), ap(0)).doubleValue());
    // linear (a = 0): −c/b; constant: none; complex roots (λ² + 1): none
    assertEquals(-0.75, IllConditionedCases.smallerRoot(ap(0), ap(4), ap(3)).doubleValue(), 1e-15);
    assertNull(IllConditionedCases.smallerRoot(ap(0), ap(0), ap(3)));
    assertNull(IllConditionedCases.smallerRoot(ap(1), ap(0), ap(1)));
  }

  private static Apfloat ap(int v) { return new Apfloat(v, 60); }

  private static double[] times(double[][] p, double[] x) {
    return new double[] {p[0][0] * x[0] + p[0][1] * x[1], p[1][0] * x[0] + p[1][1] * x[1]};
  }

  private static double dot(double[] x, double[] y) { return x[0] * y[0] + x[1] * y[1]; }
}
