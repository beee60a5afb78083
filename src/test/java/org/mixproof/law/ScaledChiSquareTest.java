package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The TV of N(0, v I_m) and N(0, λ I_m) against two references that are not its code: for m = 1 the
 * 1-D TV of {@link Divergences#tv1d} (tested against apfloat), for m = 2 the closed form of the
 * exponential law (χ²₂/2 ~ Exp(1)): TV = |e^{−s⋆/(2v)} − e^{−s⋆/(2λ)}|, s⋆ = 2vλ ln(v/λ)/(v − λ).
 */
class ScaledChiSquareTest {

  @Test
  void matchesOneAndTwoDimensionalClosedForms() {
    for (double[] c : new double[][] {{1, 4}, {4, 1}, {0.3, 0.31}, {2, 50}}) {
      double v = c[0], l = c[1];
      assertEquals(Divergences.tv1d(0, v, 0, l), ScaledChiSquare.tv(1, v, l), 1e-14, "m = 1, " + v + " vs " + l);
      double s = 2 * v * l * Math.log(v / l) / (v - l);
      double want = Math.abs(Math.exp(-s / (2 * v)) - Math.exp(-s / (2 * l)));
      // the crossing's ln r/(r − 1) near r = 1 and two CDFs: relative 1e-12 of the TV, which is ≥ 1e-3 here
      assertEquals(want, ScaledChiSquare.tv(2, v, l), 1e-12, "m = 2, " + v + " vs " + l);
    }
    assertEquals(0, ScaledChiSquare.tv(5, 2, 2));
  }

  @Test
  void refusesWhatHasNoLaw() {
    assertThrows(IllegalArgumentException.class, () -> ScaledChiSquare.tv(0, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> ScaledChiSquare.tv(1, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> ScaledChiSquare.tv(1, 1, -2));
  }
}
