package org.mixproof.certify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A closed interval [lo, hi] with decimal ends of at most p significant digits, and arithmetic that
 * rounds outward: the higher-precision fallback of docs/claims.md §8, for enclosures that double
 * intervals leave too wide to separate.
 *
 * <p>Why it is rigorous: {@link BigDecimal}'s add, subtract, multiply and divide with a {@link
 * MathContext} return the exact result rounded in the given direction (FLOOR for lower ends, CEILING
 * for upper ones). √, e^x and log x are not taken on trust: √ is checked by squaring exactly (r² ≤ x
 * for the lower end, ≥ x for the upper); e^x is a Taylor sum on x/2^m evaluated in this interval
 * arithmetic with the remainder's bound added, then squared m times; log x is an approximation that is
 * then verified with that e^x (e^lo ≤ x ≤ e^hi). π is a 120-digit literal (checked against apfloat in
 * the tests), with the truncation error added. Ends are finite: a division by an interval containing 0
 * and an e^x beyond 10^(10⁹) are refused ({@link ArithmeticException}), where {@link Interval} would
 * return an infinite end.
 */
public final class DecimalInterval implements RealInterval<DecimalInterval> {

  /** The largest precision offered (the π literal's digits less a margin). */
  public static final int MAX_DIGITS = 100;

  private static final BigDecimal PI_DIGITS = new BigDecimal("3.14159265358979323846264338327950288419716939937510"
      + "58209749445923078164062862089986280348253421170679821480865132823066470938");
  private static final BigDecimal PI_ERROR = new BigDecimal("1e-120");
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  /** e^x for x below −10⁹ is below 10^(−434294481): returned as [0, that]. */
  private static final BigDecimal EXP_LIMIT = new BigDecimal("1e9");
  private static final BigDecimal EXP_TINY = new BigDecimal("1e-434294481");

  private final BigDecimal lo;
  private final BigDecimal hi;
  private final Decimal arithmetic;

  private DecimalInterval(BigDecimal lo, BigDecimal hi, Decimal arithmetic) {
    this.lo = lo;
    this.hi = hi;
    this.arithmetic = arithmetic;
  }

  /** The arithmetic of p significant digits, 10 ≤ p ≤ {@link #MAX_DIGITS}. */
  public static Arithmetic<DecimalInterval> arithmetic(int digits) {
    if (digits < 10 || digits > MAX_DIGITS) {
      throw new IllegalArgumentException("digits must be in [10, " + MAX_DIGITS + "], was " + digits);
    }
    return new Decimal(digits);
  }

  /** The interval [lo, hi] at the given arithmetic (ends rounded outward to its digits). */
  public static DecimalInterval of(BigDecimal lo, BigDecimal hi, Arithmetic<DecimalInterval> arithmetic) {
    if (lo == null || hi == null || lo.compareTo(hi) > 0) {
      throw new IllegalArgumentException("interval must satisfy lo <= hi, was [" + lo + ", " + hi + "]");
    }
    Decimal a = (Decimal) arithmetic;
    return new DecimalInterval(lo.round(a.down), hi.round(a.up), a);
  }

  public BigDecimal lower() { return lo; }

  public BigDecimal upper() { return hi; }

  @Override public Arithmetic<DecimalInterval> arithmetic() { return arithmetic; }

  private DecimalInterval make(BigDecimal l, BigDecimal h) { return new DecimalInterval(l, h, arithmetic); }

  private DecimalInterval point(double x) { return arithmetic.of(x); }

  @Override public DecimalInterval add(DecimalInterval o) {
    return make(lo.add(o.lo, arithmetic.down), hi.add(o.hi, arithmetic.up));
  }

  @Override public DecimalInterval add(double x) { return add(point(x)); }

  @Override public DecimalInterval subtract(DecimalInterval o) {
    return make(lo.subtract(o.hi, arithmetic.down), hi.subtract(o.lo, arithmetic.up));
  }

  @Override public DecimalInterval subtract(double x) { return subtract(point(x)); }

  @Override public DecimalInterval negate() { return make(hi.negate(), lo.negate()); }

  @Override public DecimalInterval multiply(DecimalInterval o) {
    BigDecimal a = lo.multiply(o.lo), b = lo.multiply(o.hi), c = hi.multiply(o.lo), d = hi.multiply(o.hi); // exact
    return make(a.min(b).min(c.min(d)).round(arithmetic.down), a.max(b).max(c.max(d)).round(arithmetic.up));
  }

  @Override public DecimalInterval multiply(double x) { return multiply(point(x)); }

  @Override public DecimalInterval divide(DecimalInterval o) {
    if (o.containsZero()) throw new ArithmeticException("division by an interval containing 0: " + o);
    BigDecimal[] ends = {lo, hi};
    BigDecimal[] by = {o.lo, o.hi};
    BigDecimal l = null, h = null;
    for (BigDecimal x : ends) {
      for (BigDecimal y : by) {
        BigDecimal down = x.divide(y, arithmetic.down), up = x.divide(y, arithmetic.up);
        l = l == null ? down : l.min(down);
        h = h == null ? up : h.max(up);
      }
    }
    return make(l, h);
  }

  @Override public DecimalInterval reciprocal() { return arithmetic.one().divide(this); }

  @Override public DecimalInterval square() {
    BigDecimal m = mig(), g = lo.abs().max(hi.abs());
    return make(m.multiply(m).round(arithmetic.down), g.multiply(g).round(arithmetic.up));
  }

  private BigDecimal mig() {
    if (containsZero()) return BigDecimal.ZERO;
    return lo.abs().min(hi.abs());
  }

  /** √x over the non-negative part; refuses an interval entirely below 0. Each end checked by squaring. */
  @Override public DecimalInterval sqrt() {
    if (hi.signum() < 0) throw new IllegalArgumentException("sqrt of an interval below 0: " + this);
    BigDecimal l = BigDecimal.ZERO;
    if (lo.signum() > 0) {
      l = lo.sqrt(arithmetic.down);
      while (l.multiply(l).compareTo(lo) > 0) l = l.subtract(l.ulp());
    }
    BigDecimal h = hi.sqrt(arithmetic.up);
    while (h.multiply(h).compareTo(hi) < 0) h = h.add(h.ulp());
    return make(l, h);
  }

  @Override public DecimalInterval exp() { return make(expOf(lo).lo.round(arithmetic.down), expOf(hi).hi.round(arithmetic.up)); }

  @Override public DecimalInterval expm1() {
    return make(expm1Of(lo).lo.round(arithmetic.down), expm1Of(hi).hi.round(arithmetic.up));
  }

  /** log x; refuses an interval reaching 0 or below (a double interval would give −∞ there). */
  @Override public DecimalInterval log() {
    if (lo.signum() <= 0) throw new ArithmeticException("log of an interval not above 0: " + this);
    return make(logOf(lo, true), logOf(hi, false));
  }

  /** cosh, even and increasing in |x|: [cosh(mig), cosh(mag)]. */
  @Override public DecimalInterval cosh() {
    DecimalInterval m = make(mig(), mig()), g = make(lo.abs().max(hi.abs()), lo.abs().max(hi.abs()));
    BigDecimal l = m.exp().add(m.negate().exp()).multiply(0.5).lo;
    BigDecimal h = g.exp().add(g.negate().exp()).multiply(0.5).hi;
    return make(l.max(BigDecimal.ONE), h);
  }

  @Override public DecimalInterval abs() {
    BigDecimal g = lo.abs().max(hi.abs());
    return make(mig(), g);
  }

  @Override public DecimalInterval max(DecimalInterval o) { return make(lo.max(o.lo), hi.max(o.hi)); }

  @Override public DecimalInterval min(DecimalInterval o) { return make(lo.min(o.lo), hi.min(o.hi)); }

  @Override public DecimalInterval midpoint() {
    BigDecimal m = lo.add(hi).multiply(new BigDecimal("0.5")).round(new MathContext(arithmetic.digits, RoundingMode.HALF_EVEN));
    return make(m, m);
  }

  @Override public DecimalInterval hull(DecimalInterval o) { return make(lo.min(o.lo), hi.max(o.hi)); }

  @Override public DecimalInterval lowerEnd() { return make(lo, lo); }

  @Override public DecimalInterval upperEnd() { return make(hi, hi); }

  @Override public double lo() { return toDouble(lo, false); }

  @Override public double hi() { return toDouble(hi, true); }

  /** The double nearest x in the given direction (≤ x when up is false, ≥ x when true). */
  static double toDouble(BigDecimal x, boolean up) {
    double d = x.doubleValue();
    if (Double.isInfinite(d)) return up ? (d > 0 ? d : -Double.MAX_VALUE) : (d < 0 ? d : Double.MAX_VALUE);
    int c = new BigDecimal(d).compareTo(x);
    if (up && c < 0) return Math.nextUp(d);
    if (!up && c > 0) return Math.nextDown(d);
    return d;
  }

  @Override public double mid() { return lo.add(hi).multiply(new BigDecimal("0.5")).doubleValue(); }

  @Override public double width() { return toDouble(hi.subtract(lo), true); }

  @Override public boolean containsZero() { return lo.signum() <= 0 && hi.signum() >= 0; }

  @Override public boolean positive() { return lo.signum() > 0; }

  @Override public boolean certainlyBelow(DecimalInterval o) { return hi.compareTo(o.lo) < 0; }

  /** The relative width (hi − lo)/min(|lo|, |hi|), +∞ when the interval contains 0 and is not a point. */
  public double relativeWidth() {
    if (lo.compareTo(hi) == 0) return 0;
    if (containsZero()) return Double.POSITIVE_INFINITY;
    return toDouble(hi.subtract(lo).divide(mig(), new MathContext(16, RoundingMode.CEILING)), true);
  }

  /** e^y for one exact y, enclosed at guard digits beyond p (then rounded outward by the caller). */
  private DecimalInterval expOf(BigDecimal y) {
    if (y.compareTo(EXP_LIMIT.negate()) < 0) return make(BigDecimal.ZERO, EXP_TINY);
    if (y.compareTo(EXP_LIMIT) > 0) throw new ArithmeticException("e^x beyond 10^(10^9) for x = " + y);
    // halve until |r| ≤ 2⁻¹⁰; the m squarings multiply the relative error by 2^m: guard digits for that
    int m = 10 + Math.max(0, y.abs().toBigInteger().bitLength());
    Decimal work = new Decimal(arithmetic.digits + 10 + (int) Math.ceil(m * 0.30103));
    BigDecimal r = y.multiply(BigDecimal.valueOf(5).pow(m)).movePointLeft(m); // y / 2^m, exact
    DecimalInterval e = exponentialSeries(work, r, 0);
    for (int i = 0; i < m; i++) e = e.square();
    return e;
  }

  /** e^y − 1 without cancellation for |y| ≤ ½ (the series from the linear term), else e^y − 1. */
  private DecimalInterval expm1Of(BigDecimal y) {
    if (y.abs().compareTo(new BigDecimal("0.5")) > 0) return expOf(y).subtract(1);
    return exponentialSeries(new Decimal(arithmetic.digits + 10), y, 1);
  }

  /**
   * Σ_{n ≥ first} x^n/n! (first = 0 or 1, |x| ≤ ½) in the interval arithmetic of {@code work}, summed
   * until the bound |x|^n/n! on the terms falls below 10^{−(digits + 2)} of the first term; the tail
   * Σ_{j>n} |x|^j/j! ≤ |x|^{n+1}/(n+1)! · 1/(1 − |x|/(n+2)) ≤ 2|x|^{n+1}/(n+1)! is added as [−that, that].
   */
  private static DecimalInterval exponentialSeries(Decimal work, BigDecimal x, int first) {
    DecimalInterval xi = work.exact(x);
    DecimalInterval term = first == 0 ? work.one() : xi, sum = term;
    BigDecimal xAbs = x.abs(), bound = first == 0 ? BigDecimal.ONE : xAbs;
    BigDecimal target = bound.movePointLeft(work.digits + 2);
    int n = first;
    while (bound.compareTo(target) > 0) {
      n++;
      term = term.multiply(xi).divide(work.of(n));
      sum = sum.add(term);
      bound = bound.multiply(xAbs).divide(BigDecimal.valueOf(n), work.up);
    }
    BigDecimal tail = bound.multiply(xAbs).divide(BigDecimal.valueOf(n + 1), work.up).multiply(TWO);
    return sum.add(work.exact(tail).hullWithNegation());
  }

  /** [−x, x] for x ≥ 0. */
  private DecimalInterval hullWithNegation() { return make(hi.negate(), hi); }

  /**
   * A lower (or upper) bound on log x for one exact x &gt; 0: an approximation y refined by Halley's
   * iteration, then proved with the enclosed e^x — e^{y−δ} ≤ x gives log x ≥ y − δ.
   */
  private BigDecimal logOf(BigDecimal x, boolean lower) {
    if (x.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("0.25")) <= 0) {
      DecimalInterval near = logNearOne(x);
      return lower ? near.lo.round(arithmetic.down) : near.hi.round(arithmetic.up);
    }
    BigInteger u = x.unscaledValue();
    int shift = Math.max(0, u.bitLength() - 60);
    double estimate = Math.log(u.shiftRight(shift).doubleValue()) + shift * Math.log(2) - x.scale() * Math.log(10);
    MathContext near = new MathContext(arithmetic.digits + 10, RoundingMode.HALF_EVEN);
    BigDecimal y = new BigDecimal(estimate);
    for (int i = 0; i < 6; i++) { // y ← y + 2 (x − e^y)/(x + e^y): cubic convergence from 16 digits
      BigDecimal e = expOf(y).lo;
      BigDecimal step = TWO.multiply(x.subtract(e)).divide(x.add(e), near);
      y = y.add(step, near);
      if (step.signum() == 0 || step.abs().compareTo(y.abs().max(BigDecimal.ONE).movePointLeft(arithmetic.digits + 8)) < 0) break;
    }
    BigDecimal delta = y.abs().max(BigDecimal.ONE).movePointLeft(arithmetic.digits + 4);
    for (int attempt = 0; attempt < 40; attempt++, delta = delta.multiply(BigDecimal.TEN.pow(2))) {
      BigDecimal candidate = lower ? y.subtract(delta) : y.add(delta);
      DecimalInterval e = expOf(candidate);
      if (lower ? e.hi.compareTo(x) <= 0 : e.lo.compareTo(x) >= 0) {
        return candidate.round(lower ? arithmetic.down : arithmetic.up);
      }
    }
    throw new ArithmeticException("could not enclose log " + x);
  }

  /**
   * log x for |x − 1| ≤ ¼, without the cancellation a verified e^y would suffer near 0:
   * log x = 2 atanh z = 2 Σ z^{2j+1}/(2j+1), z = (x − 1)/(x + 1) (|z| ≤ 1/7), with the tail after the
   * last term bounded by |z|^{2n+3}/((2n+3)(1 − z²)) ≤ 2 |z|^{2n+3}.
   */
  private DecimalInterval logNearOne(BigDecimal x) {
    Decimal work = new Decimal(arithmetic.digits + 10);
    DecimalInterval z = work.exact(x.subtract(BigDecimal.ONE)).divide(work.exact(x.add(BigDecimal.ONE)));
    DecimalInterval z2 = z.square(), power = z, sum = z;
    BigDecimal zAbs = z.abs().hi, bound = zAbs, target = zAbs.movePointLeft(work.digits + 2);
    int j = 0;
    while (bound.compareTo(target) > 0) {
      j++;
      power = power.multiply(z2);
      sum = sum.add(power.divide(work.of(2 * j + 1)));
      bound = bound.multiply(zAbs).multiply(zAbs).round(work.up);
    }
    BigDecimal tail = bound.multiply(zAbs).multiply(zAbs).multiply(TWO).round(work.up);
    return sum.add(work.exact(tail).hullWithNegation()).multiply(2);
  }

  @Override public boolean equals(Object o) {
    return o instanceof DecimalInterval d && lo.compareTo(d.lo) == 0 && hi.compareTo(d.hi) == 0
        && arithmetic.digits == d.arithmetic.digits;
  }

  @Override public int hashCode() { return lo.stripTrailingZeros().hashCode() * 31 + hi.stripTrailingZeros().hashCode(); }

  @Override public String toString() { return "[" + lo.toString() + ", " + hi.toString() + "]"; }

  /** The constants of p digits. */
  private static final class Decimal implements Arithmetic<DecimalInterval> {
    final int digits;
    final MathContext down;
    final MathContext up;
    private DecimalInterval pi;

    Decimal(int digits) {
      this.digits = digits;
      down = new MathContext(digits, RoundingMode.FLOOR);
      up = new MathContext(digits, RoundingMode.CEILING);
    }

    /** An exact decimal (more digits than p allowed: inputs are exact, operations round). */
    DecimalInterval exact(BigDecimal x) { return new DecimalInterval(x, x, this); }

    @Override public DecimalInterval of(double x) {
      if (!Double.isFinite(x)) throw new IllegalArgumentException("x must be finite, was " + x);
      return exact(new BigDecimal(x));
    }

    @Override public DecimalInterval zero() { return exact(BigDecimal.ZERO); }

    @Override public DecimalInterval one() { return exact(BigDecimal.ONE); }

    @Override public DecimalInterval pi() {
      if (pi == null) pi = new DecimalInterval(PI_DIGITS.subtract(PI_ERROR).round(down), PI_DIGITS.add(PI_ERROR).round(up), this);
      return pi;
    }

    @Override public double unit() { return Math.pow(10, 1 - digits); }

    @Override public String describe() { return "decimal " + digits + " digits"; }
  }
}
