package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * The oracle's binary arithmetic against exact BigDecimal arithmetic (m · 2^e formed here as m times
 * a power of 2 or of ½, not through {@link BinaryFloat#toBigDecimal}). The unit is the one the class
 * defines: a product or sum keeps {@code bits} leading bits of the exact result, so its error is
 * under one unit in the last kept place, 2^{1−bits} of its size.
 */
class BinaryFloatTest {

  private static final int[] BITS = {60, 100, 247, 500};

  /** m · 2^e exactly, by BigDecimal powers of 2 and ½. */
  static BigDecimal exact(BinaryFloat b) {
    BigDecimal m = new BigDecimal(b.m);
    return b.e >= 0 ? m.multiply(BigDecimal.valueOf(2).pow(b.e)) : m.multiply(new BigDecimal("0.5").pow(-b.e));
  }

  /** |got − want| ≤ 2^{1−bits} |want|, in exact arithmetic. */
  static void assertWithinUnit(BigDecimal want, BinaryFloat got, int bits, String what) {
    BigDecimal error = exact(got).subtract(want).abs();
    BigDecimal allowed = want.abs().multiply(new BigDecimal("0.5").pow(bits - 1));
    assertTrue(error.compareTo(allowed) <= 0, what + " at " + bits + " bits: error "
        + error.round(MathContext.DECIMAL64) + " > " + allowed.round(MathContext.DECIMAL64));
  }

  /** A random value with a mantissa of up to {@code bits} bits and an exponent in [−spread, spread]. */
  static BinaryFloat random(Random rnd, int bits, int spread) {
    BigInteger m = new BigInteger(1 + rnd.nextInt(bits), rnd);
    if (rnd.nextBoolean()) m = m.negate();
    return BinaryFloat.of(m, rnd.nextInt(2 * spread + 1) - spread, bits);
  }

  /** Any finite double, as a bit pattern: in exactly, back out unchanged. */
  @Property(seed = "20261202")
  void aDoubleGoesInExactlyAndComesBackUnchanged(@ForAll long raw) {
    double x = Double.longBitsToDouble(raw);
    Assume.that(Double.isFinite(x));
    BinaryFloat b = BinaryFloat.exact(x);
    assertEquals(0, exact(b).compareTo(new BigDecimal(x)), "x = " + x);
    assertEquals(Double.doubleToLongBits(x + 0.0), Double.doubleToLongBits(b.toDouble() + 0.0), "x = " + x);
  }

  /** Ties to even, the carry into a new binade, subnormals and overflow, against BigDecimal's rounding. */
  @Test
  void toDoubleRoundsToNearestTiesToEven() {
    BigInteger two53 = BigInteger.ONE.shiftLeft(53);
    assertEquals(0x1p53, BinaryFloat.of(two53.add(BigInteger.ONE), 0, 200).toDouble()); // tie, down to even
    assertEquals(0x1p53 + 4, BinaryFloat.of(two53.add(BigInteger.valueOf(3)), 0, 200).toDouble()); // tie, up
    assertEquals(0x1p53 + 2, BinaryFloat.of(two53.add(BigInteger.ONE).shiftLeft(1).add(BigInteger.ONE), -1, 200)
        .toDouble()); // just above a tie
    assertEquals(0x1p54, BinaryFloat.of(BigInteger.ONE.shiftLeft(54).subtract(BigInteger.ONE), 0, 200).toDouble());
    assertEquals(-0x1p54, BinaryFloat.of(BigInteger.ONE.shiftLeft(54).subtract(BigInteger.ONE).negate(), 0, 200)
        .toDouble());
    assertEquals(Double.MIN_VALUE, BinaryFloat.of(BigInteger.valueOf(3), -1076, 200).toDouble()); // 0.75 of it
    assertEquals(0.0, BinaryFloat.of(BigInteger.ONE, -1076, 200).toDouble()); // a quarter of it
    assertEquals(Double.POSITIVE_INFINITY, BinaryFloat.of(BigInteger.ONE, 1024, 200).toDouble());
    assertEquals(Double.MAX_VALUE, BinaryFloat.exact(Double.MAX_VALUE).toDouble());
    assertEquals(0.0, BinaryFloat.of(BigInteger.ONE, -1075, 200).toDouble()); // half of it: tie, to even 0
    assertEquals(-0.0, BinaryFloat.of(BigInteger.valueOf(-7), -1078, 200).toDouble()); // under half of it
    // far outside the doubles: no decimal of a million digits is formed (this would not finish)
    assertEquals(0.0, BinaryFloat.of(BigInteger.ONE, -1_400_000, 200).toDouble());
    assertEquals(Double.NEGATIVE_INFINITY, BinaryFloat.of(BigInteger.valueOf(-3), 5_000_000, 200).toDouble());
    Random rnd = new Random(20261202);
    for (int n = 0; n < 3000; n++) {
      BinaryFloat b = random(rnd, 300, 1400);
      double want = exact(b).doubleValue(); // correctly rounded (a decimal parse)
      assertEquals(want, b.toDouble(), 0.0, b.toString());
    }
  }

  @Test
  void productsAndSumsAreWithinOneUnitOfTheLastKeptBit() {
    Random rnd = new Random(20261203);
    for (int bits : BITS) {
      for (int n = 0; n < 1500; n++) {
        BinaryFloat a = random(rnd, bits, 60), b = random(rnd, bits, 60);
        if (n % 5 == 0) b = a.negate().add(random(rnd, bits / 2, 5).scaleByPowerOfTwo(a.e), bits); // cancellation
        if (n % 7 == 0) b = b.scaleByPowerOfTwo((rnd.nextBoolean() ? 1 : -1) * (bits + rnd.nextInt(8))); // far apart
        assertWithinUnit(exact(a).multiply(exact(b)), a.multiply(b, bits), bits, a + " × " + b);
        assertWithinUnit(exact(a).add(exact(b)), a.add(b, bits), bits, a + " + " + b);
        assertWithinUnit(exact(a).subtract(exact(b)), a.subtract(b, bits), bits, a + " − " + b);
        assertEquals(Integer.signum(exact(a).compareTo(exact(b))), Integer.signum(a.compareTo(b)), a + " vs " + b);
      }
    }
  }

  /** Exact cancellation gives zero, and one value in two representations compares equal. */
  @Test
  void equalValuesCompareEqualWhateverTheirRepresentation() {
    BinaryFloat a = BinaryFloat.of(BigInteger.valueOf(3), 5, 100);
    BinaryFloat b = BinaryFloat.of(BigInteger.valueOf(96), 0, 100);
    assertEquals(0, a.compareTo(b));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(0, a.subtract(b, 100).signum());
    assertTrue(a.negate().compareTo(b) < 0);
    assertTrue(BinaryFloat.ZERO.compareTo(a.negate()) > 0);
  }

  /** Apfloat in: within one unit of the bits; out: within one unit of the digits, cut not rounded. */
  @Test
  void apfloatConversionsKeepTheirUnit() {
    Random rnd = new Random(20261204);
    for (int n = 0; n < 300; n++) {
      int bits = BITS[n % BITS.length];
      long digits = (long) Math.ceil(bits / BinaryFloat.BITS_PER_DIGIT) + 10;
      Apfloat a = ApfloatMath.pow(new Apfloat(rnd.nextInt(1000) + 2, digits), new Apfloat(-1, digits))
          .multiply(ApfloatMath.scale(new Apfloat(rnd.nextInt(2) == 0 ? 1 : -7, digits), rnd.nextInt(600) - 300));
      BigDecimal want = new BigDecimal(a.toString(true));
      assertWithinUnit(want, BinaryFloat.of(a, bits), bits, "of(" + a.toString(false) + ")");
      BinaryFloat b = random(rnd, bits, 300);
      long outDigits = 20 + rnd.nextInt(80);
      BigDecimal out = new BigDecimal(b.toApfloat(outDigits).toString(true));
      BigDecimal allowed = exact(b).abs().multiply(BigDecimal.ONE.movePointLeft((int) outDigits - 1));
      assertTrue(out.subtract(exact(b)).abs().compareTo(allowed) <= 0, b + " to " + outDigits + " digits");
    }
    assertEquals(0, BinaryFloat.ZERO.toApfloat(30).signum());
  }

  /**
   * Below 2^{EXACT_BELOW} (a weight e^{−10⁶}) the conversion goes through apfloat's power of 2;
   * against m · e^{e ln 2} by ApfloatMath.exp, 30 digits finer, within the documented 1 + 10⁻¹⁵ units.
   */
  @Test
  void farUnderTheDoublesTheApfloatIsStillWithinItsUnit() {
    Random rnd = new Random(20261206);
    for (int e : new int[] {BinaryFloat.EXACT_BELOW - 1, -20_000, -1_442_695}) {
      BinaryFloat b = random(rnd, 247, 0).scaleByPowerOfTwo(e);
      long digits = 73;
      long fine = digits + 30;
      Apfloat want = new Apfloat(new BigDecimal(b.m), fine).multiply(ApfloatMath.exp(
          new Apfloat(b.e, fine).multiply(ApfloatMath.log(new Apfloat(2, fine)))));
      Apfloat got = b.toApfloat(digits);
      Apfloat unit = ApfloatMath.scale(ApfloatMath.abs(want), 1 - digits);
      Apfloat allowed = unit.multiply(new Apfloat("1.000000000000001", fine));
      Apfloat error = ApfloatMath.abs(got.subtract(want));
      assertTrue(error.compareTo(allowed) <= 0, b + ": error " + error.toString(false) + " > " + allowed.toString(false));
    }
  }

  /** 1/3 to bits: 3q within one unit of 1; the bits of a digit count carry at least those digits. */
  @Test
  void quotientsAndPrecisionsKeepTheirUnit() {
    for (int bits : BITS) {
      BinaryFloat q = BinaryFloat.quotient(BigInteger.ONE, BigInteger.valueOf(3), bits);
      assertWithinUnit(BigDecimal.ONE, q.multiply(BinaryFloat.exact(3), bits + 4), bits, "3 · (1/3)");
    }
    for (long digits : new long[] {20, 60, 73, 1000}) {
      int bits = BinaryFloat.bitsFor(digits);
      assertTrue((1 - bits) * Math.log10(2) <= 1 - digits, digits + " digits -> " + bits + " bits");
    }
  }

  /** The agreement's difference oracle − v is the exact difference, rounded once. */
  @Test
  void theDifferenceWithADoubleIsExactThenRounded() {
    Random rnd = new Random(20261205);
    for (int n = 0; n < 2000; n++) {
      BinaryFloat o = random(rnd, 247, 1100);
      double v = n % 3 == 0 ? o.toDouble() : Double.longBitsToDouble(rnd.nextLong());
      if (!Double.isFinite(v)) continue;
      double want = exact(o).subtract(new BigDecimal(v)).doubleValue();
      assertEquals(want, OracleEvaluation.difference(o, v), 0.0, o + " − " + v);
    }
    assertEquals(Double.POSITIVE_INFINITY, OracleEvaluation.difference(BinaryFloat.ONE, Double.NaN));
    // an oracle value far under v's last bit: −v, checked exactly at the edge of that shortcut
    BigInteger ones = BigInteger.ONE.shiftLeft(247).subtract(BigInteger.ONE);
    for (double v : new double[] {1.0, -0.75, 3e-300, Double.MIN_VALUE, 5e-320, 1e300}) {
      int edge = Math.max(Math.getExponent(v), Double.MIN_EXPONENT) - 54; // |o| < 2^edge takes it
      for (int above = 0; above <= 1; above++) {
        for (BinaryFloat o : new BinaryFloat[] {BinaryFloat.of(ones, edge + above - 247, 247),
            BinaryFloat.of(ones.negate(), edge + above - 247, 247)}) {
          double want = exact(o).subtract(new BigDecimal(v)).doubleValue();
          assertEquals(want, OracleEvaluation.difference(o, v), 0.0, o + " − " + v);
        }
      }
    }
    assertEquals(-1.0, OracleEvaluation.difference(BinaryFloat.of(BigInteger.ONE, -1_400_000, 247), 1.0));
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinaryFloat.exact(Double.NaN));
    assertTrue(e.getMessage().contains("x must be finite, was NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BinaryFloat.quotient(BigInteger.ONE, BigInteger.ZERO, 60));
    assertTrue(e.getMessage().contains("den must be positive, was 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BinaryFloat.of((Apfloat) null, 60));
    assertTrue(e.getMessage().contains("a must not be null"), e.getMessage());
  }
}
