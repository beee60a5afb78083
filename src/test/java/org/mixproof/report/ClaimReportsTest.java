package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/** The report model from claim results: rows, counterexample files and findings. */
class ClaimReportsTest {

  static ClaimSpec spec(String id, String expect) {
    return ClaimFiles.parse("id = " + id + "\ntitle = T\nsource = S\nstatement = x <= 1\nquantity = lipschitz\n"
        + "bound = 1\nexpect = " + expect + "\n", Path.of(id + ".properties"));
  }

  static ClaimResult result(String id, String expect, Verdict v, double measure, Map<String, Object> witness) {
    return new ClaimResult(spec(id, expect), v, 10, 0, 0, v == Verdict.FALSIFIED ? "measured/bound" : "tightness", measure,
        "here", 1, "detail", witness);
  }

  @Test
  void findingsNameFalsifiedLooseAndUnexpectedClaimsWithTheirFiles() {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("claim", "bad");
    List<ClaimResult> results = List.of(
        result("bad", "falsified", Verdict.FALSIFIED, 3, w),
        result("loose", "holds", Verdict.HOLDS, 0.01, null),
        result("tight", "holds", Verdict.HOLDS, 0.99, null),
        result("surprise", "holds", Verdict.FALSIFIED, 2, new LinkedHashMap<>(Map.of("claim", "surprise"))));
    Figure fig = new Figure("f.png", "F", "x", "y", false, false,
        List.of(new Series("l", new double[] {1, 2}, new double[] {3, 4})), "c");
    Report r = ClaimReports.assemble("t", 1, "cmd", results, List.of(Map.entry("tight", fig)));
    assertEquals(4, r.rows().size());
    assertEquals(List.of("bad", "surprise"), List.copyOf(r.counterexamples().keySet()));
    Map<String, Finding> byId = new LinkedHashMap<>();
    for (Finding f : r.findings()) byId.put(f.claimId(), f);
    assertEquals("counterexamples/bad.json", byId.get("bad").counterexampleFile());
    assertTrue(byId.get("bad").markdown().contains("falsified") && byId.get("bad").markdown().contains("mixproof replay"));
    assertTrue(byId.get("loose").markdown().contains("loose") && byId.get("loose").markdown().contains("0.01"));
    assertNull(byId.get("loose").figureFile());
    assertEquals("f.png", byId.get("tight").figureFile(), "an unremarkable claim appears only for its figure");
    assertTrue(byId.get("surprise").markdown().contains("unexpected"));
    assertTrue(!r.rows().get(3).asExpected());
  }

  /** docs/claims.md §5.4's provenance rule: the label is read from the source, and a non-primary verdict says so. */
  @Test
  void provenanceColumnAndTranscriptionNote() {
    assertEquals("secondary", ClaimRow.provenanceOf("[X] Thm 1 — Secondary: read from notes; primary text unavailable"));
    assertEquals("primary", ClaimRow.provenanceOf("[LY24] Thm 1, eq. 2.4 — primary"));
    assertEquals("reconstructed", ClaimRow.provenanceOf("bound reconstructed from the abstract"));
    assertEquals("", ClaimRow.provenanceOf("[PG24] closed forms"), "no label: a proved identity");
    assertEquals("", ClaimRow.provenanceOf("preliminary notes"), "a label is a whole word");
    ClaimSpec second = ClaimFiles.parse("id = g\ntitle = T\nsource = [P] Thm 2 — secondary: restated in notes\n"
        + "statement = x <= 1\nquantity = lipschitz\nbound = 1\nexpect = holds\n", Path.of("g.properties"));
    ClaimResult holds = new ClaimResult(second, Verdict.HOLDS, 10, 0, 0, "tightness", 0.5, "here", 1, "detail", null);
    Report r = ClaimReports.assemble("t", 1, "cmd", List.of(holds, result("plain", "holds", Verdict.HOLDS, 0.5, null)),
        List.of());
    assertEquals("secondary", r.rows().get(0).provenance());
    assertEquals(1, r.findings().size(), "only the secondary claim gets a finding: " + r.findings());
    String text = r.findings().get(0).markdown();
    assertTrue(text.contains("*secondary* transcription") && text.contains("[P] Thm 2"), text);
  }

  @Test
  void figureStylesPanelsAndTicksReachTheReport() {
    Figure f = new Figure("f.png", "t", "x", "y", true, true, List.of(
        new Series("a (p)", new double[] {1, 2}, new double[] {1, 2}, Series.Style.MARKERS).inPanel("p", "a"),
        new Series("b", new double[] {1, 2}, new double[] {2, 3}, Series.Style.DASHED).inGroup("a")),
        "", List.of(1.0, 2.0));
    Figure g = ClaimReports.assemble("t", 1, "c", List.of(), List.of(Map.entry("x", f))).figures().get(0);
    assertEquals(List.of(1.0, 2.0), g.xTicks());
    assertEquals(new Series("a (p)", new double[] {1, 2}, new double[] {1, 2}, Series.Style.MARKERS, "p", "a", "a"), g.series().get(0));
    assertEquals(Series.Style.DASHED, g.series().get(1).style());
    assertEquals("a", g.series().get(1).group());
  }
}
