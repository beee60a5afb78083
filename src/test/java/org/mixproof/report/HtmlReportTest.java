package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/**
 * {@code index.html} needs no network: KaTeX's script, style and fonts are inlined, nothing is fetched;
 * the claims table sits in a scroll container; every figure's {@code <img>} has the PNG's size.
 */
class HtmlReportTest {

  private static String render(Report report) {
    Map<String, FigureRenderer.Prepared> prepared = new java.util.LinkedHashMap<>();
    for (Figure f : report.figures()) prepared.put(f.fileName(), FigureRenderer.prepare(f));
    return HtmlDocument.render(report, prepared);
  }

  @Test
  void nothingIsFetchedFromTheNetworkAndKatexIsInlined() {
    String html = render(SampleReports.full());
    assertFalse(Pattern.compile("(?i)<link\\b").matcher(html).find(), "no <link>");
    assertFalse(Pattern.compile("(?i)@import").matcher(html).find(), "no @import");
    assertFalse(Pattern.compile("(?i)\\bsrc\\s*=\\s*[\"']?(https?:)?//").matcher(html).find(), "no remote src");
    assertFalse(Pattern.compile("(?i)\\bhref\\s*=\\s*[\"']?(https?:)?//").matcher(html).find(), "no remote href");
    Matcher url = Pattern.compile("url\\(([^)]{0,40})").matcher(html);
    int fonts = 0;
    while (url.find()) {
      assertTrue(url.group(1).startsWith("data:font/woff2;base64,"), "url(" + url.group(1) + "…) is not inlined");
      fonts++;
    }
    assertTrue(fonts >= 10, "KaTeX's fonts inlined: " + fonts);
    assertTrue(html.contains(KatexBundle.js()), "KaTeX's script inlined");
    assertTrue(html.contains("Permission is hereby granted"), "KaTeX's licence ships with it");
    assertTrue(html.contains(HtmlDocument.RENDER_MATH), "the statements are typeset on load");
    assertTrue(html.contains("<span class=\"math\" data-tex=\""), "statements carry their TeX");
  }

  @Test
  void theClaimsTableScrollsInsideItsContainer() {
    String html = render(SampleReports.full());
    assertTrue(html.contains(".table-wrap{overflow-x:auto"), "the container scrolls sideways");
    assertTrue(html.contains("<div class=\"table-wrap\">\n<table class=\"claims\">"), "the table is in it");
    assertTrue(html.contains("<code>lipschitz.<wbr>global</code>"), "ids may break at their dots");
  }

  @Test
  void panelFiguresAreWiderAndTheirImgSaysSo() {
    double[] x = {1, 10, 100};
    Figure panels = new Figure("panels.png", "two panels", "x", "y", true, true, List.of(
        new Series("a (left)", x, new double[] {1, 2, 3}, Series.Style.LINE_MARKERS, "left", "a", null),
        new Series("a (right)", x, new double[] {3, 2, 1}, Series.Style.LINE_MARKERS, "right", "a", null)), "");
    Report r = SampleReports.with(SampleReports.rows(), List.of(), List.of(panels));
    String html = render(r);
    int width = FigureRenderer.WIDTH + FigureRenderer.PANEL_WIDTH;
    assertTrue(html.contains("width=\"" + width + "\" height=\"" + FigureRenderer.HEIGHT + "\""), "img size of two panels");
    assertEquals(width, FigureRenderer.prepare(panels).width());
  }
}
