package org.mixproof.smoothness;

import org.mixproof.density.MixtureDensity;

/**
 * How far a double-evaluated ‖H(x)‖ may be from the exact value: H's terms w_i P_i and
 * w_i (s_i − s)(s_i − s)ᵀ are each accurate to ≈ d·u·κ relative to ‖P‖ + ‖Cov‖ (CLAIMS §6), so a
 * measured value can exceed a bound it truly meets by {@code 16 d u κ max(value, 1/λmin(t))}. A
 * violation within that margin is not a violation.
 */
public final class Rounding {

  private Rounding() {}

  public static double ofHessianNorm(MixtureDensity p, double value) {
    double kappa = 1;
    for (int i = 0; i < p.components(); i++) kappa = Math.max(kappa, p.conditionNumber(i));
    return 16 * p.dimension() * Math.ulp(1.0) * kappa * Math.max(value, 1 / p.lambdaMin());
  }

  /** Whether a measured ‖H‖ exceeds the bound by more than its rounding. */
  public static boolean exceeds(MixtureDensity p, double measured, double bound) {
    return measured > bound + ofHessianNorm(p, bound);
  }
}
