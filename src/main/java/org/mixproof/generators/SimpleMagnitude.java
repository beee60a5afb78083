package org.mixproof.generators;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;

/**
 * A positive magnitude v in [lo, hi] (what {@link Parts#logUniform} generates as anchor × 10^x) that
 * shrinks in value, towards its anchor, by simplicity first. Its distance is, lexicographically,
 *
 * <ol>
 *   <li>0 for the anchor itself, else the number of significant digits of v (2 and 0.9 have one, 1.05
 *       three, a generated 10^x about sixteen),
 *   <li>|log10(v / anchor)| in units of 10^−12,
 *   <li>1 below the anchor, else 0.
 * </ol>
 *
 * So a condition number that must exceed 10 shrinks to 20, a time below 10^−3 to 0.0009 and a scale that
 * must differ from 1 to 0.9: short decimals, not the grid point of x just past the boundary. Candidates,
 * each strictly simpler: the anchor; v rounded to n significant digits towards and away from the anchor
 * (n below v's digits), the next n-digit value towards the anchor (n = v's digits) and the geometric
 * mean √(anchor · v) rounded to n digits, for n up to {@value #MAX_DIGITS}; simplest first.
 */
final class SimpleMagnitude implements Shrinkable<Double> {

  /** Candidates are rounded to at most this many significant digits. */
  static final int MAX_DIGITS = 6;
  private static final double LOG_UNIT = 1e12;

  private final BigDecimal decimal;
  private final double value;
  private final double lo;
  private final double hi;
  private final double anchor;

  /** The generated value v (the shortest decimal that reads back as v is its decimal). */
  SimpleMagnitude(double v, double lo, double hi, double anchor) {
    this(BigDecimal.valueOf(v), v, lo, hi, anchor);
  }

  private SimpleMagnitude(BigDecimal decimal, double value, double lo, double hi, double anchor) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException("value " + value + " is outside [" + lo + ", " + hi + "]");
    }
    this.decimal = decimal.stripTrailingZeros();
    this.value = value;
    this.lo = lo;
    this.hi = hi;
    this.anchor = anchor;
  }

  @Override
  public Double value() {
    return value;
  }

  private int digits() {
    return value == anchor ? 0 : decimal.precision();
  }

  @Override
  public ShrinkingDistance distance() {
    if (value == anchor) return ShrinkingDistance.of(0, 0, 0);
    long log = Math.round(Math.abs(Math.log10(value / anchor)) * LOG_UNIT);
    return ShrinkingDistance.of(digits(), log, value < anchor ? 1 : 0);
  }

  @Override
  public Stream<Shrinkable<Double>> shrink() {
    if (value == anchor) return Stream.empty();
    boolean above = value > anchor;
    RoundingMode toward = above ? RoundingMode.FLOOR : RoundingMode.CEILING;
    RoundingMode away = above ? RoundingMode.CEILING : RoundingMode.FLOOR;
    int c = digits();
    BigDecimal middle = BigDecimal.valueOf(Math.sqrt(anchor * value));
    List<BigDecimal> candidates = new ArrayList<>();
    candidates.add(BigDecimal.valueOf(anchor));
    for (int n = 1; n <= Math.min(c, MAX_DIGITS); n++) {
      if (n < c) {
        candidates.add(decimal.round(new MathContext(n, toward)));
        candidates.add(decimal.round(new MathContext(n, away)));
      } else {
        candidates.add(step(decimal, n, above));
      }
      candidates.add(middle.round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }
    ShrinkingDistance current = distance();
    Map<Double, SimpleMagnitude> out = new LinkedHashMap<>();
    for (BigDecimal b : candidates) {
      if (b.signum() <= 0) continue;
      double v = b.doubleValue();
      if (!(v >= lo && v <= hi) || v == value || out.containsKey(v)) continue;
      SimpleMagnitude s = new SimpleMagnitude(b, v, lo, hi, anchor);
      if (s.distance().compareTo(current) < 0) out.put(v, s);
    }
    List<SimpleMagnitude> sorted = new ArrayList<>(out.values());
    sorted.sort(Comparator.comparing(SimpleMagnitude::distance));
    return sorted.stream().map(s -> s);
  }

  /**
   * The n-significant-digit value next to d (which has at most n digits) towards the anchor: one unit
   * of the n-th digit down (from a power of ten, into the decade below: 100 → 90 for n = 1) or up.
   */
  static BigDecimal step(BigDecimal d, int n, boolean down) {
    BigDecimal s = d.stripTrailingZeros();
    int exponent = s.precision() - s.scale() - 1; // d = m × 10^exponent, 1 ≤ m < 10
    if (!down) return s.add(BigDecimal.ONE.scaleByPowerOfTen(exponent - n + 1));
    boolean powerOfTen = s.unscaledValue().equals(java.math.BigInteger.ONE);
    return s.subtract(BigDecimal.ONE.scaleByPowerOfTen(powerOfTen ? exponent - n : exponent - n + 1));
  }

  @Override
  public String toString() {
    return "SimpleMagnitude[" + value + " → " + anchor + "]";
  }
}
