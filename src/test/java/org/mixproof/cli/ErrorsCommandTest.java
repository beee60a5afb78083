package org.mixproof.cli;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.distribution.NormalDistribution;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixproof errors}: the table, JSON, "undefined" for singular data, and input errors (docs/claims.md §7). */
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
    assertEquals(Math.sqrt(2) - 1, rows.get(0).get("w2_eps").asDouble(), 4 * EPS);
    assertEquals(0.0, rows.get(1).get("w2_eps").asDouble(), 0.0);
    assertEquals(0.0, rows.get(1).get("w2_eps_ode_continuous").asDouble(), 0.0);
  }

  /**
   * The JSON is streamed by a generator, not printed from a tree: it must be exactly what Jackson's
   * tree printer gives for the same content (an independent formatter), with every kind of value —
   * strings, integers, doubles, null and "Infinity" (KL against the singular p_0), booleans and a
   * nested object (--certified), the discrete grid's extra fields, the grid law's error estimates.
   */
  @Test
  void streamedJsonIsWhatTheTreePrinterPrints(@TempDir Path dir) throws Exception {
    Path two = dir.resolve("two.txt");
    Files.writeString(two, "0\n2.5\n");
    String[][] runs = {
        {"--spectrum", two.toString(), "--schemes", "em,ode-heun", "--nfe", "2,4", "--eps", "0,0.01", "--certified"},
        {"--spectrum", two.toString(), "--grid", "clw25", "--points", "50,100", "--schemes", "ddpm,clw25"},
        {"--mixture", "examples/two-component-1d.json", "--schemes", "em", "--nfe", "4", "--eps", "0.01"}};
    ObjectMapper m = new ObjectMapper();
    for (String[] a : runs) {
      String[] args = new String[a.length + 3];
      args[0] = "errors";
      System.arraycopy(a, 0, args, 1, a.length);
      args[a.length + 1] = "--json";
      args[a.length + 2] = "--quiet";
      CliRun r = run(args);
      assertEquals(0, r.code(), r.err());
      assertEquals(m.readTree(r.out()).toPrettyString() + System.lineSeparator(), r.out(), String.join(" ", a));
    }
    CliRun certified = run("errors", "--spectrum", two.toString(), "--schemes", "em", "--nfe", "2", "--eps", "0",
        "--certified", "--json", "--quiet");
    assertTrue(certified.out().contains("\"kl_eps\" : \"Infinity\"") && certified.out().contains("\"doubles_inside\" : true")
        && certified.out().contains("\"certified\" : {"), certified.out());
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
      assertTrue(row.has("tv") && !row.has("tv_lower") && !row.has("tv_upper"), "1-D TV is exact, named tv: " + row);
    }
  }

  /**
   * Both discrete chains on N(0, 1) in d = 1 under vp-ou, where every p_t is N(0, 1) and the score is
   * −y. [LY24]'s step (eq. 2.4) y' = α^{−½}(y − βy + √β ξ) maps a variance v to α v + β/α; [CLW25]'s
   * (eq. 9) y' = α^{−½}(y − βy) + √β ξ maps it to α v + β, whose fixed point is 1. The schedules are
   * rebuilt here from eqs. 2.3 and 14, the variance recursion run by hand from Y_T (v = 1) to Y_1, and
   * the exact 1-D TV of N(0, v) against N(0, 1) taken at the densities' crossing points ±x_c,
   * x_c² = v ln v/(v − 1): TV = 2|Φ(x_c) − Φ(x_c/√v)|.
   */
  @Test
  void discreteChainsOnTheCommandLine(@TempDir Path dir) throws Exception {
    Path one = dir.resolve("one.txt");
    Files.writeString(one, "1\n");
    int n = 64;
    // [LY24]: c0 = 2, c1 = 4
    double rate = 4 * Math.log(n) / n, beta1 = Math.pow(n, -2.0);
    double[] alphaBar = new double[n + 1];
    alphaBar[0] = 1;
    for (int i = 1; i <= n; i++) {
      double beta = i == 1 ? beta1 : rate * Math.min(beta1 * Math.pow(1 + rate, i - 1), 1);
      alphaBar[i] = alphaBar[i - 1] * (1 - beta);
    }
    double v = 1;
    for (int t = n; t >= 2; t--) {
      double alpha = alphaBar[t] / alphaBar[t - 1];
      v = alpha * v + (1 - alpha) / alpha;
    }
    JsonNode ly = only(run("errors", "--spectrum", one.toString(), "--schedule", "vp-ou", "--schemes", "ly24",
        "--grid", "ly24", "--points", String.valueOf(n), "--start", "prior", "--json"));
    assertEquals(n, ly.get("levels").asInt());
    assertEquals(n - 1, ly.get("steps").asInt());
    assertEquals(-0.5 * Math.log(alphaBar[n]), ly.get("t_T").asDouble(), 1e-12 * n);
    double x = Math.sqrt(v * Math.log(v) / (v - 1));
    NormalDistribution z = new NormalDistribution(0, 1);
    double tv = 2 * Math.abs(z.cumulativeProbability(x) - z.cumulativeProbability(x / Math.sqrt(v)));
    // the law's variance and the hand recursion each round ~3 times per step over 63 steps and the grid's times
    // are placed to a few ulps: 1e-12 relative is above both by 10³
    assertEquals(Math.abs(Math.sqrt(v) - 1), ly.get("w2_eps").asDouble(), 1e-12 * Math.abs(Math.sqrt(v) - 1));
    assertEquals(tv, ly.get("tv").asDouble(), 1e-9 * tv);
    assertTrue(tv > 1e-3, "LY24's chain is visibly off on N(0, 1): TV = " + tv);

    // [CLW25] with the reproduction's c0 = 2, c1 = 10: exact on N(0, 1), TV 0 to rounding (v stays 1 within 63·4u)
    JsonNode clw = only(run("errors", "--spectrum", one.toString(), "--schedule", "vp-ou", "--schemes", "clw25",
        "--grid", "clw25", "--clw25-c0", "2", "--clw25-c1", "10", "--points", String.valueOf(n), "--start", "prior",
        "--json"));
    assertEquals(0, clw.get("w2_eps").asDouble(), 4 * n * EPS);
    assertEquals(0, clw.get("tv").asDouble(), 4 * n * EPS);

    CliRun refused = run("errors", "--spectrum", one.toString(), "--schemes", "clw25", "--grid", "clw25",
        "--clw25-c0", "2", "--clw25-c1", "10", "--points", "32");
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("T = 32") && refused.err().contains("outside (0, 1]"), refused.err());
  }

  /** The single row of a JSON table. */
  static JsonNode only(CliRun r) throws Exception {
    assertEquals(0, r.code(), r.err());
    JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
    assertEquals(1, rows.size(), r.out());
    return rows.get(0);
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
        {"grid c0 must be positive and finite, was -1.0", "errors", "--spectrum", "cifar10", "--grid", "clw25", "--clw25-c0", "-1"},
        {"grid must be 'uniform', 'exponential', 'ly24' or 'clw25', was 'log'", "errors", "--spectrum", "cifar10", "--grid", "log"},
        {"--nfe cannot be given with --grid ly24", "errors", "--spectrum", "cifar10", "--grid", "ly24", "--nfe", "50"},
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
