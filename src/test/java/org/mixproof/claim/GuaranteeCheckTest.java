package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Each §5.4 rate check can fail: its catalog file with a deliberately wrong rate (a bound that falls
 * faster in h or N than any first-order sampler can, or a claimed slope below 1) is FALSIFIED.
 */
class GuaranteeCheckTest {

  /** The catalog file with {@code bound} replaced, fewer sweeps, expecting falsified. */
  static ClaimResult wrong(String id, String bound, String... drop) throws IOException {
    String text = Files.readString(Path.of("properties/" + id + ".properties"));
    text = text.replaceAll("(?m)^bound = .*$", "bound = " + bound).replaceAll("(?m)^expect = .*$", "expect = falsified")
        .replaceAll("(?m)^tries = .*$", "tries = 1");
    for (String key : drop) text = text.replaceAll("(?m)^" + key + " = .*$", "");
    return Checks.run(ClaimFiles.parse(text, Path.of("x/" + id + ".properties")), RunOptions.standard());
  }

  @Test
  void ddpmIsNotSecondOrderInTv() throws IOException {
    // EI's TV falls like h (first order) down to the initialisation error: against h² alone Ĉ grows ≥ 1/h, 8× over the sweep
    ClaimResult r = wrong("solver.ccllsz23.ddpm", "L*d*h^2*sqrt(T)",
        "sweep-horizon", "sweep-dimension", "sweep-components");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.detail().contains("steps"), r.detail());
  }

  @Test
  void dpomIsNotSecondOrderInTv() throws IOException {
    ClaimResult r = wrong("solver.dpom", "sqrt(kl0)*exp(-T) + L*d*h^2*T", "sweep-horizon", "sweep-dimension", "sweep-components");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
  }

  @Test
  void dpumIsNotSecondOrderInTv() throws IOException {
    ClaimResult r = wrong("solver.dpum", "sqrt(kl0)*exp(-T) + L*d*h^2*T", "sweep-horizon", "sweep-dimension", "sweep-components");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
  }

  @Test
  void clw25IsNotOneOverNSquared() throws IOException {
    // along N alone (d = 10): TV ~ ln N/N, so against 1/N² Ĉ grows like N ln N, ≈ 8× over 32 … 256
    ClaimResult r = wrong("solver.clw25.dimension-free", "1/N^2", "sweep-dimension", "sweep-components");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.detail().contains("steps"), r.detail());
  }

  @Test
  void clw25AlongNAndKAloneHolds() throws IOException {
    // the catalog's falsification comes from the d sweep: along N and k the rate ln(N)²/N holds
    String text = Files.readString(Path.of("properties/solver.clw25.dimension-free.properties"))
        .replaceAll("(?m)^sweep-dimension = .*$", "").replaceAll("(?m)^expect = .*$", "expect = holds")
        .replaceAll("(?m)^tries = .*$", "tries = 1");
    ClaimResult r = Checks.run(ClaimFiles.parse(text, Path.of("x/solver.clw25.dimension-free.properties")), RunOptions.standard());
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
  }

  @Test
  void scoreErrorIsNotSquareRootLike() throws IOException {
    // a claimed slope ≤ 0.5 in ε_score: the measured slope is ≈ 1
    String text = Files.readString(Path.of("properties/solver.score-robustness.properties"))
        .replaceAll("(?m)^max-slope = .*$", "max-slope = 0.5").replaceAll("(?m)^expect = .*$", "expect = falsified")
        .replaceAll("(?m)^tries = .*$", "tries = 1");
    ClaimResult r = Checks.run(ClaimFiles.parse(text, Path.of("x/solver.score-robustness.properties")), RunOptions.standard());
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.detail().contains("slope"), r.detail());
  }
}
