package org.mixproof.report;

import java.util.List;
import java.util.SortedMap;
import org.mixproof.figures.Figure;

/**
 * Everything {@link ReportWriter#write} renders: computed elsewhere (by {@code claim/}), rendered
 * here without further computation.
 *
 * <p>The lists and the map are copied on the way in (unmodifiable copies; null stays null, for the
 * writer's validation to report). Order is kept: rows, findings and figures appear in list order,
 * counterexamples in the map's order.
 *
 * @param title the reports' title
 * @param seed the run's seed
 * @param command the command that reproduces the reports, e.g. {@code mixproof check --seed 1}
 * @param rows one per claim, ids unique
 * @param findings the "Findings" section
 * @param figures the plots; file names unique
 * @param counterexamples claim id → JSON text, written verbatim to {@code counterexamples/<id>.json}
 */
public record Report(
    String title,
    long seed,
    String command,
    List<ClaimRow> rows,
    List<Finding> findings,
    List<Figure> figures,
    SortedMap<String, String> counterexamples) {

  /** Copies the collections. */
  public Report {
    rows = ReportCollections.copy(rows);
    findings = ReportCollections.copy(findings);
    figures = ReportCollections.copy(figures);
    counterexamples = ReportCollections.copy(counterexamples);
  }
}
