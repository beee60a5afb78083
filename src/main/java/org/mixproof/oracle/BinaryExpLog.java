package org.mixproof.oracle;

import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * exp and log in {@link BinaryFloat} arithmetic, for the oracle's per-point log-sum-exp; the same
 * method as {@link ExpLog}, with powers of two where that uses powers of ten (so the reduction's
 * factor is an exact shift of the binary exponent).
 *
 * <p>exp(x): x = n ln 2 + r, |r| ≤ ~0.35, n = round(x / ln 2) in double; r is halved {@value #HALVINGS}
 * times, e^{r/2^m} summed by Horner's rule from 1/j!, and squared back m times. log(x): x = y · 2^E
 * with y ∈ [½, 1); L₀ = Math.log(y) is within 1e-16 of log y, δ = y e^{−L₀} − 1, and log y =
 * L₀ + log(1 + δ), whose series the same powers of δ turn into 1/y. Work runs at {@value #GUARD}
 * bits more than asked (each squaring doubles the relative error: 2^m = 1024 costs 10 bits); ln 2
 * carries 40 more again, so n ln 2 stays exact to the working bits for |n| &lt; 2^40.
 *
 * <p>Checked against {@code ApfloatMath.exp} and {@code log} to the full precision by the tests.
 * Immutable and thread-safe; one instance per precision is cached.
 */
final class BinaryExpLog {

  static final int HALVINGS = 10;
  static final int GUARD = 24;
  /**
   * Largest |x| accepted by exp: twice the oracle's reach (it never exponentiates below its
   * negligible log-weight, −1e6), and as far as the tests check against ApfloatMath.
   */
  static final double MAX_EXP_ARGUMENT = 2e6;

  private static final ConcurrentHashMap<Integer, BinaryExpLog> CACHE = new ConcurrentHashMap<>();
  private static final double LN2 = Math.log(2);

  private final int bits;
  private final int inner;
  private final BinaryFloat ln2;
  private final BinaryFloat[] inverseFactorials;
  private final BinaryFloat[] inverseIntegers;

  private BinaryExpLog(int bits) {
    this.bits = bits;
    this.inner = bits + GUARD;
    long digits = (long) Math.ceil((inner + 40) / BinaryFloat.BITS_PER_DIGIT) + 5;
    this.ln2 = BinaryFloat.of(ApfloatMath.log(new Apfloat(2, digits)), inner + 40);
    int terms = seriesTerms();
    this.inverseFactorials = new BinaryFloat[terms + 1];
    BigInteger f = BigInteger.ONE;
    for (int j = 0; j <= terms; j++) {
      if (j > 0) f = f.multiply(BigInteger.valueOf(j));
      inverseFactorials[j] = BinaryFloat.quotient(BigInteger.ONE, f, inner);
    }
    int logTerms = inner / 48 + 2; // |δ| < 2^-48 per term
    this.inverseIntegers = new BinaryFloat[logTerms + 1];
    for (int j = 1; j <= logTerms; j++) {
      inverseIntegers[j] = BinaryFloat.quotient(BigInteger.ONE, BigInteger.valueOf(j), inner);
    }
  }

  /** The instance for {@code bits} bits (at least 53). */
  static BinaryExpLog atBits(int bits) {
    if (bits < 53 || bits > 400_000) {
      throw new IllegalArgumentException("bits must be in [53, 400000], was " + bits);
    }
    return CACHE.computeIfAbsent(bits, BinaryExpLog::new);
  }

  /** Taylor terms N with |h|^{N+1}/(N+1)! ≤ 2^{−inner−2} for |h| ≤ 0.4 / 2^m. */
  private int seriesTerms() {
    double log2h = Math.log(0.4) / LN2 - HALVINGS;
    double log2Term = 0;
    int n = 0;
    while (log2Term > -(inner + 2)) {
      n++;
      log2Term += log2h - Math.log(n) / LN2;
    }
    return n;
  }

  /** e^x to {@code bits} bits relative to the result, for x known to 2^{−bits} absolute. */
  BinaryFloat exp(BinaryFloat x) {
    if (x.signum() == 0) return BinaryFloat.ONE;
    double xd = x.toDouble(); // only for the reduction
    if (!(Math.abs(xd) <= MAX_EXP_ARGUMENT)) {
      throw new IllegalArgumentException("x must satisfy |x| <= " + MAX_EXP_ARGUMENT + ", was " + xd);
    }
    BinaryFloat p = expInner(x, xd);
    return BinaryFloat.of(p.m, p.e, bits);
  }

  /** log x and 1/x for x &gt; 0 (log to 2^{−bits} absolute, 1/x to 2^{−bits} relative). */
  record LogAndReciprocal(BinaryFloat log, BinaryFloat reciprocal) {}

  LogAndReciprocal logAndReciprocal(BinaryFloat x) {
    if (x.signum() <= 0) throw new IllegalArgumentException("x must be positive, was " + x.toDouble());
    int big = x.e + x.m.bitLength(); // x = y · 2^big, y ∈ [½, 1)
    BinaryFloat y = x.scaleByPowerOfTwo(-big);
    double l0 = Math.log(y.toDouble());
    BinaryFloat lead = BinaryFloat.exact(l0);
    BinaryFloat expMinusLead = expInner(lead.negate(), -l0);
    BinaryFloat delta = y.multiply(expMinusLead, inner).subtract(BinaryFloat.ONE, inner);
    // log(1 + δ) = δ − δ²/2 + δ³/3 − …, 1/(1 + δ) = 1 − δ + δ² − …, until the terms fall under the precision
    BinaryFloat sum = delta;
    BinaryFloat geometric = BinaryFloat.ONE.subtract(delta, inner);
    BinaryFloat power = delta;
    for (int j = 2; j < inverseIntegers.length && power.signum() != 0; j++) {
      power = power.multiply(delta, inner);
      if (power.e + power.m.bitLength() < -(inner + 2)) break;
      BinaryFloat term = power.multiply(inverseIntegers[j], inner);
      boolean even = j % 2 == 0;
      sum = even ? sum.subtract(term, inner) : sum.add(term, inner);
      geometric = even ? geometric.add(power, inner) : geometric.subtract(power, inner);
    }
    BinaryFloat log = lead.add(sum, inner);
    if (big != 0) log = log.add(ln2.multiply(BinaryFloat.exact(big), inner + 40), inner);
    BinaryFloat reciprocal = expMinusLead.multiply(geometric, inner).scaleByPowerOfTwo(-big);
    return new LogAndReciprocal(BinaryFloat.of(log.m, log.e, bits),
        BinaryFloat.of(reciprocal.m, reciprocal.e, bits));
  }

  /** e^x at the inner precision; xd ≈ x picks the reduction n = round(x / ln 2). */
  private BinaryFloat expInner(BinaryFloat x, double xd) {
    long n = Math.round(xd / LN2);
    BinaryFloat r = n == 0 ? x : x.subtract(ln2.multiply(BinaryFloat.exact(n), inner + 40), inner + 40);
    BinaryFloat h = BinaryFloat.of(r.m, r.e, inner).scaleByPowerOfTwo(-HALVINGS);
    BinaryFloat p = inverseFactorials[inverseFactorials.length - 1];
    for (int j = inverseFactorials.length - 2; j >= 0; j--) {
      p = p.multiply(h, inner).add(inverseFactorials[j], inner);
    }
    for (int j = 0; j < HALVINGS; j++) p = p.multiply(p, inner);
    return p.scaleByPowerOfTwo((int) n);
  }
}
