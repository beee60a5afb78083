package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.figures.Figure;

/** What {@code claims.md} and {@code index.html} say, and how they escape it. */
class DocumentsTest {

  @TempDir static Path tmp;
  static Path out;
  static String md;
  static String html;

  @BeforeAll
  static void write() throws IOException {
    out = tmp.resolve("reports");
    ReportWriter.write(SampleReports.full(), out);
    md = Files.readString(out.resolve("claims.md"), StandardCharsets.UTF_8);
    html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
  }

  @Test
  void everyRowAppearsWithItsVerdictInBothDocuments() {
    for (ClaimRow r : SampleReports.rows()) {
      String mdLine = tableLine(md, Text.markdown(r.id()));
      assertTrue(mdLine.contains(r.verdict()), mdLine);
      assertTrue(mdLine.contains(Long.toString(r.seed())), mdLine);
      String htmlRow = htmlRow(Text.html(r.id()));
      assertTrue(htmlRow.contains(r.verdict()), htmlRow);
    }
  }

  @Test
  void unexpectedVerdictsAreMarkedAndExpectedOnesAreNot() {
    for (ClaimRow r : SampleReports.rows()) {
      String mdLine = tableLine(md, Text.markdown(r.id()));
      String htmlRow = htmlRow(Text.html(r.id()));
      assertEquals(!r.asExpected(), mdLine.contains(Summary.UNEXPECTED_MARK), mdLine);
      assertEquals(!r.asExpected(), htmlRow.startsWith("<tr class=\"unexpected\">"), htmlRow);
      assertEquals(!r.asExpected(), htmlRow.contains("(expected: " + r.expect() + ")"), htmlRow);
    }
  }

  @Test
  void htmlEscapesTextAndHasNoRawMarkupFromInput() {
    // the statement cell, its math spans taken away, is the escaped statement
    Matcher cell = Pattern.compile("<td class=\"statement\">(.*?)</td>").matcher(htmlRow(Text.html("lipschitz.global")));
    assertTrue(cell.find());
    String text = cell.group(1).replaceAll("<span class=\"math\" data-tex=\"[^\"]*\">|</span>", "");
    // SampleReports.ESCAPE_STATEMENT escaped by hand: & < > become entities, the rest is kept
    assertEquals("‖∇log p_t(x) − ∇log p_t(y)‖ &lt; L‖x − y‖ &amp; &lt;b&gt;bold&lt;/b&gt; | a_t*b", text);
    assertTrue(text.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assertTrue(html.contains(" &amp; "));
    assertFalse(html.contains("<b>"));
    assertFalse(html.contains("<report>"));
    assertTrue(html.contains("<title>mixproof claims &lt;report&gt; &amp; findings</title>"));
  }

  @Test
  void markdownEscapesTableBreakingCharacters() {
    String line = tableLine(md, Text.markdown("lipschitz.global"));
    // 11 columns (id, source, provenance, statement, expect, verdict, certificate, tries, measure, where, seed):
    // 12 unescaped pipes
    assertEquals(12, unescapedPipes(line), line);
    assertFalse(md.contains("<b>"));
  }

  @Test
  void reproducingCommandAndSeedArePrinted() {
    String command = SampleReports.full().command();
    assertTrue(md.contains("\n" + command + "\n"), "claims.md shows the command in a code block");
    assertTrue(md.contains("Seed: 42"));
    assertTrue(html.contains("<pre><code>mixproof check --seed 42 --out reports/</code></pre>"), "index.html shows the command");
  }

  @Test
  void findingsLinkToExistingFiguresAndCounterexamples() {
    for (Finding f : SampleReports.findings()) {
      for (String target : new String[] {
          f.figureFile() == null ? null : "figures/" + f.figureFile(), f.counterexampleFile()}) {
        if (target == null) continue;
        assertTrue(Files.isRegularFile(out.resolve(target)), target);
        assertTrue(md.contains("](" + target + ")"), "claims.md links " + target);
        assertTrue(html.contains("<a href=\"" + target + "\">"), "index.html links " + target);
      }
    }
    assertTrue(html.contains("<strong>unequal</strong>"), "bold in a finding");
    assertTrue(html.contains("<code>L = 3.5e7</code>"), "code in a finding");
    assertTrue(html.contains("<li>replayable</li>"), "list in a finding");
    assertTrue(html.contains("Loose by a factor &lt; 10 &amp; more."), "finding text escaped");
  }

  @Test
  void everyFigureIsEmbeddedWithItsCaption() {
    for (Figure f : SampleReports.figures()) {
      String path = "figures/" + f.fileName();
      assertTrue(Files.isRegularFile(out.resolve(path)), path);
      assertTrue(md.contains("](" + path + ")"), path);
      assertTrue(html.contains("<img src=\"" + path + "\""), path);
    }
    assertTrue(md.contains("*Measured against two bounds. (“bound”: 2 points with a non-positive value on a log axis not shown"),
        "caption with the dropped points");
    assertTrue(html.contains("<figcaption>Measured against two bounds."), "caption in HTML");
  }

  @Test
  void measuresAreFormattedAndMissingOnesShownAsDash() {
    assertTrue(tableLine(md, Text.markdown("solver.ddpm")).contains("| \u2014 |"));
    assertTrue(tableLine(md, Text.markdown("lipschitz.global")).contains("tightness = 0.9731"), "0.97312345 to four significant digits");
  }

  @Test
  void filesNameNoAbsolutePath() throws IOException {
    for (Map.Entry<String, byte[]> f : Trees.read(out).entrySet()) {
      String text = new String(f.getValue(), StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(tmp.toString()), f.getKey() + " contains the output path");
    }
  }

  @Test
  void counterexamplesAreWrittenVerbatim() throws IOException {
    for (Map.Entry<String, String> e : SampleReports.counterexamples().entrySet()) {
      assertEquals(e.getValue(),
          Files.readString(out.resolve("counterexamples/" + e.getKey() + ".json"), StandardCharsets.UTF_8));
    }
  }

  @Test
  void documentsAreUnixTextEndingInOneNewline() {
    for (String doc : List.of(md, html)) {
      assertFalse(doc.contains("\r"));
      assertTrue(doc.endsWith("\n") && !doc.endsWith("\n\n"));
    }
  }

  private static String tableLine(String markdown, String escapedId) {
    for (String line : markdown.split("\n")) if (line.startsWith("| " + escapedId + " |")) return line;
    throw new AssertionError("no table row for " + escapedId);
  }

  private static String htmlRow(String escapedId) {
    String id = Pattern.quote(escapedId).replace(".", "\\E\\.(?:<wbr>)?\\Q"); // ids may break at their dots
    Matcher m = Pattern.compile("<tr[^>]*><td><code>" + id + "</code></td>.*?</tr>").matcher(html);
    if (!m.find()) throw new AssertionError("no HTML row for " + escapedId);
    return m.group();
  }

  private static int unescapedPipes(String line) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) n++;
    }
    return n;
  }
}
