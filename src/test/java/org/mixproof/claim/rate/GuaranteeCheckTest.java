package org.mixproof.claim.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mixproof.claim.Checks;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimFormatException;
import org.mixproof.claim.spec.ClaimSpec;

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

  /**
   * KL(p_0 ‖ N(0, I)) of the separable data against its closed form: with one component at position m
   * (line variance σ²) the line part is KL(N(m, σ²) ‖ N(0, 1)) = ½(σ² − 1 − ln σ² + m²); in d = 3 the
   * other coordinates add g = ½(σ² − 1 − ln σ²) each, the second with its offset o: + ½o². Simpson on 4096
   * panels over [m − 14σ ∓ …]: error ≤ (b − a) h⁴ max|f⁗|/180, with |f⁗| ≤ 100 for σ = 0.7 (the fourth
   * derivative of a Gaussian density is ≤ 3p/σ⁴ ≈ 7, times log factors below 15).
   */
  @Test
  void klOfTheDataAgainstItsClosedForm() {
    double m = 1.3, sigma2 = 0.49, offset = 0.4;
    GuaranteeCheck.Draw draw = new GuaranteeCheck.Draw(new double[] {1}, new double[] {m}, offset);
    GuaranteeCheck.Base base = new GuaranteeCheck.Base(3, 1, 1, 10, 1e-3, 1e-3, sigma2, 2);
    double g = 0.5 * (sigma2 - 1 - Math.log(sigma2));
    double exact = 0.5 * (sigma2 - 1 - Math.log(sigma2) + m * m) + g + 0.5 * offset * offset + g;
    double span = 2 * (m + 14 * Math.sqrt(sigma2)), h = span / 4096;
    assertEquals(exact, GuaranteeCheck.kl0(draw, base), span * Math.pow(h, 4) * 100 / 180);
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

  /**
   * (A1) of [CCLLSZ23]: one L for all t ≥ 0 with L ≥ 1, here the shared-covariance bound
   * max(1/λ_t, a_t² D²/(4λ_t²) − 1/λ_t), λ_t = a_t² σ² + b_t², maximised over [0, T]. By hand for vp-ou:
   * with σ² = 1/4 and D = 2 the second term is u/λ² − 1/λ with λ = 1 − 3u/4, u = a_t², largest at u = 1
   * (t = 0): 16 − 4 = 12; with σ² = 4 and D = 0 every 1/λ_t < 1, so the clamp gives L = 1. And (A2):
   * m2 = E‖X_0‖² = Σ π_i μ_i² + d σ² (the file's bound takes its square root).
   */
  @Test
  void theGlobalLipschitzConstantIsTheSupOverTAndAtLeastOne() {
    org.mixproof.schedule.NoiseSchedule s = org.mixproof.schedule.Schedules.parse("vp-ou");
    org.mixproof.sampler.TimeGrid grid = org.mixproof.sampler.TimeGrid.uniform(4, 0.01, 64);
    GuaranteeCheck.Draw two = new GuaranteeCheck.Draw(new double[] {0.5, 0.5}, new double[] {-1, 1}, 0);
    java.util.Map<String, Double> v = GuaranteeCheck.variables(two, new GuaranteeCheck.Base(1, 2, 4, 64, 0, 0.01, 0.25, 1),
        s, grid, new double[][] {{-1}, {1}}, false);
    assertEquals(12, v.get("L"), 0, "t = 0 is sampled exactly: 4/(4 · 1/16) − 4");
    assertEquals(1.25, v.get("m2"), 0, "½·1 + ½·1 + 1·¼");
    GuaranteeCheck.Draw one = new GuaranteeCheck.Draw(new double[] {0.5, 0.5}, new double[] {0, 0}, 0);
    v = GuaranteeCheck.variables(one, new GuaranteeCheck.Base(1, 2, 4, 64, 0, 0.01, 4, 0), s, grid,
        new double[][] {{0}, {0}}, false);
    assertEquals(1, v.get("L"), 0, "every 1/λ_t is below 1: L = 1 from (A1)'s L ≥ 1");
  }

  /** The catalog's [CCLLSZ23] bound takes m₂ = √E‖X_0‖² (A2): evaluated against the formula by hand. */
  @Test
  void theDdpmBoundUsesTheSquareRootOfTheSecondMoment() throws IOException {
    ClaimSpec spec = ClaimFiles.read(Path.of("properties/solver.ccllsz23.ddpm.properties"));
    java.util.Map<String, Double> v = new java.util.TreeMap<>(java.util.Map.of("kl0", 0.0, "T", 4.0, "L", 2.0, "d", 10.0,
        "h", 0.0625, "m2", 9.0, "eps_score", 0.0));
    for (String name : GuaranteeCheck.NAMES) v.putIfAbsent(name, 1.0);
    double expected = (2 * Math.sqrt(10 * 0.0625) + 2 * 3 * 0.0625) * 2; // (L √(d h) + L √m2 h) √T
    assertEquals(expected, BoundExpression.of(spec, "bound", GuaranteeCheck.NAMES).evaluate(v), 4 * Math.ulp(expected));
  }

  /** The theorems assume h ≲ 1/L: a file whose sweep leaves L·h ≤ max-Lh is refused, naming the key. */
  @Test
  void aStepSweepOutsideTheTheoremIsRefused() throws IOException {
    // the earlier profile: σ² = 0.25 and means within radius 2 give L up to ≈ 60 at t = 0, so L h ≫ 0.5 at N = 32
    String text = Files.readString(Path.of("properties/solver.ccllsz23.ddpm.properties"))
        .replaceAll("(?m)^sigma2 = .*$", "sigma2 = 0.25").replaceAll("(?m)^mean-radius = .*$", "mean-radius = 2")
        .replaceAll("(?m)^tries = .*$", "tries = 1");
    ClaimFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ClaimFormatException.class,
        () -> Checks.run(ClaimFiles.parse(text, Path.of("x/solver.ccllsz23.ddpm.properties")), RunOptions.standard()));
    assertTrue(e.getMessage().contains("max-Lh") && e.getMessage().contains("h ≲ 1/L"), e.getMessage());
  }

  static GuaranteeCheck.Point exact(double x, double tv) {
    return new GuaranteeCheck.Point(x, java.util.Map.of(), tv, tv, 0, 1, tv);
  }

  /**
   * The constant is a supremum over the data class: at each x the envelope takes the largest Ĉ over the
   * tries. One try drawn near an exact case (Ĉ = 0.001 at x = 2) grows 4× by itself; over two tries the
   * lower range's maximum is 0.004 and nothing grows. A true dependence on x (Ĉ ∝ x in every try) is
   * still certain growth: 0.004·8 over 0.004·2 = 4.
   */
  @Test
  void theEnvelopeTakesTheMaximumOverTriesAtEachValue() {
    GuaranteeCheck.Sweep lucky = new GuaranteeCheck.Sweep("components",
        java.util.List.of(exact(1, 0.0005), exact(2, 0.001), exact(4, 0.004), exact(8, 0.0038)));
    GuaranteeCheck.Sweep typical = new GuaranteeCheck.Sweep("components",
        java.util.List.of(exact(1, 0.003), exact(2, 0.004), exact(4, 0.0039), exact(8, 0.0037)));
    assertEquals(4, lucky.certainGrowth(), 1e-12);
    GuaranteeCheck.Envelope both = GuaranteeCheck.Envelope.of(java.util.List.of(lucky, typical));
    assertEquals(1, both.certainGrowth(), 1e-12, "0.004 / 0.004");
    GuaranteeCheck.Sweep linear = new GuaranteeCheck.Sweep("components",
        java.util.List.of(exact(1, 0.002), exact(2, 0.004), exact(4, 0.008), exact(8, 0.016)));
    assertEquals(4, GuaranteeCheck.Envelope.of(java.util.List.of(linear, typical)).certainGrowth(), 1e-12);
  }

  /**
   * A falsified rate claim is shrunk like a point claim: [LY24]'s sampler against ln(T)³/T (no d) is
   * falsified along d, and its witness is reduced to two swept dimensions, fewer components and fewer
   * noise levels — and that reduced case, recomputed, still grows beyond the allowed factor.
   */
  @Test
  void aFalsifiedGuaranteeIsShrunk() throws IOException {
    String text = Files.readString(Path.of("properties/solver.ly24.dimension-free.properties"))
        .replaceAll("(?m)^tries = .*$", "tries = 1").replaceAll("(?m)^sweep-(levels|components) = .*$", "");
    ClaimSpec spec = ClaimFiles.parse(text, Path.of("x/solver.ly24.dimension-free.properties"));
    ClaimResult r = Checks.run(spec, RunOptions.standard());
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> shrunk = (java.util.Map<String, Object>) r.witness().get("shrunk");
    assertTrue(shrunk != null, "the witness carries its shrunk case: " + r.witness().keySet());
    @SuppressWarnings("unchecked")
    java.util.List<Double> values = (java.util.List<Double>) shrunk.get("values");
    int k = (Integer) shrunk.get("k"), steps = (Integer) shrunk.get("steps");
    GuaranteeCheck.Base base = GuaranteeCheck.base(spec);
    assertEquals(2, values.size(), "two dimensions suffice to show growth: " + shrunk);
    assertTrue(k < base.k() && steps < base.N(), "fewer components and levels than the file's k = " + base.k()
        + ", " + base.N() + " steps: " + shrunk);
    // the reduced case, recomputed from its description, still falsifies
    GuaranteeCheck.Base reduced = base.with("components", k).with("steps", steps);
    GuaranteeCheck.Sweep again = GuaranteeCheck.sweep(spec, BoundExpression.of(spec, "bound", GuaranteeCheck.NAMES), 1,
        (Integer) shrunk.get("try"), reduced, "dimension", values);
    assertTrue(again.certainGrowth() > 2, "certain growth " + again.certainGrowth());
    assertTrue(r.detail().contains("shrunk in"), r.detail());
  }
}
