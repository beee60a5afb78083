package org.mixproof.density;

/**
 * The centred Hessian H = −Σ w_i P_i + Σ w_i u_i u_iᵀ (u_i = s_i − s) of a whole block of points,
 * lane by lane: entry (r, c) of every point's H is one loop over the {@value BlockKernel#B} lanes,
 * with P_i's entry as a scalar. Per entry the terms are those of
 * {@link PointKernel#centredHessianInto}, summed in the same order (−w_0 P_0 + w_0 u_0r u_0c − w_1 P_1
 * + …, P term first), so both paths give the same bits.
 *
 * <p>Kept apart from the point assembly because the point layout vectorises over a row's entries
 * c ≥ r, too short a loop for C2 (JDK 17) to vectorise well for the d of interest (profiled at
 * 64×16: about 4 Gflop/s, near scalar speed), while this one runs every loop over a constant B lanes. It takes only blocks in which
 * every weight is non-zero: the point assembly skips zero weights point by point (0 · ∞ must not
 * meet a Hessian), which lanes cannot; {@link BlockKernel} sends other blocks there.
 */
final class BlockHessian {
  private static final int B = BlockKernel.B;

  private final double[][][] precision;
  private final int d;
  private final int k;
  private final double[][] row;  // row r of every lane's H: row[c][p] = H_p[r][c], c ≥ r
  private final double[][] coef; // coef[i][p] = w_i u_ir at lane p, for the current row r

  BlockHessian(DiffusedComponents comp) {
    this.precision = comp.precision;
    this.d = comp.d;
    this.k = comp.k;
    row = new double[d][B];
    coef = new double[k][B];
  }

  /**
   * The Hessians of lanes 0 .. m−1 into rows row0 .. row0+m−1 of the row-major n×d² array out, from
   * the component scores st[i][c][p], the score s[c][p] and the weights w[i][p], all non-zero. Turns
   * st into u_i = s_i − s in place (the block's scores are no longer needed).
   */
  void into(double[][][] st, double[][] s, double[][] w, double[] out, int row0, int m) {
    for (double[][] si : st) {
      for (int c = 0; c < d; c++) {
        double[] uc = si[c], sc = s[c];
        for (int p = 0; p < B; p++) uc[p] -= sc[p];
      }
    }
    int dd = d * d;
    for (int r = 0; r < d; r++) {
      for (int i = 0; i < k; i++) {
        double[] ci = coef[i], wi = w[i], uir = st[i][r];
        for (int p = 0; p < B; p++) ci[p] = wi[p] * uir[p];
      }
      int e = r;
      for (; e + 3 < d; e += 4) fourEntries(st, w, r, e);
      for (; e < d; e++) entry(st, w, r, e);
      for (int p = 0; p < m; p++) {
        int o = (row0 + p) * dd + r * d;
        for (int c = r; c < d; c++) out[o + c] = row[c][p];
      }
    }
    for (int p = 0; p < m; p++) { // the lower triangle mirrors the upper, so H is exactly symmetric
      int o = (row0 + p) * dd;
      for (int r = 1; r < d; r++) {
        for (int c = 0; c < r; c++) out[o + r * d + c] = out[o + c * d + r];
      }
    }
  }

  /**
   * H_p[r][c .. c+3] at every lane, as {@link #entry} does each: four entries per pass so that each
   * load of w_i and w_i u_ir serves four (fewer loads per flop; measured somewhat faster at 64×16).
   */
  private void fourEntries(double[][][] u, double[][] w, int r, int c) {
    double[] h0 = row[c], h1 = row[c + 1], h2 = row[c + 2], h3 = row[c + 3];
    double[] pr = precision[0][r];
    double a0 = pr[c], a1 = pr[c + 1], a2 = pr[c + 2], a3 = pr[c + 3];
    double[][] ui = u[0];
    double[] wi = w[0], ci = coef[0], v0 = ui[c], v1 = ui[c + 1], v2 = ui[c + 2], v3 = ui[c + 3];
    for (int p = 0; p < B; p++) {
      double wp = wi[p], cp = ci[p];
      h0[p] = -(wp * a0) + cp * v0[p];
      h1[p] = -(wp * a1) + cp * v1[p];
      h2[p] = -(wp * a2) + cp * v2[p];
      h3[p] = -(wp * a3) + cp * v3[p];
    }
    for (int i = 1; i < k; i++) {
      pr = precision[i][r];
      a0 = pr[c];
      a1 = pr[c + 1];
      a2 = pr[c + 2];
      a3 = pr[c + 3];
      ui = u[i];
      wi = w[i];
      ci = coef[i];
      v0 = ui[c];
      v1 = ui[c + 1];
      v2 = ui[c + 2];
      v3 = ui[c + 3];
      for (int p = 0; p < B; p++) {
        double wp = wi[p], cp = ci[p];
        h0[p] = h0[p] - wp * a0 + cp * v0[p];
        h1[p] = h1[p] - wp * a1 + cp * v1[p];
        h2[p] = h2[p] - wp * a2 + cp * v2[p];
        h3[p] = h3[p] - wp * a3 + cp * v3[p];
      }
    }
  }

  /** H_p[r][c] at every lane into row[c]: component 0, then two per pass, then the odd one. */
  private void entry(double[][][] u, double[][] w, int r, int c) {
    double[] h = row[c];
    double p0 = precision[0][r][c];
    double[] w0 = w[0], c0 = coef[0], u0 = u[0][c];
    for (int p = 0; p < B; p++) h[p] = -(w0[p] * p0) + c0[p] * u0[p];
    int i = 1;
    for (; i + 1 < k; i += 2) {
      double pi = precision[i][r][c], pj = precision[i + 1][r][c];
      double[] wi = w[i], ci = coef[i], ui = u[i][c];
      double[] wj = w[i + 1], cj = coef[i + 1], uj = u[i + 1][c];
      for (int p = 0; p < B; p++) h[p] = h[p] - wi[p] * pi + ci[p] * ui[p] - wj[p] * pj + cj[p] * uj[p];
    }
    if (i < k) {
      double pi = precision[i][r][c];
      double[] wi = w[i], ci = coef[i], ui = u[i][c];
      for (int p = 0; p < B; p++) h[p] = h[p] - wi[p] * pi + ci[p] * ui[p];
    }
  }
}
