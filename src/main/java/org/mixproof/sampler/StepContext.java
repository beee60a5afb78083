package org.mixproof.sampler;

import org.mixproof.schedule.NoiseSchedule;

/**
 * What a scheme's step may use: the schedule (f, g², a, b²), the score (each call counted: the
 * number of score evaluations, NFE), the noise (each draw counted) and scratch vectors of the
 * state's length. One per run and thread; not thread-safe.
 */
public final class StepContext {

  private final NoiseSchedule schedule;
  private final Score score;
  private final Noise noise;
  private double[][] scratch = new double[0][];
  private long scoreEvaluations;
  private long noiseDraws;

  public StepContext(NoiseSchedule schedule, Score score, Noise noise) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    if (score == null) throw new IllegalArgumentException("score must not be null");
    if (noise == null) throw new IllegalArgumentException("noise must not be null");
    this.schedule = schedule;
    this.score = score;
    this.noise = noise;
  }

  public NoiseSchedule schedule() { return schedule; }

  /** out = s_t(y) row by row; counts one score evaluation. */
  public void score(double t, double[] y, double[] out) {
    scoreEvaluations++;
    score.evaluate(t, y, out);
  }

  /** xi = the next Gaussian draw; counts one draw. */
  public void noise(double[] xi) {
    noiseDraws++;
    noise.fill(xi);
  }

  /** Scratch vector number i of length n (contents unspecified). */
  public double[] scratch(int i, int n) {
    if (i >= scratch.length) scratch = java.util.Arrays.copyOf(scratch, i + 1);
    if (scratch[i] == null || scratch[i].length != n) scratch[i] = new double[n];
    return scratch[i];
  }

  /** Score evaluations so far (one per call of {@link #score}, whatever the batch size). */
  public long scoreEvaluations() { return scoreEvaluations; }

  /** Noise draws so far. */
  public long noiseDraws() { return noiseDraws; }
}
