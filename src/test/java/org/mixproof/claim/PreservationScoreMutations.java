package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;

/** Claim-file mutations shared by the families' mutation tests: a bound made wrong on purpose. */
public final class PreservationScoreMutations {

  private PreservationScoreMutations() {}

  /** The catalog file's text with its bound expression replaced by {@code replacement(old)}. */
  public static ClaimSpec withBound(String id, UnaryOperator<String> replacement) throws IOException {
    return with(id, Map.of("bound", replacement));
  }

  /** The catalog file's text with the values of some keys replaced (each key must be present). */
  public static ClaimSpec with(String id, Map<String, UnaryOperator<String>> replacements) throws IOException {
    String text = Files.readString(Path.of("properties", id + ".properties"));
    for (Map.Entry<String, UnaryOperator<String>> e : replacements.entrySet()) {
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(e.getKey()) + " = (.*)$").matcher(text);
      assertTrue(m.find(), "no " + e.getKey() + " in " + id);
      text = text.substring(0, m.start()) + e.getKey() + " = " + e.getValue().apply(m.group(1)) + text.substring(m.end());
    }
    return ClaimFiles.parse(text, Path.of("x/" + id + ".properties"));
  }

  /** The bound 1e-6 times too small: the check must find a violation and shrink it. */
  public static ClaimResult tooTight(String id) throws IOException {
    return run(withBound(id, b -> "10^(-6) * (" + b + ")"));
  }

  public static ClaimResult run(ClaimSpec spec) {
    return Checks.run(spec, RunOptions.standard());
  }

  public static void assertFalsified(ClaimResult r) {
    assertEquals(Verdict.FALSIFIED, r.verdict(), () -> r.spec().id() + ": " + r.verdict() + " " + r.detail());
    assertNotNull(r.witness());
    assertTrue(r.witness().containsKey("mixture"), "the witness carries its mixture");
  }
}
