package org.mixproof.schedule;

/**
 * A linear forward process {@code dX = f(t) X dt + g(t) dW}, written {@code X_t = a_t X_0 + b_t Z}
 * (docs/claims.md §0), with {@code a_t = exp(∫_0^t f)} and {@code b_t² = a_t² ∫_0^t g²/a_s² ds}. The
 * consistency identities {@code a' = f a} and {@code (b²)' = 2 f b² + g²} hold for every implementation.
 *
 * <p>Every method rejects a time outside {@code [0, tMax()]} (or NaN) with an
 * {@link IllegalArgumentException} naming {@code t} and its value.
 */
public interface NoiseSchedule {

  /** The textual form, e.g. {@code vp-linear:0.1,20}; {@link Schedules#parse} reads it back. */
  String spec();

  /** The largest admissible time ({@code +∞} for schedules defined on all of [0, ∞)). */
  double tMax();

  /** Signal scale a_t. */
  double a(double t);

  /**
   * log a_t = ∫_0^t f, to full relative precision where a_t is near 1 (the default, log of a(t), loses
   * it there; the bundled schedules override it with their closed forms).
   */
  default double logA(double t) { return Math.log(a(t)); }

  /** Noise variance b_t², computed without cancellation at small t. */
  double b2(double t);

  /** Noise scale b_t. */
  default double b(double t) { return Math.sqrt(b2(t)); }

  /** Drift coefficient f(t). */
  double f(double t);

  /** Diffusion coefficient g(t) (g² is {@link #g2}). */
  default double g(double t) { return Math.sqrt(g2(t)); }

  /** g(t)². */
  double g2(double t);

  /** da/dt = f(t) a_t. */
  default double aPrime(double t) { return f(t) * a(t); }

  /** d(b²)/dt = 2 f(t) b_t² + g(t)². */
  default double b2Prime(double t) { return 2 * f(t) * b2(t) + g2(t); }

  /** Rejects t outside [0, tMax()], infinite or NaN, naming the value and the range. */
  default double checkTime(double t) {
    if (!(t >= 0) || t > tMax() || t == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "t must be in [0, " + tMax() + "] for schedule " + spec() + ", was " + t);
    }
    return t;
  }
}
