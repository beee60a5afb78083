package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.claim.PreservationScoreMutations.assertFalsified;
import static org.mixproof.claim.PreservationScoreMutations.run;
import static org.mixproof.claim.PreservationScoreMutations.tooTight;
import static org.mixproof.claim.PreservationScoreMutations.with;
import static org.mixproof.claim.PreservationScoreMutations.withBound;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/** The score checks can fail: wrong bounds are falsified, a wrong score is rejected. */
class ScoreQuantitiesTest {

  /**
   * Finite-difference residuals carry a truncation error and rounding of order u of the terms, the
   * exact identities rounding of order u: a bound 1e-6 times the derived tolerance must be violated.
   */
  @ParameterizedTest
  @ValueSource(strings = {"score.gradient", "score.jacobian", "score.tweedie", "score.gaussian"})
  void aBoundAMillionTimesTooTightIsFalsified(String id) throws IOException {
    assertFalsified(tooTight(id));
  }

  /**
   * The symmetry half of score.jacobian is judged: demanding an asymmetry below −1 (impossible for
   * a maximum of absolute values) zeroes the bound, and every try's positive residual violates it.
   */
  @Test
  void jacobianSymmetryGateIsLive() throws IOException {
    assertFalsified(run(withBound("score.jacobian", b -> b.replace("asymmetry <= 8 * d * u", "asymmetry <= -1"))));
  }

  /**
   * Under the claim the p-value is uniform: demanding p ≥ ½ fails within 40 tries but with probability
   * 2^{−40} (400 samples a try, so that shrinking stays quick; uniformity holds for any n).
   */
  @Test
  void steinDemandingLargePValuesIsFalsified() throws IOException {
    assertFalsified(run(with("score.stein", Map.of("bound", b -> "1/2", "samples", n -> "400"))));
  }

  /**
   * Power: N(0, 4) data under vp-ou at t = ½ has p_t = N(0, λ), λ = 4e^{−1} + 1 − e^{−1}. Scoring its
   * samples with a Gaussian of variance v = 2λ gives ‖s‖² + H = x²/v² − 1/v with mean (λ − v)/v² =
   * −1/(4λ) and standard deviation √2 λ/v² = 1/(2√2 λ): with n = 4000 the z-score is
   * √4000 · 2√2/4 ≈ 44.7 and the p-value ≈ 0, far below α/tries = 2.5e−5.
   */
  @Test
  void steinRejectsAWrongScore() {
    double t = 0.5, e = Math.exp(-2 * t);
    double lambda = 4 * e + 1 - e;
    double wrongData = (2 * lambda - (1 - e)) / e; // its time-t variance is 2λ
    DiffusionCases.Case c = PreservationQuantitiesTest.gaussianCase(4, t);
    MixtureDensity wrong = MixtureDensity.at(
        GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{wrongData}}}), new VpOu(), t);
    Measurement m = ScoreQuantities.stein(c, wrong, 42, 4000, Map.of());
    assertTrue(m.value() < 1e-3 / 40, "p = " + m.value());
    Measurement right = ScoreQuantities.stein(c, 42, 4000, Map.of());
    assertTrue(right.value() >= 1e-3 / 40, "the true score passes: p = " + right.value());
  }
}
