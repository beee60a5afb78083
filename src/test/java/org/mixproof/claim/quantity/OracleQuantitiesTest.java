package org.mixproof.claim.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.claim.PreservationScoreMutations.assertFalsified;
import static org.mixproof.claim.PreservationScoreMutations.run;
import static org.mixproof.claim.PreservationScoreMutations.tooTight;
import static org.mixproof.claim.PreservationScoreMutations.withBound;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mixproof.claim.BoundSearch;
import org.mixproof.claim.Checks;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.Measurement;
import org.mixproof.claim.Quantity;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.generators.IllConditionedCases.Case;

/** The oracle checks can fail, and a refusal is within oracle.ill-conditioned but not oracle.agreement. */
class OracleQuantitiesTest {

  /** Accepted cases differ from the oracle by rounding (≈ u of the terms): 1e-6 of c·u·κ is violated. */
  @ParameterizedTest
  @ValueSource(strings = {"oracle.agreement", "oracle.ill-conditioned"})
  void aBoundAMillionTimesTooTightIsFalsified(String id) throws IOException {
    assertFalsified(tooTight(id));
  }

  /** A count of non-finite outputs is ≥ 0: a bound below 0 is violated by the first try. */
  @Test
  void finiteWithANegativeBoundIsFalsified() throws IOException {
    assertFalsified(run(withBound("oracle.finite", b -> "-1/2")));
  }

  /**
   * Over the catalog's own ill-conditioned cases (its seed) the double code refuses some (the range
   * reaches cond 1e12 and far ties, where it must) and accepts some with κ ≥ 1e8. A refusal measures
   * 0 under oracle.ill-conditioned (within the claim, a try, not a skip) and +∞ under
   * oracle.agreement (where refusing is a failure).
   */
  @Test
  void aRefusalIsWithinTheIllConditionedClaimOnly() throws IOException {
    ClaimSpec spec = ClaimFiles.read(Path.of("properties", "oracle.ill-conditioned.properties"));
    Quantity<Case> ill = OracleQuantities.illConditioned();
    Quantity<Case> agreement = OracleQuantities.agreement();
    RandomGenerator<Case> gen = ill.cases(spec).generator(BoundSearch.GEN_SIZE);
    Random random = new Random(spec.longValue("seed", 1));
    int refused = 0, acceptedIll = 0;
    for (int n = 0; n < 400 && (refused < 2 || acceptedIll < 1); n++) {
      Case c = gen.next(random).value();
      Measurement m = ill.measure(c, spec);
      if (m.variables().get("refused") == 1) {
        refused++;
        assertEquals(0.0, m.value(), "a refusal is within the claim");
        assertEquals(Double.POSITIVE_INFINITY, agreement.measure(c, spec).value(), "but not within oracle.agreement");
      } else if (m.variables().get("kappa") >= 1e8) {
        acceptedIll++;
      }
    }
    assertTrue(refused >= 2 && acceptedIll >= 1, "refused " + refused + ", accepted with κ ≥ 1e8 " + acceptedIll);
    ClaimResult r = Checks.run(spec, RunOptions.scaled(0.25));
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
    assertEquals(0, r.refused(), "refusals are tries of this claim, not refused cases");
  }
}
