package org.mixproof.smoothness;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.mixproof.rounding.RoundingModel;

/**
 * ‖A‖₂ = max |λ| of a symmetric d × d operator known only through products v ↦ Av: Lanczos with full
 * reorthogonalisation (twice, so the basis stays orthonormal to rounding) from a seeded random start,
 * O(m d) memory and m products for m iterations instead of the O(d³) of a dense eigen-decomposition.
 *
 * <p>Each Ritz value θ of the tridiagonal T_m is an eigenvalue of A to within its residual
 * ‖Ay − θy‖ = β_m |e_mᵀ s| (s the Ritz vector of T_m), and |θ| ≤ ‖A‖₂ for every Ritz value. The run stops
 * when the Ritz value of largest |θ| has a residual ≤ {@code relTol}·|θ| (or the Krylov space became
 * invariant, β_m = 0 to rounding), and reports θ with that residual. A random start is orthogonal to
 * the top eigenvector with probability 0.
 */
final class Lanczos {

  /** v ↦ A v for a symmetric A (out may not alias v). */
  @FunctionalInterface
  interface Operator {
    void apply(double[] v, double[] out);
  }

  /** The estimate of ‖A‖₂ (a lower bound up to rounding), its residual bound, and the products used. */
  record Estimate(double value, double residual, int products) {}

  private Lanczos() {}

  static Estimate norm(Operator a, int d, double relTol, int maxProducts, long seed) {
    if (d < 1) throw new IllegalArgumentException("d must be >= 1, was " + d);
    if (!(relTol > 0)) throw new IllegalArgumentException("relTol must be > 0, was " + relTol);
    int m = Math.min(d, maxProducts);
    if (m < 1) throw new IllegalArgumentException("maxProducts must be >= 1, was " + maxProducts);
    double[][] basis = new double[m][];
    double[] alpha = new double[m], beta = new double[m];
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] v = new double[d];
    for (int i = 0; i < d; i++) v[i] = normal.sample();
    scale(v, 1 / norm(v));
    double[] w = new double[d];
    double best = 0, bestResidual = Double.POSITIVE_INFINITY;
    int j = 0;
    while (j < m) {
      basis[j] = v;
      a.apply(v, w);
      alpha[j] = dot(w, v);
      for (int pass = 0; pass < 2; pass++) { // full reorthogonalisation, twice
        for (int i = 0; i <= j; i++) axpy(-dot(w, basis[i]), basis[i], w);
      }
      beta[j] = norm(w);
      j++;
      // the Ritz values of T_j cost O(j³): read them every step while j ≤ 10, then every fifth step, at
      // the last one, and whenever β_j may have collapsed (an invariant Krylov space)
      double scaleNow = Math.max(Math.max(best, Math.abs(alpha[j - 1])), Double.MIN_NORMAL);
      boolean collapsed = beta[j - 1] <= 4 * j * RoundingModel.EPS * scaleNow;
      if (j <= 10 || j % 5 == 0 || j == m || collapsed) {
        // Ritz values of T_j and their residuals β_j |last component of the Ritz vector|
        double[] ritz = tridiagonalEigen(alpha, beta, j);
        int top = (int) ritz[2 * j];
        best = Math.abs(ritz[top]);
        bestResidual = beta[j - 1] * Math.abs(ritz[j + top]);
        boolean invariant = beta[j - 1] <= 4 * j * RoundingModel.EPS * Math.max(best, Double.MIN_NORMAL);
        if (invariant || bestResidual <= relTol * best) break;
      }
      v = w.clone();
      scale(v, 1 / beta[j - 1]);
    }
    return new Estimate(best, bestResidual, j);
  }

  /**
   * Eigenvalues of the j × j tridiagonal (alpha, beta) and, for each, the last component of its unit
   * eigenvector: out[0..j) values, out[j..2j) last components, out[2j] the index of the largest |value|.
   */
  private static double[] tridiagonalEigen(double[] alpha, double[] beta, int j) {
    double[] out = new double[2 * j + 1];
    if (j == 1) {
      out[0] = alpha[0];
      out[1] = 1;
      out[2] = 0;
      return out;
    }
    double[] main = java.util.Arrays.copyOf(alpha, j), sub = java.util.Arrays.copyOf(beta, j - 1);
    EigenDecomposition e = new EigenDecomposition(main, sub);
    double[] values = e.getRealEigenvalues();
    int top = 0;
    for (int i = 0; i < j; i++) {
      out[i] = values[i];
      out[j + i] = e.getEigenvector(i).getEntry(j - 1);
      if (Math.abs(values[i]) > Math.abs(values[top])) top = i;
    }
    out[2 * j] = top;
    return out;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += x[i] * y[i];
    return s;
  }

  private static double norm(double[] x) { return Math.sqrt(dot(x, x)); }

  private static void scale(double[] x, double c) {
    for (int i = 0; i < x.length; i++) x[i] *= c;
  }

  private static void axpy(double c, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) y[i] += c * x[i];
  }
}
