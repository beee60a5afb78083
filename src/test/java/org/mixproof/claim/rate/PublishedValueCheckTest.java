package org.mixproof.claim.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.EPS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.certify.Interval;
import org.mixproof.claim.Checks;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.law.Pg24;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.TimeGrid;

/**
 * [PG24] Table 5's printed W2 = 23.42 (ode-heun, ε = 1e-5, start N(0, I), column "NFE = 50") against
 * the check's two readings, each recomputed here by [PG24]'s own per-eigenvalue Heun update
 * (docs/claims.md §5.1, {@link Pg24}: an independent statement of the recursion), and the guard that
 * fires when a file names the reading that does not reproduce the print.
 */
class PublishedValueCheckTest {

  static final Path FILE = Path.of("properties/solver.gaussian.pg24-table5.properties");

  /** W2 of the Heun chain from N(0, I) against p_ε by [PG24]'s recursion, with its rounding bound. */
  static double[] pg24Heun(int points, double eps) {
    double[] lambda = Spectrum.cifar10().eigenvalues();
    // the chain's times as the check places them ([PG24]'s t_k = (T − ε)k/(N − 1), to rounding): near t = ε the
    // singular coordinates (λ = 0, λ(t) ≈ 0.1 t) turn a last-bit change of t into 1e-12 relative in v
    double[] ft = TimeGrid.uniform(1, eps, points - 1).times();
    double s = 0, err = 0;
    for (double l : lambda) {
      Pg24.Result r = Pg24.run("ode-heun", l, 1, ft);
      double target = Pg24.lambdaAt(l, eps), dv = Math.sqrt(r.variance()) - Math.sqrt(target);
      s += dv * dv;
      // |δ√v| ≤ √v · relErr/2, and the square root and the sum round: a bound on |δ(W2²)|
      err += 2 * Math.abs(dv) * Math.sqrt(r.variance()) * r.relativeErrorBound() / 2 + 4 * EPS * (dv * dv);
    }
    return new double[] {Math.sqrt(s), err / (2 * Math.sqrt(s))};
  }

  @Test
  void theCatalogFileHoldsUnderTheGridPointReadingAndReportsBoth() throws IOException {
    ClaimSpec spec = ClaimFiles.read(FILE);
    List<PublishedValueCheck.Value> v = PublishedValueCheck.values(spec);
    double[] points = pg24Heun(50, 1e-5), nfe = pg24Heun(26, 1e-5); // 50 points; 50 evaluations = 25 steps = 26 points
    assertEquals(49, v.get(0).steps());
    assertEquals(25, v.get(1).steps());
    // the check's law and [PG24]'s recursion round differently: their difference is within both rounding bounds
    assertEquals(points[0], v.get(0).w2(), 2 * points[1] + 1e-12 * points[0]);
    assertEquals(nfe[0], v.get(1).w2(), 2 * nfe[1] + 1e-12 * nfe[0]);
    assertEquals(23.42, points[0], 0.005, "the print is reproduced with 50 grid points");
    assertTrue(Math.abs(nfe[0] - 23.42) > 1, "and not with 50 evaluations: " + nfe[0]);
    ClaimResult r = Checks.run(spec, RunOptions.standard());
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
    assertTrue(r.detail().contains("printed 23.42") && r.detail().contains("23.4195") && r.detail().contains("53.3"),
        r.detail());
    // the law certificate: W2 enclosed in interval arithmetic, contains [PG24]'s own recursion's value to its
    // rounding bound, and lies inside 23.42 ± 0.005 as a whole: the reproduction is PROVED
    Interval w2 = PublishedValueCheck.certifiedW2(spec, 49);
    assertTrue(w2.lo() <= points[0] + 2 * points[1] && points[0] - 2 * points[1] <= w2.hi(), w2 + " vs " + points[0]);
    assertTrue(w2.relativeWidth() <= 1e-9, w2.toString());
    assertEquals("PROVED 1/1", r.certificate());
    assertTrue(r.detail().contains("certified: W2"), r.detail());
  }

  @Test
  void theOtherReadingIsFalsified() throws IOException {
    String text = Files.readString(FILE).replaceAll("(?m)^reading = .*$", "reading = nfe")
        .replaceAll("(?m)^expect = .*$", "expect = falsified");
    ClaimResult r = Checks.run(ClaimFiles.parse(text, FILE), RunOptions.standard());
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.measure() > 1000, "|53.35 − 23.42|/0.005 ≈ 6000, was " + r.measure());
    assertEquals("CERTIFIED", r.certificate(), "the enclosure of 53.35 lies wholly outside 23.42 ± 0.005: " + r.detail());
  }
}
