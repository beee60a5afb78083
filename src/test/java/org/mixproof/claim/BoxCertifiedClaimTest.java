package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.mixproof.certify.BoxCertifier;
import org.mixproof.claim.quantity.LipschitzQuantity;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimFormatException;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.generators.DiffusionCases;

/**
 * {@code certify = box} in the claim engine (docs/claims.md §8): for one Gaussian, where sup ‖H‖ = 1/λmin(t)
 * on every box, the exact bound is PROVED on every try and half of it is falsified with a witness whose box
 * certificate is not PROVED; a quantity whose box certificate wrongly PROVES a confirmed violation ends the
 * run in ERROR (the soundness guard fires); bad keys are refused before any computing.
 */
class BoxCertifiedClaimTest {

  static ClaimSpec spec(String id, String bound, String expect, String extra) {
    return spec(id, bound, expect, extra, "box");
  }

  static ClaimSpec spec(String id, String bound, String expect, String extra, String certify) {
    return ClaimFiles.parse(String.join("\n", "id = " + id, "title = t", "source = s", "statement = s",
        "quantity = lipschitz", "domain = ball", "beta = 1", "certify = " + certify, "bound = " + bound, "expect = " + expect,
        "components = 1", "dimensions = 1..2", extra, ""), Path.of(id + ".properties"));
  }

  @Test
  void theExactGaussianBoundIsProvedOnEveryTry() {
    // 1/λmin(t) exactly is not provable (the enclosure's upper end exceeds it by rounding): ask for 1 + 1e-9 of it
    ClaimResult r = Checks.run(spec("g", "(1 + 10^(-9))/lambda_min_t", "holds", "tries = 6"), RunOptions.standard());
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
    assertEquals("PROVED 6/6", r.certificate());
  }

  @Test
  void aFalsifiedClaimsWitnessIsNeverProved() {
    ClaimResult r = Checks.run(spec("half", "0.5/lambda_min_t", "falsified", "tries = 4"), RunOptions.standard());
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertNotEquals("PROVED", r.witness().get("box_certificate"));
    assertEquals("FALSIFIED", r.witness().get("box_certificate"), "‖H‖ = 2 × bound everywhere in the ball");
  }

  /** A lipschitz quantity whose box certificate always says PROVED: wrong by construction. */
  static final class AlwaysProved implements Quantity<DiffusionCases.Case> {
    final LipschitzQuantity real = new LipschitzQuantity();
    @Override public String name() { return real.name(); }
    @Override public Set<String> variables() { return real.variables(); }
    @Override public Set<String> keys() { return real.keys(); }
    @Override public Arbitrary<DiffusionCases.Case> cases(ClaimSpec s) { return real.cases(s); }
    @Override public Measurement measure(DiffusionCases.Case c, ClaimSpec s) { return real.measure(c, s); }
    @Override public boolean confirms(DiffusionCases.Case c, Measurement m, double b, ClaimSpec s) { return real.confirms(c, m, b, s); }
    @Override public Map<String, Object> describe(DiffusionCases.Case c, Measurement m) { return real.describe(c, m); }
    @Override public BoxOutcome boxCertificate(DiffusionCases.Case c, Measurement m, ClaimSpec s) {
      return new BoxOutcome(BoxCertifier.Verdict.PROVED, null, Double.NaN, "wrong on purpose");
    }
  }

  @Test
  void aProofOfAConfirmedViolationEndsInError() {
    ClaimResult r = new BoundSearch<>(new AlwaysProved()).run(spec("half", "0.5/lambda_min_t", "falsified", "tries = 4"),
        RunOptions.standard());
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(r.detail().contains("unsound"), r.detail());
  }

  @Test
  void badCertifyKeysAreRefused() {
    ClaimSpec proof = spec("m", "1", "holds", "", "proof");
    ClaimFormatException mode = assertThrows(ClaimFormatException.class,
        () -> new BoundSearch<>(new LipschitzQuantity()).validate(proof));
    assertTrue(mode.getMessage().contains("'point' or 'box'") && mode.getMessage().contains("proof"), mode.getMessage());
    ClaimSpec tooSmall = spec("b", "1", "holds", "box = -0.5:0.5");
    ClaimFormatException small = assertThrows(ClaimFormatException.class,
        () -> new BoundSearch<>(new LipschitzQuantity()).validate(tooSmall));
    assertTrue(small.getMessage().contains("must contain the ball"), small.getMessage());
  }
}
