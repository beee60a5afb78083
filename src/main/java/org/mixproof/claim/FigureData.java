package org.mixproof.claim;

import java.util.List;

/**
 * The data of one report figure, computed by the claim layer (seeded, deterministic) and rendered by
 * {@code report/}: a file name ({@code something.png}, no directories), title, axis labels and
 * scales, named series, a caption that says what the figure shows and how it was computed, and the x
 * values to tick (e.g. the values a sweep visits; empty: ticks chosen from the range).
 */
public record FigureData(String fileName, String title, String xLabel, String yLabel, boolean logX, boolean logY,
    List<Line> series, String caption, List<Double> xTicks) {

  /** How a series is drawn (as {@code report.Series.Style}). */
  public enum Style {
    /** Points joined by a solid line, with a marker at each: a measured curve. */
    LINE_MARKERS,
    /** A solid line without markers: a formula on a grid. */
    LINE,
    /** A dashed line without markers: a bound, a tolerance, a reference slope, an allowed growth. */
    DASHED,
    /** Markers only: scattered points (random cases, Monte Carlo estimates), which nothing joins. */
    MARKERS
  }

  /**
   * One named series of points.
   *
   * @param name unique within the figure
   * @param style how it is drawn
   * @param panel the panel it is drawn in ("" for a figure of one plot); a figure whose series name
   *     several panels is drawn as panels side by side on one y scale
   * @param legend its legend entry ("" for {@code name}); series with one entry are listed once
   * @param group series of one group share a colour and marker ("" for {@code legend})
   */
  public record Line(String name, double[] x, double[] y, Style style, String panel, String legend, String group) {
    public Line {
      if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " points, y has " + y.length);
      if (style == null) style = Style.LINE_MARKERS;
      if (panel == null) panel = "";
      if (legend == null || legend.isBlank()) legend = name;
      if (group == null || group.isBlank()) group = legend;
    }

    /** A measured curve (line and markers) in a figure of one plot. */
    public Line(String name, double[] x, double[] y) {
      this(name, x, y, Style.LINE_MARKERS, "", "", "");
    }

    /** A series drawn as {@code style} in a figure of one plot. */
    public Line(String name, double[] x, double[] y, Style style) {
      this(name, x, y, style, "", "", "");
    }

    /** This series in the colour and marker of {@code group}. */
    public Line inGroup(String group) {
      return new Line(name, x, y, style, panel, legend, group);
    }

    /** This series in {@code panel}, listed in the legend as {@code legend}. */
    public Line inPanel(String panel, String legend) {
      return new Line(name, x, y, style, panel, legend, "");
    }
  }

  public FigureData {
    series = List.copyOf(series);
    xTicks = xTicks == null ? List.of() : List.copyOf(xTicks);
    if (!fileName.matches("[a-z0-9][a-z0-9.-]*\\.png")) {
      throw new IllegalArgumentException("fileName must be a bare lower-case .png name, was '" + fileName + "'");
    }
  }

  /** A figure whose x ticks are chosen from the data's range. */
  public FigureData(String fileName, String title, String xLabel, String yLabel, boolean logX, boolean logY,
      List<Line> series, String caption) {
    this(fileName, title, xLabel, yLabel, logX, logY, series, caption, List.of());
  }
}
