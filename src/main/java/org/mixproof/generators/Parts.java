package org.mixproof.generators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;
import net.jqwik.api.Tuple;

/**
 * Building blocks shared by the generators: decimals on an explicit grid, fixed-size arrays whose
 * elements shrink one after the other, log-uniform magnitudes as anchor × 10^x, and parts that only
 * shrinking changes. Doubles shrink towards simple values — the target, whole numbers, short decimals —
 * before near ones ({@link SimpleDecimal}, {@link SimpleMagnitude}); what is generated is jqwik's draw.
 *
 * <p>Everything here is built with {@link Combinators#combine}, never {@code flatMap}, so a value
 * shrinks part by part. jqwik 1.9.3 generates doubles on a decimal grid (default 2 places, see
 * docs/design.md "Pitfalls"); every double here names its scale.
 */
public final class Parts {

  private Parts() {}

  /**
   * Decimals with {@code scale} places in [lo, hi], uniform on that grid (jqwik's default "biased"
   * distribution crowds values near the shrinking target), shrinking towards {@code target} by
   * simplicity first ({@link SimpleDecimal}: fewer decimal places of v − target, then nearer): a value
   * shrinks to a whole number or a short decimal when one still falsifies, not to the grid point just
   * past a boundary. The range ends and the target come in as jqwik edge cases. The bounds are first
   * rounded inwards to the grid, so every value (edge cases included) lies in [lo, hi]. Values are drawn
   * by jqwik's decimal generator as before; only their shrinking is this class's.
   */
  public static Arbitrary<Double> decimals(double lo, double hi, int scale, double target) {
    requireFinite("lo", lo);
    requireFinite("hi", hi);
    if (!(lo <= hi)) throw new IllegalArgumentException("lo must be <= hi, was lo = " + lo + ", hi = " + hi);
    double gLo = BigDecimal.valueOf(lo).setScale(scale, RoundingMode.CEILING).doubleValue();
    double gHi = BigDecimal.valueOf(hi).setScale(scale, RoundingMode.FLOOR).doubleValue();
    if (gLo > gHi) {
      throw new IllegalArgumentException(
          "[" + lo + ", " + hi + "] holds no decimal with " + scale + " places");
    }
    if (gLo == gHi) return Arbitraries.just(gLo);
    double gTarget = BigDecimal.valueOf(Math.min(Math.max(target, gLo), gHi))
        .setScale(scale, RoundingMode.HALF_EVEN).doubleValue();
    gTarget = Math.min(Math.max(gTarget, gLo), gHi);
    SimpleDecimal.Grid grid = SimpleDecimal.grid(gLo, gHi, gTarget, scale);
    Arbitrary<Double> drawn = Arbitraries.doubles().between(gLo, gHi).ofScale(scale).shrinkTowards(gTarget)
        .withDistribution(RandomDistribution.uniform());
    return new OwnShrinking<>(drawn, grid::at);
  }

  /**
   * Magnitudes {@code anchor × 10^x} in [lo, hi] with x on a grid of {@code scale} decimal places,
   * so log10 of the value is uniform (jqwik's grid permitting). The anchor must lie in [lo, hi]. A value
   * shrinks in value, towards exactly the anchor, by simplicity first ({@link SimpleMagnitude}: fewer
   * significant digits, then nearer the anchor in log10), so shrunk magnitudes read 0.9, 20, 0.0009.
   * Rounding of {@code pow} is clamped back into [lo, hi].
   */
  public static Arbitrary<Double> logUniform(double lo, double hi, double anchor, int scale) {
    if (!(lo > 0) || !Double.isFinite(lo)) {
      throw new IllegalArgumentException("lo must be positive and finite, was " + lo);
    }
    if (!(hi >= lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("hi must be finite and >= lo = " + lo + ", was " + hi);
    }
    if (!(anchor >= lo && anchor <= hi)) {
      throw new IllegalArgumentException("anchor must lie in [" + lo + ", " + hi + "], was " + anchor);
    }
    if (lo == hi) return Arbitraries.just(lo);
    Arbitrary<Double> drawn = decimals(Math.log10(lo / anchor), Math.log10(hi / anchor), scale, 0.0)
        .map(x -> x == 0 ? anchor : Math.min(hi, Math.max(lo, anchor * Math.pow(10, x))));
    return new OwnShrinking<>(drawn, v -> new SimpleMagnitude(v, lo, hi, anchor));
  }

  /**
   * A part that only shrinking changes: every draw is {@code generated} (drawing no randomness, so the
   * parts after it draw as before), its edge case too, and it shrinks to any of {@code simpler}, listed
   * simplest first (distance i for {@code simpler[i]}, n for {@code generated}); each of those shrinks on
   * to the ones listed before it. {@link Mixtures} marks components removable with it.
   */
  @SafeVarargs
  public static <T> Arbitrary<T> shrinkOnly(T generated, T... simpler) {
    if (simpler.length == 0) throw new IllegalArgumentException("shrinkOnly needs at least one simpler value");
    List<Shrinkable<T>> ladder = new ArrayList<>();
    for (T v : simpler) ladder.add(new Rung<>(v, List.copyOf(ladder)));
    Shrinkable<T> top = new Rung<>(generated, List.copyOf(ladder));
    return new OwnShrinking<>(Arbitraries.just(generated), v -> top);
  }

  /** A value with distance = the number of simpler values, which are its shrinking candidates. */
  private record Rung<T>(T value, List<Shrinkable<T>> below) implements Shrinkable<T> {
    @Override public Stream<Shrinkable<T>> shrink() { return below.stream(); }

    @Override public ShrinkingDistance distance() { return ShrinkingDistance.of(below.size()); }
  }

  /**
   * A fixed-size array of independent elements. Element i shrinks before element i + 1, and only
   * one element changes per shrinking step ({@code combine} of n copies, not a list arbitrary, which
   * would also try to sort and pair elements).
   */
  public static Arbitrary<double[]> doubleArray(Arbitrary<Double> element, int n) {
    if (n < 0) throw new IllegalArgumentException("n must be >= 0, was " + n);
    if (n == 0) return Arbitraries.just(new double[0]);
    List<Arbitrary<Double>> parts = Collections.nCopies(n, element);
    return Combinators.combine(parts).as(Parts::toArray);
  }

  /** A fixed-size list of independent elements, shrinking one element after the other. */
  public static <T> Arbitrary<List<T>> fixedList(Arbitrary<T> element, int n) {
    if (n < 1) throw new IllegalArgumentException("n must be >= 1, was " + n);
    return Combinators.combine(Collections.nCopies(n, element)).as(List::copyOf);
  }

  /**
   * {@code base}, except that one value in {@code oneIn} is {@code extreme}: an edge case that
   * jqwik's uniform draws would almost never hit. A flag part decides and shrinks to "use base", so
   * shrinking leaves the extreme as soon as the property allows.
   */
  public static <T> Arbitrary<T> sometimes(Arbitrary<T> base, T extreme, int oneIn) {
    if (oneIn < 2) throw new IllegalArgumentException("oneIn must be >= 2, was " + oneIn);
    return Combinators.combine(Arbitraries.frequency(Tuple.of(oneIn - 1, false), Tuple.of(1, true)), base)
        .as((useExtreme, value) -> useExtreme ? extreme : value);
  }

  private static double[] toArray(List<Double> values) {
    double[] a = new double[values.size()];
    for (int i = 0; i < a.length; i++) a[i] = values.get(i);
    return a;
  }

  static void requireFinite(String name, double v) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, was " + v);
  }

  /** Rejects an integer range unless 1 ≤ min ≤ max, naming it. */
  static void requirePositiveRange(String name, int min, int max) {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException(name + " must satisfy 1 <= min <= max, was [" + min + ", " + max + "]");
    }
  }
}
