package org.mixproof.smoothness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;

/**
 * Lanczos' ‖A‖₂ on matrices built with a known spectrum, A = Q diag(λ) Qᵀ with Q the orthogonal factor
 * of a Gaussian matrix: the largest |λ| positive or negative, well separated or in a cluster; and the
 * edges (d = 1, A = cI whose Krylov space is invariant after one product).
 */
class LanczosTest {

  static double[][] withSpectrum(double[] lambda, long seed) {
    int d = lambda.length;
    double[][] q = eigenvectorsOf(lambda, seed);
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) s += q[k][i] * lambda[k] * q[k][j];
        a[i][j] = s;
      }
    }
    return a;
  }

  static Lanczos.Operator of(double[][] a) {
    return (v, out) -> {
      for (int i = 0; i < a.length; i++) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[i][j] * v[j];
        out[i] = s;
      }
    };
  }

  @Test
  void findsTheLargestMagnitudeToTheStatedAccuracy() {
    SplittableRandom r = new SplittableRandom(7);
    for (int d : new int[] {40, 150}) {
      for (int shape = 0; shape < 3; shape++) {
        double[] lambda = new double[d];
        for (int i = 0; i < d; i++) lambda[i] = r.nextDouble(-1, 1);
        double truth = switch (shape) {
          case 0 -> { lambda[3] = 5; yield 5; }          // a separated top eigenvalue
          case 1 -> { lambda[5] = -7; yield 7; }         // the largest magnitude is negative
          default -> { lambda[1] = 2; lambda[2] = 1.999; lambda[3] = -1.998; yield 2; } // a cluster at ±2
        };
        Lanczos.Estimate e = Lanczos.norm(of(withSpectrum(lambda, d + shape)), d, 1e-10, d, 11);
        // the Ritz value is within its residual of an eigenvalue; the built A itself is Q Λ Qᵀ to d u‖A‖
        double tol = 1e-10 * truth + 4 * d * RoundingModel.EPS * truth;
        assertEquals(truth, e.value(), tol, "d = " + d + " shape " + shape + ": " + e);
        assertTrue(e.residual() <= 1e-10 * e.value(), "converged: " + e);
        assertTrue(e.products() < d, "fewer products than the dimension: " + e);
      }
    }
  }

  /**
   * The Ritz vectors: for a built A = Q Λ Qᵀ with separated extreme eigenvalues 4 and −6 (gap ≥ 3 to the
   * rest in [−1, 1]), the top vector of the norm and both vectors of {@link Lanczos#extremes} are ±q of
   * those eigenvalues, since sin∠(y, q) ≤ residual / gap (Davis–Kahan); and Ay − θy is within the
   * reported residual (plus the products' rounding, 4dε‖A‖).
   */
  @Test
  void ritzVectorsAreTheExtremeEigenvectors() {
    int d = 90;
    SplittableRandom r = new SplittableRandom(3);
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) lambda[i] = r.nextDouble(-1, 1);
    lambda[10] = 4;
    lambda[20] = -6;
    double[][] a = withSpectrum(lambda, 5);
    double[][] q = eigenvectorsOf(lambda, 5);
    Lanczos.Estimate e = Lanczos.norm(of(a), d, 1e-10, d, 1);
    assertEquals(6, e.value(), 1e-10 * 6 + 4 * d * RoundingModel.EPS * 6);
    assertAligned(q[20], e.vector(), e.residual() / 3 + 1e-12);
    Lanczos.Ritz[] ends = Lanczos.extremes(of(a), d, 1e-10, d, 1);
    assertEquals(-6, ends[0].value(), 1e-10 * 6 + 4 * d * RoundingModel.EPS * 6);
    assertEquals(4, ends[1].value(), 1e-10 * 6 + 4 * d * RoundingModel.EPS * 6);
    assertAligned(q[20], ends[0].vector(), ends[0].residual() / 3 + 1e-12);
    assertAligned(q[10], ends[1].vector(), ends[1].residual() / 2.9 + 1e-12);
    for (Lanczos.Ritz p : ends) {
      double[] ay = new double[d];
      of(a).apply(p.vector(), ay);
      double res = 0;
      for (int i = 0; i < d; i++) res += Math.pow(ay[i] - p.value() * p.vector()[i], 2);
      assertTrue(Math.sqrt(res) <= p.residual() + 4 * d * RoundingModel.EPS * 6, "residual " + Math.sqrt(res) + " vs " + p);
    }
  }

  /** The columns of withSpectrum's Q, as rows: q[k] is the eigenvector of λ_k. */
  static double[][] eigenvectorsOf(double[] lambda, long seed) {
    int d = lambda.length;
    SplittableRandom r = new SplittableRandom(seed);
    DMatrixRMaj g = new DMatrixRMaj(d, d);
    for (int i = 0; i < d * d; i++) g.data[i] = r.nextGaussian();
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
    qr.decompose(g);
    DMatrixRMaj qm = qr.getQ(null, false);
    double[][] q = new double[d][d];
    for (int k = 0; k < d; k++) for (int i = 0; i < d; i++) q[k][i] = qm.get(i, k);
    return q;
  }

  /** |sin∠(x, y)| ≤ tol for unit vectors: 1 − (x·y)² ≤ tol². */
  static void assertAligned(double[] x, double[] y, double tol) {
    double dot = 0, ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
      ny += y[i] * y[i];
    }
    assertEquals(1, ny, 64 * x.length * RoundingModel.EPS, "unit Ritz vector");
    double sin = Math.sqrt(Math.max(0, 1 - dot * dot / ny));
    assertTrue(sin <= tol, "sin∠ = " + sin + " > " + tol);
  }

  @Test
  void edges() {
    assertEquals(3, Lanczos.norm((v, out) -> out[0] = -3 * v[0], 1, 1e-12, 10, 1).value(), 0);
    Lanczos.Estimate identity = Lanczos.norm((v, out) -> {
      for (int i = 0; i < v.length; i++) out[i] = 2.5 * v[i];
    }, 50, 1e-12, 50, 3);
    assertEquals(2.5, identity.value(), 4 * RoundingModel.EPS * 2.5);
    assertEquals(1, identity.products(), "cI: invariant after one product");
    assertThrows(IllegalArgumentException.class, () -> Lanczos.norm((v, out) -> { }, 0, 1e-10, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> Lanczos.norm((v, out) -> { }, 3, 0, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> Lanczos.norm((v, out) -> { }, 3, 1e-10, 0, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Lanczos.norm((v, out) -> { }, 3, 1e-10, -1e-9, 5, 1, null));
    assertTrue(e.getMessage().contains("stallTol") && e.getMessage().contains("-1.0E-9"), e.getMessage());
  }

  /**
   * A tight cluster at the top, as P_i has over the CIFAR-10 spectrum: 20 eigenvalues within 2e-7 of 1
   * (relative gaps 1e-8), the other 380 in [−0.5, 0.5]. The residual criterion needs about d products
   * to separate the cluster; the stall rule stops after a few dozen (19 here) with |θ| in the cluster — within
   * 2e-7 of the norm and never above it (up to the built matrix's own rounding, 4 d u).
   */
  @Test
  void aStalledValueIsALowerBoundInsideTheTopCluster() {
    int d = 400;
    SplittableRandom r = new SplittableRandom(3);
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) lambda[i] = i < 20 ? 1 - 1e-8 * i : r.nextDouble(-0.5, 0.5);
    double[][] a = withSpectrum(lambda, 5);
    Lanczos.Estimate stalled = Lanczos.norm(of(a), d, 1e-10, SpectralNorm.SEARCH_STALL, d, 1, null);
    Lanczos.Estimate full = Lanczos.norm(of(a), d, 1e-10, d, 1);
    double rounding = 4 * d * RoundingModel.EPS;
    assertTrue(stalled.value() <= 1 + rounding && stalled.value() >= 1 - 2e-7 - rounding, "stalled " + stalled.value());
    assertTrue(stalled.products() < 100, "stalled after " + stalled.products() + " products");
    assertTrue(full.products() > 2 * stalled.products(),
        "the residual criterion takes " + full.products() + " products, the stall rule " + stalled.products());
    assertEquals(1, full.value(), 1e-10 + rounding);
  }

  /** Above {@link SpectralNorm#DENSE_UP_TO} the norm is Lanczos', below it the dense decomposition's: both meet the built spectrum. */
  @Test
  void spectralNormSwitchesToLanczosAboveTheDenseLimit() {
    for (int d : new int[] {SpectralNorm.DENSE_UP_TO, SpectralNorm.DENSE_UP_TO + 1}) {
      double[] lambda = new double[d];
      for (int i = 0; i < d; i++) lambda[i] = 0.01 * i - 0.3;
      lambda[d / 2] = -3;
      double got = new SpectralNorm(d).precise(withSpectrum(lambda, d));
      // dense: a backward-stable eigensolver; Lanczos: 1e-10 relative (SpectralNorm.LANCZOS_ACCURACY)
      assertEquals(3, got, 1e-10 * 3 + 8 * d * RoundingModel.EPS * 3, "d = " + d);
    }
  }
}
