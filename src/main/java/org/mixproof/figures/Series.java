package org.mixproof.figures;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named set of points in a {@link Figure}, and how it is drawn (computed by {@code figures/}, drawn by
 * {@code report.FigureRenderer}).
 *
 * <p>The arrays are copied on the way in and on the way out, so a series cannot change after it was
 * made; equality compares the arrays' contents. {@code x} and {@code y} must have the same length:
 * {@code report.ReportWriter.write} fails with an {@link IllegalArgumentException} while rendering the
 * figure otherwise. Points that cannot be drawn (non-finite, or non-positive on a log axis) are
 * dropped and counted in the figure's caption.
 *
 * @param name the series' name, unique within its figure (the caption names it when points are dropped)
 * @param x the abscissae
 * @param y the ordinates, one per abscissa
 * @param style how the points are drawn: {@link Style#MARKERS} for scattered points (nothing joins
 *     them), {@link Style#LINE_MARKERS} for a measured curve, {@link Style#LINE} or {@link Style#DASHED}
 *     for a formula or a reference line; null means {@link Style#LINE_MARKERS}
 * @param panel the panel the series is drawn in: a figure whose series name more than one panel is
 *     drawn as panels side by side, titled by these names, in order of first appearance, on one
 *     y scale; null or "" for a figure of one plot
 * @param legend the series' legend entry; null or blank means {@code name}. Series with the same entry
 *     (e.g. the same scheme in two panels) are listed once
 * @param group series of one group share a colour and a marker shape (e.g. a scheme and its reference
 *     slope); null or blank means {@code legend}
 */
public record Series(String name, double[] x, double[] y, Style style, String panel, String legend, String group) {

  /** How a series' points are drawn. */
  public enum Style {
    /** Points joined by a solid line, with a marker at each point: a measured curve. */
    LINE_MARKERS,
    /** A solid line without markers: a formula evaluated on a grid. */
    LINE,
    /** A dashed line without markers: a bound, a tolerance, a reference slope. */
    DASHED,
    /** Markers only, nothing joins them: scattered points (random cases, Monte Carlo estimates). */
    MARKERS;

    /** Whether a marker is drawn at each point. */
    public boolean markers() {
      return this == LINE_MARKERS || this == MARKERS;
    }

    /** Whether consecutive points are joined. */
    public boolean line() {
      return this != MARKERS;
    }
  }

  /** Copies the arrays (null stays null, for the writer's validation to report); fills the defaults. */
  public Series {
    x = x == null ? null : x.clone();
    y = y == null ? null : y.clone();
    style = style == null ? Style.LINE_MARKERS : style;
    panel = panel == null ? "" : panel;
    legend = legend == null || legend.isBlank() ? name : legend;
    group = group == null || group.isBlank() ? legend : group;
  }

  /** A measured curve ({@link Style#LINE_MARKERS}) in a figure of one plot, listed under its name. */
  public Series(String name, double[] x, double[] y) {
    this(name, x, y, Style.LINE_MARKERS, "", null, null);
  }

  /** A series drawn as {@code style} in a figure of one plot, listed under its name. */
  public Series(String name, double[] x, double[] y, Style style) {
    this(name, x, y, style, "", null, null);
  }

  /** A copy of the abscissae, or null. */
  @Override
  public double[] x() {
    return x == null ? null : x.clone();
  }

  /** A copy of the ordinates, or null. */
  @Override
  public double[] y() {
    return y == null ? null : y.clone();
  }

  /** This series in the colour and marker of {@code group}. */
  public Series inGroup(String group) {
    return new Series(name, x, y, style, panel, legend, group);
  }

  /** This series in {@code panel}, listed in the legend as {@code legend}. */
  public Series inPanel(String panel, String legend) {
    return new Series(name, x, y, style, panel, legend, null);
  }

  /** This series with other points and the same name, style, panel, legend entry and group. */
  public Series withPoints(double[] newX, double[] newY) {
    return new Series(name, newX, newY, style, panel, legend, group);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s
        && Objects.equals(name, s.name)
        && Arrays.equals(x, s.x)
        && Arrays.equals(y, s.y)
        && style == s.style
        && panel.equals(s.panel)
        && Objects.equals(legend, s.legend)
        && Objects.equals(group, s.group);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y), style, panel, legend, group);
  }

  @Override
  public String toString() {
    return "Series[name=" + name + ", x=" + Arrays.toString(x) + ", y=" + Arrays.toString(y) + ", style=" + style
        + ", panel=" + panel + ", legend=" + legend + ", group=" + group + "]";
  }
}
