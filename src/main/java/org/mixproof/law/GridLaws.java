package org.mixproof.law;

import org.ejml.data.DMatrixRMaj;
import org.mixproof.density.MixtureDensity;
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
 * each with a quadrature-error estimate from the same run on half the cells (docs/claims.md §5.2).
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

    /** TV against another run on the same grids, with error |D_n − D_{n/2}|. */
    public Estimate tv(Run other) { return est(fine.tv(other.fine), coarse.tv(other.coarse)); }

    static Estimate est(double f, double c) {
      double e = f == c ? 0 : Math.abs(f - c);
      return new Estimate(f, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
    }
  }

  /** A W2 bracket [lower, upper] with the estimated quadrature error of either end, max |B_n − B_{n/2}|. */
  public record Bracket(double lower, double upper, double error) {}

  /** A 2-D output law on n × n and n/2 × n/2 cells. */
  public record Run2D(GridLaw2D fine, GridLaw2D coarse, int steps, long scoreEvaluations) {
    public Estimate kl(MixtureDensity p) { return Run.est(fine.kl(p), coarse.kl(p)); }

    public Estimate tv(MixtureDensity p) { return Run.est(fine.tv(p), coarse.tv(p)); }

    public Bracket w2(MixtureDensity p) {
      double[] f = fine.w2Bracket(p), c = coarse.w2Bracket(p);
      return new Bracket(f[0], f[1], Math.max(Math.abs(f[0] - c[0]), Math.abs(f[1] - c[1])));
    }
  }

  /** Runs a 2-D mixture's sampler law on n × n and n/2 × n/2 cells, with ŝ = s + ε_score e_t. */
  public static Run2D run2d(GaussianMixture m, Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore,
      StartLaw startLaw, int cells) {
    if (m.dimension() != 2) throw new IllegalArgumentException("the 2-D grid law needs d = 2, was d = " + m.dimension());
    Score score = new MixtureScore(m, s);
    if (epsScore != 0) score = new PerturbedScore(score, epsScore, ScorePerturbation.of(m, s));
    return run2d(score, scheme, s, grid, m, startLaw, cells);
  }

  /** Runs a 2-D grid law for any score, from the prior or from the mixture m at the horizon. */
  public static Run2D run2d(Score score, Scheme scheme, NoiseSchedule s, TimeGrid grid, GaussianMixture m, StartLaw startLaw,
      int cells) {
    if (cells < 8) throw new IllegalArgumentException("cells must be at least 8, was " + cells);
    double T = grid.horizon();
    GridPropagator2D.LogDensity start;
    double prior = StartLaw.priorVariance(s, T);
    if (startLaw == StartLaw.EXACT) {
      MixtureDensity pT = MixtureDensity.at(m, s, T);
      start = (pts, out) -> System.arraycopy(pT.logDensity(DMatrixRMaj.wrap(out.length, 2, pts)), 0, out, 0, out.length);
    } else {
      start = (pts, out) -> {
        for (int c = 0; c < out.length; c++) {
          double x = pts[2 * c], y = pts[2 * c + 1];
          out[c] = -Math.log(2 * Math.PI * prior) - (x * x + y * y) / (2 * prior);
        }
      };
    }
    double[] box = box(m, s, grid, startLaw == StartLaw.EXACT ? 0 : prior);
    GridLaw2D fine = GridPropagator2D.propagate(scheme, s, grid, score, start, box, cells);
    GridLaw2D coarse = GridPropagator2D.propagate(scheme, s, grid, score, start, box, cells / 2);
    return new Run2D(fine, coarse, grid.steps(), (long) grid.steps() * scheme.scoreEvaluationsPerStep());
  }

  /** Standard deviations either side of every p_t (and the prior) that the 2-D box holds: tails ≲ e^{−32}. */
  static final double BOX_SDS = 8;

  /** A square-celled box holding every p_t on the grid and the prior N(0, v I) (v = 0: none), ±8 sd. */
  static double[] box(GaussianMixture m, NoiseSchedule s, TimeGrid grid, double priorVariance) {
    double sp = BOX_SDS * Math.sqrt(priorVariance);
    double[] b = {-sp, sp, -sp, sp};
    for (int k = 0; k <= grid.steps(); k++) {
      double t = grid.time(k), a = s.a(t), b2 = s.b2(t);
      for (int i = 0; i < m.components(); i++) {
        for (int j = 0; j < 2; j++) {
          double mu = a * m.meanEntry(i, j), sd = Math.sqrt(a * a * m.covarianceEntry(i, j, j) + b2);
          b[2 * j] = Math.min(b[2 * j], mu - BOX_SDS * sd);
          b[2 * j + 1] = Math.max(b[2 * j + 1], mu + BOX_SDS * sd);
        }
      }
    }
    return b;
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
