package org.mixproof.claim.quantity;

import java.util.Map;
import java.util.Set;
import org.mixproof.claim.spec.DensityVariables;
import org.mixproof.density.identity.ScoreIdentities;

/**
 * docs/claims.md §2 ({@code score.*}): the score, its Jacobian and the posterior mean. Each quantity measures a
 * residual normalised by the size of the terms it is computed from ({@code scale}); the claim file's
 * bound is the derived tolerance over the names bound here, besides {@link DensityVariables}:
 * <ul>
 *   <li>{@code score-gradient}: max_j |∂_j log p − s_j| / {@code scale}, ∂_j by a Richardson-extrapolated
 *       central difference with step {@code h}; {@code scale} = max_i ‖s_i‖ + 1/√λmin(t);
 *       {@code lp_terms} is log p's rounding in units of 16·d·u.</li>
 *   <li>{@code score-jacobian}: max_{r,q} |∂_q s_r − H_rq| / {@code scale} with
 *       {@code scale} = max_i ‖P_i(t)‖ + (max_{i,j} ‖s_i − s_j‖ + max_i ‖s_i‖)²; binds {@code h},
 *       {@code asymmetry} = max |H_rq − H_qr| / {@code scale} and {@code score_terms} =
 *       max_i ‖P_i‖‖x − μ_i(t)‖ + max_i ‖s_i‖ (a computed score's rounding in units of d·u).</li>
 *   <li>{@code score-tweedie}: max_j |(a_t E[X_0|x] − x)/b_t² − s_j| / {@code scale}, E[X_0|x] =
 *       Σ w_i (μ_i + a_t Σ_i P_i(t)(x − a_t μ_i)) from the data covariances; {@code scale} =
 *       max_i ‖s_i‖ + (‖x‖ + a_t Σ w_i(‖μ_i‖ + a_t ‖Σ_i‖_F ‖P_i(t)(x − a_t μ_i)‖))/b_t². Needs b_t² > 0.</li>
 *   <li>{@code score-gaussian}: for k = 1, max |H + P(t)| / ‖P(t)‖₂, P(t) from a 34-digit reference.
 *       Needs k = 1.</li>
 *   <li>{@code score-stein} (statistical): the two-sided normal-theory p-value of the mean of
 *       ‖s‖² + tr H over {@code samples} seeded draws from p_t being 0 (Fisher's identity);
 *       binds {@code alpha} and {@code tries} (the file's, for the Bonferroni correction).</li>
 * </ul>
 * Points where double precision refuses (posterior weights unresolved) throw
 * {@link org.mixproof.density.IllConditionedException} (refused); points where a finite-difference
 * step is below the coordinate's resolution are not applicable (the oracle covers them).
 */
public final class ScoreQuantities {

  private ScoreQuantities() {}

  public static FamilyQuantity<SeededCase> gradient() {
    return FamilyQuantity.of("score-gradient", CaseFamily.SEEDED, Set.of("h", "scale", "lp_terms"), Set.of(),
        (c, spec) -> FamilyQuantity.measurement(c.c(), ScoreIdentities.gradient(c.c()), Map.of()));
  }

  public static FamilyQuantity<SeededCase> jacobian() {
    return FamilyQuantity.of("score-jacobian", CaseFamily.SEEDED, Set.of("h", "scale", "asymmetry", "score_terms"), Set.of(),
        (c, spec) -> FamilyQuantity.measurement(c.c(), ScoreIdentities.jacobian(c.c()), Map.of()));
  }

  public static FamilyQuantity<SeededCase> tweedie() {
    return FamilyQuantity.of("score-tweedie", CaseFamily.SEEDED, Set.of("scale"), Set.of(),
        (c, spec) -> FamilyQuantity.measurement(c.c(), ScoreIdentities.tweedie(c.c()), Map.of()));
  }

  public static FamilyQuantity<SeededCase> gaussian() {
    return FamilyQuantity.of("score-gaussian", CaseFamily.SEEDED, Set.of(), Set.of(),
        (c, spec) -> FamilyQuantity.measurement(c.c(), ScoreIdentities.gaussian(c.c()), Map.of()));
  }

  public static FamilyQuantity<SeededCase> stein() {
    return FamilyQuantity.of("score-stein", CaseFamily.SEEDED, Set.of("alpha", "tries"), Set.of("alpha", "samples"),
        (c, spec) -> {
          int samples = spec.integer("samples", 4000);
          if (samples < 2) throw spec.error("samples", "must be >= 2, was " + samples);
          Map<String, Double> own = Map.of("alpha", PreservationQuantities.alpha(spec), "tries", (double) spec.integer("tries", 20));
          return FamilyQuantity.measurement(c.c(), ScoreIdentities.stein(c.c(), c.seed(), samples), own);
        });
  }
}
