package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/** Bad input fails before anything is written, naming the parameter and the value. */
class ValidationTest {

  @TempDir Path tmp;

  /** Writes {@code report}, expects an IllegalArgumentException whose message has every fragment. */
  private void rejects(Report report, String... fragments) {
    Path out = tmp.resolve("reports");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(report, out));
    for (String f : fragments) assertTrue(e.getMessage().contains(f), "\"" + f + "\" not in: " + e.getMessage());
    assertFalse(Files.exists(out), "nothing is written for invalid input");
  }

  private static List<ClaimRow> rowsWithFirst(UnaryOperator<ClaimRow> change) {
    List<ClaimRow> rows = new ArrayList<>(SampleReports.rows());
    rows.set(0, change.apply(rows.get(0)));
    return rows;
  }

  private static ClaimRow withId(ClaimRow r, String id) {
    return new ClaimRow(id, r.title(), r.source(), r.statement(), r.expect(), r.verdict(), r.asExpected(),
        r.tries(), r.measureName(), r.measureValue(), r.where(), r.seed(), r.detail());
  }

  private static Figure withFileName(Figure f, String fileName) {
    return new Figure(fileName, f.title(), f.xLabel(), f.yLabel(), f.logX(), f.logY(), f.series(), f.caption());
  }

  @Test
  void nullOrBlankIdsAreRejected() {
    rejects(SampleReports.with(rowsWithFirst(r -> withId(r, null)), List.of(), List.of()), "rows[0].id", "null");
    rejects(SampleReports.with(rowsWithFirst(r -> withId(r, "  ")), List.of(), List.of()), "rows[0].id", "\"  \"");
  }

  @Test
  void duplicateIdsAreRejected() {
    List<ClaimRow> rows = new ArrayList<>(SampleReports.rows());
    rows.add(rows.get(2));
    rejects(SampleReports.with(rows, List.of(), List.of()), "rows[5].id", "\"moment.second\"");
  }

  @Test
  void idsThatAreNotPlainFileNamesAreRejected() {
    for (String id : List.of("a/b", "..", "a\\b", "../escape", "x..y")) {
      rejects(SampleReports.with(rowsWithFirst(r -> withId(r, id)), List.of(), List.of()), "rows[0].id", "\"" + id + "\"");
    }
  }

  @Test
  void unknownVerdictOrExpectationIsRejected() {
    List<ClaimRow> rows = rowsWithFirst(r -> new ClaimRow(r.id(), r.title(), r.source(), r.statement(), r.expect(),
        "PASSED", true, 1, "", Double.NaN, "", 1, ""));
    rejects(SampleReports.with(rows, List.of(), List.of()), "rows[0].verdict", "\"PASSED\"");
    rows = rowsWithFirst(r -> new ClaimRow(r.id(), r.title(), r.source(), r.statement(), "HOLDS",
        "HOLDS", true, 1, "", Double.NaN, "", 1, ""));
    rejects(SampleReports.with(rows, List.of(), List.of()), "rows[0].expect", "\"HOLDS\"");
  }

  @Test
  void duplicateFigureFileNamesAreRejected() {
    List<Figure> figures = new ArrayList<>(SampleReports.figures());
    figures.add(withFileName(figures.get(1), figures.get(0).fileName()));
    rejects(SampleReports.with(SampleReports.rows(), List.of(), figures), "figures[4].fileName", "\"lipschitz-vs-t.png\"");
  }

  @Test
  void figureFileNamesWithPathSeparatorsOrDotDotAreRejected() {
    for (String name : List.of("sub/plot.png", "..png", "../plot.png", "sub\\plot.png", "/abs.png")) {
      List<Figure> figures = List.of(withFileName(SampleReports.figures().get(0), name));
      rejects(SampleReports.with(SampleReports.rows(), List.of(), figures), "figures[0].fileName", "\"" + name + "\"");
    }
  }

  @Test
  void findingReferencingAMissingFigureIsRejected() {
    List<Finding> findings = List.of(new Finding("moment.second", "x", "missing.png", null));
    rejects(SampleReports.with(SampleReports.rows(), findings, SampleReports.figures()),
        "findings[0].figureFile", "\"missing.png\"");
  }

  @Test
  void findingReferencingAMissingClaimOrCounterexampleIsRejected() {
    rejects(SampleReports.with(SampleReports.rows(), List.of(new Finding("no.such", "x", null, null)), List.of()),
        "findings[0].claimId", "\"no.such\"");
    rejects(SampleReports.with(SampleReports.rows(),
            List.of(new Finding("moment.second", "x", null, "counterexamples/solver.ddpm.json")), List.of()),
        "findings[0].counterexampleFile", "\"counterexamples/solver.ddpm.json\"");
    rejects(SampleReports.with(SampleReports.rows(),
            List.of(new Finding("moment.second", "x", null, "../moment.second.json")), List.of()),
        "findings[0].counterexampleFile", "\"../moment.second.json\"");
  }

  @Test
  void counterexampleKeysMustBePlainFileNames() {
    TreeMap<String, String> cx = new TreeMap<>();
    cx.put("../evil", "{}");
    rejects(new Report("r", 1, "c", SampleReports.rows(), List.of(), List.of(), cx), "counterexamples key", "\"../evil\"");
  }

  @Test
  void nullPartsAreRejected() {
    rejects(new Report("r", 1, "c", null, List.of(), List.of(), new TreeMap<>()), "report.rows");
    rejects(new Report("r", 1, null, List.of(), List.of(), List.of(), new TreeMap<>()), "report.command");
    List<Figure> figures = List.of(new Figure("f.png", "t", "x", "y", false, false,
        List.of(new Series("s", null, new double[0])), ""));
    rejects(SampleReports.with(SampleReports.rows(), List.of(), figures), "figures[0].series[0].x");
    assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(null, tmp.resolve("x")));
    assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(SampleReports.full(), null));
  }
}
