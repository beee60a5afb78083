package org.mixproof.certify;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Rigorous bounds on the spectral norm of a symmetric matrix known only as an interval matrix
 * (docs/claims.md §8). Upper: for d = 2 the exact formula |m| + √(h² + b²) (m, h the half sum and
 * half difference of the diagonal) evaluated in intervals; for any d the smaller of the Frobenius
 * norm and the largest absolute row sum of the magnitudes (both ≥ ‖H‖₂ for symmetric H). Lower: the
 * Rayleigh quotient |vᵀHv|/‖v‖² ≤ ‖H‖₂ for any v ≠ 0, evaluated in intervals.
 */
public final class SpectralBounds {

  private SpectralBounds() {}

  /** An upper bound on max ‖H‖₂ over the symmetric members of the interval matrix. */
  public static <T extends RealInterval<T>> double upper(T[][] h) { return upperEnclosure(h).hi(); }

  /** An interval whose upper end bounds max ‖H‖₂ over the symmetric members of the interval matrix. */
  public static <T extends RealInterval<T>> T upperEnclosure(T[][] h) {
    int d = h.length;
    if (d == 1) return h[0][0].abs();
    if (d == 2) {
      T m = h[0][0].add(h[1][1]).multiply(0.5), half = h[0][0].subtract(h[1][1]).multiply(0.5);
      return m.abs().add(half.square().add(h[0][1].square()).sqrt());
    }
    RealInterval.Arithmetic<T> ar = h[0][0].arithmetic();
    T frobenius = ar.zero(), rows = ar.zero();
    for (T[] row : h) {
      T sum = ar.zero();
      for (T v : row) {
        frobenius = frobenius.add(v.square());
        sum = sum.add(v.abs().upperEnd());
      }
      rows = rows.max(sum);
    }
    frobenius = frobenius.sqrt();
    return frobenius.hi() <= rows.hi() ? frobenius : rows;
  }

  /** A lower bound on min ‖H‖₂ over the members: |vᵀHv|/‖v‖² for the given v ≠ 0. */
  public static <T extends RealInterval<T>> double lower(T[][] h, double[] v) {
    T q = rayleigh(h, v);
    return q == null ? 0 : Math.max(0, q.lo());
  }

  /**
   * |vᵀHv|/‖v‖² in intervals (its lower end is a lower bound on ‖H‖₂ for every member), or null when
   * v is not certainly non-zero.
   */
  public static <T extends RealInterval<T>> T rayleigh(T[][] h, double[] v) {
    int d = h.length;
    RealInterval.Arithmetic<T> ar = h[0][0].arithmetic();
    T quad = ar.zero(), norm2 = ar.zero();
    for (int r = 0; r < d; r++) {
      norm2 = norm2.add(ar.of(v[r]).square());
      for (int c = 0; c < d; c++) quad = quad.add(h[r][c].multiply(v[r]).multiply(v[c]));
    }
    if (!norm2.positive()) return null;
    return quad.abs().divide(norm2);
  }

  /** An eigenvector of the largest |eigenvalue| of the midpoint matrix: a good v for {@link #lower}. */
  public static <T extends RealInterval<T>> double[] topEigenvector(T[][] h) {
    int d = h.length;
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) m.set(r, c, 0.5 * (h[r][c].mid() + h[c][r].mid()));
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(m)) throw new IllegalStateException("eigen decomposition failed");
    int best = 0;
    for (int i = 1; i < d; i++) {
      if (Math.abs(eig.getEigenvalue(i).getReal()) > Math.abs(eig.getEigenvalue(best).getReal())) best = i;
    }
    DMatrixRMaj vec = eig.getEigenVector(best);
    double[] out = new double[d];
    for (int i = 0; i < d; i++) out[i] = vec.get(i);
    return out;
  }

  /** Rigorous lower bound on ‖H‖₂ from the midpoint's top eigenvector. */
  public static <T extends RealInterval<T>> double lower(T[][] h) { return lower(h, topEigenvector(h)); }
}
