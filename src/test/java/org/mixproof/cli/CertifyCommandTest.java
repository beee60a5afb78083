package org.mixproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * {@code mixproof certify lipschitz} end to end on the bundled 1-D example (π = ½, μ = ±2, σ² = 1):
 * under vp-ou at t = 0.1, v = a² + b² = 1 and c = 2a, so sup ‖H‖ = 4a² − 1 at the tie point x = 0
 * (docs/claims.md §3), with a = e^{−0.1} computed in apfloat — each exit code, the JSON fields and the
 * refusals before any computing.
 */
class CertifyCommandTest {

  static final String MIXTURE = "examples/two-component-1d.json";
  /** 4e^{−0.2} − 1 at 50 digits. */
  static final BigDecimal SUP = new BigDecimal(ApfloatMath.exp(new Apfloat("-0.2", 50)).multiply(new Apfloat(4, 50))
      .subtract(new Apfloat(1, 50)).toString(true));

  static CliRun certify(String... extra) {
    String[] base = {"certify", "lipschitz", "--mixture", MIXTURE, "--schedule", "vp-ou", "--t", "0.1", "-q"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  static boolean encloses(JsonNode e, BigDecimal x) {
    return new BigDecimal(e.get(0).asDouble()).compareTo(x) <= 0 && x.compareTo(new BigDecimal(e.get(1).asDouble())) <= 0;
  }

  @Test
  void provedAboveTheSupremumWithAnEnclosureContainingIt() throws Exception {
    CliRun r = certify("--box", "-1:1.5", "--bound", String.valueOf(SUP.doubleValue() * (1 + 1e-9)), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("PROVED", j.get("verdict").asText());
    assertTrue(encloses(j.get("enclosure"), SUP), j.toString());
    assertEquals(0.0, j.get("unpruned_fraction").asDouble());
    assertTrue(j.get("boxes").asLong() >= 1 && j.get("seconds").asDouble() >= 0);
    assertEquals("exact", j.get("coefficients").asText());
  }

  @Test
  void falsifiedBelowTheSupremumWithAPointCertificate() throws Exception {
    double bound = 0.9 * SUP.doubleValue();
    CliRun r = certify("--box", "-1:1.5", "--bound", String.valueOf(bound), "--json");
    assertEquals(1, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("FALSIFIED", j.get("verdict").asText());
    assertTrue(j.get("witness").get("lower_bound").asDouble() > bound);
    CliRun text = certify("--box", "-1:1.5", "--bound", String.valueOf(bound));
    assertTrue(text.out().startsWith("FALSIFIED") && text.out().contains("certified: ‖H(x)‖₂ ≥"), text.out());
  }

  @Test
  void undecidedWhenTheBudgetEndsFirst() throws Exception {
    double justBelow = Math.nextDown(SUP.doubleValue());
    while (new BigDecimal(justBelow).compareTo(SUP) >= 0) justBelow = Math.nextDown(justBelow);
    CliRun r = certify("--box", "-1:1.5", "--bound", String.valueOf(justBelow), "--max-boxes", "3", "--json");
    assertEquals(3, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("UNDECIDED", j.get("verdict").asText());
    assertTrue(j.get("unpruned_fraction").asDouble() > 0);
    assertTrue(encloses(j.get("enclosure"), SUP), j.toString());
  }

  @Test
  void badInputIsRefusedBeforeComputingNamingTheOption() {
    CliRun sides = certify("--box", "-1:1,0:1", "--bound", "2");
    assertEquals(2, sides.code());
    assertTrue(sides.err().contains("--box") && sides.err().contains("d = 1"), sides.err());
    CliRun reversed = certify("--box", "1:-1", "--bound", "2");
    assertEquals(2, reversed.code());
    assertTrue(reversed.err().contains("--box side 1") && reversed.err().contains("1:-1"), reversed.err());
    CliRun bound = certify("--box", "-1:1", "--bound", "NaN");
    assertEquals(2, bound.code());
    assertTrue(bound.err().contains("--bound"), bound.err());
    CliRun budget = certify("--box", "-1:1", "--bound", "2", "--budget", "0");
    assertEquals(2, budget.code());
    assertTrue(budget.err().contains("--budget"), budget.err());
    CliRun coeff = certify("--box", "-1:1", "--bound", "2", "--coefficients", "rounded");
    assertEquals(2, coeff.code());
    assertTrue(coeff.err().contains("--coefficients") && coeff.err().contains("rounded"), coeff.err());
    assertEquals(2, CliRun.of("certify").code());
  }
}
