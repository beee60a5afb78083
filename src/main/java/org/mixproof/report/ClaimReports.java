package org.mixproof.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.Witnesses;
import org.mixproof.figures.Figure;

/**
 * Assembles the report model from the claim layer's results and figure data: one row per claim,
 * the counterexample files, and the findings — what the catalog falsified, what it found loose
 * (worst tightness below {@link #LOOSE}), what it could not check — each linked to its witness or figure.
 */
public final class ClaimReports {

  /** A bound whose worst tightness over all tries is below this is reported as loose. */
  public static final double LOOSE = 0.1;

  private ClaimReports() {}

  /**
   * @param figures figure data by the claim id it illustrates (insertion order kept)
   */
  public static Report assemble(String title, long seed, String command, List<ClaimResult> results,
      List<Map.Entry<String, Figure>> figures) {
    return assemble(title, seed, command, results, figures, java.nio.file.Path.of("reports"));
  }

  /** As above, for a report written to {@code reportDir}: the replay hints name that directory's witness files. */
  public static Report assemble(String title, long seed, String command, List<ClaimResult> results,
      List<Map.Entry<String, Figure>> figures, java.nio.file.Path reportDir) {
    List<ClaimRow> rows = new ArrayList<>();
    SortedMap<String, String> counterexamples = new TreeMap<>();
    for (ClaimResult r : results) {
      rows.add(new ClaimRow(r.spec().id(), r.spec().title(), r.spec().source(), r.spec().statement(), r.spec().expect(),
          r.verdict().name(), r.asExpected(), r.tries(), r.measureName(), r.measure(), r.where(), r.seed(), r.detail(),
          certificate(r)));
      if (r.witness() != null) counterexamples.put(r.spec().id(), Witnesses.toJson(r.witness()));
    }
    List<Figure> rendered = new ArrayList<>();
    Map<String, String> figureOf = new TreeMap<>();
    for (Map.Entry<String, Figure> e : figures) {
      Figure f = e.getValue();
      rendered.add(f);
      figureOf.putIfAbsent(e.getKey(), f.fileName());
    }
    List<Finding> findings = new ArrayList<>();
    for (ClaimResult r : results) {
      String id = r.spec().id();
      String text = finding(r, reportDir);
      boolean hasFigure = figureOf.containsKey(id);
      if (text == null && hasFigure) text = "**" + id + "** " + r.verdict().name().toLowerCase(Locale.ROOT) + "; see the figure.";
      String transcription = transcriptionNote(r);
      if (text == null && transcription != null) text = "**" + id + "** " + r.verdict().name().toLowerCase(Locale.ROOT) + ".";
      if (text == null) continue;
      if (transcription != null) text += " " + transcription;
      findings.add(new Finding(id, text, figureOf.get(id),
          counterexamples.containsKey(id) ? ReportWriter.COUNTEREXAMPLES + "/" + id + ".json" : null));
    }
    return new Report(title, seed, command, rows, findings, rendered, counterexamples);
  }

  /**
   * For a claim read from a secondary or reconstructed transcription (docs/claims.md §5.4's provenance
   * rule), the sentence that says the verdict is about that transcription; null for primary or none.
   */
  static String transcriptionNote(ClaimResult r) {
    String p = ClaimRow.provenanceOf(r.spec().source());
    if (!p.equals("secondary") && !p.equals("reconstructed")) return null;
    return "This verdict is about a *" + p + "* transcription (" + r.spec().source() + "), not about the paper's own"
        + " text.";
  }

  /** The finding a result makes by itself, or null when it is unremarkable. */
  /** The certificate column: the box certificates' tally, else the witness's point-certificate status, else "". */
  public static String certificate(ClaimResult r) {
    if (!r.certificate().isEmpty()) return r.certificate();
    Object c = r.witness() == null ? null : r.witness().get("certificate");
    if (c instanceof Map<?, ?> m && m.get("status") != null) return m.get("status").toString();
    return "";
  }

  /** One sentence on the falsification's certificate, or "" when it has none. */
  static String certificateSentence(ClaimResult r) {
    Object c = r.witness() == null ? null : r.witness().get("certificate");
    if (!(c instanceof Map<?, ?> m) || m.get("status") == null) return "";
    return " " + ("CERTIFIED".equals(m.get("status"))
        ? "The falsification is certified in outward-rounded interval arithmetic (docs/claims.md §8): " + m.get("reason") + "."
        : "The falsification is not certified (" + m.get("reason") + "): it rests on the search and the 60-digit oracle.");
  }

  static String finding(ClaimResult r, java.nio.file.Path reportDir) {
    String id = r.spec().id();
    String expected = r.asExpected() ? "" : " (**unexpected**: the file expects `" + r.spec().expect() + "`)";
    if (r.spec().quantity().equals("published-value")) {
      // a paper's printed number beside the values the run computed under each reading of its column
      return "**" + id + "** " + r.verdict().name().toLowerCase(Locale.ROOT) + expected + ": " + r.spec().statement() + ". "
          + r.detail() + ".";
    }
    if (r.verdict() == Verdict.FALSIFIED) {
      return "**" + id + "** is falsified" + expected + ": " + r.detail() + ", at " + r.where() + "." + certificateSentence(r)
          + " Replay the witness with `mixproof replay " + reportDir.resolve(ReportWriter.COUNTEREXAMPLES).resolve(id + ".json") + "`.";
    }
    if (r.verdict() == Verdict.ERROR) return "**" + id + "** could not be checked" + expected + ": " + r.detail();
    if (r.verdict() == Verdict.NOT_RUN) return "**" + id + "** was not run" + expected + ": " + r.detail();
    if (r.verdict() == Verdict.VACUOUS) return "**" + id + "** is vacuous here" + expected + ": " + r.detail();
    if (r.verdict() == Verdict.HOLDS && "tightness".equals(r.measureName()) && r.measure() < LOOSE) {
      return String.format(Locale.ROOT, "**%s** holds but is loose: the worst case found reaches %.3g of the bound (at %s)%s.",
          id, r.measure(), r.where(), expected);
    }
    if (!r.asExpected()) return "**" + id + "** " + r.verdict() + expected + ": " + r.detail();
    return null;
  }
}
