package org.mixproof.sampler;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureSampler;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Seeded sample paths: runs a scheme over a time grid on n points at once and reports the number of
 * steps and of score evaluations (NFE = steps × evaluations per step; a batch of n points counts as
 * one evaluation per call, as a network evaluated on a batch does).
 */
public final class Sampler {

  private Sampler() {}

  /** The points after the last step (n×d, row-major), with the work done. */
  public record Run(double[] samples, int dimension, int steps, long scoreEvaluations) {
    public int size() { return samples.length / dimension; }
  }

  /**
   * Runs {@code scheme} from {@code start} (n×d row-major; not modified) over {@code grid}.
   * Throws {@link UndefinedStepException} when a step is not defined (singular data at t = 0, ...).
   */
  public static Run run(Scheme scheme, NoiseSchedule schedule, TimeGrid grid, Score score,
      double[] start, int dimension, Noise noise) {
    if (scheme == null) throw new IllegalArgumentException("scheme must not be null");
    if (grid == null) throw new IllegalArgumentException("grid must not be null");
    if (start == null || dimension < 1 || start.length % dimension != 0 || start.length == 0) {
      throw new IllegalArgumentException("start must hold n ≥ 1 rows of dimension " + dimension);
    }
    grid.checkFor(schedule);
    StepContext c = new StepContext(schedule, score, noise);
    double[] y = start.clone();
    for (int i = 0; i < grid.steps(); i++) scheme.step(grid.time(i), grid.time(i + 1), y, c);
    long expected = (long) grid.steps() * scheme.scoreEvaluationsPerStep();
    if (c.scoreEvaluations() != expected || c.noiseDraws() != (long) grid.steps() * scheme.noiseDrawsPerStep()) {
      throw new IllegalStateException("scheme " + scheme.name() + " made " + c.scoreEvaluations()
          + " score evaluations and " + c.noiseDraws() + " draws in " + grid.steps()
          + " steps, not what it declares");
    }
    return new Run(y, dimension, grid.steps(), c.scoreEvaluations());
  }

  /**
   * n start points at time T: the prior N(0, v I) ({@link StartLaw#priorVariance}) or exactly p_T
   * (a_T X_0 + b_T Z with X_0 drawn from the mixture).
   */
  public static double[] start(StartLaw law, GaussianMixture mixture, NoiseSchedule schedule, double horizon,
      int n, UniformRandomProvider rng) {
    if (n < 1) throw new IllegalArgumentException("n must be at least 1, was " + n);
    int d = mixture.dimension();
    double[] y = new double[n * d];
    if (law == StartLaw.PRIOR) {
      double sd = Math.sqrt(StartLaw.priorVariance(schedule, horizon));
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
      for (int i = 0; i < y.length; i++) y[i] = sd * g.sample();
      return y;
    }
    MixtureSampler ms = new MixtureSampler(mixture, rng);
    double a = schedule.a(horizon), b = Math.sqrt(schedule.b2(horizon));
    for (int r = 0; r < n; r++) {
      double[] x = ms.sample();
      for (int j = 0; j < d; j++) y[r * d + j] = a * x[j] + b * ms.standardNormal();
    }
    return y;
  }
}
