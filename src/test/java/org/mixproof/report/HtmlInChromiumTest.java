package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index.html} as a reader sees it: rendered by headless Chromium with the network cut off, every
 * statement of the claim catalog is typeset by the inlined KaTeX without an error, and the claims table
 * fits a laptop screen (1366 px wide) without a sideways scroll, while a narrow window scrolls the
 * table's container, not the page. Skipped, saying so, where {@code /usr/bin/chromium} is missing
 * (Debian: {@code apt-get install -y chromium}).
 */
class HtmlInChromiumTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir static Path tmp;
  static Path page;
  static int mathRuns;

  @BeforeAll
  static void writeTheCatalogAsAReport() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is missing, so index.html is not"
        + " rendered; install Debian's chromium (apt-get install -y chromium) to check that its statements typeset"
        + " offline and its table fits a laptop screen");
    List<ClaimRow> rows = new ArrayList<>();
    List<String> statements = StatementMathTest.catalogStatements();
    for (int i = 0; i < statements.size(); i++) {
      String s = statements.get(i);
      for (StatementMath.Segment g : StatementMath.segments(s)) if (g.math()) mathRuns++;
      // sources, places and seeds as long as the catalog's
      rows.add(new ClaimRow("solver.gaussian.sde-beats-ode-init-" + i, "Title " + i,
          "[CLW25] arXiv:2501.01234, Theorem 3.2 (secondary: a public reproduction of their v1, docs/claims.md §5.4)",
          s, "holds", i % 7 == 3 ? "FALSIFIED" : "HOLDS", i % 7 != 3, 1000, "error/tolerance", 0.0275712,
          "d=3 k=2 ve-geometric:0.046,76.4 t=3.538e-08 x=(4.680, -1.759, 0.0002080, 1.888)", 20261122, ""));
    }
    Report report = new Report("mixproof claim catalog", 1, "java -jar target/mixproof.jar check", rows, List.of(),
        List.of(), new TreeMap<>());
    Path out = tmp.resolve("reports");
    ReportWriter.write(report, out);
    page = out.resolve(ReportWriter.INDEX_HTML);
  }

  /** The page's DOM after load, with a script that records the layout in {@code data-layout}. */
  private static String dom(int width) throws IOException, InterruptedException {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String probe = "<script>document.fonts.ready.then(function () {"
        + "var t = document.querySelector('table.claims'), w = document.querySelector('.table-wrap');"
        + "document.body.setAttribute('data-layout', 'page ' + document.documentElement.scrollWidth + ' window '"
        + " + window.innerWidth + ' table ' + t.scrollWidth + ' container ' + w.clientWidth"
        + " + ' katex ' + document.querySelectorAll('span.math > .katex').length);});</script>\n</body>";
    Path probed = page.resolveSibling("probed-" + width + ".html");
    Files.writeString(probed, html.replace("</body>", probe), StandardCharsets.UTF_8);
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--window-size=" + width + ",768", "--virtual-time-budget=10000", "--dump-dom", probed.toUri().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static Map<String, Integer> layout(String dom) {
    Matcher m = Pattern.compile("data-layout=\"([^\"]*)\"").matcher(dom);
    assertTrue(m.find(), "the layout probe ran (no data-layout in the DOM)");
    String[] parts = m.group(1).split(" ");
    Map<String, Integer> values = new TreeMap<>();
    for (int i = 0; i + 1 < parts.length; i += 2) values.put(parts[i], Integer.parseInt(parts[i + 1]));
    return values;
  }

  @Test
  void everyStatementIsTypesetOfflineAndTheTableFitsALaptop() throws Exception {
    String dom = dom(1366);
    Matcher math = Pattern.compile("data-math=\"(\\d+) rendered, (\\d+) failed\"").matcher(dom);
    assertTrue(math.find(), "the inlined KaTeX ran (no data-math on <html>)");
    assertEquals(mathRuns, Integer.parseInt(math.group(1)), "runs of mathematics typeset");
    assertEquals(0, Integer.parseInt(math.group(2)), "runs KaTeX refused");
    Map<String, Integer> l = layout(dom);
    assertEquals(mathRuns, l.get("katex"), "KaTeX output in every math span: " + l);
    assertTrue(l.get("page") <= l.get("window"), "the page scrolls sideways: " + l);
    assertTrue(l.get("table") <= l.get("container"), "at 1366 px the table fits without scrolling: " + l);
  }

  @Test
  void aNarrowWindowScrollsTheTableNotThePage() throws Exception {
    Map<String, Integer> l = layout(dom(800));
    assertNotNull(l.get("page"));
    assertTrue(l.get("page") <= l.get("window"), "the page scrolls sideways: " + l);
    assertTrue(l.get("container") <= l.get("window"), "the container is as wide as the window at most: " + l);
  }
}
