package org.mixproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixproof errors}: the table, JSON, "undefined" for singular data, and input errors (CLAIMS §7). */
class ErrorsCommandTest {

  static CliRun run(String... args) { return CliRun.of(args); }

  /**
   * Data N(0, 1) in d = 1 under vp-ou with T = 1, ε = 0, start N(0, I): every p_t is N(0, 1), so
   * each scheme's error comes from discretisation only and can be written by hand for one step of
   * h = 1: em gives v = (1 − h)² + 2h = 2 (W2 = √2 − 1); ode-euler gives v = 1 (c = 0, exact).
   */
  @Test
  void oneStepByHand() throws Exception {
    CliRun r = run("errors", "--spectrum", "cifar10", "--help");
    assertEquals(0, r.code());
    Path dir = Files.createTempDirectory("spec");
    Path one = dir.resolve("one.txt");
    Files.writeString(one, "1\n");
    r = run("errors", "--spectrum", one.toString(), "--schedule", "vp-ou", "--T", "1", "--points", "2",
        "--eps", "0", "--start", "prior", "--schemes", "em,ode-euler", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
    assertEquals(2, rows.size());
    assertEquals("em", rows.get(0).get("scheme").asText());
    assertEquals(1, rows.get(0).get("steps").asInt());
    assertEquals(Math.sqrt(2) - 1, rows.get(0).get("w2_eps").asDouble(), 4 * Math.ulp(1.0));
    assertEquals(0.0, rows.get(1).get("w2_eps").asDouble(), 0.0);
    assertEquals(0.0, rows.get(1).get("w2_eps_ode_continuous").asDouble(), 0.0);
  }

  @Test
  void cifarTableSaysUndefinedForHeunAndRk4AtEpsZeroAndNumbersElsewhere() {
    CliRun r = run("errors", "--spectrum", "cifar10", "--nfe", "50", "--eps", "0,1e-3",
        "--schemes", "em,ode-heun,ode-rk4");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    int rows = 0;
    for (String l : lines) {
      if (l.startsWith("#") || l.startsWith("start")) continue;
      rows++;
      boolean singular = l.contains(" 0 ") && (l.contains("ode-heun") || l.contains("ode-rk4"));
      assertEquals(singular, l.contains("undefined"), l);
      if (l.contains("ode-rk4")) assertTrue(l.matches(".*\\s12\\s+48\\s.*"), "rk4: 12 steps, NFE 48: " + l);
    }
    assertEquals(2 * 2 * 3, rows, "starts × eps × schemes");
    assertTrue(r.out().contains("d = 3072, 9 zero eigenvalues"));
  }

  @Test
  void mixtureIn1dUsesTheGridLawWithErrorEstimates() throws Exception {
    CliRun r = run("errors", "--mixture", EvalCommandTest.EXAMPLE, "--schedule", "vp-ou", "--T", "3",
        "--eps", "0.01", "--nfe", "40", "--schemes", "ei,ode-heun", "--start", "exact", "--grid-cells", "400", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
    assertEquals(2, rows.size());
    for (JsonNode row : rows) {
      assertTrue(row.get("w2_eps").asDouble() > 0);
      assertTrue(row.has("w2_eps_quadrature_error"));
      assertEquals(row.get("tv_eps_lower").asDouble(), row.get("tv_eps_upper").asDouble(), 0.0, "1-D TV is exact");
    }
  }

  @Test
  void badInputExitsTwoNamingTheProblem(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "1\n2\n-3\n");
    String[][] cases = {
        {bad + ":3", "errors", "--spectrum", bad.toString()},
        {"'euler'", "errors", "--spectrum", "cifar10", "--schemes", "em,euler"},
        {"T must be greater than eps", "errors", "--spectrum", "cifar10", "--eps", "1"},
        {"nfe must be positive, was 0", "errors", "--spectrum", "cifar10", "--nfe", "0"},
        {"points must be at least 2", "errors", "--spectrum", "cifar10", "--points", "1"},
        {"less than one ode-rk4 step", "errors", "--spectrum", "cifar10", "--nfe", "3", "--schemes", "ode-rk4"},
        {"start must be 'prior' or 'exact'", "errors", "--spectrum", "cifar10", "--start", "zero"},
        {"delta must be > 0 for the exponential grid", "errors", "--spectrum", "cifar10", "--grid", "exponential", "--eps", "0"},
        {"does not exist", "errors", "--spectrum", dir.resolve("none.txt").toString()},
    };
    for (String[] c : cases) {
      CliRun r = run(java.util.Arrays.copyOfRange(c, 1, c.length));
      assertEquals(2, r.code(), String.join(" ", c) + " → " + r.err());
      assertTrue(r.err().contains(c[0]), "stderr should contain '" + c[0] + "': " + r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
    }
  }
}
