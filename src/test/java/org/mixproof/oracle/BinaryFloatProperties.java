package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;

/**
 * {@link BinaryFloat}'s operations against exact decimal arithmetic ({@link BigDecimal} without a
 * MathContext: products and sums of the operands' exact values): each result must be within
 * 2^{1−bits} of the exact one relative to it, the bound of one truncation. Operands have 90
 * significant digits (more than the bits keep), exponents 10^±300, and come in nearly equal pairs so
 * that subtraction cancels up to 60 digits, and in pairs far apart so that one operand vanishes.
 */
class BinaryFloatProperties {

  record Pair(BinaryFloat a, BinaryFloat b, int bits) {}

  @Provide
  Arbitrary<Integer> bitCounts() { return Arbitraries.of(60, 150, 243, 400); }

  /** A 90-digit decimal m · 10^e, with m ∈ [1, 10). */
  static Arbitrary<String> decimals() {
    return Combinators.combine(Arbitraries.strings().numeric().ofLength(89), Arbitraries.integers().between(1, 9),
        Arbitraries.integers().between(-300, 300), Arbitraries.of("", "-"))
        .as((tail, lead, e, sign) -> sign + lead + "." + tail + "e" + e);
  }

  @Provide
  Arbitrary<Pair> pairs() {
    Arbitrary<String> close = Combinators.combine(decimals(), Arbitraries.integers().between(1, 60), Arbitraries.of(1, -1))
        .as((a, gap, side) -> a + "|" + new BigDecimal(a).multiply(BigDecimal.ONE.add(BigDecimal.valueOf(side, gap))));
    Arbitrary<String> apart = Combinators.combine(decimals(), decimals()).as((a, b) -> a + "|" + b);
    return Combinators.combine(Arbitraries.oneOf(close, apart), bitCounts()).as((ab, bits) -> {
      String[] s = ab.split("\\|");
      // the operands carry more bits than the arithmetic, as the oracle's stored constants do
      return new Pair(BinaryFloat.of(new Apfloat(s[0]), bits + 40), BinaryFloat.of(new Apfloat(s[1]), bits + 40), bits);
    });
  }

  static void assertWithinOneTruncation(BigDecimal exact, BinaryFloat got, int bits, String what) {
    BigDecimal error = got.toBigDecimal().subtract(exact).abs();
    // one truncation: |δ| < 2^{1−bits} of the result (a power of two divides a decimal exactly)
    BigDecimal allowed = exact.abs().divide(new BigDecimal(BigInteger.ONE.shiftLeft(bits - 1)));
    assertTrue(error.compareTo(allowed) <= 0, what + " at " + bits + " bits: error " + error.round(MathContext.DECIMAL64)
        + " > " + allowed.round(MathContext.DECIMAL64));
  }

  @Property(tries = 300, seed = "20261122")
  void multiplyIsOneTruncationFromExact(@ForAll("pairs") Pair p) {
    BigDecimal exact = p.a().toBigDecimal().multiply(p.b().toBigDecimal());
    assertWithinOneTruncation(exact, p.a().multiply(p.b(), p.bits()), p.bits(), "a·b");
  }

  @Property(tries = 300, seed = "20261122")
  void addAndSubtractAreOneTruncationFromExact(@ForAll("pairs") Pair p) {
    BigDecimal a = p.a().toBigDecimal();
    BigDecimal b = p.b().toBigDecimal();
    assertWithinOneTruncation(a.add(b), p.a().add(p.b(), p.bits()), p.bits(), "a + b");
    assertWithinOneTruncation(a.subtract(b), p.a().subtract(p.b(), p.bits()), p.bits(), "a − b");
    assertEquals(a.compareTo(b), p.a().compareTo(p.b()), "compareTo");
  }

  @Property(tries = 200, seed = "20261122")
  void conversionsAreExactOrCorrectlyRounded(@ForAll("pairs") Pair p) {
    BigDecimal exact = p.a().toBigDecimal();
    Apfloat decimal = new Apfloat(exact.round(new MathContext(90)).toString());
    assertWithinOneTruncation(new BigDecimal(decimal.toString(false)), BinaryFloat.of(decimal, p.bits()), p.bits(), "of(apfloat)");
    // BigDecimal.doubleValue rounds correctly to nearest; so must the binary value's
    assertEquals(exact.doubleValue(), p.a().doubleValue(), "doubleValue of " + exact);
    assertEquals(0, BinaryFloat.of(exact.doubleValue()).toBigDecimal().compareTo(new BigDecimal(exact.doubleValue())),
        "of(double) is exact");
    // toApfloat to 60 digits: within one unit of the 60th digit (10^{1−60} relative)
    BigDecimal back = new BigDecimal(p.a().toApfloat(60).toString(false));
    assertTrue(back.subtract(exact).abs().compareTo(exact.abs().movePointLeft(59)) <= 0, "toApfloat(60) of " + exact);
  }

  @Property(tries = 100, seed = "20261122")
  void doubleValueRoundsCorrectlyAtTheEdgesOfTheRange(@ForAll("edgeDoubles") double x) {
    BinaryFloat b = BinaryFloat.of(x);
    assertEquals(x, b.doubleValue());
    // a value between x and its successor: nearest (ties to even) as BigDecimal has it
    BigDecimal mid = new BigDecimal(x).add(new BigDecimal(Math.nextUp(x))).divide(BigDecimal.valueOf(2));
    BinaryFloat m = b.add(BinaryFloat.of(Math.nextUp(x)), 2000).scaleByPowerOfTwo(-1);
    assertEquals(mid.doubleValue(), m.doubleValue(), "midpoint above " + x);
  }

  @Provide
  Arbitrary<Double> edgeDoubles() {
    return Arbitraries.oneOf(Arbitraries.of(Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, Math.nextDown(Double.MAX_VALUE) / 2, 1e-310, -3e-320),
        Arbitraries.doubles().between(-1e300, 1e300));
  }
}
