package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureJson;

/**
 * The {@code lipschitz.global-unequal} witness is minimal at every seed of {@code mixproof.witness.seeds}:
 * d = 2, k = 2, with covariances that are not ordered (Σ_1 − Σ_2 indefinite), as {@code mixproof check
 * --seed S} writes it. The minimum is mathematics, docs/claims.md §3: one Gaussian meets the bound
 * (‖H‖ = 1/λmin(t)), and in d = 1 or with ordered covariances the global constant is finite; the growth
 * of ‖H‖ like ‖x‖² needs two components whose covariances are not ordered, so d ≥ 2 and k ≥ 2.
 *
 * <p>{@code mvn verify} runs seeds 5 and 20, where shrinking used to stop at k = 3 (two coincident
 * components beside a distinct last one, or three components with only one unordered pair);
 * {@code -Pthorough} runs 1..20, the seeds of {@link SeedStabilityTest}.
 */
class GlobalUnequalWitnessTest {

  static final Path FILE = Path.of("properties/lipschitz.global-unequal.properties");

  @TestFactory
  Stream<DynamicTest> theWitnessIsTwoUnorderedComponentsInThePlaneAtEverySeed() {
    List<DynamicTest> tests = new ArrayList<>();
    for (long seed : SeedStabilityTest.seeds(System.getProperty("mixproof.witness.seeds", "5,20"))) {
      tests.add(DynamicTest.dynamicTest("seed " + seed, () -> {
        ClaimSpec spec = ClaimFiles.read(FILE);
        ClaimResult r = Checks.run(spec, new RunOptions(seed, 1, Long.MAX_VALUE));
        assertEquals(Verdict.FALSIFIED, r.verdict(), () -> "seed " + seed + ": " + r.detail());
        GaussianMixture w = MixtureJson.fromTree((JsonNode) r.witness().get("mixture"), "witness");
        assertEquals(2, w.dimension(), () -> "seed " + seed + ": witness " + w);
        assertEquals(2, w.components(), () -> "seed " + seed + ": witness " + w);
        assertTrue(unordered(w.covariance(0), w.covariance(1)), () -> "seed " + seed + ": covariances ordered in " + w);
      }));
    }
    return tests.stream();
  }

  static boolean unordered(double[][] s1, double[][] s2) {
    return org.mixproof.smoothness.GlobalUnequalTest.unordered(s1, s2);
  }
}
