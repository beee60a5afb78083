package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Claim expressions in intervals, against exact values worked out by hand or in BigDecimal: constant
 * folding in double would lose them (0.1·3 − 0.3 is 0, not 5.55e-17), literals are decimals, and every
 * supported function encloses its real value.
 */
class IntervalExpressionTest {

  static Interval eval(String text, Map<String, Interval> v) {
    return IntervalExpression.parse(text, v.keySet()).evaluate(v);
  }

  static void encloses(Interval i, BigDecimal exact) {
    assertTrue(new BigDecimal(i.lo()).compareTo(exact) <= 0 && exact.compareTo(new BigDecimal(i.hi())) <= 0,
        i + " misses " + exact);
  }

  @Test
  void noConstantFoldingInDouble() {
    Interval r = eval("0.1 * 3 - 0.3", Map.of());
    assertTrue(r.contains(0), "0.1·3 − 0.3 is 0 in the reals: " + r);
    assertTrue(0.1 * 3 - 0.3 != 0, "(in double it is not)");
    encloses(eval("1/3", Map.of()), BigDecimal.ONE.divide(new BigDecimal(3), new MathContext(50)));
    encloses(eval("0.000000001", Map.of()), new BigDecimal("1e-9"));
  }

  @Test
  void theOracleToleranceAndALipschitzBound() {
    Interval u = Interval.of(0x1p-53), kappa = Interval.of(7), d = Interval.of(3);
    // c u κ with c = 16(d+1)² = 256: 256 · 7 · 2⁻⁵³ exactly
    encloses(eval("16 * (d + 1)^2 * u * kappa", Map.of("d", d, "u", u, "kappa", kappa)),
        new BigDecimal(256 * 7).multiply(new BigDecimal(0x1p-53)));
    // max(1/λ, a²D²/(8λ²) − 1/Λ) at λ = 0.5, a = 0.9, D = 4, Λ = 2: max(2, 0.81·16/2 − 0.5) = 5.98
    Map<String, Interval> v = Map.of("lambda_min_t", Interval.of(0.5), "a", Interval.of(0.9), "D", Interval.of(4),
        "lambda_max_t", Interval.of(2));
    Interval r = eval("max(1/lambda_min_t, a^2 * D^2 / (8 * lambda_min_t^2) - 1/lambda_max_t)", v);
    encloses(r, new BigDecimal("5.98"));
    assertTrue(r.width() < 32 * Math.ulp(8.0), "tight: " + r); // ~12 operations on values ≤ 8, ≤ 2 ulps each
  }

  @Test
  void functionsEncloseTheirValues() {
    Map<String, Interval> x = Map.of("x", Interval.of(2));
    encloses(eval("sqrt(x)", x), new BigDecimal(2).sqrt(new MathContext(50)));
    encloses(eval("ln(x) - ln(2)", x), BigDecimal.ZERO);
    encloses(eval("log(100)", Map.of()), new BigDecimal(2));
    encloses(eval("exp(0)", Map.of()), BigDecimal.ONE);
    encloses(eval("pi - 3.14159265358979323846", Map.of()), new BigDecimal("2.6433832795e-21")); // π − its 21-digit prefix
    encloses(eval("abs(-x) + min(x, 1) - max(-x, 3)", x), BigDecimal.ZERO); // 2 + 1 − 3
    encloses(eval("x^0.5 * x^(-2) * pow(x, 2)", x), new BigDecimal(2).sqrt(new MathContext(50)));
    // an interval variable: the range of x² − x over [−1, 2] is [−¼, 2]; the natural extension contains it
    Interval r = eval("x^2 - x", Map.of("x", Interval.of(-1, 2)));
    assertTrue(r.lo() <= -0.25 && r.hi() >= 2, r.toString());
  }

  @Test
  void refusalsNameTheProblem() {
    assertThrows(IllegalArgumentException.class, () -> IntervalExpression.parse("1 +", Set.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval("sin(1)", Map.of()));
    assertTrue(e.getMessage().contains("sin(1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IntervalExpression.parse("d + k", Set.of("d", "k"))
        .evaluate(Map.of("d", Interval.ONE)));
    assertTrue(e.getMessage().contains("'k'"), e.getMessage());
    assertEquals(Interval.ONE, eval("1", Map.of()));
  }
}
