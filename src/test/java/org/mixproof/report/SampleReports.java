package org.mixproof.report;

import java.util.List;
import java.util.TreeMap;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/** Reports for the tests: one that exercises every feature, and variations of it. */
final class SampleReports {

  private SampleReports() {}

  static final String ESCAPE_STATEMENT = "‖∇log p_t(x) − ∇log p_t(y)‖ < L‖x − y‖ & <b>bold</b> | a_t*b";

  static ClaimRow row(String id, String expect, String verdict, boolean asExpected, double measure) {
    return new ClaimRow(id, "Title of " + id, "Paper 2024, Lemma 3", "statement of " + id, expect, verdict,
        asExpected, 200, "tightness", measure, "t = 0.01, d = 2", 42, "");
  }

  static List<ClaimRow> rows() {
    return List.of(
        new ClaimRow("lipschitz.global", "Global Lipschitz bound", "Smith & Jones 2024, Lemma 3.1",
            ESCAPE_STATEMENT, "holds", "HOLDS", true, 1000, "tightness", 0.97312345, "t = 1e-3, k = 2", 7, ""),
        new ClaimRow("lipschitz.global-unequal", "Unequal covariances", "Smith 2023, Thm 2",
            "L ≤ 1/λ_min", "falsified", "FALSIFIED", true, 17, "measured/bound", 3.5e7, "x = (0, 1)", 7,
            "shrunk in 12 steps"),
        new ClaimRow("moment.second", "Second moment", "Doe 2022, (4.2)", "E|X_t|² ≤ m2 + d",
            "holds", "FALSIFIED", false, 400, "Ĉ", 1.0e-9, "t = 5", 8, "unexpected: see findings"),
        new ClaimRow("solver.ddpm", "DDPM rate", "Chen et al. 2023", "TV ≤ C h", "holds", "VACUOUS", false,
            0, "", Double.NaN, "", 9, "hypotheses never met"),
        new ClaimRow("solver.error", "Broken claim", "—", "—", "holds", "ERROR", false, 3, "Ĉ",
            Double.POSITIVE_INFINITY, "", 10, "division by zero in bound"));
  }

  static List<Figure> figures() {
    double[] t = {1e-3, 1e-2, 1e-1, 1, 10};
    return List.of(
        new Figure("lipschitz-vs-t.png", "Lipschitz constant vs t", "t", "L", true, true, List.of(
            new Series("measured", t, new double[] {900, 95, 11, 1.2, 1.0}),
            new Series("bound", t, new double[] {1000, 100, 12, 0, -1}),
            new Series("empty", new double[0], new double[0])),
            "Measured against two bounds."),
        new Figure("moment-vs-t.png", "Second moment vs t", "t", "E|X_t|²", false, false, List.of(
            new Series("measured", t, new double[] {2.0, 2.1, 2.5, Double.NaN, 3.0}),
            new Series("single", new double[] {0.5}, new double[] {2.2})),
            ""),
        new Figure("nothing.png", "Nothing to draw", "x", "y", true, false, List.of(
            new Series("negative only", new double[] {-1, -2}, new double[] {1, 2})),
            "All points invalid."),
        new Figure("no-series.png", "No series at all", "x", "y", false, true, List.of(), "Empty."));
  }

  static TreeMap<String, String> counterexamples() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("moment.second", "{\n  \"t\": 5,\n  \"measured\": 3.1\n}\n");
    m.put("lipschitz.global-unequal", "{\"x\": [0, 1], \"seed\": 7}");
    return m;
  }

  static List<Finding> findings() {
    return List.of(
        new Finding("lipschitz.global-unequal", "The bound fails for **unequal** covariances: `L = 3.5e7`.\n\n- shrunk\n- replayable",
            "lipschitz-vs-t.png", "counterexamples/lipschitz.global-unequal.json"),
        new Finding("moment.second", "Loose by a factor < 10 & more.", null, "counterexamples/moment.second.json"),
        new Finding("solver.ddpm", "Never met its hypotheses.", "moment-vs-t.png", null));
  }

  static Report full() {
    return new Report("mixproof claims <report> & findings", 42, "mixproof check --seed 42 --out reports/",
        rows(), findings(), figures(), counterexamples());
  }

  static Report with(List<ClaimRow> rows, List<Finding> findings, List<Figure> figures) {
    return new Report("r", 1, "mixproof check", rows, findings, figures, counterexamples());
  }
}
