package org.mixproof.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.mixproof.claim.ClaimResult;

/** The verdicts as a plain-text table, one row per claim, unexpected verdicts marked with '!'. */
final class VerdictTable {

  private VerdictTable() {}

  static void print(PrintWriter out, List<ClaimResult> results) {
    out.printf(Locale.ROOT, "%-40s %-9s %-10s %6s  %-16s %s%n", "claim", "expect", "verdict", "tries", "measure", "where / detail");
    for (ClaimResult r : results) {
      int digits = r.measureName().contains("/") ? org.mixproof.report.Numbers.digitsApartFromOne(r.measure()) : 4;
      String measure = Double.isNaN(r.measure()) ? "—"
          : String.format(Locale.ROOT, "%s=%." + digits + "g", r.measureName(), r.measure());
      out.printf(Locale.ROOT, "%-40s %-9s %-10s %6d  %-16s %s%s%n", r.spec().id(), r.spec().expect(),
          r.verdict() + (r.asExpected() ? "" : " !"), r.tries(), measure, r.where(),
          r.detail().isEmpty() ? "" : "  [" + r.detail() + "]");
    }
    long unexpected = results.stream().filter(r -> !r.asExpected()).count();
    out.printf(Locale.ROOT, "%d claims, %d as expected, %d unexpected%n", results.size(), results.size() - unexpected, unexpected);
  }
}
