package org.mixproof.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apfloat.Apfloat;

/**
 * A binary floating-point number m · 2^e with a {@link BigInteger} mantissa: the oracle's per-point
 * arithmetic. Apfloat spends about 0.35 µs of bookkeeping per operation at 70 digits, far more than
 * the arithmetic on its five words; a multiplication or addition here is one or two BigInteger
 * operations and a shift (about 0.1 µs), which is what lets the oracle outrun mpmath several times.
 *
 * <p>Every operation is exact and then truncated (towards −∞) to {@code bits} bits, so its result is
 * r(1 + δ) with |δ| &lt; 2^{1−bits}; with bits ≥ W log2 10 that is below apfloat's 10^{1−W} at W
 * digits, so the oracle's error analysis (RoundingBound, with apfloat's unit) still covers it. Unlike
 * apfloat nothing tracks significance: the caller's precision is the only one. Immutable.
 */
public final class BinaryFloat {

  public static final BinaryFloat ZERO = new BinaryFloat(BigInteger.ZERO, 0);
  public static final BinaryFloat ONE = new BinaryFloat(BigInteger.ONE, 0);

  private static final double LOG2_10 = Math.log(10) / Math.log(2);

  private final BigInteger mantissa;
  private final long exponent;

  private BinaryFloat(BigInteger mantissa, long exponent) {
    this.mantissa = mantissa;
    this.exponent = exponent;
  }

  /** The bits that carry at least {@code digits} decimal digits: 2^{1−bits} ≤ 2 · 10^{−digits}. */
  public static int bitsFor(long digits) {
    return (int) Math.ceil(digits * LOG2_10);
  }

  /** The exact value of a finite double. */
  public static BinaryFloat of(double x) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException("x must be finite, was " + x);
    if (x == 0) return ZERO;
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long significand = bits & 0xfffffffffffffL;
    if (biased != 0) significand |= 1L << 52; // subnormals have no hidden bit
    long e = (biased == 0 ? 1 : biased) - 1075;
    if (x < 0) significand = -significand;
    return new BinaryFloat(BigInteger.valueOf(significand), e);
  }

  /** a to {@code bits} bits (its decimal value, truncated once). */
  public static BinaryFloat of(Apfloat a, int bits) {
    if (a.signum() == 0) return ZERO;
    BigDecimal b = new BigDecimal(a.toString(false));
    BigInteger unscaled = b.unscaledValue();
    int scale = b.scale(); // a = unscaled · 10^{−scale}
    if (scale <= 0) return round(unscaled.multiply(BigInteger.TEN.pow(-scale)), 0, bits);
    BigInteger denominator = BigInteger.TEN.pow(scale);
    // enough quotient bits that truncating the division costs under one unit of the last of `bits`
    int shift = Math.max(0, bits + 2 + denominator.bitLength() - unscaled.bitLength());
    return round(unscaled.shiftLeft(shift).divide(denominator), -shift, bits);
  }

  /** m · 2^e truncated to {@code bits} bits. */
  private static BinaryFloat round(BigInteger m, long e, int bits) {
    int excess = m.bitLength() - bits;
    if (excess <= 0) return m.signum() == 0 ? ZERO : new BinaryFloat(m, e);
    return new BinaryFloat(m.shiftRight(excess), e + excess);
  }

  /** This value truncated to {@code bits} bits. */
  public BinaryFloat round(int bits) { return round(mantissa, exponent, bits); }

  public int signum() { return mantissa.signum(); }

  /** ⌊log2 |this|⌋ + 1 (give or take one for a negative power of two), for zero meaningless. */
  long top() { return exponent + mantissa.bitLength(); }

  public BinaryFloat negate() { return new BinaryFloat(mantissa.negate(), exponent); }

  /** this · 2^n, exactly. */
  public BinaryFloat scaleByPowerOfTwo(int n) {
    return signum() == 0 ? ZERO : new BinaryFloat(mantissa, exponent + n);
  }

  public BinaryFloat multiply(BinaryFloat b, int bits) {
    return round(mantissa.multiply(b.mantissa), exponent + b.exponent, bits);
  }

  public BinaryFloat add(BinaryFloat b, int bits) { return combine(b, false, bits); }

  public BinaryFloat subtract(BinaryFloat b, int bits) { return combine(b, true, bits); }

  /** this ± b, exact then truncated; an operand under 2^{−bits−1} of the other is dropped whole. */
  private BinaryFloat combine(BinaryFloat b, boolean minus, int bits) {
    if (b.signum() == 0) return round(mantissa, exponent, bits);
    if (signum() == 0) return minus ? b.negate() : round(b.mantissa, b.exponent, bits);
    long gap = top() - b.top();
    if (gap > bits + 2) return round(mantissa, exponent, bits);
    if (gap < -(bits + 2)) return minus ? b.negate() : round(b.mantissa, b.exponent, bits);
    BigInteger x = mantissa;
    BigInteger y = b.mantissa;
    long e = Math.min(exponent, b.exponent);
    if (exponent > e) x = x.shiftLeft((int) (exponent - e));
    if (b.exponent > e) y = y.shiftLeft((int) (b.exponent - e));
    return round(minus ? x.subtract(y) : x.add(y), e, bits);
  }

  public int compareTo(BinaryFloat b) { return subtract(b, 2).signum(); }

  /** The exact value in decimal (m · 2^{−n} = m · 5^n · 10^{−n}). */
  public BigDecimal toBigDecimal() {
    return exponent >= 0
        ? new BigDecimal(mantissa.shiftLeft((int) exponent))
        : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow((int) -exponent)), (int) -exponent);
  }

  /** The value as an apfloat of {@code digits} digits (rounded there if longer). */
  public Apfloat toApfloat(long digits) {
    return signum() == 0 ? new Apfloat(0, digits) : new Apfloat(toBigDecimal(), digits);
  }

  /** The double nearest to this value (ties to even). */
  public double doubleValue() {
    if (signum() == 0) return 0.0;
    long top = top();
    if (top > -1020 && top < 1020) {
      // BigInteger.doubleValue rounds correctly, and scaling a normal double by 2^e is exact; a
      // longer mantissa is cut to 100 bits with a sticky last bit, which keeps the rounding correct
      BigInteger m = mantissa.abs();
      int excess = Math.max(0, m.bitLength() - 100);
      if (excess > 0) {
        boolean inexact = m.getLowestSetBit() < excess;
        m = m.shiftRight(excess);
        if (inexact) m = m.setBit(0);
      }
      double v = Math.scalb(m.doubleValue(), (int) (exponent + excess));
      return signum() < 0 ? -v : v;
    }
    // subnormal or out of range: BigDecimal parses the exact decimal expansion, correctly rounded
    return toBigDecimal().doubleValue();
  }
}
