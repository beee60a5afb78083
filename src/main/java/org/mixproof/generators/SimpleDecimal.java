package org.mixproof.generators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;

/**
 * A decimal v = n · 10^−scale on its grid in [lo, hi] that shrinks towards a target by simplicity first
 * (what {@link Parts#decimals} generates). With o = v − target, its distance is, lexicographically,
 *
 * <ol>
 *   <li>the decimal places of o (0 for a whole number, 1 for 0.5, 3 for 1.571),
 *   <li>|o| in grid units,
 *   <li>1 if o &lt; 0, else 0 (of ±o the positive one is simpler).
 * </ol>
 *
 * So 2 is simpler than 1.571 and 0.5 simpler than 0.004: a property false from π/2 on shrinks to 2, not
 * to the grid point just past π/2 (jqwik's own order is |o| alone). Candidates, each strictly simpler:
 * the target; o cut to p places, towards the target and away from it, for every p below o's places; the
 * multiples of o's last place between the target and o, at Fibonacci distances from either end (as
 * jqwik's integer shrinker steps); and −o for a negative o. They are offered simplest first, so a greedy
 * shrinker takes the simplest that still falsifies. Values are counted in grid units, in a {@code long}
 * ({@link #grid} refuses a grid too fine for one).
 */
final class SimpleDecimal implements Shrinkable<Double> {

  private final long units;
  private final long lo;
  private final long hi;
  private final long target;
  private final int scale;

  SimpleDecimal(long units, long lo, long hi, long target, int scale) {
    if (units < lo || units > hi) {
      throw new IllegalArgumentException("value " + units + " is outside [" + lo + ", " + hi + "] (units of 10^-" + scale + ")");
    }
    this.units = units;
    this.lo = lo;
    this.hi = hi;
    this.target = target;
    this.scale = scale;
  }

  /** The grid of [lo, hi] (both on it) with {@code scale} places and its target, in grid units. */
  record Grid(long lo, long hi, long target, int scale) {

    /** The shrinkable of a generated value v, which lies on the grid. */
    SimpleDecimal at(double v) { return new SimpleDecimal(unitsOf(v, scale), lo, hi, target, scale); }
  }

  /** The grid of [lo, hi] with {@code scale} places, refused when its units do not fit a long. */
  static Grid grid(double lo, double hi, double target, int scale) {
    try {
      Grid g = new Grid(unitsOf(lo, scale), unitsOf(hi, scale), unitsOf(target, scale), scale);
      Math.subtractExact(g.hi(), g.lo());
      pow10(scale);
      return g;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "[" + lo + ", " + hi + "] with " + scale + " decimal places has too many grid points for a long", e);
    }
  }

  /** The grid units of a double that lies on the grid of {@code scale} places (a generated value). */
  static long unitsOf(double v, int scale) {
    return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
  }

  @Override
  public Double value() {
    return BigDecimal.valueOf(units, scale).doubleValue();
  }

  @Override
  public ShrinkingDistance distance() {
    long o = units - target;
    return ShrinkingDistance.of(places(o, scale), Math.abs(o), o < 0 ? 1 : 0);
  }

  /** Decimal places of o · 10^−scale: scale minus o's trailing decimal zeros, at least 0. */
  static int places(long o, int scale) {
    if (o == 0) return 0;
    long a = Math.abs(o);
    int zeros = 0;
    while (zeros < scale && a % 10 == 0) {
      a /= 10;
      zeros++;
    }
    return scale - zeros;
  }

  @Override
  public Stream<Shrinkable<Double>> shrink() {
    long o = units - target;
    if (o == 0) return Stream.empty();
    long a = Math.abs(o);
    long sign = Long.signum(o);
    int q = places(o, scale);
    Set<Long> offsets = new LinkedHashSet<>();
    offsets.add(0L);
    for (int p = 0; p < q; p++) {
      long unit = pow10(scale - p);
      long down = a / unit * unit;
      offsets.add(sign * down);
      offsets.add(sign * (down + unit));
    }
    long unit = pow10(scale - q);
    long m = a / unit;
    for (long f0 = 0, f1 = 1; f1 < m; ) {
      offsets.add(sign * f1 * unit);
      offsets.add(sign * (m - f1) * unit);
      long next = f0 + f1;
      f0 = f1;
      f1 = next;
    }
    if (o < 0) offsets.add(-o);
    ShrinkingDistance current = distance();
    List<SimpleDecimal> out = new ArrayList<>();
    for (long off : offsets) {
      long n = target + off;
      if (n < lo || n > hi || n == units) continue;
      SimpleDecimal c = new SimpleDecimal(n, lo, hi, target, scale);
      if (c.distance().compareTo(current) < 0) out.add(c);
    }
    out.sort(Comparator.comparing(SimpleDecimal::distance));
    return out.stream().map(c -> c);
  }

  static long pow10(int e) {
    long p = 1;
    for (int i = 0; i < e; i++) p = Math.multiplyExact(p, 10L);
    return p;
  }

  @Override
  public String toString() {
    return "SimpleDecimal[" + value() + " → " + BigDecimal.valueOf(target, scale) + "]";
  }
}
