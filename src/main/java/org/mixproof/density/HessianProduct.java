package org.mixproof.density;

/**
 * The Hessian of log p_t at one point as an operator, v ↦ H v = −Σ w_i P_i v + Σ w_i u_i (u_i · v)
 * (u_i = s_i − s), from {@link MixtureDensity#hessianProduct}: the same terms as the formed Hessian,
 * summed per product instead of per entry (so equal to H v to rounding, not bit for bit). A diagonal
 * P_i costs O(d) a product, a full one O(d²) by the two triangular products W_iᵀ(W_i v).
 */
public final class HessianProduct {

  private final DiffusedComponents comp;
  private final double[] w;
  private final double[][] u;
  private final double[] y, z;

  HessianProduct(DiffusedComponents comp, double[] w, double[][] u) {
    this.comp = comp;
    this.w = w;
    this.u = u;
    this.y = new double[comp.d];
    this.z = new double[comp.d];
  }

  public int dimension() { return comp.d; }

  /** out = H v (out must not alias v; not thread-safe: one scratch vector). */
  public void apply(double[] v, double[] out) {
    int d = comp.d;
    if (v.length != d || out.length != d) {
      throw new IllegalArgumentException("v and out must have length d = " + d + ", were " + v.length + " and " + out.length);
    }
    java.util.Arrays.fill(out, 0);
    for (int i = 0; i < comp.k; i++) {
      double wi = w[i];
      if (wi == 0) continue;
      double[] ui = u[i];
      double uv = 0;
      for (int c = 0; c < d; c++) uv += ui[c] * v[c];
      double[] pd = comp.precisionDiagonal[i];
      if (pd != null) {
        for (int c = 0; c < d; c++) out[c] += wi * (uv * ui[c] - pd[c] * v[c]);
      } else {
        precisionTimes(i, v);
        for (int c = 0; c < d; c++) out[c] += wi * (uv * ui[c] - z[c]);
      }
    }
  }

  /** z ← P_i v = W_iᵀ (W_i v), W_i lower triangular (rows of W_i and of W_iᵀ as axpys). */
  private void precisionTimes(int i, double[] v) {
    int d = comp.d;
    double[][] wf = comp.invFactor[i], wt = comp.invFactorT[i];
    for (int r = 0; r < d; r++) {
      double[] row = wf[r];
      double acc = 0;
      for (int c = 0; c <= r; c++) acc += row[c] * v[c];
      y[r] = acc;
    }
    for (int r = 0; r < d; r++) {
      double[] row = wt[r]; // row r of Wᵀ: entries r..d−1 non-zero
      double acc = 0;
      for (int c = r; c < d; c++) acc += row[c] * y[c];
      z[r] = acc;
    }
  }
}
