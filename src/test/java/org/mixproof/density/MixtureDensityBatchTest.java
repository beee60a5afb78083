package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/**
 * The blocked batch path of {@link MixtureDensity} (128 points per block, 256 per parallel chunk)
 * against the single-point path, which it must reproduce bit for bit, and against an independent
 * evaluation through EJML's LU inverse.
 */
class MixtureDensityBatchTest {

  /** Shapes around the vector widths and the kernel's row blocks (d mod 4 = 0..3, with and without a block of four), row counts around 64 and 256. */
  @Test
  void everyBatchMethodEqualsThePointMethodsBitForBit() {
    int[][] shapes = {{1, 1}, {1, 3}, {2, 4}, {3, 1}, {5, 2}, {6, 3}, {7, 2}, {16, 8}, {33, 5}};
    int[] counts = {1, 63, 64, 65, 127, 128, 129, 300, 2600}; // 2600: 11 chunks, more than the tasks on up to 2 cores
    Random rnd = new Random(20261122);
    for (int[] shape : shapes) {
      int d = shape[0], k = shape[1];
      MixtureDensity p = MixtureDensity.at(randomMixture(rnd, d, k, 100), new VpOu(), 0.3);
      for (int n : counts) {
        DMatrixRMaj pts = randomPoints(rnd, n, d, 4);
        MixtureDensity.Batch all = p.evaluate(pts);
        MixtureDensity.Batch ls = p.logDensityAndScore(pts);
        MixtureDensity.Batch sh = p.scoreAndHessian(pts);
        double[] lp = p.logDensity(pts);
        String at = "d=" + d + " k=" + k + " n=" + n;
        for (int r = 0; r < n; r++) {
          double[] x = row(pts, r);
          PointEvaluation e = p.evaluate(x);
          assertSameBits(e.logDensity(), lp[r], at);
          assertSameBits(e.logDensity(), ls.logDensity()[r], at);
          assertSameBits(e.logDensity(), all.logDensity()[r], at);
          for (int i = 0; i < k; i++) assertSameBits(e.weights()[i], all.weights().get(r, i), at);
          for (int c = 0; c < d; c++) {
            assertSameBits(e.score()[c], ls.scores().get(r, c), at);
            assertSameBits(e.score()[c], sh.scores().get(r, c), at);
            assertSameBits(e.score()[c], all.scores().get(r, c), at);
            for (int c2 = 0; c2 < d; c2++) {
              assertSameBits(e.hessian()[c][c2], sh.hessians().get(r, c * d + c2), at);
              assertSameBits(e.hessian()[c][c2], all.hessians().get(r, c * d + c2), at);
              assertEquals(e.hessian()[c][c2], e.hessian()[c2][c], 0.0, at + ": H symmetric");
            }
          }
        }
      }
    }
  }

  /** log p, score and Hessian from Σ_i(t)⁻¹ by LU (not the Cholesky path), to rounding. */
  @Test
  void batchAgreesWithAnIndependentLuEvaluation() {
    Random rnd = new Random(11);
    int d = 7, k = 3, n = 200;
    GaussianMixture m = randomMixture(rnd, d, k, 100);
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), 0.5);
    DMatrixRMaj pts = randomPoints(rnd, n, d, 3);
    MixtureDensity.Batch ls = p.logDensityAndScore(pts);
    MixtureDensity.Batch sh = p.scoreAndHessian(pts);
    DMatrixRMaj[] prec = new DMatrixRMaj[k];
    double[] logDet = new double[k];
    for (int i = 0; i < k; i++) {
      DMatrixRMaj cov = new DMatrixRMaj(d, d);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          cov.set(r, c, p.a() * p.a() * m.covarianceEntry(i, r, c) + (r == c ? p.b2() : 0));
        }
      }
      logDet[i] = Math.log(CommonOps_DDRM.det(cov));
      prec[i] = cov.copy();
      assertTrue(CommonOps_DDRM.invert(prec[i]));
    }
    for (int r = 0; r < n; r++) {
      double[] ell = new double[k];
      double[][] si = new double[k][d];
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        double q = 0;
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            double pab = prec[i].get(a, b);
            double rb = pts.get(r, b) - p.a() * m.meanEntry(i, b);
            q += (pts.get(r, a) - p.a() * m.meanEntry(i, a)) * pab * rb;
            si[i][a] -= pab * rb;
          }
        }
        ell[i] = Math.log(m.weight(i)) - 0.5 * d * Math.log(2 * Math.PI) - 0.5 * logDet[i] - 0.5 * q;
        max = Math.max(max, ell[i]);
      }
      double sum = 0;
      for (double e : ell) sum += Math.exp(e - max);
      double lp = max + Math.log(sum);
      double[] s = new double[d];
      double[] w = new double[k];
      for (int i = 0; i < k; i++) {
        w[i] = Math.exp(ell[i] - lp);
        for (int a = 0; a < d; a++) s[a] += w[i] * si[i][a];
      }
      assertEquals(lp, ls.logDensity()[r], 1e-12 * Math.max(1, Math.abs(lp)));
      double sNorm = 0;
      for (double v : s) sNorm = Math.max(sNorm, Math.abs(v));
      for (int a = 0; a < d; a++) assertEquals(s[a], ls.scores().get(r, a), 1e-11 * (1 + sNorm));
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          double h = 0;
          for (int i = 0; i < k; i++) {
            h += w[i] * (-prec[i].get(a, b) + (si[i][a] - s[a]) * (si[i][b] - s[b]));
          }
          assertEquals(h, sh.hessians().get(r, a * d + b), 1e-10 * (1 + Math.abs(h)), "H[" + a + "][" + b + "]");
        }
      }
    }
  }

  /** Far rows make some weights underflow to 0 (and some component terms huge): still equal to points. */
  @Test
  void underflowingWeightsAndZeroWeightComponentsInABatch() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.25, 0, 0.75},
        new double[][] {{0, 0}, {50, 50}, {3, 0}},
        new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}, {{2, 0}, {0, 0.5}}});
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), 0.01);
    double[] radii = {0, 1, 30, 1e3, 1e6, 1e100};
    DMatrixRMaj pts = new DMatrixRMaj(70, 2);
    for (int r = 0; r < 70; r++) {
      pts.set(r, 0, radii[r % radii.length]);
      pts.set(r, 1, -radii[(r / 2) % radii.length]);
    }
    MixtureDensity.Batch all = p.evaluate(pts);
    for (int r = 0; r < 70; r++) {
      PointEvaluation e = p.evaluate(row(pts, r));
      assertTrue(Double.isFinite(all.logDensity()[r]));
      assertEquals(e.logDensity(), all.logDensity()[r], 0.0);
      assertEquals(0.0, all.weights().get(r, 1), 0.0);
      for (int c = 0; c < 2; c++) {
        assertTrue(Double.isFinite(all.scores().get(r, c)));
        assertEquals(e.score()[c], all.scores().get(r, c), 0.0);
        for (int c2 = 0; c2 < 2; c2++) assertEquals(e.hessian()[c][c2], all.hessians().get(r, c * 2 + c2), 0.0);
      }
    }
  }

  /**
   * A weight of exactly 0 next to a non-finite component score: with μ_0 = −1e308 and μ_1 = 1e308 the
   * rows x near μ_1(t) have x − μ_0(t) ≈ 2e308 = ∞, so ℓ_0 = −∞, w_0 = 0 and s_0 = −∞. The score must
   * skip that term (0 · ∞ is NaN), as the point path does.
   */
  @Test
  void aZeroWeightNeverMeetsAnInfiniteComponentScore() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-1e308}, {1e308}},
        new double[][][] {{{1}}, {{1}}});
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), 0.01);
    double mu1 = p.mean(1)[0];
    assertEquals(Double.POSITIVE_INFINITY, mu1 - p.mean(0)[0], "the residual to component 0 overflows");
    int n = 5;
    DMatrixRMaj pts = new DMatrixRMaj(n, 1);
    for (int r = 0; r < n; r++) pts.set(r, 0, mu1 + 0.5 * (r - 2));
    MixtureDensity.Batch all = p.evaluate(pts);
    MixtureDensity.Batch ls = p.logDensityAndScore(pts);
    for (int r = 0; r < n; r++) {
      assertEquals(0.0, all.weights().get(r, 0), 0.0, "w_0 is 0 at row " + r);
      PointEvaluation e = p.evaluate(row(pts, r));
      assertTrue(Double.isFinite(ls.scores().get(r, 0)), "row " + r + ": " + ls.scores().get(r, 0));
      assertSameBits(e.score()[0], ls.scores().get(r, 0), "row " + r);
      assertSameBits(e.score()[0], all.scores().get(r, 0), "row " + r);
      assertSameBits(e.hessian()[0][0], all.hessians().get(r, 0), "row " + r);
    }
  }

  @Test
  void aRowTooFarForDoubleIsNamed() {
    MixtureDensity p = MixtureDensity.at(GaussianMixture.gaussian(new double[] {0, 0},
        new double[][] {{1, 0}, {0, 1}}), new VpOu(), 1);
    DMatrixRMaj pts = new DMatrixRMaj(100, 2);
    pts.set(77, 0, 1e200);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.logDensityAndScore(pts));
    assertTrue(e.getMessage().contains("points[77] is too far from every component"), e.getMessage());
  }

  /**
   * The batch Hessian runs lane by lane in a block whose weights are all non-zero and point by point in
   * one with an underflowed weight: here block 0 takes the first way and block 1 the second (one far row,
   * where component 0's weight underflows to 0: component 1 is wider along x), and both equal the point
   * path bit for bit.
   */
  @Test
  void laneAndPointHessianBlocksInOneBatchEqualThePointPath() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.4, 0.6},
        new double[][] {{0, 0, 0}, {6, 0, 0}},
        new double[][][] {{{1, 0.2, 0}, {0.2, 1, 0}, {0, 0, 2}}, {{2, 0, 0.3}, {0, 1, 0}, {0.3, 0, 1}}});
    MixtureDensity p = MixtureDensity.at(m, new VpOu(), 0.2);
    int n = BlockKernel.B + 66, far = BlockKernel.B + 5;
    DMatrixRMaj pts = new DMatrixRMaj(n, 3);
    for (int r = 0; r < n; r++) {
      pts.set(r, 0, r == far ? -150 : -3 + 12.0 * r / n);
      pts.set(r, 1, Math.sin(r));
      pts.set(r, 2, Math.cos(3 * r));
    }
    MixtureDensity.Batch all = p.evaluate(pts);
    MixtureDensity.Batch sh = p.scoreAndHessian(pts);
    for (int r = 0; r < BlockKernel.B; r++) assertTrue(all.weights().get(r, 1) > 0 && all.weights().get(r, 0) > 0, "block 0 lane");
    assertEquals(0.0, all.weights().get(far, 0), 0.0, "the far row's weight underflows");
    for (int r = 0; r < n; r++) {
      PointEvaluation e = p.evaluate(row(pts, r));
      for (int c = 0; c < 3; c++) {
        assertEquals(e.score()[c], sh.scores().get(r, c), 0.0);
        for (int c2 = 0; c2 < 3; c2++) {
          assertEquals(e.hessian()[c][c2], sh.hessians().get(r, c * 3 + c2), 0.0, "row " + r);
          assertEquals(e.hessian()[c][c2], all.hessians().get(r, c * 3 + c2), 0.0, "row " + r);
        }
      }
    }
  }

  static double[] row(DMatrixRMaj pts, int r) {
    double[] x = new double[pts.numCols];
    System.arraycopy(pts.data, r * pts.numCols, x, 0, x.length);
    return x;
  }

  static DMatrixRMaj randomPoints(Random rnd, int n, int d, double scale) {
    DMatrixRMaj pts = new DMatrixRMaj(n, d);
    for (int i = 0; i < n * d; i++) pts.data[i] = scale * rnd.nextGaussian();
    return pts;
  }

  static GaussianMixture randomMixture(Random rnd, int d, int k, double cond) {
    double[] w = new double[k];
    double[][] mu = new double[k][d];
    double[][][] cov = new double[k][][];
    for (int i = 0; i < k; i++) {
      w[i] = 0.5 + rnd.nextDouble();
      for (int c = 0; c < d; c++) mu[i][c] = 2 * rnd.nextGaussian();
      cov[i] = randomSpd(rnd, d, cond);
    }
    return GaussianMixture.normalized(w, mu, cov);
  }

  /** Q diag(cond^(j/(d−1))) Qᵀ with Q from the QR of a Gaussian matrix. */
  static double[][] randomSpd(Random rnd, int d, double cond) {
    DMatrixRMaj g = new DMatrixRMaj(d, d);
    for (int i = 0; i < d * d; i++) g.data[i] = rnd.nextGaussian();
    var qr = DecompositionFactory_DDRM.qr(d, d);
    qr.decompose(g);
    DMatrixRMaj q = qr.getQ(null, false);
    double[][] out = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int c = r; c < d; c++) {
        double v = 0;
        for (int j = 0; j < d; j++) v += q.get(r, j) * Math.pow(cond, (double) j / Math.max(1, d - 1)) * q.get(c, j);
        out[r][c] = v;
        out[c][r] = v;
      }
    }
    return out;
  }

  /**
   * A refused point is refused by both paths: two components with Σ = diag(1, 1e-6) tie on y = 0, and
   * at x = (1e4, 0) their log-terms carry c·u·κ·q ≈ 1.6e-14 · 1e6 · 1e8 > ½ of rounding, so weights,
   * score and Hessian are refused there — by the single-point methods and by every batch holding the
   * point — while log p (never refused) agrees between the paths.
   */
  @Test
  void aRefusedPointIsRefusedByTheBatchToo() {
    double[][] thin = {{1, 0}, {0, 1e-6}};
    GaussianMixture g = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, -1e-3}, {0, 1e-3}},
        new double[][][] {thin, thin});
    MixtureDensity p = MixtureDensity.at(g, new VpOu(), 0);
    double[] far = {1e4, 0};
    assertThrows(IllConditionedException.class, () -> p.evaluate(far));
    assertThrows(IllConditionedException.class, () -> p.score(far));
    DMatrixRMaj pts = new DMatrixRMaj(new double[][] {{0, 0}, far, {1, 0}});
    assertThrows(IllConditionedException.class, () -> p.logDensityAndScore(pts));
    assertThrows(IllConditionedException.class, () -> p.scoreAndHessian(pts));
    assertThrows(IllConditionedException.class, () -> p.evaluate(pts));
    double[] lp = p.logDensity(pts);
    assertEquals(p.logDensity(far), lp[1], 0.0);
    assertTrue(Double.isFinite(lp[1]));
  }

  /** Equal as bit patterns: unlike assertEquals(…, 0.0), tells −0 from +0. */
  private static void assertSameBits(double expected, double actual, String at) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      throw new AssertionError(at + ": expected " + expected + " but was " + actual + " (bit patterns differ)");
    }
  }
}
