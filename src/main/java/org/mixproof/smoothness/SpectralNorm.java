package org.mixproof.smoothness;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.mixproof.density.HessianProduct;

/**
 * ‖A‖₂ = max |λ| of a symmetric matrix (not thread-safe): up to {@link #DENSE_UP_TO} by one reused EJML
 * eigen-decomposition (O(d³), exact to rounding); above it by {@link Lanczos} (O(d²) per product, a few
 * dozen products), to a relative accuracy of {@link #LANCZOS_ACCURACY}.
 */
final class SpectralNorm {

  /** The largest d that takes the dense decomposition (the catalog's claims all do). */
  static final int DENSE_UP_TO = 64;
  /** Lanczos stops when the top Ritz value's residual is below this fraction of it. */
  static final double LANCZOS_ACCURACY = 1e-10;
  /**
   * For the search's comparisons Lanczos also stops when the top |θ| rose by at most this fraction over
   * {@link Lanczos#STALL_WINDOW} products (a lower bound either way; the reported value is {@link #precise}).
   */
  static final double SEARCH_STALL = 1e-7;

  private final EigenDecomposition_F64<DMatrixRMaj> eig;
  private final DMatrixRMaj work;
  /** Above the dense limit: the last top vector, the next Lanczos run's start (points come in sequences). */
  private double[] warm;

  SpectralNorm(int d) {
    eig = d <= DENSE_UP_TO ? DecompositionFactory_DDRM.eig(d, false, true) : null;
    work = d <= DENSE_UP_TO ? new DMatrixRMaj(d, d) : null;
  }

  /** ‖sym‖₂ for the search: above the dense limit Lanczos may stop on a stalled value (a lower bound). */
  double of(double[][] sym) { return of(sym, SEARCH_STALL); }

  /** ‖sym‖₂ to {@link #LANCZOS_ACCURACY} (the residual criterion alone), for reported values. */
  double precise(double[][] sym) { return of(sym, 0); }

  private double of(double[][] sym, double stall) {
    int d = sym.length;
    if (d == 1) return Math.abs(sym[0][0]);
    if (d > DENSE_UP_TO) return lanczosNorm(rows(sym), d, stall);
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) work.set(r, c, sym[r][c]);
    if (!eig.decompose(work)) throw new ArithmeticException("symmetric eigen-decomposition failed");
    double m = 0;
    for (int j = 0; j < d; j++) m = Math.max(m, Math.abs(eig.getEigenvalue(j).getReal()));
    return m;
  }

  /** ‖H‖₂ by Lanczos on the matrix-free product (any d > 1; O(k d) a product for diagonal covariances). */
  double of(HessianProduct h) { return lanczosNorm(h::apply, h.dimension(), SEARCH_STALL); }

  /** {@link #of(HessianProduct)} to {@link #LANCZOS_ACCURACY}, for reported values. */
  double precise(HessianProduct h) { return lanczosNorm(h::apply, h.dimension(), 0); }

  /** Lanczos from the last top vector (points come in sequences), which then becomes the next start. */
  private double lanczosNorm(Lanczos.Operator a, int d, double stall) {
    Lanczos.Estimate e = Lanczos.norm(a, d, LANCZOS_ACCURACY, stall, d, 1, warm);
    warm = e.vector();
    return e.value();
  }

  /** The unit vector of the largest |λ| (Lanczos' Ritz vector; any size). */
  static double[] topVector(double[][] sym) {
    return sym.length == 1 ? new double[] {1} : topVector(rows(sym), sym.length);
  }

  /** The same for the matrix-free product. */
  static double[] topVector(HessianProduct h) { return topVector(h::apply, h.dimension()); }

  private static double[] topVector(Lanczos.Operator a, int d) {
    return Lanczos.norm(a, d, LANCZOS_ACCURACY, 0, d, 1, null).vector();
  }

  /** v ↦ A v by rows of a formed symmetric matrix. */
  private static Lanczos.Operator rows(double[][] sym) {
    int d = sym.length;
    return (v, out) -> {
      for (int r = 0; r < d; r++) {
        double s = 0;
        double[] row = sym[r];
        for (int c = 0; c < d; c++) s += row[c] * v[c];
        out[r] = s;
      }
    };
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
