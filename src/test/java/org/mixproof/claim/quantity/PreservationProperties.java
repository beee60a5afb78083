package org.mixproof.claim.quantity;

import static org.mixproof.claim.PreservationScoreOracleClaims.assertHolds;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.DiffusionCases.Case;
import org.mixproof.generators.Mixtures;

/**
 * docs/claims.md §1 ({@code preservation.*}): the law of X_t is the closed-form mixture, for every schedule. The
 * measuring code is the production quantity ({@link PreservationQuantities}) and the tolerance the
 * claim file's bound (properties/preservation.*.properties): these properties run them on jqwik's own
 * cases, with shrinking.
 */
class PreservationProperties {

  static final FamilyQuantity<SeededCase> CHARACTERISTIC = PreservationQuantities.characteristicFunction();
  static final FamilyQuantity<SeededCase> FOKKER_PLANCK = PreservationQuantities.fokkerPlanck();
  static final FamilyQuantity<SeededCase> MOMENTS = PreservationQuantities.moments();
  static final FamilyQuantity<SeededCase> SAMPLING = PreservationQuantities.sampling();

  @Provide
  Arbitrary<Case> cases() {
    return DiffusionCases.of(Mixtures.builder().dimensions(1, 4).components(1, 4)
        .families(Mixtures.allFamilies()).conditionNumber(1, 1e4).meanRadius(4));
  }

  /** preservation.characteristic-function (exact): φ_{p_t}(ω) = φ_{p0}(a_t ω) exp(−b_t² ‖ω‖²/2). */
  @Property(seed = "20261122")
  void preservationCharacteristicFunction(@ForAll("cases") Case c, @ForAll long seed) {
    assertHolds(CHARACTERISTIC, "preservation.characteristic-function", new SeededCase(c, seed));
  }

  /** preservation.fokker-planck (identity, to finite-difference accuracy). */
  @Property(seed = "20261122")
  void preservationFokkerPlanck(@ForAll("cases") Case c) {
    assertHolds(FOKKER_PLANCK, "preservation.fokker-planck", new SeededCase(c, 0));
  }

  /** preservation.moments (exact): mean a_t Σ π_i μ_i, covariance a_t² Cov(p0) + b_t² I. */
  @Property(seed = "20261122")
  void preservationMoments(@ForAll("cases") Case c) {
    assertHolds(MOMENTS, "preservation.moments", new SeededCase(c, 0));
  }

  /**
   * preservation.sampling (statistical): KS tests of random 1-D projections, Bonferroni-corrected over
   * the claim file's tries (60, as here) and projections.
   */
  @Property(tries = 60, seed = "20261122")
  void preservationSampling(@ForAll("cases") Case c, @ForAll long seed) {
    assertHolds(SAMPLING, "preservation.sampling", new SeededCase(c, seed));
  }
}
