package org.mixproof.claim.quantity;

import static org.mixproof.claim.PreservationScoreMutations.assertFalsified;
import static org.mixproof.claim.PreservationScoreMutations.run;
import static org.mixproof.claim.PreservationScoreMutations.tooTight;
import static org.mixproof.claim.PreservationScoreMutations.with;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The preservation checks can fail: wrong bounds are falsified (a wrong law is rejected: {@code density.identity.IdentityPowerTest}). */
class PreservationQuantitiesTest {

  /**
   * Every residual here is a rounding (or truncation) error of order u of its terms, not 0 in
   * general: a bound 1e-6 times the derived tolerance (≈ 1e-20 of the terms) must be violated.
   */
  @ParameterizedTest
  @ValueSource(strings = {"preservation.characteristic-function", "preservation.fokker-planck", "preservation.moments"})
  void aBoundAMillionTimesTooTightIsFalsified(String id) throws IOException {
    assertFalsified(tooTight(id));
  }

  /**
   * Under the claim the KS p-values are uniform, so each try's smallest of three is below ½ with
   * probability 1 − (½)³ = 7/8: demanding p ≥ ½ fails within the file's tries but with probability
   * (1/8)^60 (200 samples a try, so that shrinking stays quick; uniformity holds for any n).
   */
  @Test
  void samplingDemandingLargePValuesIsFalsified() throws IOException {
    assertFalsified(run(with("preservation.sampling", Map.of("bound", b -> "1/2", "samples", n -> "200"))));
  }


}
