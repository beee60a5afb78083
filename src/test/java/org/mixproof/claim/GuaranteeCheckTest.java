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
    // TV = (initialisation part, flat in h) + (first-order part): against h² alone Ĉ grows ≥ 1/h, 8× over the sweep
    ClaimResult r = wrong("solver.dpom", "L*d*h^2*T", "sweep-horizon", "sweep-dimension", "sweep-components");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
  }

  @Test
  void dpumIsNotSecondOrderInTv() throws IOException {
    ClaimResult r = wrong("solver.dpum", "L*d*h^2*T", "sweep-horizon", "sweep-dimension", "sweep-components");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
  }

  @Test
  void clw25IsNotOneOverTSquared() throws IOException {
    // along T alone (d = 10): TV ~ polylog(T)/T, so against 1/T² Ĉ grows like T, ≈ 4–8× over 64 … 512
    ClaimResult r = wrong("solver.clw25.dimension-free", "1/T^2", "sweep-dimension", "sweep-components", "sweep-spread");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.detail().contains("levels"), r.detail());
  }

  /**
   * The d sweep tells the two samplers apart: [CLW25]'s file with [LY24]'s step (noise inside the
   * rescaling, variance (1 − α)/α) in place of theirs — the transcription slip this catalog once made —
   * is FALSIFIED along d, while the same file with their own step holds (the catalog run).
   */
  @Test
  void clw25FileWithTheNoiseInsideStepFailsAlongD() throws IOException {
    String text = Files.readString(Path.of("properties/solver.clw25.dimension-free.properties"))
        .replaceAll("(?m)^scheme = .*$", "scheme = ly24").replaceAll("(?m)^expect = .*$", "expect = falsified")
        .replaceAll("(?m)^tries = .*$", "tries = 1").replaceAll("(?m)^sweep-(levels|components|spread) = .*$", "");
    ClaimResult r = Checks.run(ClaimFiles.parse(text, Path.of("x/solver.clw25.dimension-free.properties")),
        RunOptions.standard());
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.detail().contains("dimension"), r.detail());
  }

  @Test
  void ly24WithoutItsDFactorHoldsAlongTAndK() throws IOException {
    // the falsification of solver.ly24.dimension-free comes from the d sweep: along T and k the rate holds
    String text = Files.readString(Path.of("properties/solver.ly24.dimension-free.properties"))
        .replaceAll("(?m)^sweep-dimension = .*$", "").replaceAll("(?m)^expect = .*$", "expect = holds")
        .replaceAll("(?m)^tries = .*$", "tries = 1");
    ClaimResult r = Checks.run(ClaimFiles.parse(text, Path.of("x/solver.ly24.dimension-free.properties")),
        RunOptions.standard());
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
  }

  @Test
  void scoreErrorIsNotQuadratic() throws IOException {
    // TV(q_ε, q_0) = c ε + O(ε²): against ε² √T, Ĉ grows like 1/ε, 32× along the sweep 0.16 … 0.005
    ClaimResult r = wrong("solver.score-robustness", "eps_score^2*sqrt(T)");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.detail().contains("eps"), r.detail());
  }

  @Test
  void scoreRobustnessReportsItsSlopeWithoutJudgingIt() throws IOException {
    String text = Files.readString(Path.of("properties/solver.score-robustness.properties"))
        .replaceAll("(?m)^tries = .*$", "tries = 1");
    ClaimResult r = Checks.run(ClaimFiles.parse(text, Path.of("x/solver.score-robustness.properties")), RunOptions.standard());
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
    assertTrue(r.detail().contains("slope of TV in ε_score") && r.detail().contains("reported, not judged"), r.detail());
  }
}
