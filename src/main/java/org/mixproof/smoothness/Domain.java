package org.mixproof.smoothness;

/**
 * Where a Lipschitz constant is taken: all of R^d, or the ball ‖x‖ ≤ β (docs/claims.md §3). Both are convex,
 * so sup ‖H‖ over the domain is the smallest Lipschitz constant of the score there.
 */
public record Domain(double beta) {

  public Domain {
    if (!(beta > 0)) throw new IllegalArgumentException("beta (ball radius) must be positive, was " + beta);
  }

  /** All of R^d. */
  public static Domain global() { return new Domain(Double.POSITIVE_INFINITY); }

  /** The ball ‖x‖ ≤ β. */
  public static Domain ball(double beta) {
    if (!Double.isFinite(beta)) throw new IllegalArgumentException("beta (ball radius) must be finite, was " + beta);
    return new Domain(beta);
  }

  public boolean isGlobal() { return beta == Double.POSITIVE_INFINITY; }

  /** The nearest point of the domain (radial projection onto the ball), in place. */
  public double[] project(double[] x) {
    if (isGlobal()) return x;
    double n = 0;
    for (double v : x) n += v * v;
    n = Math.sqrt(n);
    if (n > beta) for (int j = 0; j < x.length; j++) x[j] *= beta / n;
    return x;
  }

  @Override
  public String toString() { return isGlobal() ? "R^d" : "ball(" + beta + ")"; }
}
