package org.mixproof.sampler;

/**
 * A score function s_t(x) ≈ ∇ log p_t(x) on R^d, evaluated on a batch of points: {@code y} holds
 * rows of length {@link #dimension()} one after another, and {@code out} receives the score of each
 * row in the same layout. Implementations: {@link MixtureScore} (the exact score of a Gaussian
 * mixture), {@link PerturbedScore} (ŝ = s + ε_score·e_t, docs/claims.md §5), or any user function.
 *
 * <p>An implementation that cannot evaluate at {@code t} because the score does not exist there
 * (singular data at b_t² = 0) throws {@link UndefinedStepException}.
 */
@FunctionalInterface
public interface Score {

  /** out[r·d + j] = s_t(y_r)_j for every row r; y.length == out.length, a multiple of d. */
  void evaluate(double t, double[] y, double[] out);

  /** The dimension d; 0 means "any" (the function is coordinate-wise). */
  default int dimension() { return 0; }
}
