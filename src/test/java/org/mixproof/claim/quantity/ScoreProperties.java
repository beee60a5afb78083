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
 * docs/claims.md §2 ({@code score.*}) for every schedule, over generated mixtures, times and points. The
 * measuring code is the production quantity ({@link ScoreQuantities}) and the tolerance the claim
 * file's bound (properties/score.*.properties).
 */
class ScoreProperties {

  static final FamilyQuantity<SeededCase> GRADIENT = ScoreQuantities.gradient();
  static final FamilyQuantity<SeededCase> JACOBIAN = ScoreQuantities.jacobian();
  static final FamilyQuantity<SeededCase> TWEEDIE = ScoreQuantities.tweedie();
  static final FamilyQuantity<SeededCase> GAUSSIAN = ScoreQuantities.gaussian();
  static final FamilyQuantity<SeededCase> STEIN = ScoreQuantities.stein();

  static Mixtures.Builder profile() {
    return Mixtures.builder().dimensions(1, 4).components(1, 4).families(Mixtures.allFamilies())
        .conditionNumber(1, 1e4).meanRadius(4);
  }

  @Provide
  Arbitrary<Case> cases() { return DiffusionCases.of(profile()); }

  @Provide
  Arbitrary<Case> gaussians() {
    return DiffusionCases.of(Mixtures.builder().dimensions(1, 5).components(1, 1)
        .families(Mixtures.allFamilies()).conditionNumber(1, 1e8).meanRadius(4));
  }

  /** score.gradient: s = ∇ log p_t (Richardson-extrapolated central differences). */
  @Property(seed = "20261122")
  void scoreGradient(@ForAll("cases") Case c) {
    assertHolds(GRADIENT, "score.gradient", new SeededCase(c, 0));
  }

  /** score.jacobian: H symmetric and H = ∂s/∂x. */
  @Property(seed = "20261122")
  void scoreJacobian(@ForAll("cases") Case c) {
    assertHolds(JACOBIAN, "score.jacobian", new SeededCase(c, 0));
  }

  /** score.tweedie (exact): s(x) = (a_t E[X_0 | X_t = x] − x)/b_t². */
  @Property(seed = "20261122")
  void scoreTweedie(@ForAll("cases") Case c) {
    assertHolds(TWEEDIE, "score.tweedie", new SeededCase(c, 0));
  }

  /** score.gaussian (exact): for k = 1, H ≡ −P(t) everywhere. */
  @Property(seed = "20261122")
  void scoreGaussian(@ForAll("gaussians") Case c) {
    assertHolds(GAUSSIAN, "score.gaussian", new SeededCase(c, 0));
  }

  /**
   * score.stein (statistical): E[‖s‖² + tr H] = 0 under p_t (Fisher's identity), Bonferroni over the
   * claim file's tries (40, as here); the samples' seed is fixed.
   */
  @Property(tries = 40, seed = "20261122")
  void scoreStein(@ForAll("cases") Case c) {
    assertHolds(STEIN, "score.stein", new SeededCase(c, 42L));
  }
}
