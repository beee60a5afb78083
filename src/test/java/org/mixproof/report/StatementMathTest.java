package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Statements split into prose and mathematics: nothing lost, balanced TeX, the notation read right. */
class StatementMathTest {

  /** Every statement of the claim catalog (properties/*.properties), in file order. */
  static List<String> catalogStatements() throws IOException {
    List<String> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("properties"))) {
      files = s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
    }
    for (Path f : files) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      if (p.getProperty("statement") != null) out.add(p.getProperty("statement"));
    }
    return out;
  }

  private static String math(String statement) {
    StringBuilder b = new StringBuilder();
    for (StatementMath.Segment g : StatementMath.segments(statement)) if (g.math()) b.append(g.tex()).append(" ; ");
    return b.toString();
  }

  private static List<String> prose(String statement) {
    return StatementMath.segments(statement).stream().filter(g -> !g.math()).map(g -> g.text().strip()).toList();
  }

  @Test
  void everyCatalogStatementSplitsWithoutLossIntoBalancedTex() throws IOException {
    List<String> statements = catalogStatements();
    assertTrue(statements.size() >= 30, "statements read: " + statements.size());
    for (String s : statements) {
      StringBuilder joined = new StringBuilder();
      boolean anyMath = false;
      for (StatementMath.Segment g : StatementMath.segments(s)) {
        joined.append(g.text());
        if (!g.math()) continue;
        anyMath = true;
        int depth = 0;
        for (char c : g.tex().replace("\\{", "").replace("\\}", "").toCharArray()) {
          depth += c == '{' ? 1 : c == '}' ? -1 : 0;
          assertTrue(depth >= 0, "unbalanced TeX " + g.tex() + " in: " + s);
        }
        assertEquals(0, depth, "unbalanced TeX " + g.tex() + " in: " + s);
        assertFalse(g.tex().isBlank(), "empty TeX for '" + g.text() + "' in: " + s);
      }
      assertEquals(s, joined.toString(), "the runs rebuild the statement");
      assertTrue(anyMath, "no mathematics found in: " + s);
    }
  }

  @Test
  void theNotationIsReadAsTheCatalogMeansIt() {
    String ball = "‖x‖ <= β ⇒ L_t <= max(1/λmin(t), (β + a_t R)²/λmin(t)² − 1/λmax(t))";
    String tex = math(ball);
    for (String part : List.of("\\| x \\|", "\\le \\beta", "\\Rightarrow", "L_{t}", "\\max", "\\lambda_{\\min}",
        "a_{t} R", "^{2}", "\\lambda_{\\max} ( t ) )")) {
      assertTrue(tex.contains(part), part + " in " + tex);
    }
    assertEquals(List.of(), prose(ball), "a formula alone is one run of mathematics");
    // Σ: the sum before a term, the covariance otherwise
    assertTrue(math("m2(t) = a_t² Σ π_i (‖μ_i‖² + tr Σ_i) + b_t² d").contains("\\sum \\pi_{i}"));
    assertTrue(math("m2(t) = a_t² Σ π_i (‖μ_i‖² + tr Σ_i) + b_t² d").contains("\\operatorname{tr} \\Sigma_{i}"));
    assertTrue(math("Σ_i = Σ ⇒ x").startsWith("\\Sigma_{i} = \\Sigma \\Rightarrow"));
    assertTrue(math("max(1, Σ_{i<j} sup e^{−|ℓ_i−ℓ_j|})").contains("\\sum_{i < j} \\sup e^{- | \\ell_{i} - \\ell_{j} |}"));
    // expectation, normal law, the space, roots, numbers, accents, Unicode scripts
    assertTrue(math("s(x) = (a_t E[X_0 | X_t = x] − x) / b_t²").contains("\\mathbb{E} [ X_{0} | X_{t} = x ]"));
    String tv = math("TV ≲ √KL(p0‖N(0,I)) e^{−T} + (L √(d h) + L m₂ h) √T, m₂ = √E‖X_0‖²");
    for (String part : List.of("\\mathrm{TV} \\lesssim", "\\sqrt{\\mathrm{KL} ( p_{0} \\| \\mathcal{N} ( 0 , I ) )}",
        "e^{- T}", "\\sqrt{d h}", "m_{2}", "\\sqrt{T}", "\\sqrt{\\mathbb{E} \\| X_{0} \\| ^{2}}")) {
      assertTrue(tv.contains(part), part + " in " + tv);
    }
    assertTrue(math("k = 1 ⇒ L_t(R^d) = 1/λmin(t)").contains("\\mathbb{R}^{d}"));
    assertTrue(math("start ε = 1e-5 here").contains("\\varepsilon = 10^{-5}"));
    assertTrue(math("H = Hᵀ").contains("H^{\\top}"));
    assertTrue(math("Ĉ = TV/(ε √T)").startsWith("\\hat{C} ="));
    assertTrue(math("L̂ of a mixture").startsWith("\\hat{L}"));
    assertTrue(math("ε_score → 0").contains("\\varepsilon_{\\text{score}} \\to 0"));
  }

  @Test
  void proseStaysProse() {
    assertEquals(List.of("for all"), prose("‖x‖ <= β ⇒ ‖s‖ <= 2R for all t > 0").subList(0, 1));
    assertEquals(List.of("singular with a shared null direction", "for all"),
        prose("Σ_i singular with a shared null direction ⇒ L_t · b_t² >= 1 for all t > 0"));
    List<String> p = prose("T1 < T2 ⇒ W2(init-error at T2) < W2(init-error at T1), SDE and ODE");
    assertTrue(p.contains(", SDE and ODE"), p.toString());
    assertTrue(p.contains("(init-error at"), p.toString());
    List<String> t = prose("[PG24] Table 5's W2 = 23.42 (ode-heun, ε = 1e-5, column \"NFE = 50\") is the exact W2 with 50 grid points");
    assertTrue(t.get(0).equals("[PG24] Table 5's"), t.toString());
    assertTrue(t.stream().anyMatch(x -> x.contains("column \"NFE = 50\")")), t.toString());
    assertTrue(t.contains("with 50 grid points"), "a number after prose is prose: " + t);
    // the acronym KT inside mathematics is mathematics
    assertTrue(math("TV ≲ ln(KT)² ln(T)²/T with T noise levels").contains("\\ln ( KT ) ^{2}"));
    assertTrue(prose("normalised |double − oracle| ≤ 16(d+1)² u κ").contains("double − oracle"));
  }

  @Test
  void htmlCellKeepsTheStatementAndEscapesIt() {
    String s = SampleReports.ESCAPE_STATEMENT;
    String html = HtmlDocument.statement(s);
    assertFalse(html.contains("<b>"), html);
    assertEquals(Text.html(s), html.replaceAll("<span class=\"math\" data-tex=\"[^\"]*\">|</span>", ""));
    assertTrue(html.contains("<span class=\"math\" data-tex=\""), html);
  }
}
