package org.mixproof.claim.quantity;

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

/** The score checks can fail: wrong bounds are falsified (a wrong score is rejected: {@code density.identity.IdentityPowerTest}). */
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
}
