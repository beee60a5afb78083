package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
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
 * The decimal fallback's operations enclose the exact result (+, −, ×, ÷ and √ against BigDecimal at
 * 200 digits, which no 40-digit end can be crossed by; e^x, e^x − 1 and log x against apfloat at 200
 * digits), and are tight: one operation on exact inputs is at most a few units of the 40th digit wide.
 * π's literal against apfloat's π. Each refusal fires.
 */
class DecimalIntervalProperties {

  static final int P = 40;
  static final RealInterval.Arithmetic<DecimalInterval> AR = DecimalInterval.arithmetic(P);
  static final long REFERENCE = 200;
  static final MathContext MC = new MathContext((int) REFERENCE);
  /** One operation on exact inputs: two directed roundings of 10^{1−P} relative each, and the slack of √/exp/log checks. */
  static final double POINT_WIDTH = 8 * AR.unit();

  /** A double of either sign with magnitude 10^−30 … 10^30 (or 0), mantissa at full precision. */
  @Provide
  Arbitrary<Double> anyDouble() {
    Arbitrary<Double> mantissa = Arbitraries.doubles().between(1, 10).ofScale(17);
    Arbitrary<Double> sign = Arbitraries.of(-1.0, 1.0);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(10, Combinators.combine(mantissa, Arbitraries.integers().between(-30, 30), sign)
            .as((m, e, s) -> s * m * Math.pow(10, e))),
        net.jqwik.api.Tuple.of(10, Combinators.combine(mantissa, Arbitraries.integers().between(-3, 2), sign)
            .as((m, e, s) -> s * m * Math.pow(10, e))));
  }

  static void encloses(DecimalInterval r, BigDecimal exact, String what) {
    assertTrue(r.lower().compareTo(exact) <= 0 && exact.compareTo(r.upper()) <= 0, () -> what + ": " + r + " misses " + exact);
  }

  static void tight(DecimalInterval r, String what) {
    assertTrue(r.relativeWidth() <= POINT_WIDTH || r.upper().subtract(r.lower()).abs().compareTo(new BigDecimal("1e-300")) < 0,
        () -> what + ": relative width " + r.relativeWidth());
  }

  static BigDecimal exact(double x) { return new BigDecimal(x); }

  static BigDecimal of(Apfloat a) { return new BigDecimal(a.toString(true)); }

  @Property(tries = 1000, seed = "20261202")
  void arithmeticEnclosesTheExactResult(@ForAll("anyDouble") double x, @ForAll("anyDouble") double y) {
    DecimalInterval a = AR.of(x), b = AR.of(y);
    encloses(a.add(b), exact(x).add(exact(y)), x + " + " + y);
    encloses(a.subtract(b), exact(x).subtract(exact(y)), x + " − " + y);
    encloses(a.multiply(b), exact(x).multiply(exact(y)), x + " × " + y);
    encloses(a.square(), exact(x).multiply(exact(x)), x + "²");
    if (y != 0) {
      DecimalInterval q = a.divide(b);
      encloses(q, exact(x).divide(exact(y), MC), x + " ÷ " + y);
      if (x != 0) tight(q, x + " ÷ " + y);
    }
    DecimalInterval r = a.abs().sqrt();
    encloses(r, exact(Math.abs(x)).sqrt(MC), "√" + x);
    if (x != 0) tight(r, "√" + x);
    // an interval operand: every member's result inside (the ends and the midpoint)
    DecimalInterval wide = a.hull(b);
    DecimalInterval sq = wide.square();
    for (double m : new double[] {x, y, 0.5 * x + 0.5 * y}) encloses(sq, exact(m).multiply(exact(m)), m + "² in " + wide);
  }

  @Property(tries = 150, seed = "20261202")
  void expExpm1AndLogEncloseTheApfloatValue(@ForAll("anyDouble") double x) {
    double v = Math.max(-300, Math.min(300, x));
    Apfloat av = new Apfloat(exact(v), REFERENCE);
    DecimalInterval e = AR.of(v).exp();
    encloses(e, of(ApfloatMath.exp(av)), "exp " + v);
    tight(e, "exp " + v);
    DecimalInterval em1 = AR.of(v).expm1();
    encloses(em1, of(ApfloatMath.exp(av).subtract(new Apfloat(1, REFERENCE))), "expm1 " + v);
    if (v != 0) tight(em1, "expm1 " + v); // no cancellation, even at 10^−30
    if (x > 0) {
      DecimalInterval l = AR.of(x).log();
      encloses(l, of(ApfloatMath.log(new Apfloat(exact(x), REFERENCE))), "log " + x);
      if (x != 1) tight(l, "log " + x);
      DecimalInterval c = AR.of(v).cosh();
      encloses(c, of(ApfloatMath.cosh(av)), "cosh " + v);
    }
  }

  @Test
  void piEnclosesApfloatsPiAtEveryPrecision() {
    BigDecimal pi = of(ApfloatMath.pi(REFERENCE));
    for (int digits : new int[] {10, 40, 100}) {
      DecimalInterval p = DecimalInterval.arithmetic(digits).pi();
      encloses(p, pi, "π at " + digits + " digits");
      assertTrue(p.relativeWidth() <= 2 * Math.pow(10, 1 - digits), p.toString());
    }
  }

  @Test
  void veryNegativeExponentsAndTheDoubleEndsAreSound() {
    // e^{−2·10⁹} is below 10^{−434294481}: enclosed as [0, that] rather than computed
    DecimalInterval tiny = AR.of(-2e9).exp();
    assertEquals(0, tiny.lower().signum());
    assertTrue(tiny.upper().compareTo(new BigDecimal("1e-434294481")) <= 0);
    // the double ends are rounded outward: 1/3 at 40 digits lies inside [lo(), hi()]
    DecimalInterval third = AR.one().divide(AR.of(3));
    assertTrue(new BigDecimal(third.lo()).compareTo(third.lower()) <= 0 && third.upper().compareTo(new BigDecimal(third.hi())) <= 0);
    assertTrue(third.lo() < third.hi(), "1/3 is not a double: the double ends differ");
    // a certificate decides on the exact ends: two intervals 1e-30 apart are ordered though their doubles coincide
    DecimalInterval one = AR.one(), above = AR.one().add(AR.of(1e-30));
    assertTrue(one.certainlyBelow(above));
    assertEquals(one.hi(), above.lo(), 2 * Math.ulp(1.0));
  }

  @Test
  void refusalsFire() {
    assertThrows(IllegalArgumentException.class, () -> DecimalInterval.arithmetic(9));
    assertThrows(IllegalArgumentException.class, () -> DecimalInterval.arithmetic(DecimalInterval.MAX_DIGITS + 1));
    assertThrows(IllegalArgumentException.class, () -> AR.of(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> DecimalInterval.of(BigDecimal.ONE, BigDecimal.ZERO, AR));
    assertThrows(ArithmeticException.class, () -> AR.one().divide(AR.of(-1).hull(AR.of(1))));
    assertThrows(ArithmeticException.class, () -> AR.of(-1).hull(AR.of(1)).log());
    assertThrows(ArithmeticException.class, () -> AR.of(2e9).exp());
    assertThrows(IllegalArgumentException.class, () -> AR.of(-2).sqrt());
  }
}
