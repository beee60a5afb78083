package org.mixproof.smoothness;

import org.mixproof.density.MixtureDensity;
import org.mixproof.oracle.OracleConfirmation;
import org.mixproof.rounding.RoundingModel;

/**
 * When a measured ‖H(x)‖ counts as a violation of a bound. In double, H's terms w_i P_i and
 * w_i (s_i − s)(s_i − s)ᵀ are each accurate to ≈ d·ε·κ relative to ‖P‖ + ‖Cov‖ (docs/claims.md §6), so a
 * measured value can exceed a bound it truly meets by {@code 16 d ε κ max(value, 1/λmin(t))}
 * (= 32 d u κ …, {@link RoundingModel#hessianNormMargin}); a
 * violation beyond that margin is then re-evaluated by the high-precision oracle at the point found
 * (docs/claims.md §6), and only a violation the oracle confirms is a counterexample.
 */
public final class Rounding {

  /** Significant digits of the confirming oracle. */
  public static final int ORACLE_DIGITS = 60;
  /**
   * The largest d the oracle confirms at: its Cholesky factors and Jacobi eigenvalues are O(d³)
   * operations at 60 digits (seconds at d = 128, hours at d = 3072). Above it a violation is never
   * confirmed, only reported as beyond double rounding ({@link #exceeds}).
   */
  public static final int ORACLE_MAX_DIMENSION = 128;

  private Rounding() {}

  public static double ofHessianNorm(MixtureDensity p, double value) {
    double kappa = 1;
    for (int i = 0; i < p.components(); i++) kappa = Math.max(kappa, p.conditionNumber(i));
    return RoundingModel.hessianNormMargin(p.dimension(), kappa, Math.max(value, 1 / p.lambdaMin()));
  }

  /** Whether a measured ‖H‖ exceeds the bound by more than its double rounding. */
  public static boolean exceeds(MixtureDensity p, double measured, double bound) {
    return measured > bound + ofHessianNorm(p, bound);
  }

  /**
   * Whether the search's result violates the bound: beyond double rounding, and confirmed by the
   * oracle's ‖H(x)‖₂ at the point found exceeding the bound by more than the oracle's own rounding;
   * never above {@link #ORACLE_MAX_DIMENSION}.
   */
  public static boolean confirmedViolation(MixtureDensity p, LipschitzResult measured, double bound) {
    if (!Double.isFinite(bound) || !exceeds(p, measured.value(), bound)) return false;
    if (p.dimension() > ORACLE_MAX_DIMENSION) return false;
    return OracleConfirmation.confirmsExceeds(p.mixture(), p.schedule(), p.time(), measured.point(), bound,
        ORACLE_DIGITS);
  }
}
