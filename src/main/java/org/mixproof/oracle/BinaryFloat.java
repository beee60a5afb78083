package org.mixproof.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * A binary floating-point number m · 2^e (m a BigInteger, e an int) and the arithmetic the oracle's
 * per-point evaluation runs in: the model of mpmath and MPFR, not apfloat's. Every product and sum
 * keeps the leading {@code bits} bits of its exact result, cut toward −∞ ({@code shiftRight}), so
 * its relative error is below 2^{1−bits}; nothing tracks significance. An operation costs one
 * BigInteger multiply or add and a shift (about 0.15 µs at 250 bits against apfloat's 1 µs at 73
 * digits, measured), which is where the oracle's speed comes from.
 *
 * <p>Conversions: from a double exactly; from an apfloat and to one through an exact decimal; to a
 * double correctly rounded (ties to even). Immutable.
 */
final class BinaryFloat implements Comparable<BinaryFloat> {

  static final BinaryFloat ZERO = new BinaryFloat(BigInteger.ZERO, 0);
  static final BinaryFloat ONE = new BinaryFloat(BigInteger.ONE, 0);
  /** ½, exactly. */
  static final BinaryFloat HALF = new BinaryFloat(BigInteger.ONE, -1);
  /** log2 10: bits per decimal digit. */
  static final double BITS_PER_DIGIT = 3.321928094887362;

  /** Exponents from here up convert to a decimal exactly (at most ~1,400 digits for e ≥ −2000). */
  static final int EXACT_BELOW = -2000;
  private static final BigInteger FIVE = BigInteger.valueOf(5);
  private static final BigInteger TEN = BigInteger.TEN;

  final BigInteger m;
  final int e;

  private BinaryFloat(BigInteger m, int e) {
    this.m = m;
    this.e = m.signum() == 0 ? 0 : e;
  }

  /** The bits that carry {@code digits} decimal digits: 2^{1−bits} ≤ 10^{1−digits}. */
  static int bitsFor(long digits) {
    return (int) Math.ceil(digits * BITS_PER_DIGIT) + 1;
  }

  /** m · 2^e cut to {@code bits} bits (toward −∞). */
  static BinaryFloat of(BigInteger m, int e, int bits) {
    int excess = m.bitLength() - bits;
    if (excess <= 0) return new BinaryFloat(m, e);
    return new BinaryFloat(m.shiftRight(excess), Math.addExact(e, excess));
  }

  /** The exact value of a finite double. */
  static BinaryFloat exact(double x) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException("x must be finite, was " + x);
    if (x == 0) return ZERO;
    long raw = Double.doubleToRawLongBits(x);
    int field = (int) ((raw >>> 52) & 0x7ff);
    long mantissa = raw & ((1L << 52) - 1);
    int e;
    if (field == 0) {
      e = -1074; // subnormal
    } else {
      mantissa |= 1L << 52;
      e = field - 1075;
    }
    return new BinaryFloat(BigInteger.valueOf(x < 0 ? -mantissa : mantissa), e);
  }

  /** num / den (den &gt; 0) to {@code bits} bits, cut toward zero. */
  static BinaryFloat quotient(BigInteger num, BigInteger den, int bits) {
    if (den.signum() <= 0) throw new IllegalArgumentException("den must be positive, was " + den);
    if (num.signum() == 0) return ZERO;
    int shift = Math.max(0, bits + 2 + den.bitLength() - num.bitLength());
    return of(num.shiftLeft(shift).divide(den), -shift, bits);
  }

  /** An apfloat to {@code bits} bits, through its exact decimal expansion. */
  static BinaryFloat of(Apfloat a, int bits) {
    if (a == null) throw new IllegalArgumentException("a must not be null");
    if (a.signum() == 0) return ZERO;
    BigDecimal b = new BigDecimal(a.toString(false));
    BigInteger u = b.unscaledValue();
    int scale = b.scale(); // value = u · 10^−scale
    if (scale <= 0) return of(u.multiply(TEN.pow(-scale)), 0, bits);
    return quotient(u, TEN.pow(scale), bits);
  }

  int signum() { return m.signum(); }

  /** The binary order of the leading bit plus one: |x| ∈ [2^{top−1}, 2^top). */
  private int top() { return e + m.bitLength(); }

  BinaryFloat negate() { return new BinaryFloat(m.negate(), e); }

  BinaryFloat multiply(BinaryFloat o, int bits) {
    if (m.signum() == 0 || o.m.signum() == 0) return ZERO;
    return of(m.multiply(o.m), Math.addExact(e, o.e), bits);
  }

  /** This · 2^n, exactly. */
  BinaryFloat scaleByPowerOfTwo(int n) {
    return new BinaryFloat(m, Math.addExact(e, n));
  }

  BinaryFloat add(BinaryFloat o, int bits) { return combine(o, false, bits); }

  BinaryFloat subtract(BinaryFloat o, int bits) { return combine(o, true, bits); }

  /** this ± o cut to bits, without forming −o (the solves' hot path is subtractions). */
  private BinaryFloat combine(BinaryFloat o, boolean minus, int bits) {
    if (o.m.signum() == 0) return of(m, e, bits);
    if (m.signum() == 0) return of(minus ? o.m.negate() : o.m, o.e, bits);
    // an operand wholly below the other's last kept bit changes nothing the cut would keep
    int gap = top() - o.top();
    if (gap > bits + 1) return of(m, e, bits);
    if (gap < -(bits + 1)) return of(minus ? o.m.negate() : o.m, o.e, bits);
    int low = Math.min(e, o.e);
    BigInteger a = m.shiftLeft(e - low), b = o.m.shiftLeft(o.e - low);
    return of(minus ? a.subtract(b) : a.add(b), low, bits);
  }

  @Override
  public int compareTo(BinaryFloat o) {
    int s = m.signum(), t = o.m.signum();
    if (s != t) return Integer.compare(s, t);
    if (s == 0) return 0;
    int a = top(), b = o.top();
    if (a != b) return s > 0 ? Integer.compare(a, b) : Integer.compare(b, a);
    int low = Math.min(e, o.e);
    return m.shiftLeft(e - low).compareTo(o.m.shiftLeft(o.e - low));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryFloat b && compareTo(b) == 0;
  }

  @Override
  public int hashCode() {
    if (m.signum() == 0) return 0;
    int tz = m.getLowestSetBit();
    return m.shiftRight(tz).hashCode() * 31 + (e + tz);
  }

  /** The exact value as a decimal: m · 2^e = m · 5^{−e} · 10^e when e &lt; 0. */
  BigDecimal toBigDecimal() {
    if (e >= 0) return new BigDecimal(m.shiftLeft(e));
    return new BigDecimal(m.multiply(FIVE.pow(-e)), -e);
  }

  /**
   * The value as an apfloat of {@code digits} significant digits. Down to 2^{{@value #EXACT_BELOW}}
   * exactly, then cut (within one unit in the last digit); further down — a posterior weight of
   * e^{−10⁶} — the exact decimal would have millions of digits, so m · 2^e is formed in apfloat at 20
   * digits more ({@code ApfloatMath.pow}: about 2 log2|e| roundings of 10^{−digits−19} each) and cut,
   * within 1 + 10⁻¹⁵ units.
   */
  Apfloat toApfloat(long digits) {
    if (m.signum() == 0) return new Apfloat(0, digits);
    if (e >= EXACT_BELOW) return new Apfloat(toBigDecimal(), digits);
    long inner = digits + 20;
    Apfloat power = ApfloatMath.pow(new Apfloat(2, inner), e);
    return new Apfloat(new BigDecimal(m), inner).multiply(power).precision(digits);
  }

  /** The double nearest to this value (ties to even); ±∞ past the largest double. */
  double toDouble() {
    int s = m.signum();
    if (s == 0) return 0.0;
    // |x| < 2^top: under half the smallest subnormal it rounds to 0, from 2^1024 up to ∞ (both
    // without forming a decimal of millions of digits)
    if (top() <= -1075) return s > 0 ? 0.0 : -0.0;
    if (top() > 1024) return s > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    BigInteger a = m.abs();
    int n = a.bitLength();
    long top;
    int scale; // value = ±top · 2^scale after rounding
    if (n <= 53) {
      top = a.longValue();
      scale = e;
    } else {
      int shift = n - 53;
      top = a.shiftRight(shift).longValue();
      boolean half = a.testBit(shift - 1);
      boolean sticky = a.getLowestSetBit() < shift - 1;
      if (half && (sticky || (top & 1) == 1)) top++;
      scale = e + shift;
      if (top == 1L << 53) {
        top >>= 1;
        scale++;
      }
    }
    int leading = scale + 63 - Long.numberOfLeadingZeros(top); // binary exponent of the result
    if (leading >= Double.MIN_EXPONENT && leading <= Double.MAX_EXPONENT) {
      double v = Math.scalb((double) top, scale); // exact: a normal double
      return s < 0 ? -v : v;
    }
    return toBigDecimal().doubleValue(); // subnormal or overflowing: BigDecimal rounds correctly
  }

  @Override
  public String toString() { return m + "*2^" + e; }
}
