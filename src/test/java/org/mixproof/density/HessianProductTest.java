package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.Schedules;

/**
 * The matrix-free Hessian product against the formed Hessian (an independent summation: per entry
 * there, per product here) on full and on diagonal covariances, at points where two or three
 * components share the weight; the same refusal as the Hessian; bad lengths named.
 */
class HessianProductTest {

  static GaussianMixture mixture(int d, boolean diagonal, SplittableRandom r) {
    int k = 3;
    double[] w = {0.2, 0.3, 0.5};
    double[][] mu = new double[k][d];
    double[][][] cov = new double[k][d][d];
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < d; c++) mu[i][c] = r.nextDouble(-1, 1);
      double[][] g = new double[d][d];
      for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) g[a][b] = diagonal ? (a == b ? r.nextDouble(0.3, 2) : 0) : r.nextDouble(-1, 1);
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          double v = 0;
          for (int c = 0; c < d; c++) v += g[a][c] * g[b][c];
          cov[i][a][b] = v + (a == b ? 0.2 : 0);
        }
      }
    }
    return GaussianMixture.of(w, mu, cov);
  }

  @Test
  void productsEqualTheFormedHessianTimesV() {
    SplittableRandom r = new SplittableRandom(11);
    for (boolean diagonal : new boolean[] {false, true}) {
      for (int d : new int[] {1, 4, 9}) {
        MixtureDensity p = MixtureDensity.at(mixture(d, diagonal, r), Schedules.parse("vp-linear:0.1,20"), 0.2);
        for (int n = 0; n < 5; n++) {
          double[] x = new double[d], v = new double[d];
          for (int c = 0; c < d; c++) {
            x[c] = r.nextDouble(-1.5, 1.5);
            v[c] = r.nextDouble(-1, 1);
          }
          double[][] h = p.hessian(x);
          double[] got = new double[d];
          p.hessianProduct(x).apply(v, got);
          double scale = 0, vn = 0;
          for (int a = 0; a < d; a++) {
            vn += v[a] * v[a];
            for (int b = 0; b < d; b++) scale = Math.max(scale, Math.abs(h[a][b]));
          }
          for (int i = 0; i < 3; i++) {
            double[][] prec = p.precision(i);
            for (double[] row : prec) for (double e : row) scale = Math.max(scale, Math.abs(e));
          }
          for (int a = 0; a < d; a++) {
            double hv = 0;
            for (int b = 0; b < d; b++) hv += h[a][b] * v[b];
            // both sum k(d + 2) products of terms ≤ scale·(1 + ‖u‖²) in another order: 16 k d u relative to
            // the largest term, with the scores' spread (‖u‖ ≤ a few) folded into the 4×
            double tol = 4 * 16 * 3 * (d + 2) * RoundingModel.EPS * scale * Math.sqrt(vn) * d;
            assertEquals(hv, got[a], tol, (diagonal ? "diagonal" : "full") + " d = " + d + " row " + a);
          }
        }
      }
    }
  }

  /** Where the Hessian is refused (a far tie, weights unresolved in double) so is the product. */
  @Test
  void refusedWhereTheHessianIs() {
    GaussianMixture g = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {0, 0}},
        new double[][][] {{{1, 0}, {0, 4}}, {{4, 0}, {0, 1}}});
    MixtureDensity p = MixtureDensity.at(g, Schedules.parse("ve-linear"), 0);
    double[] far = {1e7, 1e7};
    assertThrows(IllConditionedException.class, () -> p.hessian(far));
    assertThrows(IllConditionedException.class, () -> p.hessianProduct(far));
    HessianProduct hp = p.hessianProduct(new double[] {0.5, 0.25});
    assertEquals(2, hp.dimension());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hp.apply(new double[3], new double[2]));
    assertTrue(e.getMessage().contains("length d = 2") && e.getMessage().contains("were 3 and 2"), e.getMessage());
  }
}
