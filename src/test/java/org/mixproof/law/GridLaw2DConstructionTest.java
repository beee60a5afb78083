package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A 2-D grid law built from a density at its cell centres: N((0.5, −0.3), diag(1, ¼)) on [−7.5, 8.5] ×
 * [−4.3, 3.7] (8σ each way in both axes). The midpoint rule on a Gaussian this deep in its tails is
 * exact to far below 1e-12 (its error decays like e^{−2π²σ²/h²}), so the mass is 1 and the mean is the
 * Gaussian's mean to 1e-12 — and each refusal of `of` fires.
 */
class GridLaw2DConstructionTest {

  static double gaussian(double[] z) {
    double u = z[0] - 0.5, v = (z[1] + 0.3) / 0.5;
    return Math.exp(-0.5 * (u * u + v * v)) / (2 * Math.PI * 0.5);
  }

  @Test
  void massMeanCentresAndBox() {
    double[] box = {-7.5, 8.5, -4.3, 3.7};
    GridLaw2D g = GridLaw2D.of(box, 64, GridLaw2DConstructionTest::gaussian);
    assertEquals(64, g.cellsPerAxis());
    assertArrayEquals(box, g.box(), 1e-15);
    assertEquals(1, g.mass(), 1e-12);
    double[] mean = g.mean();
    assertEquals(0.5, mean[0], 1e-12);
    assertEquals(-0.3, mean[1], 1e-12);
    double[] c = g.centres(), q = g.density();
    // cell (2, 5): centre (−7.5 + 2.5·0.25, −4.3 + 5.5·0.125), and its value is the density there
    int cell = 2 * 64 + 5;
    assertEquals(-7.5 + 2.5 * 0.25, c[2 * cell], 1e-15);
    assertEquals(-4.3 + 5.5 * 0.125, c[2 * cell + 1], 1e-15);
    assertEquals(gaussian(new double[] {c[2 * cell], c[2 * cell + 1]}), q[cell], 0);
  }

  /**
   * A law on [0, 1]² that lives in the first column of cells only (x < ¼, n = 4): its mean is the cell
   * centres' (⅛, ½) exactly, whatever cell is read first (the Gaussian case above has its box centred on
   * the mean in x, so it cannot tell a row read for a column). KL of the grid law against the density it
   * was sampled from is −log(Σ_c p_c ΔxΔy) (the normalised midpoint law against p), written out here with
   * the Gaussian's density at the centres; its cells have area ⅛·0.0625 ≠ 1, so the area enters.
   */
  @Test
  void meanOfOneColumnAndKlAgainstTheSampledDensity() {
    GridLaw2D col = GridLaw2D.of(new double[] {0, 1, 0, 1}, 4, z -> z[0] < 0.25 ? 1 : 0);
    assertArrayEquals(new double[] {0.125, 0.5}, col.mean(), 0);
    double[] box = {-3.5, 4.5, -2.3, 1.7};
    int n = 32;
    GridLaw2D g = GridLaw2D.of(box, n, GridLaw2DConstructionTest::gaussian);
    double dx = 8.0 / n, dy = 4.0 / n, sum = 0;
    double[] c = g.centres();
    for (int k = 0; k < n * n; k++) sum += gaussian(new double[] {c[2 * k], c[2 * k + 1]});
    double expected = -Math.log(sum * dx * dy);
    org.mixproof.density.MixtureDensity p = org.mixproof.density.MixtureDensity.at(
        org.mixproof.mixture.GaussianMixture.gaussian(new double[] {0.5, -0.3}, new double[][] {{1, 0}, {0, 0.25}}),
        org.mixproof.schedule.Schedules.parse("ve-linear"), 0);
    // n² terms q_cΔxΔy (log q_c − log p_c) with q_cΔxΔy ≤ 1 and |logs| ≤ 40, each within 40ε absolute
    assertEquals(expected, g.kl(p), n * n * 40 * org.mixproof.rounding.RoundingModel.EPS);
    assertTrue(expected > 1e-6, "the box misses some mass, so the KL is not 0: " + expected);
  }

  @Test
  void refusalsFire() {
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {0, 1, 1, 1}, 8, z -> 1));
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {0, 1, 0, 1}, 8, z -> -1));
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {0, 1, 0, 1}, 8, z -> Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {0, 1, 0, 1}, 3, z -> 1));
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {1, 1, 0, 1}, 8, z -> 1));
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {0, 1, 2, 1}, 8, z -> 1));
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {0, Double.NaN, 0, 1}, 8, z -> 1));
    assertThrows(IllegalArgumentException.class, () -> GridLaw2D.of(new double[] {0, 1, 0}, 8, z -> 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridLaw2D.of(new double[] {0, 1, 0, 1}, 8, z -> z[0] > 0.5 ? -2 : 1));
    assertTrue(e.getMessage().contains("at cell (4, 0)"), e.getMessage());
    GridLaw2D zero = GridLaw2D.of(new double[] {0, 1, 0, 1}, 4, z -> 0);
    assertEquals(0, zero.mass(), 0, "a zero density is a law of mass 0, not refused");
  }

  /**
   * W2² of piecewise-uniform laws on cells of width h, against hand values: a shift by two cells is
   * (2h)²; uniform on one cell against uniform on two has quantiles u and 2u, so ∫(u − 2u)² du · h² = h²/3;
   * masses are normalised (b scaled by 3 changes nothing); equal laws give 0; an empty law couples nothing.
   */
  @Test
  void piecewiseUniformW2AgainstHandValues() {
    double h = 0.5;
    assertEquals(4 * h * h, GridLaw2D.w2sq(new double[] {1, 0, 0, 0}, new double[] {0, 0, 1, 0}, h), 1e-15);
    assertEquals(4 * h * h, GridLaw2D.w2sq(new double[] {1, 1, 0, 0}, new double[] {0, 0, 3, 3}, h), 1e-15);
    assertEquals(h * h / 3, GridLaw2D.w2sq(new double[] {2, 0, 0, 0}, new double[] {1, 1, 0, 0}, h), 1e-15);
    assertEquals(h * h / 3, GridLaw2D.w2sq(new double[] {1, 1, 0, 0}, new double[] {2, 0, 0, 0}, h), 1e-15, "symmetric");
    assertEquals(0, GridLaw2D.w2sq(new double[] {0.2, 0.3, 0, 0.5}, new double[] {0.2, 0.3, 0, 0.5}, h), 1e-15);
    assertEquals(0, GridLaw2D.w2sq(new double[] {0, 0, 0, 0}, new double[] {0, 1, 0, 0}, h), 0);
    // the coupling's pieces carry all of the (normalised) mass, in order
    double[] total = {0};
    int[] lastI = {-1};
    GridLaw2D.monotone(new double[] {1, 0, 2, 1}, new double[] {0, 3, 0, 1}, (i, j, du, fa, fb) -> {
      total[0] += du;
      assertTrue(i >= lastI[0], "pieces advance monotonically");
      lastI[0] = i;
      assertTrue(fa[0] <= fa[1] && fb[0] <= fb[1] && fa[1] <= 1 && fb[1] <= 1, "fractions within the cells");
    });
    assertEquals(1, total[0], 1e-15);
  }
}
