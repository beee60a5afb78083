package org.mixproof.claim.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mixproof.claim.Checks;
import org.mixproof.claim.RunOptions;

/** Malformed claim files fail with the file, the line and the key (docs/claims.md §7). */
class ClaimFilesTest {

  static final Path FILE = Path.of("props/demo.claim.properties");

  static final String GOOD = String.join("\n",
      "# a comment",
      "id = demo.claim",
      "title = A demo",
      "source = nowhere",
      "statement = L <= 1/λmin(t)",
      "quantity = lipschitz",
      "bound = 1/lambda_min_t",
      "expect = holds",
      "components = 1",
      "");

  static ClaimSpec parse(String text) { return ClaimFiles.parse(text, FILE); }

  static ClaimFormatException fails(String text) {
    return assertThrows(ClaimFormatException.class, () -> Checks.forSpec(parse(text)).run(parse(text), RunOptions.scaled(0.05)));
  }

  @Test
  void aGoodFileParsesWithItsLines() {
    ClaimSpec s = parse(GOOD);
    assertEquals("demo.claim", s.id());
    assertEquals(7, s.line("bound"));
    assertEquals(9, s.line("components"));
  }

  @Test
  void aMissingKeyIsNamed() {
    ClaimFormatException e = assertThrows(ClaimFormatException.class, () -> parse(GOOD.replace("bound = 1/lambda_min_t\n", "")));
    assertTrue(e.getMessage().contains("demo.claim.properties") && e.getMessage().contains("'bound'") && e.getMessage().contains("missing"),
        e.getMessage());
  }

  @Test
  void anUnknownVariableNamesFileLineKeyAndName() {
    ClaimFormatException e = fails(GOOD.replace("1/lambda_min_t", "1/lambda_min_tt"));
    assertTrue(e.getMessage().contains("demo.claim.properties:7") && e.getMessage().contains("'bound'")
        && e.getMessage().contains("lambda_min_tt"), e.getMessage());
  }

  @Test
  void aSyntaxErrorIsNamed() {
    ClaimFormatException e = fails(GOOD.replace("1/lambda_min_t", "1/(lambda_min_t"));
    assertTrue(e.getMessage().contains(":7") && e.getMessage().contains("'bound'"), e.getMessage());
  }

  @Test
  void dAndDAreDifferentNames() {
    // parsii is case-sensitive: d (dimension) and D (mean diameter) must not collide
    ClaimSpec s = parse(GOOD.replace("bound = 1/lambda_min_t", "bound = d + 10 * D"));
    BoundExpression b = BoundExpression.of(s, "bound", DensityVariables.NAMES);
    Map<String, Double> v = new java.util.TreeMap<>();
    for (String n : DensityVariables.NAMES) v.put(n, 0.0);
    v.put("d", 3.0);
    v.put("D", 2.0);
    assertEquals(23.0, b.evaluate(v));
  }

  @Test
  void unknownKeysQuantitiesAndBadValuesAreNamed() {
    ClaimFormatException key = assertThrows(ClaimFormatException.class, () -> Checks.forSpec(parse(GOOD + "dimensionz = 2\n")));
    assertTrue(key.getMessage().contains(":10") && key.getMessage().contains("'dimensionz'"), key.getMessage());
    ClaimFormatException q = assertThrows(ClaimFormatException.class, () -> Checks.forSpec(parse(GOOD.replace("= lipschitz", "= lipschits"))));
    assertTrue(q.getMessage().contains(":6") && q.getMessage().contains("lipschits"), q.getMessage());
    ClaimFormatException range = fails(GOOD + "dimensions = 4..2\n");
    assertTrue(range.getMessage().contains("'dimensions'") && range.getMessage().contains("4..2"), range.getMessage());
    ClaimFormatException expect = assertThrows(ClaimFormatException.class, () -> parse(GOOD.replace("expect = holds", "expect = true")));
    assertTrue(expect.getMessage().contains(":8") && expect.getMessage().contains("'expect'"), expect.getMessage());
    ClaimFormatException id = assertThrows(ClaimFormatException.class, () -> ClaimFiles.parse(GOOD, Path.of("other.properties")));
    assertTrue(id.getMessage().contains("'id'") && id.getMessage().contains("other.properties"), id.getMessage());
  }
}
