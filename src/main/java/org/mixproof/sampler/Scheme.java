package org.mixproof.sampler;

/**
 * One step of a reverse-time sampler (docs/claims.md §5), written once against the schedule's f and g and a
 * score, so it serves every schedule, the exact score, a perturbed one or any user score. A step
 * goes from forward time {@code t} down to {@code tNext < t} (reverse time τ = T − t advances by
 * h = t − tNext) and updates the state {@code y} in place: rows of length d, all moved together.
 *
 * <p>Every scheme is built from scalar multiples of the state, score evaluations and Gaussian draws
 * only (no other constant), so for an affine score it is affine in y plus Gaussian noise — the fact
 * the exact Gaussian law reads the step's affine map from.
 */
public interface Scheme {

  /** The name used on the command line (em, ei, ddpm, ode-euler, ...). */
  String name();

  /** Score evaluations per step (NFE per step): Heun 2, RK4 4, ... */
  int scoreEvaluationsPerStep();

  /** Gaussian draws per step (0 for the ODE schemes). */
  int noiseDrawsPerStep();

  /** True for the probability-flow ODE schemes (no noise). */
  default boolean deterministic() { return noiseDrawsPerStep() == 0; }

  /** y ← one step from forward time t to tNext &lt; t. */
  void step(double t, double tNext, double[] y, StepContext c);
}
