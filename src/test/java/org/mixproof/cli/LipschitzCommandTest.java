package org.mixproof.cli;

import static org.mixproof.rounding.RoundingModel.EPS;
import org.mixproof.rounding.RoundingModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code mixproof lipschitz}: the measured constant against the bounds, as a table and as JSON. */
class LipschitzCommandTest {

  static String[] run(String... args) {
    CliRun r = CliRun.of(args);
    return new String[] {String.valueOf(r.code()), r.out(), r.err()};
  }

  /**
   * The bundled 1-D example at vp-ou t: v = a² + b² = 1, c = 2a, so the supremum is the
   * shared-covariance bound c²/v² − 1/v = 4a² − 1, attained at x = 0.
   */
  @Test
  void jsonReportsTheAttainedSharedCovarianceBound() throws Exception {
    String[] r = run("lipschitz", "--mixture", "examples/two-component-1d.json", "--schedule", "vp-ou",
        "--t", "0.1", "--json");
    assertEquals("0", r[0], r[2]);
    JsonNode root = new ObjectMapper().readTree(r[1]);
    double a = Math.exp(-0.1);
    double sup = 4 * a * a - 1;
    // c u κ times the terms that cancel, 1/v = 1 and (c/v)² = 4a² (docs/claims.md §6; d = 1, κ = 1)
    double tol = RoundingModel.constantTimesU(1) * (1 + 4 * a * a);
    assertEquals(sup, root.get("measured").asDouble(), tol);
    boolean sawShared = false;
    for (JsonNode b : root.get("bounds")) {
      assertFalse(b.get("violated").asBoolean(), b.toString());
      if (b.get("id").asText().equals("lipschitz.shared-covariance")) {
        sawShared = true;
        // the bound's formula 4a²/1 − 1/1 from a = e^{−0.1}: a few roundings of numbers ≤ 4
        assertEquals(sup, b.get("value").asDouble(), 8 * EPS * 4);
      }
    }
    assertTrue(sawShared);
  }

  @Test
  void tableNamesTheBallBounds() {
    String[] r = run("lipschitz", "--mixture", "examples/global-unequal-witness.json", "--schedule", "vp-ou",
        "--t", "0.1", "--ball", "3");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("lipschitz.ball") && r[1].contains("lipschitz.lssz24"), r[1]);
    assertFalse(r[1].contains("VIOLATED"), r[1]);
  }

  @Test
  void badBallRadiusIsAnError() {
    String[] r = run("lipschitz", "--mixture", "examples/two-component-1d.json", "--schedule", "vp-ou",
        "--t", "0.1", "--ball", "-1");
    assertEquals(String.valueOf(Main.EXIT_ERROR), r[0]);
    assertTrue(r[2].contains("beta (ball radius) must be positive, was -1.0"), r[2]);
  }
}
