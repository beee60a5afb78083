package org.mixproof.claim.quantity;

import java.util.Map;
import java.util.Set;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.claim.spec.DensityVariables;
import org.mixproof.density.identity.PreservationIdentities;

/**
 * docs/claims.md §1 ({@code preservation.*}): the law of X_t is the closed-form mixture. Each quantity measures
 * a residual normalised by the size of the terms it is computed from; the claim file's bound is the
 * derived rounding (or finite-difference) tolerance over the names bound here, besides
 * {@link DensityVariables}:
 * <ul>
 *   <li>{@code preservation-characteristic-function}: max(|Δ Re φ|, |Δ Im φ|) / Σ π_i |term_i| between
 *       φ_{p_t}(ω) and φ_{p0}(a_t ω) e^{−b_t²‖ω‖²/2}, ω random of order 1/√λmax(t);
 *       binds {@code exponent_size} = Σ π_i |term_i| (Σ_j|ω_j μ_j(t)_j| + |ω|ᵀ|Σ_i(t)||ω|) / Σ π_i |term_i|
 *       (the exponent's size, whose rounding the phase and modulus carry).</li>
 *   <li>{@code preservation-fokker-planck}: |∂_t log p − RHS| / {@code scale}, the time derivative by a
 *       Richardson-extrapolated central difference with step {@code h}, RHS = −f(d + x·s) + ½g²(‖s‖² + tr H);
 *       binds {@code h}, {@code scale} (the size of the RHS's terms) and {@code lp_terms} (log p's
 *       rounding in units of 16·d·u).</li>
 *   <li>{@code preservation-moments}: max |Δ Cov| / (the size of the covariance's summands), against
 *       a_t² Cov(p0) + b_t² I; binds {@code mean_error} = max_j |Δ mean_j| / (a_t R) against a_t Σ π_i μ_i.</li>
 *   <li>{@code preservation-sampling} (statistical): the smallest one-sample Kolmogorov–Smirnov p-value
 *       over {@code projections} random 1-D projections of {@code samples} draws of a_t X_0 + b_t Z against
 *       the projected closed-form CDF; binds {@code alpha} (the file's significance level),
 *       {@code tries} (the file's tries, for the Bonferroni correction) and {@code projections}.</li>
 * </ul>
 * A case whose density double precision refuses throws {@link org.mixproof.density.IllConditionedException}
 * (counted as refused).
 */
public final class PreservationQuantities {

  private PreservationQuantities() {}

  public static FamilyQuantity<SeededCase> characteristicFunction() {
    return FamilyQuantity.of("preservation-characteristic-function", CaseFamily.SEEDED, Set.of("exponent_size"), Set.of(),
        (c, spec) -> FamilyQuantity.measurement(c.c(), PreservationIdentities.characteristicFunction(c.c(), c.seed()), Map.of()));
  }

  public static FamilyQuantity<SeededCase> fokkerPlanck() {
    return FamilyQuantity.of("preservation-fokker-planck", CaseFamily.SEEDED, Set.of("h", "scale", "lp_terms"), Set.of(),
        (c, spec) -> FamilyQuantity.measurement(c.c(), PreservationIdentities.fokkerPlanck(c.c()), Map.of()));
  }

  public static FamilyQuantity<SeededCase> moments() {
    return FamilyQuantity.of("preservation-moments", CaseFamily.SEEDED, Set.of("mean_error"), Set.of(),
        (c, spec) -> FamilyQuantity.measurement(c.c(), PreservationIdentities.moments(c.c()), Map.of()));
  }

  public static FamilyQuantity<SeededCase> sampling() {
    return FamilyQuantity.of("preservation-sampling", CaseFamily.SEEDED, Set.of("alpha", "tries", "projections"),
        Set.of("alpha", "samples", "projections"), (c, spec) -> {
          int samples = spec.integer("samples", 1000);
          int projections = spec.integer("projections", 3);
          if (samples < 2) throw spec.error("samples", "must be >= 2, was " + samples);
          if (projections < 1) throw spec.error("projections", "must be >= 1, was " + projections);
          Map<String, Double> own = Map.of("alpha", alpha(spec), "tries", (double) spec.integer("tries", 20),
              "projections", (double) projections);
          return FamilyQuantity.measurement(c.c(), PreservationIdentities.sampling(c.c(), c.seed(), samples, projections), own);
        });
  }

  /** The file's significance level {@code alpha} in (0, 1). */
  static double alpha(ClaimSpec spec) {
    double a = spec.number("alpha", 1e-3);
    if (!(a > 0 && a < 1)) throw spec.error("alpha", "must be in (0, 1), was " + a);
    return a;
  }
}
