package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.rounding.RoundingModel;

/**
 * The generic runner on claims whose truth is known from mathematics: an exact identity holds with
 * tightness 1, the same bound scaled by 1/2 is falsified and shrunk to the simplest case, hypotheses
 * never met give VACUOUS, and a witness replays.
 */
class BoundSearchTest {

  static String claim(String id, String bound, String expect, String extra) {
    return String.join("\n", "id = " + id, "title = t", "source = s", "statement = s", "quantity = lipschitz",
        "domain = global", "bound = " + bound, "expect = " + expect, extra, "");
  }

  /**
   * How far the double tightness ‖H(x)‖₂ / (1/λmin(t)) of one Gaussian (H = −P(t)) may be from 1 for
   * d ≤ {@code d} and cond(Σ) ≤ {@code kappa} (the profile's default condition range; cond Σ(t) ≤ cond Σ):
   * P(t) from a Cholesky factor, d(d+1)·u·κ relative (Higham, ASNA Thm 10.3); ‖H‖₂ by the symmetric
   * eigensolver, 8dε relative; λmin(t) by the same eigensolver, 8dε·λmax, i.e. 8dεκ relative.
   */
  static double gaussianTightnessRoundoff(int d, double kappa) {
    return d * (d + 1) * kappa * RoundingModel.U + RoundingModel.eigenvalueRoundoff(d, 1)
        + RoundingModel.eigenvalueRoundoff(d, kappa);
  }

  static ClaimResult run(String text, String id) {
    ClaimSpec spec = ClaimFiles.parse(text, Path.of(id + ".properties"));
    return Checks.run(spec, RunOptions.standard());
  }

  @Test
  void gaussianDataMeetsOneOverLambdaMinExactly() {
    // k = 1: H ≡ −P(t), so ‖H‖ = 1/λmin(t) everywhere (docs/claims.md §3): tightness 1 up to rounding
    ClaimResult r = run(claim("g", "1/lambda_min_t", "holds", "components = 1\ndimensions = 1..3\ntries = 10"), "g");
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
    assertEquals(10, r.tries());
    assertEquals(1.0, r.measure(), gaussianTightnessRoundoff(3, 100)); // 3024 ε ≈ 6.7e-13
  }

  @Test
  void halfTheGaussianBoundIsFalsifiedAndShrunkToOneDimension() {
    ClaimResult r = run(claim("half", "0.5/lambda_min_t", "falsified", "components = 1\ndimensions = 1..4\ntries = 10"), "half");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    // twice the tightness of an exact identity, so twice its rounding (d ≤ 4: 8464 ε ≈ 1.9e-12)
    assertEquals(2.0, r.measure(), 2 * gaussianTightnessRoundoff(4, 100), "measured/bound of an exact identity against half of it");
    assertTrue(r.where().startsWith("d=1 k=1"), "shrinks to the simplest case: " + r.where());
    assertTrue(r.witness().containsKey("mixture") && r.witness().containsKey("claim_file"));
  }

  @Test
  void hypothesesNeverMetGiveVacuous() {
    // requires k >= 2 on a profile that only makes one component
    ClaimResult r = run(claim("v", "1/lambda_min_t", "holds", "components = 1\nrequires = k - 1\ntries = 5"), "v");
    assertEquals(Verdict.VACUOUS, r.verdict());
    assertEquals(50, r.skipped());
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    String text = claim("s", "1/lambda_min_t", "holds", "components = 1..3\nfamilies = shared\ntries = 6");
    ClaimResult a = run(text, "s"), b = run(text, "s");
    assertEquals(a.measure(), b.measure());
    assertEquals(a.where(), b.where());
  }

  @Test
  void aWitnessReplaysFromItsFileAlone(@TempDir Path dir) throws Exception {
    ClaimResult r = run(claim("half", "0.5/lambda_min_t", "falsified", "components = 1\ntries = 4"), "half");
    Path file = dir.resolve("half.json");
    Files.writeString(file, Witnesses.toJson(r.witness()));
    Witnesses.Replay replay = Witnesses.replay(file);
    assertTrue(replay.now().violated());
    assertEquals(replay.recordedMeasured(), replay.now().measured());
    // the oracle's ‖H‖ at 60 digits (exact at this scale) agrees with 1/λmin(t) = 2 × bound to the rounding of
    // the double λmin(t): the symmetric eigensolver's 8dε·λmax, i.e. 8dεκ relative (d ≤ 4, κ ≤ 100: 3200 ε ≈ 7.1e-13)
    assertEquals(2 * replay.recordedBound(), replay.oracleHessianNorm(),
        RoundingModel.eigenvalueRoundoff(4, 100) * replay.oracleHessianNorm());
    assertTrue(new ObjectMapper().readTree(Files.readString(file)).get("point").isArray());
  }

  /** m2(t) against half of itself: falsified, and the witness's point certificate separates the enclosures. */
  @Test
  void aTooTightMomentBoundCarriesACertificate() {
    String text = String.join("\n", "id = m", "title = t", "source = s", "statement = s", "quantity = second-moment",
        "bound = 0.5 * m2", "expect = falsified", "tries = 3", "");
    ClaimResult r = run(text, "m");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> c = (java.util.Map<String, Object>) r.witness().get("certificate");
    assertEquals("CERTIFIED", c.get("status"), String.valueOf(c.get("reason")));
    double[] m = (double[]) c.get("measured_enclosure"), b = (double[]) c.get("bound_enclosure");
    assertTrue(m[0] > b[1]);
    // the double m2 (from the schedule's doubles a(t), b2(t), each within 1 ulp, and a few sums) lies within
    // 16 ε of the enclosure of the real m2
    double mv = (double) r.witness().get("measured_value"), slack = 16 * RoundingModel.EPS * mv;
    assertTrue(m[0] - slack <= mv && mv <= m[1] + slack, mv + " vs [" + m[0] + ", " + m[1] + "]");
  }
}
