package org.mixproof.claim.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One claim file of {@code properties/}, parsed but not yet interpreted: the common keys of docs/design.md
 * "Claims as data" as fields, every key (with its line) for the typed accessors, which fail with a
 * {@link ClaimFormatException} naming file, line and key.
 */
public record ClaimSpec(Path file, String id, String title, String source, String statement,
    String quantity, String bound, String expect, Map<String, String> values, Map<String, Integer> lines) {

  /** Keys every claim file must have. */
  public static final List<String> REQUIRED =
      List.of("id", "title", "source", "statement", "quantity", "bound", "expect");

  /** Keys the runner itself reads, whatever the quantity. */
  public static final Set<String> COMMON = Collections.unmodifiableSet(new TreeSet<>(List.of(
      "id", "title", "source", "statement", "quantity", "bound", "expect", "relation", "tolerance",
      "tries", "seed", "requires", "kind", "deadline")));

  public ClaimSpec {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
    lines = Collections.unmodifiableMap(new TreeMap<>(lines));
  }

  /**
   * Whether {@code bound} is a claimed bound ({@code kind = bound}, the default: the report gives the
   * tightness measured/bound and calls a bound loose when it is far from attained) or a derived
   * tolerance on an error ({@code kind = tolerance}: an identity's rounding or a statistical level, where
   * a small ratio is accuracy, not looseness).
   */
  public boolean boundIsTolerance() {
    String k = string("kind", "bound");
    if (!k.equals("bound") && !k.equals("tolerance")) throw error("kind", "must be 'bound' or 'tolerance', was '" + k + "'");
    return k.equals("tolerance");
  }

  /** The {@code deadline} key: positive seconds, NaN when absent. */
  public double deadlineSeconds() {
    if (!has("deadline")) return Double.NaN;
    double seconds = number("deadline", Double.NaN);
    if (!(seconds > 0) || !Double.isFinite(seconds)) throw error("deadline", "must be positive seconds, was " + seconds);
    return seconds;
  }

  /** Whether the claim expects the search to find no violation. */
  public boolean expectsHolds() { return expect.equals("holds"); }

  public boolean has(String key) { return values.containsKey(key); }

  public int line(String key) { return lines.getOrDefault(key, 0); }

  public ClaimFormatException error(String key, String message) {
    return new ClaimFormatException(file, line(key), key, message);
  }

  /**
   * {@code text} (the value of {@code key}) read by {@code parser}, e.g. {@code Schedules::parse}: a value
   * the parser refuses with an {@link IllegalArgumentException} is a {@link ClaimFormatException} naming
   * file, line and key, with the parser's message (one that is already a ClaimFormatException passes as is).
   */
  public <T> T parse(String key, String text, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (ClaimFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** The required {@code key} read by {@code parser} ({@link #parse}). */
  public <T> T read(String key, java.util.function.Function<String, T> parser) {
    return parse(key, required(key), parser);
  }

  /** {@code key}, or {@code fallback} when it is absent, read by {@code parser} ({@link #parse}). */
  public <T> T read(String key, String fallback, java.util.function.Function<String, T> parser) {
    return parse(key, string(key, fallback), parser);
  }

  public String string(String key, String fallback) { return values.getOrDefault(key, fallback); }

  public String required(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) throw error(key, "missing");
    return v;
  }

  public double number(String key, double fallback) {
    String v = values.get(key);
    return v == null ? fallback : parseNumber(key, v);
  }

  public int integer(String key, int fallback) {
    String v = values.get(key);
    if (v == null) return fallback;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw error(key, "not an integer: '" + v + "'");
    }
  }

  public long longValue(String key, long fallback) {
    String v = values.get(key);
    if (v == null) return fallback;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw error(key, "not an integer: '" + v + "'");
    }
  }

  /** A range written {@code lo..hi} or a single value {@code x} (= x..x). */
  public double[] range(String key, double lo, double hi) {
    String v = values.get(key);
    if (v == null) return new double[] {lo, hi};
    String[] parts = v.split("\\.\\.", -1);
    if (parts.length > 2) throw error(key, "expected 'lo..hi' or a number, was '" + v + "'");
    double a = parseNumber(key, parts[0]);
    double b = parts.length == 2 ? parseNumber(key, parts[1]) : a;
    if (!(a <= b)) throw error(key, "range must have lo <= hi, was '" + v + "'");
    return new double[] {a, b};
  }

  public int[] intRange(String key, int lo, int hi) {
    double[] r = range(key, lo, hi);
    if (r[0] != Math.rint(r[0]) || r[1] != Math.rint(r[1])) throw error(key, "range of integers expected, was '" + values.get(key) + "'");
    return new int[] {(int) r[0], (int) r[1]};
  }

  /** A comma-separated list, trimmed, lower case; {@code fallback} when the key is absent. */
  public List<String> list(String key, List<String> fallback) {
    String v = values.get(key);
    if (v == null) return fallback;
    List<String> out = new ArrayList<>();
    for (String s : v.split(",")) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) throw error(key, "empty entry in list '" + v + "'");
      out.add(t);
    }
    return out;
  }

  public List<Double> numbers(String key, List<Double> fallback) {
    if (!has(key)) return fallback;
    List<Double> out = new ArrayList<>();
    for (String s : list(key, List.of())) out.add(parseNumber(key, s));
    return out;
  }

  private double parseNumber(String key, String v) {
    try {
      double x = Double.parseDouble(v.trim());
      if (!Double.isFinite(x)) throw error(key, "not a finite number: '" + v + "'");
      return x;
    } catch (NumberFormatException e) {
      throw error(key, "not a number: '" + v + "'");
    }
  }
}
