package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * Every claim file of {@code properties/} with a small budget (a quarter of its tries, its own seed):
 * a {@code holds} claim passes when no violation is found, a {@code falsified} claim when one is found,
 * confirmed and shrunk. The catalog's known-false claims are tests of the search itself.
 */
class ClaimCatalogTest {

  /** A quarter of each file's tries keeps the catalog within the verify budget; -Pthorough runs them all. */
  static final double SCALE = Double.parseDouble(System.getProperty("mixproof.catalog.scale", "0.25"));

  @TestFactory
  Stream<DynamicTest> everyClaimFileGivesItsExpectedVerdict() throws IOException {
    List<Path> files = ClaimFiles.list(Path.of("properties"), "*");
    assertTrue(files.size() > 0, "no claim files in properties/");
    return files.stream().map(f -> DynamicTest.dynamicTest(ClaimFiles.stem(f), () -> {
      ClaimSpec spec = ClaimFiles.read(f);
      ClaimResult r = Checks.run(spec, RunOptions.scaled(SCALE));
      assertTrue(r.asExpected(), () -> spec.id() + " expected " + spec.expect() + " but was " + r.verdict()
          + " after " + r.tries() + " tries (seed " + r.seed() + "): " + r.detail() + " " + r.where());
      if (r.verdict() == Verdict.FALSIFIED) {
        assertTrue(r.witness() != null && r.witness().containsKey("mixture"), "a falsified claim carries its witness");
      }
    }));
  }
}
