package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * docs/claims.md §5.4, seed stability: a verdict is a property of the claim, not of the seed, so every
 * claim file gives its expected verdict at every seed S of {@code mixproof.catalog.seeds} with the file's
 * full tries, as {@code mixproof check --seed S} runs it. {@code -Pthorough} sets the seeds to 1..20;
 * {@code mvn verify} leaves them empty (the catalog at its own seeds is {@link ClaimCatalogTest}) and
 * {@code .ci/run} runs {@code mixproof check --seed S} for S = 1, 2, 3 on the packaged command.
 */
class SeedStabilityTest {

  /** "1..20", "1,2,3" or "" (none). */
  static List<Long> seeds(String text) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      if (p.contains("..")) {
        String[] r = p.split("\\.\\.");
        for (long s = Long.parseLong(r[0].trim()); s <= Long.parseLong(r[1].trim()); s++) out.add(s);
      } else {
        out.add(Long.parseLong(p));
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyClaimGivesItsExpectedVerdictAtEverySeed() throws IOException {
    List<Path> files = ClaimFiles.list(Path.of("properties"), "*");
    List<DynamicTest> tests = new ArrayList<>();
    for (long seed : seeds(System.getProperty("mixproof.catalog.seeds", ""))) {
      for (Path f : files) {
        tests.add(DynamicTest.dynamicTest(ClaimFiles.stem(f) + " seed " + seed, () -> {
          ClaimSpec spec = ClaimFiles.read(f);
          ClaimResult r = Checks.run(spec, new RunOptions(seed, 1, Long.MAX_VALUE));
          assertTrue(r.asExpected(), () -> spec.id() + " at seed " + seed + " expected " + spec.expect() + " but was "
              + r.verdict() + ": " + r.detail() + " " + r.where());
        }));
      }
    }
    return tests.stream();
  }
}
