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

  /**
   * The estimate of ‖A‖₂ (a lower bound up to rounding), its residual bound, the products used, and the
   * unit Ritz vector y of that value (‖Ay − θy‖ ≤ residual).
   */
  record Estimate(double value, double residual, int products, double[] vector) {}

  /** A Ritz pair: θ, its unit vector y and the bound on ‖Ay − θy‖. */
  record Ritz(double value, double[] vector, double residual) {}

  private Lanczos() {}

  static Estimate norm(Operator a, int d, double relTol, int maxProducts, long seed) {
    Run r = run(a, d, relTol, maxProducts, seed, false);
    Ritz top = r.pair(r.top);
    return new Estimate(Math.abs(top.value()), top.residual(), r.j, top.vector());
  }

  /**
   * The smallest and the largest eigenvalue of A with their vectors ({smallest, largest}), each to a
   * residual ≤ relTol · max(|θ_min|, |θ_max|) unless the products ran out first.
   */
  static Ritz[] extremes(Operator a, int d, double relTol, int maxProducts, long seed) {
    Run r = run(a, d, relTol, maxProducts, seed, true);
    return new Ritz[] {r.pair(r.min), r.pair(r.max)};
  }

  /** The Krylov basis, T_j's eigen-decomposition and the indices of its extreme Ritz values. */
  private record Run(double[][] basis, int j, double[] beta, EigenDecomposition t, double[] values, int min, int max,
      int top) {
    Ritz pair(int i) {
      double[] y = new double[basis[0].length];
      for (int n = 0; n < j; n++) axpy(t == null ? 1 : t.getEigenvector(i).getEntry(n), basis[n], y);
      double last = t == null ? 1 : t.getEigenvector(i).getEntry(j - 1);
      return new Ritz(values[i], y, beta[j - 1] * Math.abs(last));
    }
  }

  private static Run run(Operator a, int d, double relTol, int maxProducts, long seed, boolean bothEnds) {
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
    double best = 0;
    EigenDecomposition t = null;
    double[] values = null;
    int lo = 0, hi = 0, top = 0;
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
        if (j == 1) {
          t = null;
          values = new double[] {alpha[0]};
        } else {
          t = new EigenDecomposition(java.util.Arrays.copyOf(alpha, j), java.util.Arrays.copyOf(beta, j - 1));
          values = t.getRealEigenvalues();
        }
        lo = 0;
        hi = 0;
        for (int i = 1; i < j; i++) {
          if (values[i] < values[lo]) lo = i;
          if (values[i] > values[hi]) hi = i;
        }
        top = Math.abs(values[lo]) > Math.abs(values[hi]) ? lo : hi;
        best = Math.abs(values[top]);
        boolean invariant = beta[j - 1] <= 4 * j * RoundingModel.EPS * Math.max(best, Double.MIN_NORMAL);
        boolean converged = residual(t, beta, j, top) <= relTol * best
            && (!bothEnds || Math.max(residual(t, beta, j, lo), residual(t, beta, j, hi)) <= relTol * best);
        if (invariant || converged) break;
      }
      v = w.clone();
      scale(v, 1 / beta[j - 1]);
    }
    return new Run(basis, j, beta, t, values, lo, hi, top);
  }

  /** β_j |last component of T_j's i-th eigenvector|: the residual of that Ritz pair. */
  private static double residual(EigenDecomposition t, double[] beta, int j, int i) {
    return beta[j - 1] * (t == null ? 1 : Math.abs(t.getEigenvector(i).getEntry(j - 1)));
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
