package org.mixproof.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How the reports print a number: the same text for the same double on every machine and in every
 * locale (no {@code String.format}, whose output follows the default locale).
 */
public final class Numbers {

  /** Significant digits shown. */
  static final int DIGITS = 4;

  private static final MathContext ROUND = new MathContext(DIGITS, RoundingMode.HALF_EVEN);
  private static final BigDecimal SMALL = new BigDecimal("0.001");
  private static final BigDecimal LARGE = new BigDecimal("100000");

  private Numbers() {}

  /**
   * {@code v} to {@link #DIGITS} significant digits, trailing zeros dropped: plainly when
   * {@code 0.001 ≤ |v| < 100000} after rounding (e.g. {@code 0.9731}, {@code 12350}), otherwise in
   * scientific form (e.g. {@code 1.235e-7}, {@code -2e+9}); {@code 0} for both zeros, "—" for NaN,
   * "∞" and "−∞" for the infinities.
   */
  static String format(double v) {
    if (Double.isNaN(v)) return "\u2014";
    if (v == Double.POSITIVE_INFINITY) return "\u221e";
    if (v == Double.NEGATIVE_INFINITY) return "\u2212\u221e";
    if (v == 0) return "0";
    BigDecimal rounded = new BigDecimal(v).round(ROUND);
    BigDecimal magnitude = rounded.abs();
    if (magnitude.compareTo(SMALL) >= 0 && magnitude.compareTo(LARGE) < 0) {
      return rounded.stripTrailingZeros().toPlainString();
    }
    int exponent = rounded.precision() - rounded.scale() - 1;
    String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
  }

  /**
   * The significant digits that tell {@code v} apart from 1: {@link #DIGITS}, or more (up to 17) when
   * {@code v} ≠ 1 would round to 1 — a violated ratio measured/bound of 1.00003 must not print as 1.
   */
  public static int digitsApartFromOne(double v) {
    if (!Double.isFinite(v) || v == 1 || v == 0) return DIGITS;
    BigDecimal x = new BigDecimal(v);
    for (int p = DIGITS; p < 17; p++) {
      if (x.round(new MathContext(p, RoundingMode.HALF_EVEN)).compareTo(BigDecimal.ONE) != 0) return p;
    }
    return 17;
  }

  /** {@link #format} with the digits of {@link #digitsApartFromOne}. */
  static String formatApartFromOne(double v) {
    int p = digitsApartFromOne(v);
    if (p == DIGITS) return format(v);
    return new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN)).toPlainString();
  }
}
