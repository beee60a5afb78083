package org.mixproof.smoothness;

import org.mixproof.density.MixtureDensity;

/**
 * The singular-data quantities of docs/claims.md §3.5 ([LWB23]): the rescaled Lipschitz constant L_t b_t²,
 * the rescaled score ‖s_t(x)‖ b_t², and the denoiser E[X_0 | X_t = x] = (x + b_t² s(x))/a_t, the
 * bounded reparametrised target.
 */
public final class Blowup {

  private Blowup() {}

  /** blowup.rate: L_t · b_t² from a measured constant. */
  public static double rate(LipschitzResult measured, MixtureDensity p) { return measured.value() * p.b2(); }

  /** blowup.score-norm: ‖s_t(x)‖ · b_t². */
  public static double scoreNorm(MixtureDensity p, double[] x) {
    return ComponentGeometry.norm(p.score(x)) * p.b2();
  }

  /** blowup.bounded-target: E[X_0 | X_t = x] = (x + b_t² s(x))/a_t (Tweedie). */
  public static double[] denoiser(MixtureDensity p, double[] x) {
    double[] s = p.score(x);
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) out[j] = (x[j] + p.b2() * s[j]) / p.a();
    return out;
  }

  /** ‖E[X_0 | X_t = x]‖. */
  public static double denoiserNorm(MixtureDensity p, double[] x) { return ComponentGeometry.norm(denoiser(p, x)); }

  /**
   * A bound on ‖E[X_0 | X_t = x]‖ uniform in t for ‖x‖ ≤ β: each component's denoiser is
   * μ_i + a Σ_i P_i(t)(x − a μ_i), and ‖a² Σ_i P_i(t)‖ ≤ 1, so the mixture's (a convex combination)
   * is at most max_i ‖μ_i‖ + (β + a‖μ_i‖)/a ≤ 2R + β/a.
   */
  public static double denoiserBound(MixtureDensity p, double beta) {
    double r = p.mixture().meanRadius();
    return 2 * r + beta / p.a();
  }
}
