package org.mixproof.oracle;

import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * exp and log at a fixed precision, built from apfloat's multiply and add. {@code ApfloatMath.exp}
 * costs about a millisecond at 60 digits against a fraction of a microsecond per multiplication, so
 * an oracle calling it per component per point would be no faster than mpmath.
 *
 * <p>exp(x): x = n ln 10 + r with |r| ≤ ~1.2, so the factor 10^n is an exact shift of the decimal
 * exponent; r is halved {@value #HALVINGS} times, e^{r/2^m} summed by Horner's rule from precomputed
 * 1/j!, and squared back m times. Each squaring doubles the relative error, so the work is carried at
 * {@value #GUARD} extra digits (2^m = 1024 costs about 3 of them).
 *
 * <p>log(x): x = y · 10^e with y ∈ [0.1, 1); L₀ = Math.log(y) is within 1e-16 of log y, so with
 * δ = y e^{−L₀} − 1 (|δ| ≲ 1e-15), log y = L₀ + log(1 + δ) and the series of log(1 + δ) needs
 * about precision/15 terms; the same powers give 1/x (see {@link #logAndReciprocal}).
 *
 * <p>Both are checked against {@code ApfloatMath} to the full precision by the tests. Immutable and
 * thread-safe; one instance per precision is cached.
 */
public final class ExpLog {

  /** Halvings of the reduced argument before the series. */
  static final int HALVINGS = 10;
  /** Extra digits carried inside, for the squarings and the reduction. */
  static final int GUARD = 8;
  /** Largest |x| accepted by exp: n = x / ln 10 stays far inside apfloat's exponent range. */
  public static final double MAX_EXP_ARGUMENT = 1e12;

  private static final ConcurrentHashMap<Long, ExpLog> CACHE = new ConcurrentHashMap<>();
  private static final double LN10 = Math.log(10);

  private final long precision;
  private final long inner;
  private final Apfloat one;
  private final Apfloat ln10;        // at inner + 15 digits: n·ln10 stays accurate for |n| < 1e15
  private final Apfloat halvingFactor; // 2^−m, an exact decimal
  private final Apfloat[] inverseFactorials;
  private final Apfloat[] inverseIntegers;

  private ExpLog(long precision) {
    this.precision = precision;
    this.inner = precision + GUARD;
    this.one = new Apfloat(1, inner);
    this.ln10 = ApfloatMath.log(new Apfloat(10, inner + 15));
    this.halvingFactor = new Apfloat(new java.math.BigDecimal(Math.scalb(1.0, -HALVINGS)), inner);
    int terms = seriesTerms();
    this.inverseFactorials = new Apfloat[terms + 1];
    Apfloat f = one;
    inverseFactorials[0] = one;
    for (int j = 1; j <= terms; j++) {
      f = f.multiply(new Apfloat(j, inner));
      inverseFactorials[j] = one.divide(f);
    }
    int logTerms = (int) (inner / 14) + 2; // |δ| < 1e-14 per term
    this.inverseIntegers = new Apfloat[logTerms + 1];
    for (int j = 1; j <= logTerms; j++) inverseIntegers[j] = one.divide(new Apfloat(j, inner));
  }

  /** The instance for {@code precision} significant digits (at least 16). */
  public static ExpLog atPrecision(long precision) {
    if (precision < 16 || precision > 100_000) {
      throw new IllegalArgumentException("precision must be in [16, 100000], was " + precision);
    }
    return CACHE.computeIfAbsent(precision, ExpLog::new);
  }

  public long precision() { return precision; }

  /** ln 10 at this precision. */
  public Apfloat ln10() { return ln10.precision(precision); }

  /**
   * Taylor terms N so that |r/2^m|^{N+1}/(N+1)! ≤ 10^{−inner−2} for |r| ≤ 1.5 (the reduced
   * argument, with slack for n computed in double).
   */
  private int seriesTerms() {
    double log10r = Math.log10(1.5 / Math.scalb(1.0, HALVINGS));
    double target = -(inner + 2);
    double log10Term = 0;
    int n = 0;
    while (log10Term > target) {
      n++;
      log10Term += log10r - Math.log10(n);
    }
    return n;
  }

  /**
   * e^x to this instance's precision, relative to the result, when x is known to 10^−precision
   * absolute; an argument carried with fewer digits passes its absolute error on as relative error
   * (apfloat's significance tracking then lowers the result's precision).
   */
  public Apfloat exp(Apfloat x) {
    if (x == null) throw new IllegalArgumentException("x must not be null");
    if (x.signum() == 0) return one.precision(precision);
    double xd = x.doubleValue(); // only for the reduction, where an error of ulps is harmless
    if (!(Math.abs(xd) <= MAX_EXP_ARGUMENT)) {
      throw new IllegalArgumentException("x must satisfy |x| <= " + MAX_EXP_ARGUMENT + ", was " + x);
    }
    Apfloat e = expInner(x, xd);
    return e.precision(Math.min(e.precision(), precision));
  }

  /**
   * log x for x &gt; 0: absolute error about 10^−precision (so relative to the result when
   * |log x| ≥ 1); apfloat's significance tracking sets the result's precision.
   */
  public Apfloat log(Apfloat x) { return logAndReciprocal(x).log(); }

  /** log x and 1/x together: the reciprocal costs a few multiplications more than the log. */
  public record LogAndReciprocal(Apfloat log, Apfloat reciprocal) {}

  /**
   * log x and 1/x for x &gt; 0. With E = e^{−L₀} (the exp log needs anyway) and y E = 1 + δ,
   * 1/y = E (1 − δ + δ² − …) uses the same powers of δ as log(1 + δ) — cheaper than a division.
   */
  public LogAndReciprocal logAndReciprocal(Apfloat x) {
    if (x == null) throw new IllegalArgumentException("x must not be null");
    if (x.signum() <= 0) throw new IllegalArgumentException("x must be positive, was " + x);
    long e = x.scale(); // x = 0.ddd… × 10^e
    Apfloat y = ApfloatMath.scale(x, -e); // in [0.1, 1)
    y = y.precision(Math.min(y.precision(), inner));
    // L₀ only needs to be near log y (the correction absorbs |δ| up to ~1e-14), so doubleValue's
    // few ulps do not matter; L₀ itself is then taken exactly
    double l0 = Math.log(y.doubleValue());
    Apfloat lead = DoubleConversion.exact(l0, inner);
    Apfloat expMinusLead = expInner(lead.negate(), -l0);
    Apfloat delta = y.multiply(expMinusLead).subtract(one);
    // log(1 + δ) = δ − δ²/2 + δ³/3 − …, 1/(1 + δ) = 1 − δ + δ² − …, until the terms fall under the precision
    Apfloat sum = delta;
    Apfloat geometric = one.subtract(delta);
    Apfloat power = delta;
    for (int j = 2; j < inverseIntegers.length && power.signum() != 0; j++) {
      power = power.multiply(delta);
      if (power.scale() < -(inner + 2)) break;
      Apfloat term = power.multiply(inverseIntegers[j]);
      boolean even = j % 2 == 0;
      sum = even ? sum.subtract(term) : sum.add(term);
      geometric = even ? geometric.add(power) : geometric.subtract(power);
    }
    Apfloat result = lead.add(sum);
    if (e != 0) result = result.add(ln10.multiply(new Apfloat(e)));
    Apfloat reciprocal = ApfloatMath.scale(expMinusLead.multiply(geometric), -e);
    return new LogAndReciprocal(
        result.precision(Math.min(result.precision(), precision + Math.max(0, result.scale()))),
        reciprocal.precision(Math.min(reciprocal.precision(), precision)));
  }

  /** e^x at the inner precision; xd ≈ x picks the reduction n = round(x / ln 10). */
  private Apfloat expInner(Apfloat x, double xd) {
    long n = Math.round(xd / LN10);
    Apfloat r = n == 0 ? x : x.subtract(ln10.multiply(new Apfloat(n)));
    Apfloat h = r.precision(Math.min(r.precision(), inner)).multiply(halvingFactor);
    Apfloat p = inverseFactorials[inverseFactorials.length - 1];
    for (int j = inverseFactorials.length - 2; j >= 0; j--) p = p.multiply(h).add(inverseFactorials[j]);
    for (int j = 0; j < HALVINGS; j++) p = p.multiply(p);
    return ApfloatMath.scale(p, n);
  }
}
