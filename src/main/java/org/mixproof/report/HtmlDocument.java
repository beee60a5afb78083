package org.mixproof.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mixproof.figures.Figure;

/**
 * {@code index.html}: the content of {@code claims.md} as one self-contained page — inline CSS, no
 * external resource; images and counterexamples linked relative to the page. The statements are
 * typeset as mathematics by KaTeX, inlined in the page with its fonts ({@link KatexBundle}), so they
 * render with no network; where no script runs they stay as written. The claims table sits in a
 * container that scrolls sideways when the window is narrower than the table, and its cells wrap, so
 * the page itself fits a laptop's screen.
 */
final class HtmlDocument {

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");

  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,\"Segoe UI\",\"DejaVu Sans\",sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222;line-height:1.45}",
      ".table-wrap{overflow-x:auto;max-width:100%}",
      "table{border-collapse:collapse;width:100%;font-size:0.82em}",
      "th,td{border:1px solid #ccc;padding:0.3em 0.4em;text-align:left;vertical-align:top}",
      "td.statement{min-width:15em}",
      "td.source,td.where{overflow-wrap:anywhere;min-width:7em}",
      ".math .katex{font-size:1.05em}",
      ".math-error{color:#b00000}",
      "th{background:#f3f3f3}",
      "td.num{text-align:right;font-variant-numeric:tabular-nums}",
      "tr.unexpected td{background:#fff0f0}",
      "td.verdict{font-weight:600;white-space:nowrap}",
      "tr.unexpected td.verdict{color:#b00000}",
      "pre{background:#f6f6f6;padding:0.6em;overflow-x:auto}",
      "code{font-family:\"DejaVu Sans Mono\",monospace}",
      "figure{margin:1.5em 0}",
      "img{max-width:100%;height:auto;border:1px solid #ddd}",
      "figcaption{font-style:italic;color:#444;max-width:800px}",
      ".links{color:#444}");

  private HtmlDocument() {}

  static String render(Report report, Map<String, FigureRenderer.Prepared> figures) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Text.html(Text.oneLine(report.title()))).append("</title>\n")
        .append("<style>\n").append(CSS).append("\n</style>\n")
        .append("<style>\n").append(KatexBundle.css()).append("\n</style>\n</head>\n<body>\n");
    b.append("<h1>").append(Text.html(Text.oneLine(report.title()))).append("</h1>\n");
    b.append("<p>Seed: ").append(report.seed()).append(". Reproduce with:</p>\n");
    b.append("<pre><code>").append(Text.html(Text.oneLine(report.command()))).append("</code></pre>\n");
    b.append("<p>").append(Text.html(Summary.counts(report.rows()))).append("</p>\n");

    b.append("<h2>Claims</h2>\n<div class=\"table-wrap\">\n<table class=\"claims\">\n<thead><tr><th>id</th><th>source</th><th>provenance</th><th>statement</th>")
        .append("<th>expect</th><th>verdict</th><th>certi&shy;ficate</th><th>tries</th><th>measure</th><th>where</th><th>seed</th></tr></thead>\n<tbody>\n");
    for (ClaimRow r : report.rows()) {
      b.append(r.asExpected() ? "<tr>" : "<tr class=\"unexpected\">");
      cell(b, "", "<code>" + breakAfter(Text.html(Text.oneLine(r.id())), ".") + "</code>");
      cell(b, "source", Text.html(Text.oneLine(r.source())));
      cell(b, "", Text.html(Summary.orDash(r.provenance())));
      cell(b, "statement", statement(r.statement()));
      cell(b, "", Text.html(r.expect()));
      cell(b, "verdict", r.asExpected()
          ? Text.html(r.verdict())
          : Summary.UNEXPECTED_MARK + " " + Text.html(r.verdict()) + " " + Text.html(Summary.expectedNote(r)));
      cell(b, "", Text.html(Summary.orDash(r.certificate())));
      cell(b, "num", Long.toString(r.tries()));
      cell(b, "measure", breakAfter(Text.html(Summary.measure(r)), "/"));
      cell(b, "where", Text.html(Text.oneLine(Summary.orDash(r.where()))));
      cell(b, "num", Long.toString(r.seed()));
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n<ul>\n");
    for (ClaimRow r : report.rows()) {
      b.append("<li><strong>").append(Text.html(Text.oneLine(r.id()))).append("</strong>: ")
          .append(Text.html(Text.oneLine(r.title())));
      if (!r.detail().isBlank()) b.append(" \u2014 ").append(Text.html(Text.oneLine(r.detail())));
      b.append("</li>\n");
    }
    b.append("</ul>\n");

    b.append("<h2>Findings</h2>\n");
    if (report.findings().isEmpty()) b.append("<p>No findings.</p>\n");
    for (Finding f : report.findings()) {
      b.append("<h3>").append(Text.html(Text.oneLine(f.claimId()))).append("</h3>\n");
      b.append(markdownSubset(Summary.normalized(f.markdown())));
      List<String> links = new ArrayList<>();
      for (Summary.Link l : Summary.links(f, figures)) {
        links.add(l.label() + ": " + link(l.path(), Text.oneLine(l.text())));
      }
      if (!links.isEmpty()) b.append("<p class=\"links\">").append(String.join(Summary.DOT, links)).append("</p>\n");
    }

    b.append("<h2>Figures</h2>\n");
    if (figures.isEmpty()) b.append("<p>No figures.</p>\n");
    for (FigureRenderer.Prepared p : figures.values()) {
      Figure fig = p.figure();
      String title = Text.html(Text.oneLine(fig.title()));
      b.append("<h3>").append(title).append("</h3>\n<figure>\n<img src=\"")
          .append(Text.html(Text.urlPath(Summary.figurePath(fig.fileName()))))
          .append("\" alt=\"").append(title).append("\" width=\"").append(p.width())
          .append("\" height=\"").append(p.height()).append("\">\n");
      if (!p.caption().isEmpty()) {
        b.append("<figcaption>").append(Text.html(Text.oneLine(p.caption()))).append("</figcaption>\n");
      }
      b.append("</figure>\n");
    }
    b.append("<!-- KaTeX ").append(KatexBundle.version()).append(", from the org.webjars.npm:katex webjar.\n")
        .append(KatexBundle.licence()).append("\n-->\n");
    b.append("<script>\n").append(KatexBundle.js()).append("\n</script>\n");
    b.append("<script>\n").append(RENDER_MATH).append("\n</script>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  /**
   * Typesets every {@code span.math} from its {@code data-tex}; a span KaTeX refuses keeps its text,
   * turns red and shows the error as its title. The page records the counts in its
   * {@code data-math} attribute ("36 rendered, 0 failed"), which the headless-browser test reads.
   */
  static final String RENDER_MATH = String.join("\n",
      "(function () {",
      "  var rendered = 0, failed = 0;",
      "  document.querySelectorAll('span.math[data-tex]').forEach(function (e) {",
      "    try {",
      "      katex.render(e.getAttribute('data-tex'), e, {throwOnError: true});",
      "      rendered++;",
      "    } catch (x) {",
      "      failed++;",
      "      e.classList.add('math-error');",
      "      e.title = String(x && x.message || x);",
      "    }",
      "  });",
      "  document.documentElement.setAttribute('data-math', rendered + ' rendered, ' + failed + ' failed');",
      "})();");

  /**
   * A statement as HTML: prose as text, each run of mathematics as a {@code span.math} that holds the
   * run as written (shown where no script runs) and its TeX ({@link StatementMath}).
   */
  static String statement(String statement) {
    StringBuilder b = new StringBuilder();
    for (StatementMath.Segment g : StatementMath.segments(statement)) {
      if (g.math()) {
        b.append("<span class=\"math\" data-tex=\"").append(Text.html(g.tex())).append("\">")
            .append(Text.html(g.text())).append("</span>");
      } else {
        b.append(Text.html(g.text()));
      }
    }
    return b.toString();
  }

  /** {@code html} with a line-break opportunity ({@code <wbr>}) after each {@code c}: ids break at their dots. */
  static String breakAfter(String html, String c) {
    return html.replace(c, c + "<wbr>");
  }

  private static void cell(StringBuilder b, String cssClass, String html) {
    b.append(cssClass.isEmpty() ? "<td>" : "<td class=\"" + cssClass + "\">").append(html).append("</td>");
  }

  private static String link(String relativePath, String text) {
    return "<a href=\"" + Text.html(Text.urlPath(relativePath)) + "\">" + Text.html(text) + "</a>";
  }

  /**
   * A finding's Markdown as HTML, for the small subset findings use: paragraphs split at blank
   * lines, a block whose every line starts with "- " or "* " as a list, {@code `code`} and
   * {@code **bold**}; everything else is shown as escaped text.
   */
  static String markdownSubset(String markdown) {
    if (markdown.isEmpty()) return "";
    StringBuilder b = new StringBuilder();
    for (String block : markdown.split("\n\\s*\n")) {
      String[] lines = block.strip().split("\n");
      boolean list = true;
      for (String line : lines) list &= line.startsWith("- ") || line.startsWith("* ");
      if (list) {
        b.append("<ul>\n");
        for (String line : lines) b.append("<li>").append(inline(line.substring(2).strip())).append("</li>\n");
        b.append("</ul>\n");
      } else {
        b.append("<p>").append(inline(String.join(" ", lines).strip())).append("</p>\n");
      }
    }
    return b.toString();
  }

  private static String inline(String text) {
    String html = CODE.matcher(Text.html(text)).replaceAll("<code>$1</code>");
    return BOLD.matcher(html).replaceAll("<strong>$1</strong>");
  }
}
