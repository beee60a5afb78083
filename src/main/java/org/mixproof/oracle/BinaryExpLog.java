package org.mixproof.oracle;

import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * exp, and log with the reciprocal, in {@link BinaryFloat}: {@link ExpLog}'s method in base 2, where
 * the argument reduction is by ln 2 and the factor 2^n an exact shift. Used per point by the oracle
 * (about 5 µs an exp against ExpLog's 19 µs in apfloat). Results carry {@code bits} bits with an error
 * of a few units in the last of them (exp relative to the result, log absolute); the work is carried
 * at {@value #GUARD} bits more, which covers the 2^{10} growth through the squarings and the series'
 * rounding. Immutable and thread-safe; one instance per bit count is cached.
 */
final class BinaryExpLog {

  /** Halvings of the reduced argument before the series (each squaring back doubles its error). */
  static final int HALVINGS = 10;
  /** Extra bits carried inside: 10 for the squarings, 6 for the series' some 20 roundings. */
  static final int GUARD = 16;
  /** Bits of ln 2 beyond the inner ones, so that n ln 2 is accurate for |n| &lt; 2^{60}. */
  private static final int LN2_EXTRA = 64;

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
    long digits = (long) Math.ceil((inner + LN2_EXTRA) * Math.log10(2)) + 5;
    this.ln2 = BinaryFloat.of(ApfloatMath.log(new Apfloat(2, digits)), inner + LN2_EXTRA);
    int terms = seriesTerms();
    this.inverseFactorials = new BinaryFloat[terms + 1];
    Apfloat one = new Apfloat(1, digits);
    Apfloat f = one;
    inverseFactorials[0] = BinaryFloat.ONE;
    for (int j = 1; j <= terms; j++) {
      f = f.multiply(new Apfloat(j, digits));
      inverseFactorials[j] = BinaryFloat.of(one.divide(f), inner);
    }
    int logTerms = inner / 45 + 2; // |δ| < 2^{−45} per term
    this.inverseIntegers = new BinaryFloat[logTerms + 1];
    for (int j = 1; j <= logTerms; j++) inverseIntegers[j] = BinaryFloat.of(one.divide(new Apfloat(j, digits)), inner);
  }

  /** The instance for {@code bits} bits. */
  static BinaryExpLog atBits(int bits) {
    if (bits < 53) throw new IllegalArgumentException("bits must be at least 53, was " + bits);
    return CACHE.computeIfAbsent(bits, BinaryExpLog::new);
  }

  /** Taylor terms N with |h|^{N+1}/(N+1)! ≤ 2^{−inner−2} for |h| ≤ 0.4 · 2^{−HALVINGS}. */
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

  /** e^x for |x| ≤ {@link ExpLog#MAX_EXP_ARGUMENT}, relative to the result. */
  BinaryFloat exp(BinaryFloat x) {
    double xd = x.doubleValue();
    if (!(Math.abs(xd) <= ExpLog.MAX_EXP_ARGUMENT)) {
      throw new IllegalArgumentException("x must satisfy |x| <= " + ExpLog.MAX_EXP_ARGUMENT + ", was " + xd);
    }
    return expInner(x, xd).round(bits);
  }

  /** e^x at the inner bits; xd ≈ x picks n = round(x / ln 2), leaving |r| ≤ 0.35 + slack. */
  private BinaryFloat expInner(BinaryFloat x, double xd) {
    long n = Math.round(xd / LN2);
    BinaryFloat r = n == 0 ? x.round(inner)
        : x.subtract(BinaryFloat.of((double) n).multiply(ln2, inner + LN2_EXTRA), inner + LN2_EXTRA).round(inner);
    BinaryFloat h = r.scaleByPowerOfTwo(-HALVINGS);
    BinaryFloat p = inverseFactorials[inverseFactorials.length - 1];
    for (int j = inverseFactorials.length - 2; j >= 0; j--) p = p.multiply(h, inner).add(inverseFactorials[j], inner);
    for (int j = 0; j < HALVINGS; j++) p = p.multiply(p, inner);
    return p.scaleByPowerOfTwo((int) n);
  }

  /** log x and 1/x together, for x &gt; 0. */
  record LogAndReciprocal(BinaryFloat log, BinaryFloat reciprocal) {}

  /**
   * log x (absolute error a few units of 2^{−bits} of max(1, |log x|)) and 1/x (relative) for x &gt; 0:
   * x = y 2^E with y ∈ [½, 1], L₀ = Math.log(y) to 1e−16, E₀ = e^{−L₀}, y E₀ = 1 + δ; then
   * log x = L₀ + log(1 + δ) + E ln 2 and 1/x = E₀ (1 − δ + δ² − …) 2^{−E}, from the same powers of δ.
   */
  LogAndReciprocal logAndReciprocal(BinaryFloat x) {
    if (x.signum() <= 0) throw new IllegalArgumentException("x must be positive, was " + x.doubleValue());
    long e = x.top();
    BinaryFloat y = x.scaleByPowerOfTwo((int) -e).round(inner);
    double l0 = Math.log(y.doubleValue());
    BinaryFloat lead = BinaryFloat.of(l0);
    BinaryFloat expMinusLead = expInner(lead.negate(), -l0);
    BinaryFloat delta = y.multiply(expMinusLead, inner).subtract(BinaryFloat.ONE, inner);
    BinaryFloat sum = delta;
    BinaryFloat geometric = BinaryFloat.ONE.subtract(delta, inner);
    BinaryFloat power = delta;
    for (int j = 2; j < inverseIntegers.length && power.signum() != 0; j++) {
      power = power.multiply(delta, inner);
      if (power.top() < -(inner + 2)) break;
      BinaryFloat term = power.multiply(inverseIntegers[j], inner);
      boolean even = j % 2 == 0;
      sum = even ? sum.subtract(term, inner) : sum.add(term, inner);
      geometric = even ? geometric.add(power, inner) : geometric.subtract(power, inner);
    }
    BinaryFloat log = lead.add(sum, inner);
    if (e != 0) log = log.add(BinaryFloat.of((double) e).multiply(ln2, inner + LN2_EXTRA), inner + LN2_EXTRA);
    BinaryFloat reciprocal = expMinusLead.multiply(geometric, inner).scaleByPowerOfTwo((int) -e);
    return new LogAndReciprocal(log.round(bits), reciprocal.round(bits));
  }
}
