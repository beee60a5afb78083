package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * Diagonal covariances skip the O(d³) factorisation; what they get must be, bit for bit, what EJML's
 * Cholesky, triangular inversion and WᵀW give for the same diagonal Σ_i(t) (computed here, outside
 * DiffusedComponents), at a time where a_t ≠ 1 and b_t² ≠ 0 and with uneven entries, so that a
 * square root or reciprocal taken in another order would show.
 */
class DiagonalFactorTest {

  @Test
  void theDiagonalShortcutIsTheCholeskyPathToTheLastBit() {
    int d = 7;
    double[][] cov0 = new double[d][d], cov1 = new double[d][d];
    for (int r = 0; r < d; r++) {
      cov0[r][r] = 0.3 * (1 + r) * (1 + r) + 0.01 * r;
      cov1[r][r] = 1.7 / (1 + r) + Math.PI * 1e-3;
    }
    double[][] means = new double[2][d];
    for (int r = 0; r < d; r++) {
      means[0][r] = 0.1 * r;
      means[1][r] = -0.2 * r + 1;
    }
    GaussianMixture m = GaussianMixture.of(new double[] {0.35, 0.65}, means, new double[][][] {cov0, cov1});
    NoiseSchedule s = Schedules.parse("vp-linear:0.1,20");
    double t = 0.137;
    DiffusedComponents comp = new DiffusedComponents(m, s, t);
    double a2 = s.a(t) * s.a(t), b2 = s.b2(t);
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
    double[][][] covs = {cov0, cov1};
    for (int i = 0; i < 2; i++) {
      DMatrixRMaj c = new DMatrixRMaj(d, d);
      for (int r = 0; r < d; r++) c.set(r, r, a2 * covs[i][r][r] + b2);
      assertArrayEquals(c.data, comp.covT[i], 0);
      chol.decompose(c);
      DMatrixRMaj lower = chol.getT(null);
      double ld = 0;
      for (int r = 0; r < d; r++) ld += Math.log(lower.get(r, r));
      assertEquals(2 * ld, comp.logDet[i], 0, "log det " + i);
      double[] w = lower.data.clone();
      TriangularSolver_DDRM.invertLower(w, d);
      for (int r = 0; r < d; r++) for (int col = r + 1; col < d; col++) w[r * d + col] = 0;
      DMatrixRMaj p = new DMatrixRMaj(d, d);
      CommonOps_DDRM.multTransA(DMatrixRMaj.wrap(d, d, w), DMatrixRMaj.wrap(d, d, w), p);
      for (int r = 0; r < d; r++) {
        for (int col = 0; col < d; col++) {
          assertEquals(w[r * d + col], comp.invFactor[i][r][col], 0, "W " + i + " (" + r + ", " + col + ")");
          assertEquals(w[r * d + col], comp.invFactorT[i][col][r], 0, "Wᵀ " + i + " (" + col + ", " + r + ")");
          assertEquals(p.get(r, col), comp.precision[i][r][col], 0, "P " + i + " (" + r + ", " + col + ")");
        }
      }
    }
  }

  /** One non-zero off-diagonal entry takes the general path: P Σ = I, which the diagonal shortcut would miss. */
  @Test
  void anOffDiagonalEntryTakesTheGeneralPath() {
    double[][] cov = {{2, 0, 0}, {0, 1, 0}, {0, 0, 3}};
    cov[0][2] = cov[2][0] = 0.5;
    DiffusedComponents comp = new DiffusedComponents(GaussianMixture.gaussian(new double[3], cov), Schedules.parse("ve-linear"), 0);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        double v = 0;
        for (int j = 0; j < 3; j++) v += comp.precision[0][r][j] * cov[j][c];
        // eigenvalues 1 and 2.5 ± √½ (κ ≈ 3.2), entries ≤ 3: the product is I within a few ε
        assertEquals(r == c ? 1 : 0, v, 1e-14, "(P Σ)(" + r + ", " + c + ")");
      }
    }
  }
}
