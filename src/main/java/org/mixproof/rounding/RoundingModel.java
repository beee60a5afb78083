package org.mixproof.rounding;

/**
 * The rounding model of docs/claims.md §6, written once. The double density at a point is the exact
 * algorithm applied to data perturbed by c·u·κ relative to the terms that cancel; the per-component
 * terms below are those sizes, in units of c·u (derivation: {@code oracle.RoundingBound}'s Javadoc).
 *
 * <p>Two units, never mixed: {@link #U} (u, the unit roundoff: |fl(x) − x| ≤ u|x|) is the unit of every
 * error analysis; {@link #EPS} (ε = ulp(1) = 2u) is the spacing of doubles near 1, the unit of
 * "within so many doubles" tolerances.
 */
public final class RoundingModel {

  /** u = 2⁻⁵³, the unit roundoff of round-to-nearest binary64. */
  public static final double U = 0x1p-53;

  /** ε = 2⁻⁵² = Math.ulp(1.0) = 2u, the spacing of doubles in [1, 2). */
  public static final double EPS = 0x1p-52;

  /**
   * δ = ½: a component log-term uncertain by more than this leaves the posterior weights unresolved
   * (a weight's relative error is then at most e^{2δ} − 1 ≤ 1.72 × its first-order bound 2δ, within
   * the factor 2 that c allows for it).
   */
  public static final double MAX_LOG_TERM_UNCERTAINTY = 0.5;

  private RoundingModel() {}

  /** c(d) = 16 (d + 1)²: the constant of docs/claims.md §6 ({@code oracle.agreement}). */
  public static double constant(int d) {
    if (d < 1) throw new IllegalArgumentException("d must be >= 1, was " + d);
    return 16.0 * (d + 1) * (d + 1);
  }

  /** c(d)·u: the relative perturbation per unit of condition number. */
  public static double constantTimesU(int d) { return constant(d) * U; }

  /**
   * κ at which the model stops holding: the double code refuses c·u·κ ≥ 1 (then 1/(1 − κ‖E‖/λmax)
   * ≤ 2 fails and the computed factor may not exist).
   */
  public static double largestConditionNumber(int d) { return 1 / constantTimesU(d); }

  /**
   * L_i = |log π_i| + d (2 + |log λmin| + |log λmax|): the size of component i's normalising constant
   * log π_i − (d/2) log 2π − ½ log det Σ_i(t), whose rounding reaches ℓ_i.
   */
  public static double normingSize(double weight, int d, double lambdaMin, double lambdaMax) {
    return Math.abs(Math.log(weight)) + d * (2 + Math.abs(Math.log(lambdaMin)) + Math.abs(Math.log(lambdaMax)));
  }

  /**
   * â_i: ℓ_i's rounding error in units of c·u, κ_i (q_i + d) + ρ_i √(q_i/λ_i) + L_i (κ_i = cond Σ_i(t),
   * q_i the quadratic form, ρ_i = ‖x‖ + ‖μ_i(t)‖, λ_i = λmin Σ_i(t), L_i the norming size).
   */
  public static double logTermBound(double kappa, double quadratic, int d, double rho, double lambdaMin,
      double normingSize) {
    return kappa * (quadratic + d) + rho * Math.sqrt(quadratic / lambdaMin) + normingSize;
  }

  /** b̂_i: s_i's rounding error in units of c·u, κ_i √(q_i/λ_i) + ρ_i/λ_i (κ_i ‖W_i‖‖z_i‖ + ‖P_i‖ρ_i). */
  public static double componentScoreBound(double kappa, double quadratic, double rho, double lambdaMin) {
    return kappa * Math.sqrt(quadratic / lambdaMin) + rho / lambdaMin;
  }

  /** F̂_i: P_i's rounding error in the Frobenius norm in units of c·u, √d κ_i/λ_i. */
  public static double precisionBound(int d, double kappa, double lambdaMin) {
    return Math.sqrt(d) * kappa / lambdaMin;
  }

  /**
   * The margin by which a double ‖H‖₂ may exceed a value it truly meets: H's terms w_i P_i and
   * w_i (s_i − s)(s_i − s)ᵀ are each accurate to about d·ε·κ relative to their size, and a factor 16
   * covers the spectral norm's own evaluation and the sum over terms; scale = max(value, 1/λmin(t)).
   * That is 16 d ε κ scale = 32 d u κ scale.
   */
  public static double hessianNormMargin(int d, double kappa, double scale) {
    return 16 * d * EPS * kappa * scale;
  }

  /**
   * An eigenvalue of a symmetric d×d matrix of spectral scale {@code scale} within 8 d ε scale of 0 is
   * zero to rounding: the symmetric eigensolver's backward error is a small multiple of d·ε·scale.
   */
  public static double eigenvalueRoundoff(int d, double scale) {
    return 8 * d * EPS * scale;
  }
}
