package org.mixproof.figures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One plot, or one row of panels, written as {@code figures/<fileName>} (a PNG) and embedded in the
 * reports.
 *
 * @param fileName the PNG's file name, e.g. {@code lipschitz-vs-t.png}: ends in {@code .png}, no
 *     path separator, no {@code ..}; unique within a report
 * @param title the plot's title
 * @param xLabel the x axis title
 * @param yLabel the y axis title
 * @param logX whether the x axis is logarithmic (points with x ≤ 0 are then dropped)
 * @param logY whether the y axis is logarithmic (points with y ≤ 0 are then dropped)
 * @param series the series, drawn in this order; may be empty. Their {@link Series#panel() panels}
 *     split the figure into panels side by side
 * @param caption the caption under the figure in the reports; a note on dropped points is appended
 * @param xTicks where the x axis is ticked and labelled, e.g. the values a sweep visits; empty (or
 *     null) for ticks chosen from the data's range. Values outside the drawn range, or not positive on
 *     a log axis, are ignored
 */
public record Figure(
    String fileName,
    String title,
    String xLabel,
    String yLabel,
    boolean logX,
    boolean logY,
    List<Series> series,
    String caption,
    List<Double> xTicks) {

  /** Copies the lists (null series stays null, for the writer's validation to report). */
  public Figure {
    series = series == null ? null : Collections.unmodifiableList(new ArrayList<>(series));
    xTicks = xTicks == null ? List.of() : List.copyOf(xTicks);
  }

  /** A figure whose x ticks are chosen from the data's range. */
  public Figure(String fileName, String title, String xLabel, String yLabel, boolean logX, boolean logY,
      List<Series> series, String caption) {
    this(fileName, title, xLabel, yLabel, logX, logY, series, caption, List.of());
  }
}
