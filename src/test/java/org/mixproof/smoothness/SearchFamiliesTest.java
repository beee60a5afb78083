package org.mixproof.smoothness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;
import org.mixproof.smoothness.LipschitzSearch.StartFamily;

/**
 * The Lipschitz search's start families one at a time (a former blind spot: a family that collapsed
 * was hidden by the others). The case: two far components N(±m e₁, σ² I) with equal weights, whose
 * supremum sits on a narrow ridge between them. For a shared covariance the Hessian is
 * H = −I/λ + w₁w₂ a²(2m)² e₁e₁ᵀ/λ² (λ = a²σ² + b²), largest on the tie set w₁ = w₂ = ½:
 * sup ‖H‖₂ = max(1/λ, a²m²/λ² − 1/λ), in closed form. Near the means ‖H‖₂ = 1/λ exactly in double (the
 * other weight, e^{−8a²m²/λ}, underflows); the ridge is 2m = 40 away and λ/(2am) ≈ 0.002 wide. Every
 * family alone finds it (the climbs also project onto the tie set), so each family's own start points
 * are checked before climbing too.
 */
class SearchFamiliesTest {

  static final NoiseSchedule S = Schedules.parse("vp-ou");
  static final double T = 0.01, SIGMA2 = 0.05, M = 20;

  static MixtureDensity ridge() {
    GaussianMixture g = GaussianMixture.normalized(new double[] {0.5, 0.5},
        new double[][] {{-M, 0.3}, {M, 0.3}}, new double[][][] {{{SIGMA2, 0}, {0, SIGMA2}}, {{SIGMA2, 0}, {0, SIGMA2}}});
    return MixtureDensity.at(g, S, T);
  }

  static double lambda() { double a = S.a(T); return a * a * SIGMA2 + S.b2(T); }

  static double sup() {
    double a = S.a(T), l = lambda();
    return Math.max(1 / l, a * a * M * M / (l * l) - 1 / l);
  }

  static double found(StartFamily f) {
    return new LipschitzSearch(3).only(f).search(ridge(), Domain.global()).value();
  }

  @Test
  void theFamiliesOnTheTieSetEachFindTheRidgeAlone() {
    double sup = sup();
    assertTrue(sup > 10 / lambda(), "the ridge is far above the plateau: " + sup + " vs " + 1 / lambda());
    // the ridge value is attained at the tie set: a climb reaches it to Nelder–Mead's convergence, 1e-9 relative
    for (StartFamily f : new StartFamily[] {StartFamily.BETWEEN, StartFamily.RANDOM, StartFamily.TIES}) {
      assertEquals(sup, found(f), 1e-9 * sup, f + " alone");
    }
    assertEquals(sup, new LipschitzSearch(3).search(ridge(), Domain.global()).value(), 1e-9 * sup, "all families");
  }

  /** The best start of a family alone, before any climb. */
  static double bestStart(StartFamily f) {
    return new LipschitzSearch(3).only(f).scoredStarts(ridge(), Domain.global()).get(0).getValue();
  }

  /**
   * Each family's own start points, before the climbs that could hide a collapse: the midpoint of the
   * between-pairs family and the tie points of the random and tie families lie on the tie set, where ‖H‖₂
   * is the ridge value (the midpoint exactly, by symmetry); the means see only the plateau 1/λ.
   */
  @Test
  void eachFamilysStartsReachWhatTheyAreFor() {
    double sup = sup(), plateau = 1 / lambda();
    assertEquals(sup, bestStart(StartFamily.BETWEEN), 1e-9 * sup, "the midpoint is on the ridge");
    assertEquals(sup, bestStart(StartFamily.RANDOM), 1e-6 * sup, "a random start's tie point");
    assertEquals(sup, bestStart(StartFamily.TIES), 1e-6 * sup, "a far tie point");
    // at a mean the other component's weight underflows: ‖H‖₂ = 1/λ to rounding
    assertEquals(plateau, bestStart(StartFamily.MEANS), 1e-12 * plateau, "the means see the plateau");
  }

  @Test
  void aFamilyWithNoStartPointIsRefused() {
    GaussianMixture one = GaussianMixture.normalized(new double[] {1}, new double[][] {{0, 0}},
        new double[][][] {{{1, 0}, {0, 1}}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LipschitzSearch(1).only(StartFamily.BETWEEN).search(MixtureDensity.at(one, S, T), Domain.global()));
    assertTrue(e.getMessage().contains("BETWEEN") && e.getMessage().contains("k = 1"), e.getMessage());
  }
}
