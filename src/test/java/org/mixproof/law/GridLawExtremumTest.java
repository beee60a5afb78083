package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The TV estimate's extremum correction by hand: the parabola through three nodes and the position of
 * its vertex on uneven spacing (the closed-form TV tests are symmetric, so every vertex lies between
 * the nodes there whatever the position's formula), and corrections only at strict extrema of
 * G = F_law − F_p. Every value below is exact in binary (quarters, eighths, point-mass targets).
 */
class GridLawExtremumTest {

  /**
   * g(x) = g1 + b(x − x1) + a(x − x1)² through the three points; the excess is |b²/4a| when the
   * vertex x1 − b/2a lies in [x0, x2], else 0.
   */
  @Test
  void parabolaExcessByHand() {
    // (0, 0), (1, 10), (2, −10): a = −15, b = −5, vertex at x1 − 1/6, excess 25/60
    assertEquals(25.0 / 60, GridLaw.parabolaExcess(0, 0, 1, 10, 2, -10), 1e-15);
    // (0, 0), (1, 1), (3, 0): g = 1.5x − 0.5x², vertex 1.5 with value 1.125
    assertEquals(0.125, GridLaw.parabolaExcess(0, 0, 1, 1, 3, 0), 0);
    // (0, 0), (1, 1), (10, 0.99): vertex far right of x1 (≈ 5.5) but before x2
    double a = (-0.01 / 9 - 1) / 10, b = 1 + a;
    assertEquals(b * b / (4 * -a), GridLaw.parabolaExcess(0, 0, 1, 1, 10, 0.99), 1e-15);
    // vertex exactly at an end node counts (g = x² and g = (x − 2)²: excess 1), beyond it does not
    assertEquals(1, GridLaw.parabolaExcess(0, 0, 1, 1, 2, 4), 0);
    assertEquals(1, GridLaw.parabolaExcess(0, 4, 1, 1, 2, 0), 0);
    assertEquals(0, GridLaw.parabolaExcess(0, 1, 1, 4, 2, 9), 0); // g = (x + 1)², vertex at −1
    assertEquals(0, GridLaw.parabolaExcess(0, 1, 1, 3, 2, 5), 0); // a line
  }

  /**
   * Against δ_{2.5} (cell masses 0, 0, 1, 0 on 0..4) the law ¼ per cell gives G = 0, ¼, ½, −¼, 0:
   * strict extrema at 2 and 3, each parabola's excess 1/32, so TV = ½(3/2 + 2·1/16) = 13/16.
   */
  @Test
  void strictExtremaAreCorrected() {
    double[] est = GridLaw.ofMasses(new double[] {0, 1, 2, 3, 4}, new double[] {0.25, 0.25, 0.25, 0.25}, 0, 0)
        .tvEstimate(Mixture1D.gaussian(2.5, 0));
    assertEquals(1.0 / 16, est[1], 0);
    assertEquals(13.0 / 16, est[0], 0);
  }

  /**
   * The law ¼, 0, ¾, 0 against δ_{2.5}: G = 0, ¼, ¼, 0, 0 has plateaus and no strict extremum, so no
   * correction and TV = ½ Σ|M_i − P_i| = ¼ (a correction at a flat node would add 1/32 per node).
   */
  @Test
  void flatNodesAreNotExtrema() {
    double[] est = GridLaw.ofMasses(new double[] {0, 1, 2, 3, 4}, new double[] {0.25, 0, 0.75, 0}, 0, 0)
        .tvEstimate(Mixture1D.gaussian(2.5, 0));
    assertEquals(0, est[1], 0);
    assertEquals(0.25, est[0], 0);
  }
}
