package org.mixproof.density;

import static org.mixproof.rounding.RoundingModel.U;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * Closed forms of one diffused Gaussian and of a two-component mixture, the construction-time refusal
 * (c·u·κ ≥ 1, c = 16(d + 1)²), batches of more than one parallel chunk, and a reused workspace
 * (docs/mutation.md).
 */
class DensityClosedFormTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");

  @Test
  void diffusedGaussianHasItsClosedForms() {
    GaussianMixture g = GaussianMixture.gaussian(new double[] {1, -1}, new double[][] {{4, 0}, {0, 0.25}});
    MixtureDensity p = MixtureDensity.at(g, OU, 0.5);
    double a2 = Math.exp(-1), b2 = 1 - Math.exp(-1), hi = 4 * a2 + b2, lo = 0.25 * a2 + b2;
    assertEquals(0.5, p.time());
    assertSame(OU, p.schedule());
    assertEquals(lo, p.lambdaMin(), 1e-15);
    assertEquals(hi, p.lambdaMax(), 1e-15);
    assertEquals(lo, p.lambdaMinOf(0), 1e-15);
    assertEquals(hi / lo, p.conditionNumber(0), 1e-13);
    assertEquals(Math.log(hi * lo), p.logDeterminant(0), 1e-14);
    // log p at the mean: −log(2π) − ½ log det
    double[] m = {Math.exp(-0.5), -Math.exp(-0.5)};
    assertEquals(-Math.log(2 * Math.PI) - 0.5 * Math.log(hi * lo), p.logDensity(m), 1e-14);
  }

  @Test
  void aCovarianceDoublePrecisionCannotHonourIsRefusedAtConstruction() {
    // d = 2: c = 144, threshold κ = 1/(144 u) ≈ 6.3e13. Singular data Σ = diag(1, 0) under vp-ou has
    // κ(t) = (a² + b²)/b² = 1/b²: at t = 1e-15, b² ≈ 2e-15 and κ ≈ 5e14 is refused; at 1e-12, 5e11 is not
    GaussianMixture bad = GaussianMixture.gaussian(new double[2], new double[][] {{1, 0}, {0, 0}});
    IllConditionedException e = assertThrows(IllConditionedException.class, () -> MixtureDensity.at(bad, OU, 1e-15));
    double threshold = 1 / (144 * U); // c(2) = 16·3² = 144
    assertTrue(e.getMessage().contains("≥ 1/(c·u) = " + threshold), e.getMessage());
    assertEquals(144.0, MixtureDensity.roundingConstant(2));
    double b2 = -Math.expm1(-2e-12);
    assertEquals(1 / b2, MixtureDensity.at(bad, OU, 1e-12).conditionNumber(0), 1e-9 / b2);
  }

  /**
   * The refusal sits exactly at c·u·κ = 1: d = 3 gives c = 16·4² = 2⁸, so c·u = 2⁻⁴⁵ exactly, and
   * diag(1, 1, 2⁴⁵) at t = 0 of ve-linear (a = 1, b² = 0; a diagonal's eigenvalues are its entries) has
   * κ = 2⁴⁵ and c·u·κ = 1 in exact binary: refused. The next double below 2⁴⁵ is accepted.
   */
  @Test
  void theRefusalIsExactlyAtOne() {
    NoiseSchedule ve = Schedules.parse("ve-linear");
    double edge = 0x1p45;
    assertEquals(1.0, MixtureDensity.roundingConstant(3) * U * edge, 0, "the boundary is exact in binary");
    GaussianMixture atEdge = GaussianMixture.gaussian(new double[3], new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, edge}});
    assertThrows(IllConditionedException.class, () -> MixtureDensity.at(atEdge, ve, 0));
    double below = Math.nextDown(edge);
    GaussianMixture inside = GaussianMixture.gaussian(new double[3], new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, below}});
    assertEquals(below, MixtureDensity.at(inside, ve, 0).conditionNumber(0), 0);
  }

  /** 600 rows: three chunks of 256, each in blocks of 64; every row must equal the single-point path. */
  @Test
  void batchesOfSeveralChunksEqualThePointPath() {
    GaussianMixture mix = GaussianMixture.of(new double[] {0.3, 0.7}, new double[][] {{-1, 0}, {2, 1}},
        new double[][][] {{{1, 0.2}, {0.2, 0.5}}, {{0.7, 0}, {0, 1.5}}});
    MixtureDensity p = MixtureDensity.at(mix, OU, 0.3);
    int n = 600;
    DMatrixRMaj x = new DMatrixRMaj(n, 2);
    java.util.Random rnd = new java.util.Random(7);
    for (int i = 0; i < 2 * n; i++) x.data[i] = 3 * rnd.nextGaussian();
    MixtureDensity.Batch b = p.evaluate(x);
    for (int r = 0; r < n; r += 37) {
      double[] xr = {x.get(r, 0), x.get(r, 1)};
      assertEquals(p.logDensity(xr), b.logDensity()[r], 1e-12 * Math.max(1, Math.abs(b.logDensity()[r])), "row " + r);
      double[] s = p.score(xr);
      assertArrayEquals(s, new double[] {b.scores().get(r, 0), b.scores().get(r, 1)}, 1e-12, "row " + r);
    }
    double[] last = {x.get(n - 1, 0), x.get(n - 1, 1)};
    assertEquals(p.logDensity(last), b.logDensity()[n - 1], 1e-12 * Math.max(1, Math.abs(p.logDensity(last))));
  }

  /** A workspace used for a second point must not carry anything over from the first. */
  @Test
  void aReusedWorkspaceGivesTheFreshAnswer() {
    GaussianMixture mix = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-1}, {1}},
        new double[][][] {{{0.5}}, {{0.5}}});
    MixtureDensity p = MixtureDensity.at(mix, OU, 0.2);
    MixtureDensity.Workspace ws = p.workspace();
    double[] x1 = {0.4}, x2 = {-1.3};
    ws.run(x1, 0, true, true);
    double lp = ws.run(x2, 0, true, true);
    assertEquals(p.logDensity(x2), lp, 1e-14);
    assertEquals(p.score(x2)[0], ws.s[0], 1e-14);
    // the closed form: s = Σ w_i s_i, s_i = −(x − a μ_i)/(a² σ² + b²)
    double a = Math.exp(-0.2), v = a * a * 0.5 + 1 - Math.exp(-0.4);
    double l1 = -(x2[0] + a) * (x2[0] + a) / (2 * v), l2 = -(x2[0] - a) * (x2[0] - a) / (2 * v);
    double w1 = 1 / (1 + Math.exp(l2 - l1));
    assertEquals(-(w1 * (x2[0] + a) + (1 - w1) * (x2[0] - a)) / v, ws.s[0], 1e-14);
  }
}
