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

/** {@code mixproof eval}: the README's hand computation end to end, and errors as docs/claims.md §7 asks. */
class EvalCommandTest {

  static final String EXAMPLE = "examples/two-component-1d.json";

  static CliRun run(String... args) { return CliRun.of(args); }

  /**
   * README: π = (½, ½), μ = ±2, σ² = 1, vp-ou at t = ln 2 ⇒ a = ½, b² = ¾, components N(±1, 1), so
   * at x = ½: w = (1/(1+e), e/(1+e)), s = −½ + tanh ½, H = −1 + sech² ½,
   * log p = −½ log 2π − 1/8 − ½ + log cosh ½.
   */
  @Test
  void exampleMatchesTheHandComputation() throws Exception {
    CliRun r = run("eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "0.6931471805599453", "--x", "0.5");
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode p = root.get("points").get(0);
    double th = Math.tanh(0.5);
    assertEquals(1 / (1 + Math.E), p.get("weights").get(0).asDouble(), 4 * EPS);
    assertEquals(Math.E / (1 + Math.E), p.get("weights").get(1).asDouble(), 4 * EPS);
    assertEquals(-0.5 + th, p.get("score").get(0).asDouble(), 8 * EPS);
    assertEquals(-1 + (1 - th * th), p.get("hessian").get(0).get(0).asDouble(), 8 * EPS);
    double lp = -0.5 * Math.log(2 * Math.PI) - 0.125 - 0.5 + Math.log(Math.cosh(0.5));
    assertEquals(lp, p.get("log_density").asDouble(), 8 * EPS);
    assertEquals(0.5, root.get("a_t").asDouble(), EPS);
    assertEquals(0.75, root.get("b_t2").asDouble(), EPS);
  }

  @Test
  void pointsFromCsvOneResultPerRow(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("p.csv");
    Files.writeString(csv, "# x\n-1\n\n0\n2.5\n");
    CliRun r = run("eval", "--mixture", EXAMPLE, "--schedule", "vp-linear:0.1,20", "--t", "0.5", "--points", csv.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode pts = new ObjectMapper().readTree(r.out()).get("points");
    assertEquals(3, pts.size());
    // symmetric mixture: s(0) = 0 and s(−x) = −s(x)
    assertEquals(0.0, pts.get(1).get("score").get(0).asDouble(), 0.0);
  }

  @Test
  void inputErrorsExitTwoWithANamedMessageAndNoStackTrace(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "1\n2,x\n");
    String[][] cases = {
        {"t must be in", "eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "-1", "--x", "0"},
        {"was NaN", "eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "NaN", "--x", "0"},
        {"schedule must be one of", "eval", "--mixture", EXAMPLE, "--schedule", "vp-cosine", "--t", "1", "--x", "0"},
        {"x has dimension 2", "eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "1", "--x", "0,1"},
        {"--x: coordinate 1 is not a number", "eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "1", "--x", "zero"},
        {"does not exist", "eval", "--mixture", "nope.json", "--schedule", "vp-ou", "--t", "1", "--x", "0"},
        {csv + ":2: coordinate 2", "eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "1", "--points", csv.toString()},
        {"Missing required", "eval", "--schedule", "vp-ou", "--t", "1", "--x", "0"},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      CliRun r = run(args);
      assertEquals(Main.EXIT_ERROR, r.code(), String.join(" ", args));
      assertTrue(r.err().contains(c[0]), () -> "stderr should contain '" + c[0] + "': " + r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
      assertEquals("", r.out());
    }
    CliRun verbose = run("--verbose", "eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "-1", "--x", "0");
    assertEquals(Main.EXIT_ERROR, verbose.code());
    assertTrue(verbose.err().contains("\tat "), "stack trace with --verbose");
    CliRun verboseAfter = run("eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "-1", "--x", "0", "--verbose");
    assertTrue(verboseAfter.err().contains("\tat "), "--verbose also works after the subcommand");
  }
}
