package org.mixproof.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mixproof.figures.Figure;

/** {@code claims.md}: title, seed and command, the claims table, notes, findings, figures. */
final class MarkdownDocument {

  private MarkdownDocument() {}

  static String render(Report report, Map<String, FigureRenderer.Prepared> figures) {
    StringBuilder b = new StringBuilder(4096);
    b.append("# ").append(Text.markdown(report.title())).append("\n\n");
    b.append("Seed: ").append(report.seed()).append(". Reproduce with:\n\n");
    String fence = fenceFor(report.command());
    b.append(fence).append('\n').append(Text.oneLine(report.command())).append('\n').append(fence).append("\n\n");
    b.append(Summary.counts(report.rows())).append("\n\n");

    b.append("## Claims\n\n");
    b.append("| id | source | provenance | statement | expect | verdict | tries | measure | where | seed |\n");
    b.append("|---|---|---|---|---|---|--:|---|---|--:|\n");
    for (ClaimRow r : report.rows()) {
      String verdict = r.asExpected()
          ? r.verdict()
          : "**" + Summary.UNEXPECTED_MARK + " " + r.verdict() + "** " + Summary.expectedNote(r);
      b.append("| ").append(Text.markdown(r.id()))
          .append(" | ").append(Text.markdown(r.source()))
          .append(" | ").append(Text.markdown(Summary.orDash(r.provenance())))
          .append(" | ").append(Text.markdown(r.statement()))
          .append(" | ").append(Text.markdown(r.expect()))
          .append(" | ").append(verdict)
          .append(" | ").append(r.tries())
          .append(" | ").append(Text.markdown(Summary.measure(r)))
          .append(" | ").append(Text.markdown(Summary.orDash(r.where())))
          .append(" | ").append(r.seed())
          .append(" |\n");
    }
    b.append('\n');
    for (ClaimRow r : report.rows()) {
      b.append("- **").append(Text.markdown(r.id())).append("**: ").append(Text.markdown(r.title()));
      if (!r.detail().isBlank()) b.append(" \u2014 ").append(Text.markdown(r.detail()));
      b.append('\n');
    }
    b.append('\n');

    b.append("## Findings\n\n");
    if (report.findings().isEmpty()) b.append("No findings.\n\n");
    for (Finding f : report.findings()) {
      b.append("### ").append(Text.markdown(f.claimId())).append("\n\n");
      String text = Summary.normalized(f.markdown());
      if (!text.isEmpty()) b.append(text).append("\n\n");
      List<String> links = new ArrayList<>();
      for (Summary.Link l : Summary.links(f, figures)) {
        links.add(l.label() + ": [" + Text.markdown(l.text()) + "](" + Text.urlPath(l.path()) + ")");
      }
      if (!links.isEmpty()) b.append(String.join(Summary.DOT, links)).append("\n\n");
    }

    b.append("## Figures\n\n");
    if (figures.isEmpty()) b.append("No figures.\n\n");
    for (FigureRenderer.Prepared p : figures.values()) {
      Figure fig = p.figure();
      b.append("### ").append(Text.markdown(fig.title())).append("\n\n");
      b.append("![").append(Text.markdown(fig.title())).append("](")
          .append(Text.urlPath(Summary.figurePath(fig.fileName()))).append(")\n\n");
      if (!p.caption().isEmpty()) b.append('*').append(Text.markdown(p.caption())).append("*\n\n");
    }
    return b.toString().stripTrailing() + "\n";
  }

  /** A code fence longer than any run of backticks in {@code s}. */
  private static String fenceFor(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}
