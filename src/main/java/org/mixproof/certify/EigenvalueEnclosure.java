package org.mixproof.certify;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Rigorous enclosures of the smallest and largest eigenvalue of a symmetric interval matrix. A double
 * eigensolver gives estimates; each is then proved: λmin ≥ σ because the interval Cholesky factor of
 * A − σI exists (every pivot's enclosure positive ⇒ A − σI positive definite for every member), and
 * λmin ≤ vᵀAv/vᵀv for the estimate's eigenvector v (the Rayleigh quotient, in intervals); likewise
 * λmax from σ'I − A. The shift σ backs off from the estimate by a margin that grows until the
 * Cholesky succeeds.
 */
public final class EigenvalueEnclosure {

  private EigenvalueEnclosure() {}

  /** [λmin, λmax] enclosures of the symmetric interval matrix {@code a}. */
  public static Interval[] extremes(Interval[][] a) {
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
    double[] vLo = vector(eig.getEigenVector(lo)), vHi = vector(eig.getEigenVector(hi));
    double below = proveAbove(a, eig.getEigenvalue(lo).getReal(), scale, false);
    double above = proveAbove(a, eig.getEigenvalue(hi).getReal(), scale, true);
    // the Rayleigh quotient's enclosure contains a value ≥ λmin > below (≤ λmax < above): max/min only guard rounding
    return new Interval[] {Interval.of(below, Math.max(below, rayleigh(a, vLo).hi())),
        Interval.of(Math.min(above, rayleigh(a, vHi).lo()), above)};
  }

  /**
   * For largest = false, a σ with A − σI certainly positive definite (so λmin > σ); for largest = true a σ' with
   * σ'I − A positive definite (so λmax < σ').
   */
  static double proveAbove(Interval[][] a, double estimate, double scale, boolean largest) {
    int d = a.length;
    double margin = 64 * d * Math.ulp(1.0) * Math.max(scale, Double.MIN_NORMAL);
    for (int attempt = 0; attempt < 60; attempt++, margin *= 4) {
      double shift = largest ? estimate + margin : estimate - margin;
      Interval[][] s = new Interval[d][d];
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          Interval v = largest ? a[r][c].negate() : a[r][c];
          if (r == c) v = largest ? v.add(shift) : v.subtract(shift);
          s[r][c] = v;
        }
      }
      if (positiveDefinite(s)) return shift;
    }
    throw new IllegalStateException("could not prove an eigenvalue bound near " + estimate);
  }

  static boolean positiveDefinite(Interval[][] s) {
    try {
      DensityEnclosure.cholesky(s, 0);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Interval rayleigh(Interval[][] a, double[] v) {
    Interval num = Interval.ZERO, den = Interval.ZERO;
    for (int r = 0; r < v.length; r++) {
      den = den.add(Interval.of(v[r]).square());
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
