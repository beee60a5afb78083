package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Axes stay readable: few labelled ticks over many decades, ticks at requested values, exact labels. */
class AxisTicksTest {

  private static List<String> labels(AxisTicks a) {
    return a.major().stream().map(AxisTicks.Tick::label).toList();
  }

  @Test
  void fiftyFourDecadesAreLabelledEveryTenthDecadeWithNoSubDecadeGrid() {
    AxisTicks a = AxisTicks.of(new double[] {1.2e11, 3.9e56}, true, List.of(), 8);
    assertTrue(a.major().size() >= 3 && a.major().size() <= 8, labels(a).toString());
    for (AxisTicks.Tick t : a.major()) assertEquals(0, Math.floorMod(Math.round(t.at()), 10), "every tenth decade: " + t);
    assertEquals(List.of("10\u00b9\u2070", "10\u00b2\u2070", "10\u00b3\u2070", "10\u2074\u2070", "10\u2075\u2070"), labels(a));
    // no faint line between decades (there would be 9 per decade), at most one per decade
    assertTrue(a.minor().size() <= AxisTicks.MAX_MINOR, "minor lines: " + a.minor().size());
    for (double u : a.minor()) assertEquals(Math.rint(u), u, 1e-12, "faint lines at decades only");
  }

  @Test
  void aFewDecadesAreEachLabelledWithFaintLinesAt2To9() {
    AxisTicks a = AxisTicks.of(new double[] {1, 100}, true, List.of(), 8);
    assertEquals(List.of("1", "10", "100"), labels(a));
    assertTrue(a.minor().contains(Math.log10(2)) && a.minor().contains(1 + Math.log10(5)), a.minor().toString());
  }

  @Test
  void lessThanADecadeIsLabelledAt125OrAtALinearStep() {
    assertEquals(List.of("100", "200", "500"), labels(AxisTicks.of(new double[] {64, 512}, true, List.of(), 8)));
    List<String> narrow = labels(AxisTicks.of(new double[] {0.00429, 0.00431}, true, List.of(), 8));
    assertTrue(narrow.size() >= 3, narrow.toString());
    assertEquals(narrow.size(), narrow.stream().distinct().count(), "distinct labels: " + narrow);
    for (String l : narrow) assertTrue(Double.parseDouble(l) >= 0.00428 && Double.parseDouble(l) <= 0.00432, l);
  }

  @Test
  void explicitTicksReplaceChosenOnesAndOutsideOrNonPositiveOnesAreIgnored() {
    AxisTicks a = AxisTicks.of(new double[] {64, 512}, true, List.of(512.0, 64.0, 128.0, 256.0, 4096.0, -1.0, 0.0), 8);
    assertEquals(List.of("64", "128", "256", "512"), labels(a));
    assertEquals(List.of(), a.minor());
    AxisTicks d = AxisTicks.of(new double[] {1, 1e5}, true, List.of(1.0, 10.0, 100.0, 1e4, 1e5), 8);
    assertEquals(List.of("1", "10", "100", "10\u2074", "10\u2075"), labels(d));
  }

  @Test
  void linearTicksAreExactDecimals() {
    AxisTicks a = AxisTicks.of(new double[] {0, 1}, false, List.of(), 8);
    assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), labels(a));
    AxisTicks b = AxisTicks.of(new double[] {-3e-7, 3e-7}, false, List.of(), 8);
    assertTrue(labels(b).contains("\u22122e\u22127") && labels(b).contains("2e\u22127"), labels(b).toString());
  }

  @Test
  void degenerateRangesGiveAFiniteRangeAndLabels() {
    double[][] cases = {{}, {5}, {5, 5}, {1, 1 + 1e-15, 1 + 2e-15}, {-1e308, 1e308}, {Double.MIN_VALUE, 1e-300}};
    for (double[] v : cases) {
      for (boolean log : new boolean[] {false, true}) {
        if (log && v.length > 0 && v[0] <= 0) continue;
        AxisTicks a = AxisTicks.of(v, log, List.of(), 8);
        assertTrue(Double.isFinite(a.min()) && Double.isFinite(a.max()) && a.max() > a.min(), a.toString());
        assertTrue(a.major().size() <= 50, a.toString());
        for (AxisTicks.Tick t : a.major()) assertTrue(Double.isFinite(t.at()) && !t.label().isEmpty(), a.toString());
      }
    }
  }

  @Test
  void decadeLabelsAndTheirExponents() {
    assertEquals("10\u207b\u00b9\u2076", AxisTicks.decade(-16));
    assertEquals("0.001", AxisTicks.decade(-3));
    assertEquals("1000", AxisTicks.decade(3));
    assertEquals("\u221216", AxisTicks.superscriptExponent(AxisTicks.decade(-16)));
    assertEquals("4", AxisTicks.superscriptExponent(AxisTicks.label(1e4)));
    assertNull(AxisTicks.superscriptExponent("100"));
    assertEquals("0.01559", AxisTicks.label(0.015585937));
  }
}
