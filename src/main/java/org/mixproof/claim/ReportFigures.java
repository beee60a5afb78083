package org.mixproof.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The figures of the main job's report, each tied to the claim it illustrates. Every figure is
 * deterministic (fixed examples, fixed seeds), so the report is reproducible byte for byte.
 */
public final class ReportFigures {

  /** A figure and the claim whose finding links to it. */
  public record Entry(String claimId, Supplier<FigureData> figure) {}

  private ReportFigures() {}

  public static List<Entry> all() {
    List<Entry> out = new ArrayList<>();
    out.add(new Entry("lipschitz.shared-covariance", SmoothnessFigures::lipschitzVsTime));
    out.add(new Entry("lipschitz.lssz24", SmoothnessFigures::lssz24VsBall));
    out.add(new Entry("moment.bound", SmoothnessFigures::momentVsTime));
    out.add(new Entry("blowup.rate", SmoothnessFigures::blowupVsTime));
    out.add(new Entry("oracle.agreement", () -> OracleFigures.errorVsConditioning(1)));
    return out;
  }
}
