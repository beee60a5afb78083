package org.mixproof.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What both documents say the same way: the counts line, verdict and measure cells, link targets. */
final class Summary {

  /** The verdicts, in the order the counts line lists them. */
  static final List<String> VERDICTS = List.of("HOLDS", "FALSIFIED", "VACUOUS", "ERROR", "NOT_RUN");

  /** The expectations a claim can carry. */
  static final List<String> EXPECTS = List.of("holds", "falsified");

  private Summary() {}

  /** e.g. "12 claims, 11 as expected, 1 not. HOLDS 9 · FALSIFIED 2 · VACUOUS 0 · ERROR 1." */
  static String counts(List<ClaimRow> rows) {
    long expected = rows.stream().filter(ClaimRow::asExpected).count();
    StringBuilder b = new StringBuilder();
    b.append(rows.size()).append(rows.size() == 1 ? " claim, " : " claims, ")
        .append(expected).append(" as expected, ").append(rows.size() - expected).append(" not. ");
    for (int i = 0; i < VERDICTS.size(); i++) {
      String v = VERDICTS.get(i);
      if (i > 0) b.append(DOT);
      b.append(v).append(' ').append(rows.stream().filter(r -> r.verdict().equals(v)).count());
    }
    return b.append('.').toString();
  }

  /** The marker put before an unexpected verdict. */
  static final String UNEXPECTED_MARK = "\u26a0";

  /** "(expected: holds)" after an unexpected verdict. */
  static String expectedNote(ClaimRow row) {
    return "(expected: " + row.expect() + ")";
  }

  /** "name = value", the value alone when unnamed, "—" when neither. */
  static String measure(ClaimRow row) {
    String name = row.measureName().strip();
    // a ratio (measured/bound) of a violation must not print as 1
    String value = name.contains("/") ? Numbers.formatApartFromOne(row.measureValue()) : Numbers.format(row.measureValue());
    if (name.isEmpty()) return value;
    return name + " = " + value;
  }

  /** The text, or "—" when it is blank. */
  static String orDash(String s) {
    return s.isBlank() ? "\u2014" : s;
  }

  /**
   * A link under a finding.
   *
   * @param label what it is: "Figure" or "Counterexample"
   * @param path the target, relative to the reports' directory
   * @param text the link text
   */
  record Link(String label, String path, String text) {}

  /** The links under a finding: its figure (titled), then its counterexample file. */
  static List<Link> links(Finding f, Map<String, FigureRenderer.Prepared> figures) {
    List<Link> links = new ArrayList<>(2);
    if (f.figureFile() != null) {
      links.add(new Link("Figure", figurePath(f.figureFile()), figures.get(f.figureFile()).figure().title()));
    }
    if (f.counterexampleFile() != null) {
      links.add(new Link("Counterexample", f.counterexampleFile(), f.counterexampleFile()));
    }
    return links;
  }

  /** The separator between links and between counts. */
  static final String DOT = " \u00b7 ";

  /** Where a figure is, relative to the reports' directory. */
  static String figurePath(String fileName) {
    return ReportWriter.FIGURES + "/" + fileName;
  }

  /** A text with its line ends as "\n" and no trailing blank. */
  static String normalized(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
  }
}
