package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.Schedules;

/**
 * W2's bracket between product laws: for q = q_x ⊗ q_y and p = p_x ⊗ p_y the product of the two
 * monotone 1-D couplings is optimal, so W2² = W2²(q_x, p_x) + W2²(q_y, p_y) (the lower end) and the
 * Knothe–Rosenblatt coupling in either axis order is that product (every conditional of q is q_y, of p
 * is p_y): the upper end equals the lower. Shapes that differ between the axes (sd 0.3 along x, 2
 * along y) make a conditional read along the wrong axis cost W2²(narrow, wide) ≈ 1.7² more.
 */
class GridLaw2DProductTest {

  @Test
  void knotheRosenblattIsOptimalForProductLaws() {
    double[] box = {-6, 6, -6, 6};
    int n = 40;
    GridLaw2D q = GridLaw2D.of(box, n, z -> Math.exp(-0.5 * (z[0] * z[0] / 0.09 + z[1] * z[1] / 4)));
    // ve-linear at t = 0 is the data itself: p = N((0.5, −1), diag(0.09, 4)), a product
    MixtureDensity p = MixtureDensity.at(
        GaussianMixture.gaussian(new double[] {0.5, -1}, new double[][] {{0.09, 0}, {0, 4}}), Schedules.parse("ve-linear"), 0);
    double[] w = q.w2Bracket(p);
    // the lower end is about the mean shift, √(0.5² + 1²), up to the grid (the box cuts p's y-tail)
    assertTrue(Math.abs(w[0] - Math.sqrt(1.25)) < 0.05, "lower end " + w[0]);
    // every conditional is its axis's marginal up to the rounding of n-term sums (≤ n u relative): each
    // W2² moves by at most its square-width 12² × n u ≈ 6e-13, far inside 1e-9
    assertEquals(w[0], w[1], 1e-9 * w[0], "upper end " + w[1] + " against lower " + w[0]);
  }

  /**
   * Two 2 × 2 blocks of mass ½ on the diagonal of a 4 × 4 grid of unit cells against the two blocks of
   * the anti-diagonal (p: eight Gaussians of variance 10⁻⁴ at those cells' centres, 0 at the others in
   * double): the marginals agree (lower end 0), and in either order every column's (row's) conditional
   * is U[0, 2] against U[2, 4] or the reverse, W2² = 2² = 4, so the Knothe–Rosenblatt cost is 4 and the
   * upper end 2. A conditional read from the wrong column or row pairs equal blocks somewhere and makes
   * that order cheaper.
   */
  @Test
  void crossedBlocksCostTheirShiftInEitherOrder() {
    GridLaw2D q = GridLaw2D.of(new double[] {0, 4, 0, 4}, 4, z -> (z[0] < 2) == (z[1] < 2) ? 1 : 0);
    double[] w8 = new double[8];
    double[][] mu = new double[8][], cov = {{1e-4, 0}, {0, 1e-4}};
    int c = 0;
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 4; y++) {
        if ((x < 2) == (y < 2)) continue;
        w8[c] = 0.125;
        mu[c++] = new double[] {x + 0.5, y + 0.5};
      }
    }
    MixtureDensity p = MixtureDensity.at(GaussianMixture.of(w8, mu, new double[][][] {cov, cov, cov, cov, cov, cov, cov, cov}),
        Schedules.parse("ve-linear"), 0);
    double[] pc = q.targetDensity(p);
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 4; y++) {
        assertEquals((x < 2) == (y < 2), pc[x * 4 + y] == 0, "p on the anti-diagonal blocks only, cell " + x + ", " + y);
      }
    }
    double[] w = q.w2Bracket(p);
    assertEquals(0, w[0], 1e-15);
    // W2² of U[0, 2] and U[2, 4] is 4 exactly; the coupling's pieces sum to 1 within a few u
    assertEquals(2, w[1], 8 * org.mixproof.rounding.RoundingModel.EPS);
  }

  /**
   * TV by the midpoint rule with mass off the grid on both sides: q ≡ 0.2 on [0, 2]² (mass 0.8) against
   * N(0, I), whose centre values (2π)⁻¹e^{−(x² + y²)/2} at x, y ∈ {¼, ¾, 5/4, 7/4} carry about 0.23 of
   * its mass: ½(Σ|q_c − p_c| ΔxΔy + |1 − Σ p_c ΔxΔy| + |1 − 0.8|), the terms summed here from the formula.
   */
  @Test
  void tvCountsTheMassEitherLawHasOffTheGrid() {
    GridLaw2D q = GridLaw2D.of(new double[] {0, 2, 0, 2}, 4, z -> 0.2);
    MixtureDensity p = MixtureDensity.at(GaussianMixture.gaussian(new double[2], new double[][] {{1, 0}, {0, 1}}),
        Schedules.parse("ve-linear"), 0);
    double s = 0, sp = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double x = 0.25 + 0.5 * i, y = 0.25 + 0.5 * j;
        double pc = Math.exp(-(x * x + y * y) / 2) / (2 * Math.PI);
        s += Math.abs(0.2 - pc);
        sp += pc;
      }
    }
    double expected = 0.5 * (s * 0.25 + Math.abs(1 - sp * 0.25) + Math.abs(1 - 0.8));
    assertTrue(Math.abs(1 - sp * 0.25) > 0.7, "most of p is off the grid");
    // 16-term sums of values ≤ 0.2 and log-density rounding (a few u each): 64 u
    assertEquals(expected, q.tv(p), 64 * org.mixproof.rounding.RoundingModel.EPS);
  }
}
