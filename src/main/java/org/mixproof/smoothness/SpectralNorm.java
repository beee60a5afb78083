package org.mixproof.smoothness;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** ‖A‖₂ = max |λ| of a symmetric matrix, reusing one EJML decomposition (not thread-safe). */
final class SpectralNorm {

  private final EigenDecomposition_F64<DMatrixRMaj> eig;
  private final DMatrixRMaj work;

  SpectralNorm(int d) {
    eig = DecompositionFactory_DDRM.eig(d, false, true);
    work = new DMatrixRMaj(d, d);
  }

  double of(double[][] sym) {
    int d = sym.length;
    if (d == 1) return Math.abs(sym[0][0]);
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) work.set(r, c, sym[r][c]);
    if (!eig.decompose(work)) throw new ArithmeticException("symmetric eigen-decomposition failed");
    double m = 0;
    for (int j = 0; j < d; j++) m = Math.max(m, Math.abs(eig.getEigenvalue(j).getReal()));
    return m;
  }

  /** Eigenvalues (unsorted) and unit eigenvectors of a symmetric matrix. */
  static Eigen decompose(double[][] sym) {
    int d = sym.length;
    EigenDecomposition_F64<DMatrixRMaj> e = DecompositionFactory_DDRM.eig(d, true, true);
    if (!e.decompose(new DMatrixRMaj(sym))) throw new ArithmeticException("symmetric eigen-decomposition failed");
    double[] values = new double[d];
    double[][] vectors = new double[d][];
    for (int j = 0; j < d; j++) {
      values[j] = e.getEigenvalue(j).getReal();
      vectors[j] = e.getEigenVector(j).data.clone();
    }
    return new Eigen(values, vectors);
  }

  record Eigen(double[] values, double[][] vectors) {}
}
