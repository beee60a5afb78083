package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimFormatException;
import org.mixproof.claim.spec.ClaimSpec;

/** The run's budget: a case that cannot finish is abandoned, a claim's own deadline only shortens its share. */
class CatalogBudgetTest {

  @Test
  void aCaseStillComputingAfterTheGraceIsStoppedAndTheOthersAreNotRun(@TempDir Path dir) throws IOException {
    String head = "title = t\nsource = s\nstatement = s\nquantity = lipschitz\nbound = 1e9\nexpect = holds\n";
    // one Lipschitz search at d = 400, k = 4 takes minutes (dense d×d eigenproblems), far beyond 1.5 s; the claim starts
    // at once on the idle worker, well inside 1.5 s even on a loaded machine
    Files.writeString(dir.resolve("big.properties"), "id = big\n" + head + "dimensions = 400..400\ncomponents = 4\ntries = 50\n");
    Files.writeString(dir.resolve("small.properties"), "id = small\n" + head + "dimensions = 1\ncomponents = 1\ntries = 5\n");
    Catalog c = Catalog.load(dir, "*");
    RunOptions options = new RunOptions(null, 1, System.nanoTime() + 1_500_000_000L);
    long t0 = System.nanoTime();
    List<ClaimResult> r = c.run(options, 1, false, p -> { }, 0);
    double seconds = (System.nanoTime() - t0) * 1e-9;
    assertEquals(Verdict.ERROR, r.get(0).verdict(), r.get(0).detail());
    assertTrue(r.get(0).detail().startsWith("stopped"), r.get(0).detail());
    assertEquals(Verdict.NOT_RUN, r.get(1).verdict(), "the one worker is still busy with big: small never started");
    // 1.5 s of budget and no grace; 4 s leaves 2.5 s for a loaded machine to write nothing and return
    assertTrue(seconds < 4, "the run ends at its budget, not when the case ends: " + seconds + " s");
  }

  @Test
  void aClaimsOwnDeadlineOnlyBringsTheRunsForward() {
    ClaimSpec spec = ClaimFiles.parse("id = x\ntitle = t\nsource = s\nstatement = s\nquantity = lipschitz\nbound = 1\n"
        + "expect = holds\ndeadline = 2\n", Path.of("x.properties"));
    long now = System.nanoTime();
    long own = RunOptions.standard().forClaim(spec).deadlineNanos();
    assertTrue(own - now >= 1_900_000_000L && own - now <= 2_500_000_000L, "about 2 s from now: " + (own - now));
    RunOptions sooner = new RunOptions(null, 1, now + 1_000_000_000L);
    assertEquals(sooner.deadlineNanos(), sooner.forClaim(spec).deadlineNanos(), "a later own deadline does not extend the run's");
    ClaimSpec bad = ClaimFiles.parse("id = x\ntitle = t\nsource = s\nstatement = s\nquantity = lipschitz\nbound = 1\n"
        + "expect = holds\ndeadline = -1\n", Path.of("x.properties"));
    ClaimFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ClaimFormatException.class,
        () -> RunOptions.standard().forClaim(bad));
    assertTrue(e.getMessage().contains("deadline") && e.getMessage().contains("-1"), e.getMessage());
  }

  /** parsii has no scientific notation: the pre-pass rewrites each literal as the same double, names untouched. */
  @Test
  void scientificNotationIsReadAsTheSameDouble() {
    assertEquals("0.000000001*d", BoundExpression.plainNumbers("1e-9*d"));
    assertEquals("2500 + x1e5 + 0.5", BoundExpression.plainNumbers("2.5E+3 + x1e5 + .5e0"));
    ClaimSpec spec = ClaimFiles.parse("id = x\ntitle = t\nsource = s\nstatement = s\nquantity = lipschitz\n"
        + "bound = 1e-9 + 3e2*d\nexpect = holds\n", Path.of("x.properties"));
    double v = BoundExpression.of(spec, "bound", java.util.Set.of("d")).evaluate(java.util.Map.of("d", 2.0));
    assertEquals(1e-9 + 3e2 * 2, v, 0);
  }
}
