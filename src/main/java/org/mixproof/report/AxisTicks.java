package org.mixproof.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The drawn range, the labelled ticks and the unlabelled grid lines of one axis of a figure, chosen so
 * that a grid stays readable however many decades a log axis spans: decades are labelled every
 * {@code s}-th one ({@code s} ∈ 1, 2, 3, 5, 10, 20, 25, 50, …) so that at most {@code maxLabels} are,
 * with a faint line at the other decades (and at 2…9 × 10ᵏ when the axis spans a few decades only);
 * an axis shorter than two decades is labelled at 1, 2, 5 × 10ᵏ, else at 1…9 × 10ᵏ, else at a linear
 * step. Explicit ticks (the values a sweep visits) replace the chosen ones.
 *
 * <p>Positions are in <em>plot coordinates</em>: the value itself on a linear axis, its base-10
 * logarithm on a log axis. Everything is computed from the values alone, so the same data gives the
 * same axis on every machine.
 *
 * @param log whether the axis is logarithmic
 * @param min the lower end of the drawn range, in plot coordinates
 * @param max the upper end of the drawn range, in plot coordinates ({@code max > min})
 * @param major the labelled ticks, in increasing position
 * @param minor positions of faint grid lines without a label
 */
record AxisTicks(boolean log, double min, double max, List<Tick> major, List<Double> minor) {

  /** A labelled tick: its position in plot coordinates and its label. */
  record Tick(double at, String label) {}

  /** The fraction of the data's span left empty at each end, so markers are not cut by the frame. */
  static final double PAD = 0.045;

  /** No more grid lines than this on one axis: past it the faint lines are left out. */
  static final int MAX_MINOR = 40;

  /**
   * The axis for drawable values (finite; positive on a log axis), ticked at {@code explicit} when
   * some of those lie in the drawn range, else at ticks chosen from the range.
   *
   * @param values the data's coordinates on this axis (not in plot coordinates); may be empty
   * @param log whether the axis is logarithmic
   * @param explicit tick values requested by the figure (not in plot coordinates); may be empty
   * @param maxLabels the most labelled ticks chosen from the range (at least 2)
   */
  static AxisTicks of(double[] values, boolean log, List<Double> explicit, int maxLabels) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      double u = log ? Math.log10(v) : v;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    double[] range = padded(lo, hi, log);
    double min = range[0], max = range[1];
    List<Tick> major = new ArrayList<>();
    List<Double> minor = new ArrayList<>();
    List<Double> wanted = new ArrayList<>();
    for (double v : explicit) {
      if (!Double.isFinite(v) || (log && v <= 0)) continue;
      double u = log ? Math.log10(v) : v;
      if (u >= min && u <= max && !wanted.contains(v)) wanted.add(v);
    }
    if (!wanted.isEmpty()) {
      wanted.sort(Double::compare);
      for (double v : wanted) major.add(new Tick(log ? Math.log10(v) : v, label(v)));
    } else if (log) {
      logTicks(min, max, Math.max(2, maxLabels), major, minor);
    } else {
      linearTicks(min, max, Math.max(2, maxLabels), major);
    }
    return new AxisTicks(log, min, max, List.copyOf(major), List.copyOf(minor));
  }

  /** The drawn range around [lo, hi] in plot coordinates: padded, never empty, always finite. */
  static double[] padded(double lo, double hi, boolean log) {
    if (!(lo <= hi)) return log ? new double[] {0, 1} : new double[] {0, 1}; // no data
    double span = hi - lo;
    if (!Double.isFinite(span)) return new double[] {lo, hi}; // ±1e308: nothing left to pad with
    double scale = Math.max(Math.abs(lo), Math.abs(hi));
    if (span <= (log ? 1e-9 : 1e-12 * scale) || span == 0) {
      double half = log ? 0.5 : (scale == 0 ? 1 : 0.1 * scale);
      double a = lo - half, b = hi + half;
      return Double.isFinite(a) && Double.isFinite(b) ? new double[] {a, b} : new double[] {lo - span - 1, hi + span + 1};
    }
    double a = lo - PAD * span, b = hi + PAD * span;
    return Double.isFinite(a) && Double.isFinite(b) ? new double[] {a, b} : new double[] {lo, hi};
  }

  /** Decade steps tried, in order: labelled decades are the multiples of the first that fits. */
  private static final int[] DECADE_STEPS = {1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000};

  private static void logTicks(double min, double max, int maxLabels, List<Tick> major, List<Double> minor) {
    long k0 = (long) Math.ceil(min - 1e-9), k1 = (long) Math.floor(max + 1e-9);
    long decades = k1 - k0 + 1;
    if (decades >= 2) {
      int step = DECADE_STEPS[DECADE_STEPS.length - 1];
      for (int s : DECADE_STEPS) {
        if (count(k0, k1, s) <= maxLabels) {
          step = s;
          break;
        }
      }
      for (long k = k0; k <= k1; k++) {
        if (Math.floorMod(k, step) == 0) {
          major.add(new Tick(k, decade(k)));
        } else if (decades <= MAX_MINOR) {
          minor.add((double) k);
        }
      }
      if (step == 1 && max - min <= 3.5) {
        for (long k = k0 - 1; k <= k1; k++) {
          for (int j = 2; j <= 9; j++) {
            double u = k + Math.log10(j);
            if (u > min && u < max) minor.add(u);
          }
        }
      }
      minor.sort(Double::compare);
      return;
    }
    // less than two decades: 1, 2, 5 × 10^k, else 1…9 × 10^k, else a linear step in the values
    for (int[] mantissas : new int[][] {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
      List<Tick> ticks = new ArrayList<>();
      for (long k = (long) Math.floor(min) - 1; k <= (long) Math.ceil(max); k++) {
        for (int m : mantissas) {
          double u = k + Math.log10(m);
          if (u >= min && u <= max) ticks.add(new Tick(u, label(new BigDecimal(m).scaleByPowerOfTen((int) k))));
        }
      }
      if (ticks.size() >= (mantissas.length == 3 ? 3 : 4) && ticks.size() <= maxLabels) {
        major.addAll(ticks);
        if (mantissas.length == 3) {
          for (long k = (long) Math.floor(min) - 1; k <= (long) Math.ceil(max); k++) {
            for (int m : new int[] {3, 4, 6, 7, 8, 9}) {
              double u = k + Math.log10(m);
              if (u > min && u < max) minor.add(u);
            }
          }
          minor.sort(Double::compare);
        }
        return;
      }
    }
    List<Tick> linear = new ArrayList<>();
    linearTicks(Math.pow(10, min), Math.pow(10, max), maxLabels, linear);
    for (Tick t : linear) {
      if (t.at() > 0) major.add(new Tick(Math.log10(t.at()), t.label()));
    }
  }

  private static long count(long k0, long k1, int step) {
    return Math.floorDiv(k1, step) - Math.floorDiv(k0 - 1, step);
  }

  /** Steps tried per power of ten, in order. */
  private static final BigDecimal[] NICE = {
      BigDecimal.ONE, new BigDecimal(2), new BigDecimal("2.5"), new BigDecimal(5)};

  /** Multiples of the smallest nice step (1, 2, 2.5 or 5 × 10^e) that labels at most maxLabels in [min, max]. */
  private static void linearTicks(double min, double max, int maxLabels, List<Tick> major) {
    double span = max - min;
    if (!Double.isFinite(span) || !(span > 0)) {
      major.add(new Tick(min, label(min)));
      if (max != min) major.add(new Tick(max, label(max)));
      return;
    }
    int e = (int) Math.floor(Math.log10(span / maxLabels)) - 1;
    for (int attempt = 0; attempt < 8; attempt++, e++) {
      for (BigDecimal m : NICE) {
        BigDecimal step = m.scaleByPowerOfTen(e);
        double s = step.doubleValue();
        if (!(s > 0)) continue;
        double first = Math.ceil(min / s), last = Math.floor(max / s);
        if (last - first + 1 > maxLabels || !(last >= first)) continue;
        for (long k = (long) first; k <= (long) last; k++) {
          BigDecimal v = step.multiply(BigDecimal.valueOf(k));
          major.add(new Tick(v.doubleValue(), label(v)));
        }
        if (major.size() >= 2) return;
        major.clear();
      }
    }
    major.add(new Tick(min, label(min)));
    major.add(new Tick(max, label(max)));
  }

  private static final char[] SUPERSCRIPT = {'\u2070', '\u00b9', '\u00b2', '\u00b3', '\u2074', '\u2075', '\u2076',
      '\u2077', '\u2078', '\u2079'};

  /** 10^k as a tick label: plainly from 0.001 to 1000 ({@code 0.01}, {@code 100}), else {@code 10⁻¹⁶}. */
  static String decade(long k) {
    if (k >= -3 && k <= 3) return label(BigDecimal.ONE.scaleByPowerOfTen((int) k));
    StringBuilder b = new StringBuilder("10");
    if (k < 0) b.append('\u207b');
    for (char c : Long.toString(Math.abs(k)).toCharArray()) b.append(SUPERSCRIPT[c - '0']);
    return b.toString();
  }

  /**
   * The exponent of a label written as 10 with a superscript exponent ({@code 10⁻¹⁶} → {@code "−16"}),
   * or null for any other label.
   */
  static String superscriptExponent(String label) {
    if (!label.startsWith("10") || label.length() < 3) return null;
    StringBuilder b = new StringBuilder();
    for (int i = 2; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c == '\u207b') {
        b.append('\u2212');
        continue;
      }
      int digit = new String(SUPERSCRIPT).indexOf(c);
      if (digit < 0) return null;
      b.append((char) ('0' + digit));
    }
    return b.toString();
  }

  /** A tick value as a label: as the reports print numbers ({@link Numbers#format}). */
  static String label(double v) {
    if (v == 0) return "0";
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(Numbers.DIGITS, RoundingMode.HALF_EVEN));
    BigDecimal s = rounded.stripTrailingZeros();
    if (v > 0 && s.unscaledValue().equals(java.math.BigInteger.ONE)) return decade(-s.scale()); // 10^k
    return label(rounded);
  }

  /**
   * An exact decimal as a label: plainly from 0.001 to below 100000 ({@code 0.0025}, {@code 64}),
   * otherwise as mantissa and power of ten ({@code 2.5e-7}), every digit it has kept, minus as "−".
   */
  static String label(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.signum() == 0) return "0";
    BigDecimal magnitude = s.abs();
    String text;
    if (magnitude.compareTo(new BigDecimal("0.001")) >= 0 && magnitude.compareTo(new BigDecimal(100000)) < 0) {
      text = s.toPlainString();
    } else {
      int exponent = s.precision() - s.scale() - 1;
      text = s.movePointLeft(exponent).toPlainString() + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }
    return text.replace('-', '\u2212');
  }
}
