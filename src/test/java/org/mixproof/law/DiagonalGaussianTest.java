package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link DiagonalGaussian}: its refusals and {@link DiagonalGaussian#isFinite} entry by entry. */
class DiagonalGaussianTest {

  @Test
  void refusesMismatchedOrEmptyArrays() {
    for (double[][] mv : new double[][][] {{null, {1}}, {{0}, null}, {{0, 1}, {1}}, {{}, {}}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DiagonalGaussian(mv[0], mv[1]));
      assertTrue(e.getMessage().contains("mean and variance"), e.getMessage());
    }
    assertEquals(2, new DiagonalGaussian(new double[2], new double[2]).dimension());
  }

  @Test
  void isFiniteChecksEveryEntry() {
    // a zero variance is a point mass, allowed (the boundary of variance ≥ 0)
    assertTrue(new DiagonalGaussian(new double[] {1, -2}, new double[] {0, 3}).isFinite());
    // each defect in the second entry, so that the loop must reach it
    double[][] means = {{0, Double.NaN}, {0, Double.POSITIVE_INFINITY}, {0, 1}, {0, 1}, {0, 1}};
    double[][] vars = {{1, 1}, {1, 1}, {1, -Double.MIN_VALUE}, {1, Double.NaN}, {1, Double.POSITIVE_INFINITY}};
    for (int c = 0; c < means.length; c++) {
      assertFalse(new DiagonalGaussian(means[c], vars[c]).isFinite(), "case " + c);
    }
  }
}
