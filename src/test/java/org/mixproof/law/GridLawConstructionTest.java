package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The 1-D grid law's own accessors against hand values: a piecewise-uniform law with masses (0.1, 0.3,
 * 0.4) on cells [0, 1], [1, 3], [3, 4] and 0.05 below, 0.15 above; its mean Σ M_i m_i / Σ M_i (cell
 * midpoints m_i) and variance Σ M_i ((m_i − μ)² + w_i²/12) / Σ M_i written out; TV against a second law on the
 * same cells; the CDF constructor; equality; each refusal.
 */
class GridLawConstructionTest {

  static final double[] Y = {0, 1, 3, 4};
  /** Built in each test, not in a static initialiser: PIT attributes coverage only to test methods. */
  static GridLaw law() { return GridLaw.ofMasses(Y, new double[] {0.1, 0.3, 0.4}, 0.05, 0.15); }

  @Test
  void accessorsMeanVarianceAndCdf() {
    assertEquals(3, law().cells());
    assertArrayEquals(Y, law().breakpoints(), 0);
    assertArrayEquals(new double[] {0.1, 0.3, 0.4}, law().masses(), 0);
    assertEquals(0.3, law().mass(1), 0);
    assertArrayEquals(new double[] {0.05, 0.15, 0.45, 0.85}, law().cdf(), 1e-15);
    assertEquals(0.2, law().outsideMass(), 1e-15, "0.05 below, 0.15 above, nothing lost");
    double mean = (0.1 * 0.5 + 0.3 * 2 + 0.4 * 3.5) / 0.8;
    assertEquals(mean, law().mean(), 1e-15);
    double var = (0.1 * (Math.pow(0.5 - mean, 2) + 1.0 / 12) + 0.3 * (Math.pow(2 - mean, 2) + 4.0 / 12)
        + 0.4 * (Math.pow(3.5 - mean, 2) + 1.0 / 12)) / 0.8;
    assertEquals(var, law().variance(), 1e-15);
    // from a CDF at the breakpoints: the same law
    GridLaw fromCdf = GridLaw.of(Y, new double[] {0.05, 0.15, 0.45, 0.85});
    assertEquals(law().mean(), fromCdf.mean(), 1e-15);
    assertEquals(0.2, fromCdf.outsideMass(), 1e-15);
    assertEquals(0.2, law().tv(fromCdf), 1e-15, "equal cells; the off-grid mass counted as disjoint: ½(0.2 + 0.2)");
    assertTrue(law().toString().startsWith("GridLaw{3 cells on [0.0, 4.0], outside "), law().toString());
  }

  @Test
  void tvAndEquality() {
    GridLaw other = GridLaw.ofMasses(Y, new double[] {0.2, 0.3, 0.3}, 0.05, 0.15);
    // ½ Σ|M_i − M'_i| + ½ (outside of each) = ½(0.1 + 0 + 0.1) + ½(0.2 + 0.2)
    assertEquals(0.3, law().tv(other), 1e-15);
    GridLaw same = GridLaw.ofMasses(Y.clone(), new double[] {0.1, 0.3, 0.4}, 0.05, 0.15);
    assertEquals(law(), same);
    assertEquals(law().hashCode(), same.hashCode());
    assertNotEquals(law(), other);
    assertNotEquals(law(), GridLaw.ofMasses(Y, new double[] {0.1, 0.3, 0.4}, 0.05, 0.1));
    assertNotEquals(law(), GridLaw.ofMasses(Y, new double[] {0.1, 0.3, 0.4}, 0.0, 0.15));
    assertNotEquals(law(), GridLaw.ofMasses(new double[] {0, 1, 3, 5}, new double[] {0.1, 0.3, 0.4}, 0.05, 0.15));
    assertThrows(IllegalArgumentException.class, () -> law().tv(GridLaw.ofMasses(new double[] {0, 2, 3, 4},
        new double[] {0.1, 0.3, 0.4}, 0, 0)));
  }

  @Test
  void refusalsFire() {
    assertThrows(IllegalArgumentException.class, () -> GridLaw.ofMasses(new double[] {0}, new double[0], 0, 0));
    assertThrows(IllegalArgumentException.class, () -> GridLaw.ofMasses(Y, new double[] {0.1, 0.3}, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> GridLaw.ofMasses(new double[] {0, 1, 1, 4}, new double[] {0.1, 0.3, 0.4}, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> GridLaw.ofMasses(Y, new double[] {0.1, -0.3, 0.4}, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> GridLaw.ofMasses(Y, new double[] {0.1, 0.3, 0.4}, -0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> GridLaw.ofMasses(Y, new double[] {0.1, 0.3, 0.4}, 0, -0.1));
    assertThrows(IllegalArgumentException.class, () -> GridLaw.of(Y, new double[] {0.1, 0.2}));
  }
}
