package org.mixproof.certify;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Rigorous enclosures of the smallest and largest eigenvalue of a symmetric interval matrix. A double
 * eigensolver gives eigenvectors; the Rayleigh quotient vᵀAv/vᵀv of each, in intervals, is both an
 * estimate (accurate to the square of the vector's error, so good at any precision) and a proved
 * bound from one side (λmin ≤ it, λmax ≥ it). The other side: λmin ≥ σ because the interval Cholesky
 * factor of A − σI exists (every pivot's enclosure positive ⇒ A − σI positive definite for every
 * member); likewise λmax from σ'I − A. The shift σ backs off from the estimate by a margin, in the
 * arithmetic's unit of rounding, that grows until the Cholesky succeeds.
 */
public final class EigenvalueEnclosure {

  private EigenvalueEnclosure() {}

  /** [λmin, λmax] enclosures of the symmetric interval matrix {@code a}. */
  public static <T extends RealInterval<T>> T[] extremes(T[][] a) {
    int d = a.length;
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) m.set(r, c, a[r][c].mid());
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(m)) throw new IllegalStateException("eigen decomposition failed");
    int lo = 0, hi = 0;
    for (int i = 1; i < d; i++) {
      if (eig.getEigenvalue(i).getReal() < eig.getEigenvalue(lo).getReal()) lo = i;
      if (eig.getEigenvalue(i).getReal() > eig.getEigenvalue(hi).getReal()) hi = i;
    }
    double scale = Math.max(Math.abs(eig.getEigenvalue(lo).getReal()), Math.abs(eig.getEigenvalue(hi).getReal()));
    T rLo = rayleigh(a, vector(eig.getEigenVector(lo))), rHi = rayleigh(a, vector(eig.getEigenVector(hi)));
    T below = proveAbove(a, rLo.midpoint(), scale, false);
    T above = proveAbove(a, rHi.midpoint(), scale, true);
    // the Rayleigh quotient's enclosure contains a value ≥ λmin > below (≤ λmax < above): max/min only guard rounding
    T[] out = IntervalArrays.vector(below.arithmetic(), 2);
    out[0] = below.hull(rLo.upperEnd().max(below));
    out[1] = above.hull(rHi.lowerEnd().min(above));
    return out;
  }

  /**
   * For largest = false, a point σ with A − σI certainly positive definite (so λmin > σ); for largest
   * = true a point σ' with σ'I − A positive definite (so λmax < σ').
   */
  static <T extends RealInterval<T>> T proveAbove(T[][] a, T estimate, double scale, boolean largest) {
    int d = a.length;
    RealInterval.Arithmetic<T> ar = estimate.arithmetic();
    double margin = 64 * d * ar.unit() * Math.max(scale, Double.MIN_NORMAL);
    for (int attempt = 0; attempt < 60; attempt++, margin *= 4) {
      T shift = largest ? estimate.add(margin).upperEnd() : estimate.subtract(margin).lowerEnd();
      T[][] s = IntervalArrays.matrix(ar, d, d);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          T v = largest ? a[r][c].negate() : a[r][c];
          if (r == c) v = largest ? v.add(shift) : v.subtract(shift);
          s[r][c] = v;
        }
      }
      if (positiveDefinite(s)) return shift;
    }
    throw new IllegalStateException("could not prove an eigenvalue bound near " + estimate);
  }

  static <T extends RealInterval<T>> boolean positiveDefinite(T[][] s) {
    try {
      DensityEnclosure.cholesky(s, 0);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static <T extends RealInterval<T>> T rayleigh(T[][] a, double[] v) {
    RealInterval.Arithmetic<T> ar = a[0][0].arithmetic();
    T num = ar.zero(), den = ar.zero();
    for (int r = 0; r < v.length; r++) {
      den = den.add(ar.of(v[r]).square());
      for (int c = 0; c < v.length; c++) num = num.add(a[r][c].multiply(v[r]).multiply(v[c]));
    }
    return num.divide(den);
  }

  private static double[] vector(DMatrixRMaj v) {
    double[] out = new double[v.getNumElements()];
    for (int i = 0; i < out.length; i++) out[i] = v.get(i);
    return out;
  }
}
