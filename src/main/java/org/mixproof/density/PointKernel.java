package org.mixproof.density;

import java.util.Arrays;

/**
 * The single-point kernel, with its buffers: per point z_i = W_i (x − μ_i(t)), ℓ_i = c_i − ½‖z_i‖²,
 * s_i = −W_iᵀ z_i, log p by log-sum-exp, s = Σ w_i s_i, and the centred Hessian. One instance per
 * thread (it is not thread-safe); it allocates no d×d matrix per point.
 *
 * <p>It is the superclass of the public {@link MixtureDensity.Workspace}, which is all callers see;
 * {@link #centredHessianInto} is also the Hessian assembly of {@link BlockKernel}, so both paths sum
 * the Hessian's terms in the same order.
 */
class PointKernel {
  private final DiffusedComponents comp;
  private final WeightResolution resolution;
  final double[] ell;
  final double[] w;
  final double[] r;
  final double[] z;
  final double[] s;
  final double[][] compScores;
  final double[] quadratic;
  final double[] uncertainty;
  double[][] u;                               // for the Hessian only, allocated when first asked
  int[] nz;
  double logp;

  PointKernel(DiffusedComponents comp, WeightResolution resolution) {
    this.comp = comp;
    this.resolution = resolution;
    int d = comp.d, k = comp.k;
    ell = new double[k];
    w = new double[k];
    r = new double[d];
    z = new double[d];
    s = new double[d];
    compScores = new double[k][d];
    quadratic = new double[k];
    uncertainty = new double[k];
  }

  /**
   * Evaluates at x[off .. off+d); fills ell, w, logp, and s (and compScores) when asked. With
   * {@code resolveWeights}, refuses a point where rounding leaves the posterior weights unresolved
   * (see {@link WeightResolution#checkResolved}).
   */
  double run(double[] x, int off, boolean wantScore, boolean resolveWeights) {
    int d = comp.d, k = comp.k;
    double[][] meanT = comp.meanT;
    double[][][] invFactorT = comp.invFactorT, invFactor = comp.invFactor;
    double[] logNorm = comp.logNorm;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      double[] mu = meanT[i];
      for (int c = 0; c < d; c++) r[c] = x[off + c] - mu[c];
      // z = W r as a sum of columns of W (rows of Wᵀ): axpy loops the JIT vectorises
      double[][] wt = invFactorT[i];
      double r0 = r[0];
      double[] wt0 = wt[0];
      for (int j = 0; j < d; j++) z[j] = r0 * wt0[j];
      for (int l = 1; l < d; l++) {
        double rl = r[l];
        double[] wl = wt[l];
        for (int j = l; j < d; j++) z[j] += rl * wl[j];
      }
      double q = 0;
      for (int j = 0; j < d; j++) q += z[j] * z[j];
      double li = logNorm[i] - 0.5 * q;
      quadratic[i] = q;
      ell[i] = li;
      if (li > max) max = li;
      if (wantScore) {
        // s_i = −Wᵀ z = −Σ_j z_j (row j of W)
        double[] si = compScores[i];
        Arrays.fill(si, 0);
        double[][] wf = invFactor[i];
        for (int j = 0; j < d; j++) {
          double zj = -z[j];
          double[] wj = wf[j];
          for (int c = 0; c <= j; c++) si[c] += zj * wj[c];
        }
      }
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      throw new IllegalArgumentException(
          "x is too far from every component: the quadratic form overflows double (max log term "
              + max + ")");
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      double e = Math.exp(ell[i] - max);
      w[i] = e;
      sum += e;
    }
    for (int i = 0; i < k; i++) w[i] /= sum;
    logp = max + Math.log(sum);
    if (wantScore) {
      Arrays.fill(s, 0);
      for (int i = 0; i < k; i++) {
        double wi = w[i];
        if (wi == 0) continue;
        double[] si = compScores[i];
        for (int c = 0; c < d; c++) s[c] += wi * si[c];
      }
    }
    if (resolveWeights) {
      resolution.checkResolved(x, off, ell, quadratic, w, wantScore ? compScores : null, s, uncertainty);
    }
    return logp;
  }

  /** H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ into the d×d {@code h}; needs run(…, true). */
  void hessianInto(double[][] h) {
    int d = comp.d, k = comp.k;
    if (u == null) {
      u = new double[k][d];
      nz = new int[k];
    }
    for (int i = 0; i < k; i++) {
      double[] si = compScores[i];
      double[] ui = u[i];
      for (int c = 0; c < d; c++) ui[c] = si[c] - s[c]; // u_i = s_i − s
    }
    centredHessianInto(comp, u, w, nz, h);
  }

  /**
   * H = −Σ w_i P_i + Σ w_i u_i u_iᵀ into the d×d {@code h}, from u_i = s_i − s (row i of {@code u})
   * and the posterior weights; components of weight 0 are skipped ({@code nz} is scratch for the
   * others' indices). The upper triangle is computed row by row — each row an axpy over contiguous
   * entries, two components per pass, which C2 vectorises — and mirrored, so H is exactly
   * symmetric. Per entry the terms are summed left to right in order of i, P term first:
   * −w_0 P_0 + w_0 u_0 u_0 − w_1 P_1 + w_1 u_1 u_1 − …, the same in the point and the batch paths.
   */
  static void centredHessianInto(DiffusedComponents comp, double[][] u, double[] w, int[] nz, double[][] h) {
    int d = comp.d, k = comp.k;
    double[][][] precision = comp.precision;
    int n = 0;
    for (int i = 0; i < k; i++) if (w[i] != 0) nz[n++] = i; // n ≥ 1: the largest weight is ≥ 1/k
    for (int r = 0; r < d; r++) {
      double[] hr = h[r];
      int i = nz[0];
      double wi = w[i];
      double[] pi = precision[i][r];
      double[] ui = u[i];
      double ci = wi * ui[r];
      for (int c = r; c < d; c++) hr[c] = -(wi * pi[c]) + ci * ui[c];
      int t = 1;
      for (; t + 1 < n; t += 2) {
        i = nz[t];
        int j = nz[t + 1];
        wi = w[i];
        double wj = w[j];
        pi = precision[i][r];
        double[] pj = precision[j][r];
        ui = u[i];
        double[] uj = u[j];
        ci = wi * ui[r];
        double cj = wj * uj[r];
        for (int c = r; c < d; c++) hr[c] = hr[c] - wi * pi[c] + ci * ui[c] - wj * pj[c] + cj * uj[c];
      }
      if (t < n) {
        i = nz[t];
        wi = w[i];
        pi = precision[i][r];
        ui = u[i];
        ci = wi * ui[r];
        for (int c = r; c < d; c++) hr[c] = hr[c] - wi * pi[c] + ci * ui[c];
      }
      for (int c = 0; c < r; c++) hr[c] = h[c][r];
    }
  }
}
