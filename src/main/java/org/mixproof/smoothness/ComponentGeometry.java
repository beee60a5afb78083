package org.mixproof.smoothness;

import org.mixproof.density.MixtureDensity;

/**
 * The time-t components as the search needs them: μ_i(t), P_i(t) and the log terms
 * ℓ_i(x) = log π_i − (d/2) log 2π − ½ log det Σ_i(t) − ½ (x − μ_i)ᵀ P_i (x − μ_i), so that ties
 * ℓ_i = ℓ_j can be located far out, where every posterior weight but one underflows.
 */
final class ComponentGeometry {

  final int d;
  final int k;
  final double[][] means;
  final double[][][] precisions;
  final double[] logNorm;
  /** The search's tie directions of each pair above d = 64, computed once ({@link LipschitzSearch}). */
  final java.util.Map<Integer, java.util.List<double[]>> tieDirectionCache = new java.util.HashMap<>();

  ComponentGeometry(MixtureDensity p) {
    d = p.dimension();
    k = p.components();
    means = new double[k][];
    precisions = new double[k][][];
    logNorm = new double[k];
    for (int i = 0; i < k; i++) {
      means[i] = p.mean(i);
      precisions[i] = p.precision(i);
      logNorm[i] = Math.log(p.mixture().weight(i)) - 0.5 * d * Math.log(2 * Math.PI) - 0.5 * p.logDeterminant(i);
    }
  }

  double logTerm(int i, double[] x) {
    double q = 0;
    double[] mu = means[i];
    double[][] prec = precisions[i];
    for (int r = 0; r < d; r++) {
      double xr = x[r] - mu[r];
      double row = 0;
      for (int c = 0; c < d; c++) row += prec[r][c] * (x[c] - mu[c]);
      q += xr * row;
    }
    return logNorm[i] - 0.5 * q;
  }

  /** s_i(x) = −P_i (x − μ_i). */
  double[] componentScore(int i, double[] x) {
    double[] s = new double[d];
    for (int r = 0; r < d; r++) {
      double v = 0;
      for (int c = 0; c < d; c++) v -= precisions[i][r][c] * (x[c] - means[i][c]);
      s[r] = v;
    }
    return s;
  }

  /** ∇(ℓ_i − ℓ_j)(x) = s_i(x) − s_j(x). */
  double[] tieGradient(int i, int j, double[] x) {
    double[] si = componentScore(i, x), sj = componentScore(j, x);
    for (int r = 0; r < d; r++) si[r] -= sj[r];
    return si;
  }

  /** P_i − P_j, whose indefiniteness makes ‖H‖ grow without bound along ties (docs/claims.md §3). */
  double[][] precisionDifference(int i, int j) {
    double[][] out = new double[d][d];
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) out[r][c] = precisions[i][r][c] - precisions[j][r][c];
    return out;
  }

  /** max_{i,j} ‖s_i(x) − s_j(x)‖: 1/that is the width over which the posterior weights change. */
  double scoreSpread(double[] x) {
    double m = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) m = Math.max(m, norm(tieGradient(i, j, x)));
    }
    return m;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}
