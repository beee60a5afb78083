package org.mixproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.schedule.VpOu;

/** {@code mixproof eval --oracle [--digits N]}: the oracle's values, the errors, refusals, bad input. */
class EvalOracleTest {

  static final String EXAMPLE = "examples/two-component-1d.json";

  static CliRun run(String... args) { return CliRun.of(args); }

  /**
   * README's example at x = ½: log p = −½ log 2π − ⅛ − ½ + log cosh ½, here in apfloat at 50 digits;
   * the oracle asked for 40 digits must print it to within 10^−39 (one unit of its last digit).
   */
  @Test
  void readmeExampleToFortyDigits() throws Exception {
    CliRun r = run("eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "0.6931471805599453", "--x", "0.5",
        "--oracle", "--digits", "40");
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals(40, root.get("oracle").get("digits").asInt());
    JsonNode p = root.get("points").get(0);
    Apfloat half = new Apfloat("0.5", 50);
    Apfloat expected = ApfloatMath.log(ApfloatMath.pi(50).multiply(new Apfloat(2, 50))).multiply(half).negate()
        .subtract(new Apfloat("0.625", 50)).add(ApfloatMath.log(ApfloatMath.cosh(half)));
    BigDecimal printed = new BigDecimal(p.get("oracle").get("log_density").asText());
    BigDecimal diff = printed.subtract(new BigDecimal(expected.toString(true)), MathContext.DECIMAL128).abs();
    assertTrue(diff.compareTo(new BigDecimal("1e-39")) <= 0, "oracle log p off by " + diff);
    JsonNode a = p.get("agreement");
    assertTrue(a.get("within_tolerance").asBoolean(), a.toString());
    assertEquals(1.0, a.get("kappa").asDouble());
    assertEquals(64.0, a.get("constant").asDouble()); // 16 (d + 1)² at d = 1
    assertTrue(a.get("score_error").asDouble() <= a.get("tolerance").asDouble());
  }

  /** A far tie the double code refuses: the command still succeeds, with the oracle's values and log p. */
  @Test
  void aRefusedPointIsReportedWithTheOraclesValues(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tie.json");
    Files.writeString(file, "{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [0, 0]],"
        + " \"covariances\": [[[1, 0], [0, 4]], [[4, 0], [0, 1.000001]]]}");
    OracleDensity o = OracleDensity.at(MixtureJson.read(file), new VpOu(), 1e-3, 20);
    double[] x = IllConditionedCases.tieForTest(o, 0, 1, new double[] {1e7, 1e7}, new double[] {1, -1});
    String point = x[0] + "," + x[1];
    CliRun plain = run("eval", "--mixture", file.toString(), "--schedule", "vp-ou", "--t", "0.001", "--x", point);
    assertEquals(Main.EXIT_ERROR, plain.code());
    assertTrue(plain.err().contains("posterior weights cannot be resolved"), plain.err());
    CliRun r = run("eval", "--mixture", file.toString(), "--schedule", "vp-ou", "--t", "0.001", "--x", point, "--oracle");
    assertEquals(0, r.code(), r.err());
    JsonNode p = new ObjectMapper().readTree(r.out()).get("points").get(0);
    assertTrue(p.get("double_refused").asText().contains("use the high-precision oracle"));
    assertTrue(p.has("log_density") && !p.has("score") && !p.has("agreement"), p.toString());
    assertEquals(2, p.get("oracle").get("weights").size());
    assertTrue(new BigDecimal(p.get("oracle").get("weights").get(0).asText()).doubleValue() > 0.1, "a genuine tie");
  }

  @Test
  void badOracleOptionsAreNamed() {
    CliRun r = run("eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "1", "--x", "0", "--digits", "50");
    assertEquals(Main.EXIT_ERROR, r.code());
    assertTrue(r.err().contains("--digits needs --oracle (was --digits 50)"), r.err());
    r = run("eval", "--mixture", EXAMPLE, "--schedule", "vp-ou", "--t", "1", "--x", "0", "--oracle", "--digits", "5");
    assertEquals(Main.EXIT_ERROR, r.code());
    assertTrue(r.err().contains("--digits must be in [20, 10000], was 5"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
  }
}
