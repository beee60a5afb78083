package org.mixproof.oracle;

import java.math.BigDecimal;
import org.apfloat.Apfloat;

/**
 * Exact conversions between double and apfloat. {@code new Apfloat(double, p)} takes the shortest
 * decimal approximation, and {@code Apfloat.doubleValue()} is not correctly rounded (up to 8 ulp off),
 * so both directions go through {@link BigDecimal}: in through the double's exact binary value, out
 * through a correctly rounded decimal-to-binary parse.
 */
public final class DoubleConversion {

  /** Below this decimal exponent an apfloat is under every subnormal double: it converts to ±0. */
  private static final long MIN_SCALE = -400;
  /** Above this decimal exponent it is over Double.MAX_VALUE: it converts to ±∞. */
  private static final long MAX_SCALE = 400;

  private DoubleConversion() {}

  /**
   * The exact value of x, carried at {@code precision} digits or at the digits its binary expansion
   * needs, whichever is more (so the conversion never rounds).
   */
  public static Apfloat exact(double x, long precision) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException("x must be finite, was " + x);
    if (precision < 1) throw new IllegalArgumentException("precision must be >= 1, was " + precision);
    if (x == 0) return new Apfloat(0, precision);
    BigDecimal b = new BigDecimal(x);
    return new Apfloat(b, Math.max(precision, b.precision()));
  }

  /** The double nearest to a (ties to even), through a correctly rounded decimal parse. */
  public static double nearest(Apfloat a) {
    if (a == null) throw new IllegalArgumentException("a must not be null");
    int sign = a.signum();
    if (sign == 0) return 0.0;
    long scale = a.scale();
    if (scale < MIN_SCALE) return sign > 0 ? 0.0 : -0.0;
    if (scale > MAX_SCALE) return sign > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    // toString(false) is scientific ("1.25e-7"): short even for extreme exponents
    return new BigDecimal(a.toString(false)).doubleValue();
  }

  /** {@link #nearest} of each entry. */
  public static double[] nearest(Apfloat[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = nearest(v[i]);
    return out;
  }

  /** {@link #nearest} of each entry. */
  public static double[][] nearest(Apfloat[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) out[i] = nearest(m[i]);
    return out;
  }
}
