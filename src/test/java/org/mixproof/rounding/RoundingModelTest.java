package org.mixproof.rounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The rounding model against its definitions: the units from IEEE 754 binary64 itself, each bound from
 * its formula in docs/claims.md §6 written out by hand, and the norming size against the normalising
 * constant it must dominate.
 */
class RoundingModelTest {

  @Test
  void unitsAreThoseOfBinary64() {
    assertEquals(Math.ulp(1.0), RoundingModel.EPS, 0.0);
    assertEquals(2 * RoundingModel.U, RoundingModel.EPS, 0.0);
    // u is the largest relative error of round-to-nearest: 1 + u is a tie and rounds to even (1.0),
    // while 1 + u + (a little) rounds up to the next double 1 + ε
    assertEquals(1.0, 1.0 + RoundingModel.U, 0.0);
    assertEquals(1.0 + RoundingModel.EPS, 1.0 + RoundingModel.U * (1 + RoundingModel.EPS), 0.0);
    // exact: 2⁻⁵³ as a decimal
    assertEquals(new BigDecimal("1.1102230246251565404236316680908203125E-16"), new BigDecimal(RoundingModel.U));
  }

  @Test
  void constantIsSixteenTimesDPlusOneSquared() {
    assertEquals(64.0, RoundingModel.constant(1), 0.0);
    assertEquals(144.0, RoundingModel.constant(2), 0.0);
    assertEquals(16.0 * 101 * 101, RoundingModel.constant(100), 0.0);
    assertEquals(144 * 0x1p-53, RoundingModel.constantTimesU(2), 0.0);
    // the double code's refusal threshold: c·u·κ ≥ 1 ⇔ κ ≥ 1/(c u) = 2⁵³/144 at d = 2
    assertEquals(0x1p53 / 144, RoundingModel.largestConditionNumber(2), Math.ulp(0x1p53 / 144));
  }

  @Test
  void constantRefusesADimensionBelowOneNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoundingModel.constant(0));
    assertTrue(e.getMessage().contains("d") && e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void perComponentBoundsFollowTheirFormulas() {
    // κ = 4, q = 9, d = 2, ρ = 3, λ = 1, L = 5: κ(q + d) + ρ√(q/λ) + L = 44 + 9 + 5
    assertEquals(58.0, RoundingModel.logTermBound(4, 9, 2, 3, 1, 5), 0.0);
    // κ√(q/λ) + ρ/λ with λ = 4: 4·1.5 + 3/4
    assertEquals(6.75, RoundingModel.componentScoreBound(4, 9, 3, 4), 0.0);
    // √d κ/λ with d = 4: 2·4/0.5
    assertEquals(16.0, RoundingModel.precisionBound(4, 4, 0.5), 0.0);
    // L = |log π| + d(2 + |log λmin| + |log λmax|) with π = e⁻¹, λmin = e⁻², λmax = e³, d = 2
    assertEquals(1 + 2 * (2 + 2 + 3), RoundingModel.normingSize(Math.exp(-1), 2, Math.exp(-2), Math.exp(3)), 1e-14);
    // 16 d ε κ scale = 32 d u κ scale
    assertEquals(32 * 3 * 0x1p-53 * 7 * 2.5, RoundingModel.hessianNormMargin(3, 7, 2.5), 0.0);
    assertEquals(8 * 5 * 0x1p-52 * 3.0, RoundingModel.eigenvalueRoundoff(5, 3.0), 0.0);
  }

  /**
   * L_i must dominate the normalising constant |log π − (d/2) log 2π − ½ log det Σ| whose rounding
   * reaches ℓ_i: (d/2) log 2π ≤ 0.92 d ≤ 2d, and ½|log det| ≤ (d/2) max(|log λmin|, |log λmax|).
   */
  @Property(tries = 300, seed = "20261202")
  void normingSizeDominatesTheNormalisingConstant(@ForAll @IntRange(min = 1, max = 50) int d,
      @ForAll @DoubleRange(min = -14, max = 0) double logWeight, @ForAll @DoubleRange(min = -30, max = 30) double logLo,
      @ForAll @DoubleRange(min = 0, max = 30) double logSpread) {
    double weight = Math.exp(logWeight), lo = Math.exp(logLo), hi = Math.exp(logLo + logSpread);
    // the worst log det for these extremes: all eigenvalues at the end of larger |log|
    double logDet = d * (Math.abs(logLo) > Math.abs(logLo + logSpread) ? logLo : logLo + logSpread);
    double constant = Math.abs(Math.log(weight) - 0.5 * d * Math.log(2 * Math.PI) - 0.5 * logDet);
    assertTrue(constant <= RoundingModel.normingSize(weight, d, lo, hi),
        () -> constant + " > " + RoundingModel.normingSize(weight, d, lo, hi));
  }
}
