package org.mixproof.certify;

import org.mixproof.rounding.RoundingModel;

/**
 * A closed interval [lo, hi] of reals with double endpoints, and arithmetic that rounds outward: every
 * operation returns an interval containing the exact real result for every choice of reals in its
 * operands (docs/claims.md §8).
 *
 * <p>Why it is rigorous: Java (17+, every operation strict) computes +, −, ×, ÷ and √ in IEEE 754
 * binary64 with round-to-nearest, so the exact result lies within half an ulp of the computed one;
 * moving each computed endpoint to the adjacent double outward ({@link Math#nextDown}, {@link
 * Math#nextUp}) therefore encloses it, in the normal, subnormal and overflow ranges alike. {@link
 * StrictMath#exp}, {@link StrictMath#expm1}, {@link StrictMath#log} and {@link StrictMath#log1p} are specified within 1 ulp of
 * the exact result (and semi-monotonic), so two steps outward enclose them. A result that would be
 * NaN (∞ − ∞) is never produced: the only infinite endpoints are −∞ as lo and +∞ as hi, and products
 * 0 × ∞ (a limit, not a member) count as 0.
 *
 * <p>No maintained Java interval library is on Maven Central (docs/design.md says what was checked),
 * so this small type is the project's own.
 */
public final class Interval implements RealInterval<Interval> {

  public static final Interval ZERO = new Interval(0, 0);
  public static final Interval ONE = new Interval(1, 1);
  /** All reals. */
  public static final Interval ENTIRE = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  /** An enclosure of π: Math.PI is the double nearest π. */
  public static final Interval PI = new Interval(Math.nextDown(Math.PI), Math.nextUp(Math.PI));
  /** The double arithmetic's constants. */
  public static final Arithmetic<Interval> ARITHMETIC = new Arithmetic<>() {
    @Override public Interval of(double x) { return Interval.of(x); }

    @Override public Interval zero() { return ZERO; }

    @Override public Interval one() { return ONE; }

    @Override public Interval pi() { return PI; }

    @Override public double unit() { return RoundingModel.EPS; }

    @Override public String describe() { return "binary64"; }
  };

  private final double lo;
  private final double hi;

  private Interval(double lo, double hi) {
    this.lo = lo;
    this.hi = hi;
  }

  /** The interval [lo, hi]; refuses NaN, lo > hi, lo = +∞ and hi = −∞. */
  public static Interval of(double lo, double hi) {
    if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi || lo == Double.POSITIVE_INFINITY
        || hi == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("interval must satisfy -inf <= lo <= hi <= +inf with finite-side ends, was ["
          + lo + ", " + hi + "]");
    }
    return new Interval(lo, hi);
  }

  /** The point interval [x, x]: a double input is exact. */
  public static Interval of(double x) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException("x must be finite, was " + x);
    return new Interval(x, x);
  }

  @Override public Arithmetic<Interval> arithmetic() { return ARITHMETIC; }

  @Override public double lo() { return lo; }

  public double hi() { return hi; }

  /** hi − lo, rounded up. */
  public double width() { return Math.nextUp(hi - lo); }

  /** The midpoint (a double inside the interval, not an enclosure of anything). */
  public double mid() {
    if (lo == Double.NEGATIVE_INFINITY || hi == Double.POSITIVE_INFINITY) {
      if (lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY) return 0;
      return lo == Double.NEGATIVE_INFINITY ? -Double.MAX_VALUE : Double.MAX_VALUE;
    }
    double m = 0.5 * lo + 0.5 * hi;
    return Math.min(Math.max(m, lo), hi);
  }

  /** max |x| over the interval (the magnitude). */
  public double mag() { return Math.max(Math.abs(lo), Math.abs(hi)); }

  /** min |x| over the interval (the mignitude): 0 when it contains 0. */
  public double mig() { return contains(0) ? 0 : Math.min(Math.abs(lo), Math.abs(hi)); }

  public boolean contains(double x) { return lo <= x && x <= hi; }

  public boolean containsZero() { return lo <= 0 && 0 <= hi; }

  /** The smallest interval containing both. */
  public Interval hull(Interval o) { return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi)); }

  /** The relative width (hi − lo)/min(|lo|, |hi|), +∞ when the interval contains 0. */
  public double relativeWidth() {
    double m = mig();
    return m == 0 ? (lo == hi ? 0 : Double.POSITIVE_INFINITY) : width() / m;
  }

  private static double down(double x) { return Math.nextDown(x); }

  private static double up(double x) { return Math.nextUp(x); }

  private static Interval outward(double lo, double hi) {
    return new Interval(lo == Double.NEGATIVE_INFINITY ? lo : down(lo), hi == Double.POSITIVE_INFINITY ? hi : up(hi));
  }

  public Interval add(Interval o) { return outward(lo + o.lo, hi + o.hi); }

  public Interval add(double x) { return add(of(x)); }

  public Interval subtract(Interval o) { return outward(lo - o.hi, hi - o.lo); }

  public Interval subtract(double x) { return subtract(of(x)); }

  public Interval negate() { return new Interval(-hi, -lo); }

  public Interval multiply(Interval o) {
    double a = product(lo, o.lo), b = product(lo, o.hi), c = product(hi, o.lo), d = product(hi, o.hi);
    return outward(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(a, b), Math.max(c, d)));
  }

  public Interval multiply(double x) { return multiply(of(x)); }

  /** x·y with 0 × ±∞ = 0 (endpoints at infinity are limits, not members). */
  private static double product(double x, double y) {
    return x == 0 || y == 0 ? 0 : x * y;
  }

  /** The exact square: [0, …] when the interval contains 0 (tighter than x·x). */
  public Interval square() {
    double m = mig(), g = mag();
    return new Interval(m == 0 ? 0 : Math.max(0, down(m * m)), g == Double.POSITIVE_INFINITY ? g : up(g * g));
  }

  /** Division; a divisor containing 0 gives all reals (sound, and visible as an infinite width). */
  public Interval divide(Interval o) {
    if (o.containsZero()) return ENTIRE;
    double a = lo / o.lo, b = lo / o.hi, c = hi / o.lo, d = hi / o.hi;
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) return ENTIRE; // ∞/∞
    return outward(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(a, b), Math.max(c, d)));
  }

  public Interval reciprocal() { return ONE.divide(this); }

  /** √x over the non-negative part; refuses an interval entirely below 0. */
  public Interval sqrt() {
    if (hi < 0) throw new IllegalArgumentException("sqrt of an interval below 0: [" + lo + ", " + hi + "]");
    double l = lo <= 0 ? 0 : Math.max(0, down(Math.sqrt(lo)));
    return new Interval(l, hi == Double.POSITIVE_INFINITY ? hi : up(Math.sqrt(hi)));
  }

  /** e^x: StrictMath.exp is within 1 ulp, so two ulps outward; the lower end never below 0. */
  public Interval exp() {
    double l = lo == Double.NEGATIVE_INFINITY ? 0 : Math.max(0, down(down(StrictMath.exp(lo))));
    double h = hi == Double.POSITIVE_INFINITY ? hi : up(up(StrictMath.exp(hi)));
    return new Interval(l, h);
  }

  /** e^x − 1: StrictMath.expm1 is within 1 ulp, so two ulps outward; never below −1. */
  public Interval expm1() {
    double l = lo == Double.NEGATIVE_INFINITY ? -1 : Math.max(-1, down(down(StrictMath.expm1(lo))));
    double h = hi == Double.POSITIVE_INFINITY ? hi : up(up(StrictMath.expm1(hi)));
    return new Interval(l, h);
  }

  /** log x: StrictMath.log is within 1 ulp, so two ulps outward; −∞ at the low end when lo ≤ 0. */
  public Interval log() {
    if (hi <= 0) throw new IllegalArgumentException("log of an interval not above 0: [" + lo + ", " + hi + "]");
    double l = lo <= 0 ? Double.NEGATIVE_INFINITY : down(down(StrictMath.log(lo)));
    double h = hi == Double.POSITIVE_INFINITY ? hi : up(up(StrictMath.log(hi)));
    return new Interval(l, h);
  }

  /** log(1 + x): StrictMath.log1p is within 1 ulp (and semi-monotonic), so two ulps outward; refuses lo ≤ −1. */
  public Interval log1p() {
    if (lo <= -1) throw new IllegalArgumentException("log1p of an interval not above -1: [" + lo + ", " + hi + "]");
    double h = hi == Double.POSITIVE_INFINITY ? hi : up(up(StrictMath.log1p(hi)));
    return new Interval(down(down(StrictMath.log1p(lo))), h);
  }

  /** The intersection; refuses disjoint intervals (two enclosures of one number never are). */
  public Interval intersect(Interval o) {
    double l = Math.max(lo, o.lo), h = Math.min(hi, o.hi);
    if (l > h) throw new IllegalStateException("disjoint enclosures " + this + " and " + o);
    return new Interval(l, h);
  }

  /** cosh x = (e^x + e^{−x})/2, even and increasing in |x|: [cosh(mig), cosh(mag)], each end rounded outward. */
  public Interval cosh() {
    Interval m = of(mig()), g = mag() == Double.POSITIVE_INFINITY ? null : of(mag());
    double l = m.exp().add(m.negate().exp()).multiply(0.5).lo();
    double h = g == null ? Double.POSITIVE_INFINITY : g.exp().add(g.negate().exp()).multiply(0.5).hi();
    return new Interval(Math.max(1, l), h);
  }

  /** max(x, y) over both intervals (monotone: exact on the endpoints). */
  public Interval max(Interval o) { return new Interval(Math.max(lo, o.lo), Math.max(hi, o.hi)); }

  /** |x| over the interval. */
  public Interval abs() { return new Interval(mig(), mag()); }

  @Override public boolean certainlyBelow(Interval o) { return hi < o.lo; }

  @Override public boolean positive() { return lo > 0; }

  @Override public Interval lowerEnd() { return new Interval(lo, lo); }

  @Override public Interval upperEnd() { return new Interval(hi, hi); }

  @Override public Interval midpoint() { double m = mid(); return new Interval(m, m); }

  @Override public Interval min(Interval o) { return new Interval(Math.min(lo, o.lo), Math.min(hi, o.hi)); }

  @Override
  public boolean equals(Object o) {
    return o instanceof Interval i && Double.compare(lo, i.lo) == 0 && Double.compare(hi, i.hi) == 0;
  }

  @Override
  public int hashCode() { return Double.hashCode(lo) * 31 + Double.hashCode(hi); }

  @Override
  public String toString() { return "[" + lo + ", " + hi + "]"; }
}
