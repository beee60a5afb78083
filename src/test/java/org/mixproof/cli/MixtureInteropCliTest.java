package org.mixproof.cli;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval}, {@code lipschitz} and {@code errors} with the files Python writes: scikit-learn's
 * layouts and names, metadata keys (a warning), NaN (an error naming key and index), witness files
 * (their mixture, schedule, t and point), and the JSON spelling of infinity.
 */
class MixtureInteropCliTest {

  /** π = (½, ½), μ = ±2, σ² = 1 (the README's example), in sklearn's spherical layout with metadata. */
  static final String SKLEARN_1D = "{\"covariance_type\": \"spherical\", \"weights_\": [0.5, 0.5],"
      + " \"means_\": [[-2.0], [2.0]], \"covariances_\": [1.0, 1.0], \"n_iter_\": 4, \"converged_\": true}";

  /** The same mixture as a witness file in the form of reports/counterexamples/*.json. */
  static String witness(String schedule, double t, double x) {
    return "{\n  \"claim\" : \"lipschitz.example\",\n  \"quantity\" : \"lipschitz\",\n  \"seed\" : 1,\n"
        + "  \"measuredValue\" : 1.0,\n  \"variables\" : {\"beta\" : \"Infinity\", \"log_gamma\" : \"-Infinity\"},\n"
        + "  \"schedule\" : \"" + schedule + "\",\n  \"t\" : " + t + ",\n  \"point\" : [ " + x + " ],\n"
        + "  \"mixture\" : {\n    \"weights\" : [ 0.5, 0.5 ],\n    \"means\" : [ [ -2.0 ], [ 2.0 ] ],\n"
        + "    \"covariances\" : [ [ [ 1.0 ] ], [ [ 1.0 ] ] ]\n  },\n"
        + "  \"claimFile\" : {\"id\" : \"lipschitz.example\", \"mean-radius\" : \"3\"}\n}\n";
  }

  static JsonNode json(CliRun r) throws Exception {
    return new ObjectMapper().readTree(r.out());
  }

  /**
   * vp-ou at t: a = e^{−t}, b² = 1 − a², so the components are N(±2a, 1) and the supremum of ‖H‖ is the
   * shared-covariance value c²/v² − 1/v = 4a² − 1 at x = 0 (v = 1, c = 2a), as in LipschitzCommandTest.
   */
  @Test
  void lipschitzReadsScikitLearnsLayoutAndWarnsAboutMetadata(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("gmm.json");
    Files.writeString(f, SKLEARN_1D);
    CliRun r = CliRun.of("lipschitz", "--mixture", f.toString(), "--schedule", "vp-ou", "--t", "0.1", "--json");
    assertEquals(0, r.code(), r.err());
    double a = Math.exp(-0.1);
    assertEquals(4 * a * a - 1, json(r).get("measured").asDouble(), 1e-8);
    assertEquals(1, json(r).get("d").asInt());
    assertEquals(2, json(r).get("k").asInt());
    assertTrue(r.err().contains("mixproof: warning: " + f + ": ignoring keys that are not part of a mixture: \"n_iter_\", \"converged_\""),
        r.err());
  }

  @Test
  void lipschitzOnAWitnessFileUsesItsMixtureScheduleAndT(@TempDir Path dir) throws Exception {
    Path w = dir.resolve("lipschitz.example.json");
    Files.writeString(w, witness("vp-ou", 0.1, 0.5));
    CliRun r = CliRun.of("lipschitz", "--mixture", w.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = json(r);
    double a = Math.exp(-0.1);
    assertEquals(4 * a * a - 1, root.get("measured").asDouble(), 1e-8);
    assertEquals("vp-ou", root.get("schedule").asText());
    assertEquals(0.1, root.get("t").asDouble(), 0.0);
    assertEquals("lipschitz.example", root.get("witness_claim").asText());
    assertTrue(r.err().contains("is a witness file (claim lipschitz.example): reading its \"mixture\" (d = 1, k = 2)"), r.err());
    assertTrue(r.err().contains("schedule vp-ou from the witness file"), r.err());
    assertFalse(r.err().contains("warning"), "a witness's own keys are not metadata to warn about: " + r.err());
    // --t overrides the witness's t: at t = 1, 4a² − 1 = 4e^{−2} − 1 < 0, so sup ‖H‖ = 1/v = 1 (far from both means)
    CliRun later = CliRun.of("lipschitz", "--mixture", w.toString(), "--t", "1", "--json");
    assertEquals(0, later.code(), later.err());
    assertEquals(1.0, json(later).get("measured").asDouble(), 1e-8);
    assertEquals(1.0, json(later).get("t").asDouble(), 0.0);
  }

  /**
   * The README's hand computation, from a witness at vp-ou t = ln 2 and point ½: a = ½, b² = ¾,
   * components N(±1, 1), s(½) = −½ + tanh ½, H = −1 + sech² ½.
   */
  @Test
  void evalOnAWitnessFileUsesItsPointUnlessOneIsGiven(@TempDir Path dir) throws Exception {
    Path w = dir.resolve("w.json");
    Files.writeString(w, witness("vp-ou", Math.log(2), 0.5));
    CliRun r = CliRun.of("eval", "--mixture", w.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode root = json(r);
    JsonNode p = root.get("points").get(0);
    double th = Math.tanh(0.5);
    assertEquals(0.5, p.get("x").get(0).asDouble(), 0.0);
    assertEquals(-0.5 + th, p.get("score").get(0).asDouble(), 8 * EPS);
    assertEquals(-th * th, p.get("hessian").get(0).get(0).asDouble(), 8 * EPS);
    assertEquals("lipschitz.example", root.get("witness_claim").asText());
    assertTrue(r.err().contains("at the witness file's point"), r.err());
    // --x wins: s(0) = 0 by symmetry
    CliRun at0 = CliRun.of("eval", "--mixture", w.toString(), "--x", "0");
    assertEquals(0, at0.code(), at0.err());
    assertEquals(0.0, json(at0).get("points").get(0).get("score").get(0).asDouble(), 0.0);
  }

  @Test
  void aPlainMixtureStillNeedsScheduleTAndPoint(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("gmm.json");
    Files.writeString(f, SKLEARN_1D);
    String[][] cases = {
        {"Missing required option: '--schedule=S'", "lipschitz", "--mixture", f.toString(), "--t", "0.1"},
        {"Missing required option: '--t=T'", "lipschitz", "--mixture", f.toString(), "--schedule", "vp-ou"},
        {"Missing required argument (specify one of these): '--x=x1,...,xd', '--points=FILE.csv'",
            "eval", "--mixture", f.toString(), "--schedule", "vp-ou", "--t", "0.1"},
    };
    for (String[] c : cases) {
      CliRun r = CliRun.of(java.util.Arrays.copyOfRange(c, 1, c.length));
      assertEquals(Main.EXIT_ERROR, r.code(), r.err());
      assertTrue(r.err().contains(c[0]), () -> "stderr should contain '" + c[0] + "': " + r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void nonFiniteNumbersAndAmbiguousShapesExitTwoInTheUsersTerms(@TempDir Path dir) throws Exception {
    Path nan = dir.resolve("nan.json");
    Files.writeString(nan, "{\"weights_\": [0.5, 0.5],\n \"means_\": [[0.0, 0.0], [NaN, 1.0]],\n"
        + " \"covariances_\": [1.0, 1.0]}");
    Path square = dir.resolve("square.json");
    Files.writeString(square, "{\"weights_\": [0.5, 0.5], \"means_\": [[0.0, 0.0], [1.0, 1.0]],"
        + " \"covariances_\": [[1.0, 0.0], [0.0, 1.0]]}");
    String[][] cases = {
        // line 2 is ` "means_": [[0.0, 0.0], [NaN, 1.0]],`: N is its 26th character
        {nan + ":2:26: means_[1][0] is NaN; a mixture needs finite numbers", "lipschitz", "--mixture", nan.toString()},
        {nan + ":2:26: means_[1][0] is NaN", "eval", "--mixture", nan.toString(), "--schedule", "vp-ou", "--t", "1", "--x", "0,0"},
        {"covariances_ is a 2×2 array, which is scikit-learn's \"tied\" layout (d×d, one matrix shared by every"
            + " component) and also its \"diag\" layout (k×d, the variances of each component), since k = d = 2;"
            + " add \"covariance_type\": \"tied\" or \"covariance_type\": \"diag\" to the file", "lipschitz", "--mixture", square.toString(),
            "--schedule", "vp-ou", "--t", "1"},
    };
    for (String[] c : cases) {
      CliRun r = CliRun.of(java.util.Arrays.copyOfRange(c, 1, c.length));
      assertEquals(Main.EXIT_ERROR, r.code(), r.err());
      assertTrue(r.err().startsWith("mixproof: error: "), r.err());
      assertTrue(r.err().contains(c[0]), () -> "stderr should contain '" + c[0] + "': " + r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      assertEquals("", r.out());
    }
  }

  /**
   * One spelling of infinity in every JSON output: the string "Infinity". [LSSZ24]'s bound divides by
   * the density floor γ on the ball: on ‖x‖ ≤ 1000, γ ≤ p_t(1000) ≈ e^{−(1000 − 2a)²/2} ≈ e^{−5·10⁵},
   * and 1/γ is far beyond the largest double (≈ e^{709.8}), so the bound is +∞.
   */
  @Test
  void lipschitzSpellsAnInfiniteBoundAsTheStringInfinity() throws Exception {
    CliRun r = CliRun.of("lipschitz", "--mixture", "examples/two-component-1d.json", "--schedule", "vp-ou",
        "--t", "0.1", "--ball", "1000", "--json");
    assertEquals(0, r.code(), r.err());
    boolean saw = false;
    for (JsonNode b : json(r).get("bounds")) {
      if (b.get("id").asText().equals("lipschitz.lssz24")) {
        saw = true;
        assertTrue(b.get("value").isTextual(), b.toString());
        assertEquals("Infinity", b.get("value").asText());
        assertEquals(0.0, b.get("tightness").asDouble(), 0.0); // finite / ∞
      }
    }
    assertTrue(saw, r.out());
    assertTrue(r.out().contains("\"value\" : \"Infinity\""), r.out());
  }

  /**
   * KL(q ‖ p_0) = +∞ when the data N(0, diag(1, 0)) is singular and the sampler's output is not (eps = 0):
   * errors writes it as "Infinity", the same spelling as eval, lipschitz and the witness files.
   */
  @Test
  void errorsSpellsAnInfiniteKlAsTheStringInfinity(@TempDir Path dir) throws Exception {
    Path spectrum = dir.resolve("singular.txt");
    Files.writeString(spectrum, "1\n0\n");
    CliRun r = CliRun.of("errors", "--spectrum", spectrum.toString(), "--eps", "0", "--nfe", "10",
        "--schemes", "em", "--start", "prior", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode row = json(r).get("rows").get(0);
    assertTrue(row.get("kl_eps").isTextual(), row.toString());
    assertEquals("Infinity", row.get("kl_eps").asText());
    assertEquals(Double.POSITIVE_INFINITY, Double.parseDouble(row.get("kl_eps").asText()));
    assertFalse(r.out().contains("\"inf\""), r.out());
  }
}
