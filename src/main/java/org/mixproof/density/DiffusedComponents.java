package org.mixproof.density;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;

/**
 * What is built once when a mixture is diffused to time t (docs/claims.md M1): per component the
 * mean μ_i(t) = a_t μ_i, the covariance Σ_i(t) = a_t² Σ_i + b_t² I, its Cholesky factor's inverse
 * W_i = L_i⁻¹ (EJML's triangular inversion) and transpose, the precision P_i = W_iᵀ W_i, log det Σ_i(t)
 * from the factor's diagonal, the normalising term c_i = log π_i − (d/2) log 2π − ½ log det Σ_i(t),
 * and what the refusal rule needs: κ_i = cond Σ_i(t), λmin(Σ_i(t)), ‖μ_i(t)‖ and the norming size.
 *
 * <p>Kept apart from the kernels so that both paths ({@link PointKernel}, {@link BlockKernel}) read
 * the same factors, and so that the factor-level refusal (c·u·κ ≥ 1, or a failed Cholesky) happens
 * once, here, before any point is seen. Immutable after construction; the arrays are shared with the
 * kernels, never handed out (the façade copies).
 */
final class DiffusedComponents {

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  final double t;
  final double a;
  final double b2;
  final int d;
  final int k;
  final double[] logNorm;          // log π_i − (d/2) log 2π − ½ log det Σ_i(t)
  final double[][] meanT;          // μ_i(t) = a μ_i
  final double[][] covT;           // Σ_i(t), row-major d×d
  // Matrices used per evaluation are kept as arrays of rows: C2 (JDK 17) vectorises a loop over a
  // row indexed from 0 or from a loop bound, but not one over a flat array at an invariant offset.
  final double[][][] invFactor;    // W_i = L_i⁻¹, lower triangular: invFactor[i][row][col]
  final double[][][] invFactorT;   // W_iᵀ, so both products with W_i run as row axpys
  final double[][][] precision;    // P_i = W_iᵀ W_i
  final double[] logDet;           // log det Σ_i(t)
  final double[] conditionNumber;  // cond(Σ_i(t)) = (a² λmax_i + b²)/(a² λmin_i + b²)
  final double[] lambdaMinT;       // λmin(Σ_i(t))
  final double[] meanNorm;         // ‖μ_i(t)‖
  final double[] normingSize;      // |log π_i| + d(2 + |log λmin_i(t)| + |log λmax_i(t)|)
  final double[][] precisionDiagonal; // P_i's diagonal when Σ_i(t) is diagonal, else null (matrix-free products)

  /**
   * Diffuses {@code mixture} to t; refuses (IllConditionedException) a Σ_i(t) with c·u·κ ≥ 1 or whose
   * Cholesky factorisation fails, and rejects singular data at b_t² = 0.
   */
  DiffusedComponents(GaussianMixture mixture, NoiseSchedule schedule, double t) {
    this.t = schedule.checkTime(t);
    this.a = schedule.a(t);
    this.b2 = schedule.b2(t);
    this.d = mixture.dimension();
    this.k = mixture.components();
    this.logNorm = new double[k];
    this.meanT = new double[k][d];
    this.covT = new double[k][d * d];
    this.invFactor = new double[k][][];
    this.invFactorT = new double[k][d][d];
    this.precision = new double[k][][];
    this.logDet = new double[k];
    this.conditionNumber = new double[k];
    this.lambdaMinT = new double[k];
    this.meanNorm = new double[k];
    this.normingSize = new double[k];
    this.precisionDiagonal = new double[k][];
    double a2 = a * a;
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
    for (int i = 0; i < k; i++) {
      double[] eig = mixture.covarianceEigenvalues(i);
      double lo = a2 * eig[0] + b2;
      double hi = a2 * eig[d - 1] + b2;
      if (!(lo > 0)) {
        throw new IllegalArgumentException(
            "covariances[" + i + "] is singular (smallest eigenvalue " + eig[0] + ") and cannot be "
                + "evaluated at t = " + t + " where b_t² = " + b2
                + ": singular data has a density only for t > 0");
      }
      conditionNumber[i] = hi / lo;
      // The rounding analysis (RoundingModel) holds while c·u·κ < 1; beyond that the computed
      // factor may not exist or be meaningless, so say so instead of returning a silent value.
      if (RoundingModel.constantTimesU(d) * conditionNumber[i] >= 1) {
        throw new IllConditionedException(
            "covariances[" + i + "] at t = " + t + " has condition number " + conditionNumber[i]
                + " ≥ 1/(c·u) = " + RoundingModel.largestConditionNumber(d) + " (c = 16(d+1)², u = 2⁻⁵³): "
                + "double precision cannot honour it; use the high-precision oracle");
      }
      lambdaMinT[i] = lo;
      normingSize[i] = RoundingModel.normingSize(mixture.weight(i), d, lo, hi);
      boolean diagonal = true;
      for (int r = 0; r < d; r++) {
        meanT[i][r] = a * mixture.meanEntry(i, r);
        for (int c = 0; c < d; c++) {
          double v = a2 * mixture.covarianceEntry(i, r, c) + (r == c ? b2 : 0);
          covT[i][r * d + c] = v;
          if (r != c && v != 0) diagonal = false;
        }
      }
      if (diagonal) factorDiagonal(i);
      else factor(i, chol);
      logNorm[i] = Math.log(mixture.weight(i)) - 0.5 * d * LOG_2PI - 0.5 * logDet[i];
      double mn = 0;
      for (int r = 0; r < d; r++) mn += meanT[i][r] * meanT[i][r];
      meanNorm[i] = Math.sqrt(mn);
    }
  }

  /** L_i by EJML's Cholesky, W_i = L_i⁻¹ by its triangular inversion, P_i = W_iᵀ W_i: O(d³). */
  private void factor(int i, CholeskyDecomposition_F64<DMatrixRMaj> chol) {
    DMatrixRMaj cov = DMatrixRMaj.wrap(d, d, covT[i].clone());
    if (!chol.decompose(cov)) { // overwrites cov with L
      throw new IllConditionedException(
          "covariances[" + i + "] at t = " + t + " is not numerically positive definite "
              + "(Cholesky failed; condition number " + conditionNumber[i] + ")");
    }
    DMatrixRMaj lower = chol.getT(null);
    double ld = 0;
    for (int r = 0; r < d; r++) ld += Math.log(lower.get(r, r));
    logDet[i] = 2 * ld;
    double[] w = lower.data.clone();
    TriangularSolver_DDRM.invertLower(w, d);
    for (int r = 0; r < d; r++) {
      for (int c = r + 1; c < d; c++) w[r * d + c] = 0; // strictly upper part is not touched by the inversion
    }
    invFactor[i] = square(w);
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) invFactorT[i][c][r] = w[r * d + c];
    }
    DMatrixRMaj wm = DMatrixRMaj.wrap(d, d, w);
    DMatrixRMaj p = new DMatrixRMaj(d, d);
    CommonOps_DDRM.multTransA(wm, wm, p);
    precision[i] = square(p.data);
  }

  /**
   * The same for a diagonal Σ_i(t) in O(d²) (only the arrays' zeros): L = diag(√v), W = diag(1/√v),
   * P = diag(W²) — what the general path computes for a diagonal to the last bit (its sums of zero
   * products add nothing), without its O(d³) work (minutes at d = 3072). Every v ≥ λmin(Σ_i(t)) > 0 was
   * checked above, so there is no failed factorisation here.
   */
  private void factorDiagonal(int i) {
    double[] flat = covT[i];
    double ld = 0;
    double[][] w = new double[d][d], p = new double[d][d];
    for (int r = 0; r < d; r++) {
      double l = Math.sqrt(flat[r * d + r]);
      ld += Math.log(l);
      w[r][r] = 1 / l;
      p[r][r] = w[r][r] * w[r][r];
      invFactorT[i][r][r] = w[r][r];
    }
    logDet[i] = 2 * ld;
    invFactor[i] = w;
    precision[i] = p;
    precisionDiagonal[i] = new double[d];
    for (int r = 0; r < d; r++) precisionDiagonal[i][r] = p[r][r];
  }

  /** A row-major d×d array as rows (a fresh copy). */
  double[][] square(double[] flat) {
    double[][] m = new double[d][d];
    for (int r = 0; r < d; r++) System.arraycopy(flat, r * d, m[r], 0, d);
    return m;
  }
}
