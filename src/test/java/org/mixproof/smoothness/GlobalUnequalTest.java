package org.mixproof.smoothness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.GreedyShrinker;
import org.mixproof.generators.Mixtures;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/**
 * lipschitz.global-unequal (expected: falsified). A proposed global bound depending only on
 * (d, R, λmin, λmax, t) — here B = 10·max(1/λmin(t), a_t² R²/λmin(t)² − 1/λmax(t)), ten times the
 * shared-covariance bound with D replaced by its worst case 2R — is violated by the search on random
 * mixtures, and jqwik's shrinking (through {@link GreedyShrinker}) reduces the counterexample to the
 * smallest kind docs/claims.md §3 names: d = 2, k = 2, covariances not ordered (Σ_1 − Σ_2 indefinite).
 */
public class GlobalUnequalTest {

  static final double T = 0.1;

  static double proposedGlobalBound(MixtureDensity p) {
    double lo = p.lambdaMin(), a = p.a(), r = p.mixture().meanRadius();
    return 10 * Math.max(1 / lo, a * a * r * r / (lo * lo) - 1 / p.lambdaMax());
  }

  /** The claim, as a predicate: true unless the search finds a violation the oracle confirms. */
  static boolean claimHolds(GaussianMixture m) {
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), T);
    LipschitzResult r = new LipschitzSearch(1).search(p, Domain.global());
    return !Rounding.confirmedViolation(p, r, proposedGlobalBound(p));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void globalUnequalIsFalsifiedAndShrinksToTwoUnorderedComponentsInThePlane(long seed) {
    Arbitrary<GaussianMixture> mixtures = Mixtures.builder().dimensions(1, 4).components(1, 4)
        .families(CovarianceFamily.FULL, CovarianceFamily.DIAGONAL).conditionNumber(1, 100)
        .scale(0.5, 2).meanRadius(3).weightFloor(0.05).build();
    Predicate<GaussianMixture> holds = GlobalUnequalTest::claimHolds;
    GreedyShrinker.Result<GaussianMixture> r = GreedyShrinker.minimalCounterexample(mixtures, seed, holds);
    GaussianMixture w = r.value();
    assertEquals(2, w.dimension(), () -> "shrunk witness " + w);
    assertEquals(2, w.components(), () -> "shrunk witness " + w);
    assertTrue(unordered(w.covariance(0), w.covariance(1)), () -> "covariances ordered in " + w);
    assertTrue(!claimHolds(w), "the shrunk witness still violates the proposed bound");
  }

  /** Σ_1 − Σ_2 has eigenvalues of both signs. */
  public static boolean unordered(double[][] s1, double[][] s2) {
    int d = s1.length;
    double[][] diff = new double[d][d];
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) diff[r][c] = s1[r][c] - s2[r][c];
    double[] e = GaussianMixture.symmetricEigenvalues(diff);
    return e[0] < 0 && e[d - 1] > 0;
  }
}
