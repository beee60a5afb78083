package org.mixproof.report;

import java.util.List;

/**
 * One plot, written as {@code figures/<fileName>} (a PNG of fixed size) and embedded in the reports.
 *
 * @param fileName the PNG's file name, e.g. {@code lipschitz-vs-t.png}: ends in {@code .png}, no
 *     path separator, no {@code ..}; unique within a report
 * @param title the plot's title
 * @param xLabel the x axis title
 * @param yLabel the y axis title
 * @param logX whether the x axis is logarithmic (points with x ≤ 0 are then dropped)
 * @param logY whether the y axis is logarithmic (points with y ≤ 0 are then dropped)
 * @param series the lines, drawn in this order; may be empty
 * @param caption the caption under the figure in the reports; a note on dropped points is appended
 */
public record Figure(
    String fileName,
    String title,
    String xLabel,
    String yLabel,
    boolean logX,
    boolean logY,
    List<Series> series,
    String caption) {

  /** Copies the list (null stays null, for the writer's validation to report). */
  public Figure {
    series = ReportCollections.copy(series);
  }
}
