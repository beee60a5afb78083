package org.mixproof.certify;

/**
 * A closed interval of reals with outward-rounded arithmetic: every operation's result contains the
 * exact real result for every choice of reals in its operands (docs/claims.md §8). Two precisions
 * implement it — {@link Interval} (double ends, the fast path) and {@link DecimalInterval} (decimal
 * ends at a chosen number of digits, the fallback where double intervals are too wide) — so that one
 * enclosure code ({@link DensityEnclosure}, {@link CaseEnclosure}, {@link IntervalExpression}, …)
 * runs at either.
 *
 * @param <T> the implementing type (operations stay within one precision)
 */
public interface RealInterval<T extends RealInterval<T>> {

  /** The arithmetic this interval belongs to: its constants and its unit of rounding. */
  Arithmetic<T> arithmetic();

  T add(T o);

  T add(double x);

  T subtract(T o);

  T subtract(double x);

  T multiply(T o);

  T multiply(double x);

  /** Division; a divisor containing 0 gives an unbounded enclosure (double) or is refused (decimal). */
  T divide(T o);

  T reciprocal();

  T negate();

  /** x² (tighter than x·x: never below 0). */
  T square();

  T sqrt();

  T exp();

  T expm1();

  T log();

  T cosh();

  T abs();

  T max(T o);

  T min(T o);

  /** The smallest interval containing both. */
  T hull(T o);

  /** The point interval at the lower end. */
  T lowerEnd();

  /** The point interval at the upper end. */
  T upperEnd();

  /**
   * A point interval at a number of this precision near the middle (an estimate, taken as an exact
   * input; for an interval narrower than one unit of this precision it may lie just outside).
   */
  T midpoint();

  /** The lower end as a double, rounded down (a double that is ≤ every member). */
  double lo();

  /** The upper end as a double, rounded up. */
  double hi();

  /** A double inside (or next to) the interval: an estimate, not an enclosure. */
  double mid();

  /** An upper bound on hi − lo, as a double. */
  double width();

  boolean containsZero();

  /** Every member is &gt; 0 (decided on the exact ends). */
  boolean positive();

  /** Every member is strictly below every member of {@code o} (decided on the exact ends). */
  boolean certainlyBelow(T o);

  /**
   * The constants of one precision.
   *
   * @param <T> the interval type
   */
  interface Arithmetic<T extends RealInterval<T>> {
    /** The point interval [x, x]: a double input is exact. */
    T of(double x);

    T zero();

    T one();

    /** An enclosure of π. */
    T pi();

    /** The relative rounding unit of one operation (2⁻⁵² for doubles, 10^{1−p} for p digits). */
    double unit();

    /** A short name for reports: "binary64" or "decimal 40 digits". */
    String describe();
  }
}
