package org.mixproof.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The figures of the main job's report, each tied to the claim it illustrates. Every figure is
 * deterministic (fixed examples, fixed seeds), so the report is reproducible byte for byte.
 */
public final class ReportFigures {

  /** A figure and the claim whose finding links to it. */
  public record Entry(String claimId, Supplier<Figure> figure) {}

  private ReportFigures() {}

  /** Guarantee claim files whose sweeps are drawn (when present in the catalog directory). */
  public static final List<String> SWEPT = List.of("solver.ccllsz23.ddpm", "solver.dpom", "solver.dpum",
      "solver.clw25.dimension-free", "solver.ly24.ambient", "solver.ly24.dimension-free", "solver.score-robustness");

  /**
   * Every figure; the guarantee sweeps are read from their claim files in {@code catalog}, for the
   * claims among {@code ids} (figures of claims not checked are left out).
   */
  public static List<Entry> all(Path catalog, Set<String> ids) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : fixed()) if (ids.contains(e.claimId())) out.add(e);
    for (String id : SWEPT) {
      Path file = catalog.resolve(id + ".properties");
      if (!ids.contains(id) || !Files.exists(file)) continue;
      List<Figure> sweeps;
      try {
        sweeps = SolverFigures.guaranteeSweeps(file);
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
      // the sweep that decides most often first: the report links a claim's first figure
      sweeps = new ArrayList<>(sweeps);
      sweeps.sort(java.util.Comparator.comparingInt(ReportFigures::rank));
      for (Figure f : sweeps) out.add(new Entry(id, () -> f));
    }
    return out;
  }

  private static int rank(Figure f) {
    String n = f.fileName();
    return n.endsWith("-n-tv.png") ? 0 : n.endsWith("-dimension.png") ? 1 : n.endsWith("-steps.png") ? 2 : 3;
  }

  /** The figures on fixed examples, by the claim each illustrates. */
  static List<Entry> fixed() {
    List<Entry> out = new ArrayList<>();
    out.add(new Entry("lipschitz.shared-covariance", SmoothnessFigures::lipschitzVsTime));
    out.add(new Entry("lipschitz.lssz24", SmoothnessFigures::lssz24VsBall));
    out.add(new Entry("moment.bound", SmoothnessFigures::momentVsTime));
    out.add(new Entry("blowup.rate", SmoothnessFigures::blowupVsTime));
    out.add(new Entry("oracle.agreement", () -> OracleFigures.errorVsConditioning(1)));
    out.add(new Entry("solver.gaussian.order", () -> SolverFigures.errorVsNfe(1, 8)));
    out.add(new Entry("solver.gaussian.sde-beats-ode-init", SolverFigures::cifarTable));
    return out;
  }
}
