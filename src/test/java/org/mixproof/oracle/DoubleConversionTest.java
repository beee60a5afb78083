package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;

/** Exact conversions: the binary value in, the correctly rounded double out. */
class DoubleConversionTest {

  /** Any finite double, as a bit pattern (jqwik's doubles are decimals on a grid). */
  @Property(seed = "20261122")
  void roundTripIsTheIdentity(@ForAll long bits) {
    double x = Double.longBitsToDouble(bits);
    Assume.that(Double.isFinite(x));
    double back = DoubleConversion.nearest(DoubleConversion.exact(x, 20));
    assertEquals(Double.doubleToLongBits(x + 0.0), Double.doubleToLongBits(back + 0.0), "x = " + x);
  }

  @Test
  void exactIsTheBinaryExpansionNotTheShortestDecimal() {
    Apfloat a = DoubleConversion.exact(0.1, 20);
    assertEquals(0, new BigDecimal(a.toString(true)).compareTo(new BigDecimal(0.1)));
    assertTrue(a.compareTo(new Apfloat("0.1", 100)) > 0, "0.1 as a double is above 1/10");
  }

  /** Ties go to the even neighbour; anything above a tie goes up (IEEE round to nearest). */
  @Test
  void nearestRoundsCorrectly() {
    BigDecimal one = BigDecimal.ONE;
    BigDecimal half = new BigDecimal(0x1p-53); // half an ulp of 1
    assertEquals(1.0, nearest(one.add(half)));
    assertEquals(Math.nextUp(1.0), nearest(one.add(half).add(new BigDecimal("1e-40"))));
    // 1 + 3·2⁻⁵³ lies halfway between 1 + 2⁻⁵² (odd) and 1 + 2⁻⁵¹ (even)
    assertEquals(1 + 0x1p-51, nearest(one.add(half.multiply(BigDecimal.valueOf(3)))));
    // half the smallest subnormal is a tie between 0 (even) and Double.MIN_VALUE
    BigDecimal halfMin = new BigDecimal(Double.MIN_VALUE).divide(BigDecimal.valueOf(2));
    assertEquals(0.0, nearest(halfMin));
    assertEquals(Double.MIN_VALUE, nearest(halfMin.add(new BigDecimal("1e-400"))));
  }

  @Test
  void outOfRangeGoesToZeroOrInfinityWithTheSign() {
    assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(DoubleConversion.nearest(new Apfloat("1e-500", 30))));
    assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(DoubleConversion.nearest(new Apfloat("-1e-500", 30))));
    assertEquals(Double.POSITIVE_INFINITY, DoubleConversion.nearest(new Apfloat("1e500", 30)));
    assertEquals(Double.NEGATIVE_INFINITY, DoubleConversion.nearest(new Apfloat("-1e500", 30)));
    assertEquals(Double.MAX_VALUE, DoubleConversion.nearest(DoubleConversion.exact(Double.MAX_VALUE, 20)));
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DoubleConversion.exact(Double.NaN, 20));
    assertTrue(e.getMessage().contains("x must be finite, was NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DoubleConversion.exact(1, 0));
    assertTrue(e.getMessage().contains("precision must be >= 1, was 0"), e.getMessage());
  }

  private static double nearest(BigDecimal b) {
    return DoubleConversion.nearest(new Apfloat(b, Math.max(b.precision(), 20)));
  }
}
