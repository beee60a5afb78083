package org.mixproof.law;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.sampler.UndefinedStepException;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Error tables for mixtures with k &gt; 1 (docs/claims.md §5.2–5.3): the 1-D grid law for d = 1, the 2-D
 * grid law for d = 2 (any covariances), the separable law for isotropic mixtures (all Σ_i = σ² I)
 * with means on a line or in a plane in any d. Each grid
 * divergence carries its quadrature-error estimate (the same run on half the cells). The
 * continuous-time columns have no closed form here and are NaN.
 */
public final class MixtureErrors {

  private MixtureErrors() {}

  public record Result(String method, List<ErrorTable.Row> rows) {}

  /** Cells per axis of the 2-D grid law when none are given. */
  public static final int DEFAULT_CELLS_2D = 128;

  public static Result table(GaussianMixture m, ErrorTable.Config c, int cells) {
    return table(m, c, cells, DEFAULT_CELLS_2D);
  }

  /**
   * The table with {@code cells} cells for a 1-D grid law and {@code cells2d} per axis for a 2-D one
   * (a mixture in d = 2, or a separable law whose means span a plane).
   */
  public static Result table(GaussianMixture m, ErrorTable.Config c, int cells, int cells2d) {
    if (cells < 8) throw new IllegalArgumentException("grid cells must be at least 8, was " + cells);
    if (cells2d < 8) throw new IllegalArgumentException("2-D grid cells per axis must be at least 8, was " + cells2d);
    SeparableLaw sep = null;
    boolean direct2d = false;
    String method;
    String w2Note = "; W2 printed as the midpoint ± (half-width of [marginal lower bound, Knothe–Rosenblatt upper bound]"
        + " + quadrature error)";
    if (m.dimension() == 1) {
      method = "1-D grid law (" + cells + " cells; error from " + cells / 2 + ")";
    } else {
      double s2 = isotropicVariance(m);
      if (Double.isNaN(s2) && m.dimension() == 2) {
        direct2d = true;
        method = "2-D grid law (" + cells2d + "² cells; error from " + cells2d / 2 + "²)" + w2Note;
      } else if (Double.isNaN(s2)) {
        throw new IllegalArgumentException("no exact law for this mixture: k > 1 needs d ≤ 2, or all covariances "
            + "equal to one σ² I with means in a plane (separable law)");
      } else {
        sep = SeparableLaw.of(m.weights(), m.means(), s2);
        int sub = sep.subspaceDimension();
        method = sub == 1
            ? "separable law (grid " + cells + " cells ⊗ exact Gaussian in d − 1 = " + (m.dimension() - 1) + ")"
            : "separable law (2-D grid " + cells2d + "² cells ⊗ exact Gaussian in d − 2 = " + (m.dimension() - 2) + ")"
                + w2Note;
      }
    }
    final boolean twoD = direct2d;
    record Cell(Scheme scheme, double eps, int budget, StartLaw start) {}
    List<Cell> cells0 = new ArrayList<>();
    for (StartLaw st : c.starts()) for (double e : c.eps()) for (Scheme s : c.schemes()) for (int b : c.budgets()) {
      c.steps(s, b);
      cells0.add(new Cell(s, e, b, st));
    }
    NoiseSchedule sch = c.schedule();
    final SeparableLaw sepF = sep;
    ErrorTable.Row[] rows = new ErrorTable.Row[cells0.size()];
    IntStream.range(0, cells0.size()).parallel().forEach(i -> {
      Cell cell = cells0.get(i);
      int steps = c.steps(cell.scheme(), cell.budget());
      long nfe = (long) steps * cell.scheme().scoreEvaluationsPerStep();
      TimeGrid g = c.timeGrid(cell.eps(), steps);
      double te = c.targetTime(cell.eps(), g);
      try {
        if (twoD) {
          GridLaws.Run2D run = GridLaws.run2d(m, cell.scheme(), sch, g, c.epsScore(), cell.start(), cells2d);
          org.mixproof.density.MixtureDensity pe = org.mixproof.density.MixtureDensity.at(m, sch, te);
          org.mixproof.density.MixtureDensity p0 = m.isSingular() ? null : org.mixproof.density.MixtureDensity.at(m, sch, 0);
          GridLaws.Bracket w2 = run.w2(pe);
          GridLaws.Estimate kl = run.kl(pe), tv = run.tv(pe);
          double[] b0 = p0 == null ? null : run.fine().w2Bracket(p0);
          double w2Zero = b0 == null ? Double.NaN : 0.5 * (b0[0] + b0[1]);
          rows[i] = new ErrorTable.Row(cell.start(), cell.eps(), cell.scheme().name(), cell.budget(), steps, nfe,
              0.5 * (w2.lower() + w2.upper()), w2Zero, kl.value(), tv.value(), tv.value(), Double.NaN, Double.NaN,
              null, 0.5 * (w2.upper() - w2.lower()) + w2.error(), kl.error(), tv.error());
        } else if (sepF == null) {
          GridLaws.Run run = GridLaws.run(m, cell.scheme(), sch, g, c.epsScore(), cell.start(), cells);
          Mixture1D pe = Mixture1D.at(m, sch, te), p0 = Mixture1D.at(m, sch, 0);
          GridLaws.Estimate w2 = run.w2(pe), kl = run.kl(pe), tv = run.tv(pe);
          rows[i] = new ErrorTable.Row(cell.start(), cell.eps(), cell.scheme().name(), cell.budget(), steps, nfe,
              w2.value(), run.fine().w2(p0), kl.value(), tv.value(), tv.value(), Double.NaN, Double.NaN, null,
              w2.error(), kl.error(), tv.error());
        } else {
          SeparableLaw.Output out = sepF.propagate(cell.scheme(), sch, g, c.epsScore(), cell.start(), cells);
          if (out.undefined() != null) throw new UndefinedStepException(out.undefined());
          SeparableLaw.Errors e = sepF.errors(out, sch, te), e0 = sepF.errors(out, sch, 0);
          rows[i] = new ErrorTable.Row(cell.start(), cell.eps(), cell.scheme().name(), cell.budget(), steps, nfe,
              e.w2(), e0.w2(), e.kl(), e.tvLower(), e.tvUpper(), Double.NaN, Double.NaN, null,
              e.w2Error(), e.klError(), e.tvError());
        }
      } catch (ArithmeticException ex) { // UndefinedStepException, or a map too coarse for the grid law
        rows[i] = new ErrorTable.Row(cell.start(), cell.eps(), cell.scheme().name(), cell.budget(), steps, nfe,
            null, null, null, null, null, Double.NaN, Double.NaN, ex.getMessage());
      }
    });
    return new Result(method, ErrorTable.sorted(new ArrayList<>(List.of(rows)), c));
  }

  /** σ² when every Σ_i equals σ² I exactly, else NaN. */
  static double isotropicVariance(GaussianMixture m) {
    double s2 = m.covarianceEntry(0, 0, 0);
    int d = m.dimension();
    for (int i = 0; i < m.components(); i++) {
      for (int r = 0; r < d; r++) {
        for (int q = 0; q < d; q++) {
          if (m.covarianceEntry(i, r, q) != (r == q ? s2 : 0)) return Double.NaN;
        }
      }
    }
    return s2;
  }
}
