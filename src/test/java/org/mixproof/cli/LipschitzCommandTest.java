package org.mixproof.cli;

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
    assertEquals(sup, root.get("measured").asDouble(), 1e-8 * sup);
    boolean sawShared = false;
    for (JsonNode b : root.get("bounds")) {
      assertFalse(b.get("violated").asBoolean(), b.toString());
      if (b.get("id").asText().equals("lipschitz.shared-covariance")) {
        sawShared = true;
        assertEquals(sup, b.get("value").asDouble(), 1e-14 * sup);
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
