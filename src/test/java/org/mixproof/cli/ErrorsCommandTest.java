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

  /**
   * {@code --grid clw25} on N(0, 1) in d = 1 under vp-ou (every p_t is N(0, 1), the prior is p_T):
   * the grid is rebuilt here from [CLW25]'s definition — β_1 = N^{−c0}, β_{n+1} = (c1 log N/N)
   * min(β_1 (1 + c1 log N/N)^n, 1), ᾱ_n = Π(1 − β_i), and a_t² = e^{−2t} = ᾱ_n gives t_n = −½ log ᾱ_n
   * — and em's variance follows v' = (1 − h)² v + 2h (f = −1, g² = 2, s(y) = −y), W2 = |√v − 1|.
   */
  @Test
  void clw25GridOnTheCommandLine() throws Exception {
    Path dir = Files.createTempDirectory("spec");
    Path one = dir.resolve("one.txt");
    Files.writeString(one, "1\n");
    int n = 40;
    double c0 = 1.5, c1 = 3;
    CliRun r = run("errors", "--spectrum", one.toString(), "--schedule", "vp-ou", "--grid", "clw25",
        "--clw25-c0", "1.5", "--clw25-c1", "3", "--points", String.valueOf(n + 1), "--start", "prior",
        "--schemes", "em,ode-euler", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals("clw25", root.get("grid").asText());
    JsonNode rows = root.get("rows");
    assertEquals(2, rows.size(), "eps defaults to 0 alone with clw25");
    double rate = c1 * Math.log(n) / n, beta1 = Math.pow(n, -c0);
    double[] logAlphaBar = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      double beta = i == 1 ? beta1 : rate * Math.min(beta1 * Math.pow(1 + rate, i - 1), 1);
      logAlphaBar[i] = logAlphaBar[i - 1] + Math.log1p(-beta);
    }
    double v = 1;
    for (int i = n; i >= 1; i--) {
      double h = -0.5 * logAlphaBar[i] + 0.5 * logAlphaBar[i - 1];
      v = (1 - h) * (1 - h) * v + 2 * h;
    }
    JsonNode em = rows.get(0);
    assertEquals("em", em.get("scheme").asText());
    assertEquals(n, em.get("steps").asInt());
    // the grid's times come from a bisection on a(t)² to a few ulps of t ≤ 10, and v from n = 40 steps:
    // 1e-12 absolute is 10⁴ times the rounding of either
    assertEquals(-0.5 * logAlphaBar[n], em.get("T").asDouble(), 1e-12);
    assertEquals(Math.abs(Math.sqrt(v) - 1), em.get("w2_eps").asDouble(), 1e-12);
    assertTrue(em.get("w2_eps").asDouble() > 1e-4, "em has a visible discretisation error on this grid");
    assertEquals(0.0, rows.get(1).get("w2_eps").asDouble(), 1e-15, "ode-euler is exact when s(y) = −y");

    String table = run("errors", "--spectrum", one.toString(), "--schedule", "vp-ou", "--grid", "clw25",
        "--points", "41", "--start", "prior", "--schemes", "em").out();
    assertTrue(table.contains("clw25 grid (c0 = 2.0, c1 = 4.0"), "defaults printed: " + table);
  }

  /**
   * A d = 2 mixture with unequal covariances uses the 2-D grid law; KL, TV and W2 (the midpoint of
   * its bracket, ± half-width + quadrature error) carry error estimates, and the 1-D-only equality of
   * the TV bracket still holds (TV by quadrature on the grid).
   */
  @Test
  void mixtureIn2dUsesThe2DGridLaw(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m2.json");
    Files.writeString(m, "{\"weights\": [0.4, 0.6], \"means\": [[-1.0, 0.5], [1.2, -0.3]],"
        + " \"covariances\": [[[0.5, 0.1], [0.1, 0.4]], [[0.3, 0.0], [0.0, 0.6]]]}");
    CliRun r = run("errors", "--mixture", m.toString(), "--schedule", "vp-ou", "--T", "2", "--eps", "0.05",
        "--nfe", "20", "--schemes", "ei,ode-heun", "--start", "exact", "--grid-cells-2d", "32", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertTrue(root.get("data").asText().contains("2-D grid law (32² cells"), root.get("data").asText());
    JsonNode rows = root.get("rows");
    assertEquals(2, rows.size());
    for (JsonNode row : rows) {
      assertTrue(row.get("w2_eps").asDouble() > 0 && row.get("kl_eps").asDouble() > 0, row.toString());
      assertTrue(row.get("w2_eps_quadrature_error").asDouble() > 0, row.toString());
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
        {"--T cannot be given with --grid clw25", "errors", "--spectrum", "cifar10", "--grid", "clw25", "--T", "1"},
        {"eps must be 0 for the clw25 grid", "errors", "--spectrum", "cifar10", "--grid", "clw25", "--eps", "1e-3"},
        {"clw25 c0 must be positive and finite, was -1.0", "errors", "--spectrum", "cifar10", "--grid", "clw25", "--clw25-c0", "-1"},
        {"grid must be 'uniform', 'exponential' or 'clw25', was 'log'", "errors", "--spectrum", "cifar10", "--grid", "log"},
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
