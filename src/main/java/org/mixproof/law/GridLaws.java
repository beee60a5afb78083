package org.mixproof.law;

import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.MixtureScore;
import org.mixproof.sampler.PerturbedScore;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The grid law of a 1-D mixture's sampler output and its divergences to the closed-form targets,
 * each with a quadrature-error estimate from the same run on half the cells (CLAIMS §5.2).
 */
public final class GridLaws {

  private GridLaws() {}

  /** A divergence and its estimated quadrature error |D_n − D_{n/2}|. */
  public record Estimate(double value, double error) {}

  /** The output law on n and n/2 cells. */
  public record Run(GridLaw fine, GridLaw coarse, int steps, long scoreEvaluations) {
    public Estimate w2(Mixture1D p) { return est(fine.w2(p), coarse.w2(p)); }

    public Estimate kl(Mixture1D p) { return est(fine.kl(p), coarse.kl(p)); }

    /** TV with error max(|D_n − D_{n/2}|, the extremum correction of the fine grid). */
    public Estimate tv(Mixture1D p) {
      double[] f = fine.tvEstimate(p);
      Estimate e = est(f[0], coarse.tv(p));
      return new Estimate(e.value(), Math.max(e.error(), f[1]));
    }

    private static Estimate est(double f, double c) {
      double e = f == c ? 0 : Math.abs(f - c);
      return new Estimate(f, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
    }
  }

  /** The start law as a 1-D mixture: the prior N(0, v) or p_T. */
  public static Mixture1D start(StartLaw law, GaussianMixture m, NoiseSchedule s, double horizon) {
    return law == StartLaw.EXACT ? Mixture1D.at(m, s, horizon)
        : Mixture1D.gaussian(0, StartLaw.priorVariance(s, horizon));
  }

  /** The interval holding every p_t on the grid and the start, ±12 standard deviations. */
  public static double[] range(GaussianMixture m, NoiseSchedule s, TimeGrid grid, Mixture1D start) {
    double[] r = start.range();
    for (int i = 0; i <= grid.steps(); i++) {
      double[] q = Mixture1D.at(m, s, grid.time(i)).range();
      r[0] = Math.min(r[0], q[0]);
      r[1] = Math.max(r[1], q[1]);
    }
    return r;
  }

  /** Runs a 1-D mixture's sampler law on {@code cells} and cells/2 cells, with ŝ = s + ε_score e_t. */
  public static Run run(GaussianMixture m, Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore,
      StartLaw startLaw, int cells) {
    if (m.dimension() != 1) throw new IllegalArgumentException("the grid law needs d = 1, was d = " + m.dimension());
    Score score = new MixtureScore(m, s);
    if (epsScore != 0) score = new PerturbedScore(score, epsScore, ScorePerturbation.of(m, s));
    return run(score, scheme, s, grid, start(startLaw, m, s, grid.horizon()), range(m, s, grid,
        start(startLaw, m, s, grid.horizon())), cells);
  }

  /** Runs a grid law for any 1-D score on [range[0], range[1]] with n and n/2 cells. */
  public static Run run(Score score, Scheme scheme, NoiseSchedule s, TimeGrid grid, Mixture1D start,
      double[] range, int cells) {
    if (cells < 8) throw new IllegalArgumentException("cells must be at least 8, was " + cells);
    GridLaw fine = GridPropagator.propagate(scheme, s, grid, score, start, range[0], range[1], cells);
    GridLaw coarse = GridPropagator.propagate(scheme, s, grid, score, start, range[0], range[1], cells / 2);
    return new Run(fine, coarse, grid.steps(), (long) grid.steps() * scheme.scoreEvaluationsPerStep());
  }
}
