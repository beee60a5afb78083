package org.mixproof.density.identity;

import java.math.BigDecimal;
import java.math.MathContext;
import org.mixproof.density.MixtureDensity;

/**
 * An independent, high-precision reference for the time-t precision matrices: Σ_i(t) = a² Σ_i + b² I
 * built exactly from the doubles a, b² and Σ_i, inverted by Gauss–Jordan with partial pivoting in
 * 34-digit decimal arithmetic. Its error (≈ 1e-34 κ) is far below any double tolerance, so a test's
 * tolerance only has to cover the double code.
 */
public final class DecimalReference {

  static final MathContext MC = MathContext.DECIMAL128;

  private DecimalReference() {}

  /** P_i(t) rounded to double. */
  public static double[][] precision(MixtureDensity p, int i) {
    int d = p.dimension();
    BigDecimal a = new BigDecimal(p.a());
    BigDecimal a2 = a.multiply(a, MC);
    BigDecimal b2 = new BigDecimal(p.b2());
    BigDecimal[][] m = new BigDecimal[d][2 * d];
    double[][] cov = p.mixture().covariance(i);
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        BigDecimal v = a2.multiply(new BigDecimal(cov[r][c]), MC);
        if (r == c) v = v.add(b2, MC);
        m[r][c] = v;
        m[r][d + c] = r == c ? BigDecimal.ONE : BigDecimal.ZERO;
      }
    }
    for (int col = 0; col < d; col++) {
      int pivot = col;
      for (int r = col + 1; r < d; r++) {
        if (m[r][col].abs().compareTo(m[pivot][col].abs()) > 0) pivot = r;
      }
      BigDecimal[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      BigDecimal inv = BigDecimal.ONE.divide(m[col][col], MC);
      for (int c = 0; c < 2 * d; c++) m[col][c] = m[col][c].multiply(inv, MC);
      for (int r = 0; r < d; r++) {
        if (r == col || m[r][col].signum() == 0) continue;
        BigDecimal f = m[r][col];
        for (int c = 0; c < 2 * d; c++) m[r][c] = m[r][c].subtract(f.multiply(m[col][c], MC), MC);
      }
    }
    double[][] out = new double[d][d];
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) out[r][c] = m[r][d + c].doubleValue();
    return out;
  }

  /** −P_i(t)(x − μ_i(t)), with μ_i(t) = a μ_i, in decimal arithmetic from the reference P_i(t). */
  public static double[] componentScore(MixtureDensity p, int i, double[] x, double[][] precision) {
    int d = p.dimension();
    BigDecimal a = new BigDecimal(p.a());
    double[] mu = p.mixture().mean(i);
    BigDecimal[] r = new BigDecimal[d];
    for (int j = 0; j < d; j++) r[j] = new BigDecimal(x[j]).subtract(a.multiply(new BigDecimal(mu[j]), MC), MC);
    double[] s = new double[d];
    for (int row = 0; row < d; row++) {
      BigDecimal v = BigDecimal.ZERO;
      for (int c = 0; c < d; c++) v = v.add(new BigDecimal(precision[row][c]).multiply(r[c], MC), MC);
      s[row] = -v.doubleValue();
    }
    return s;
  }
}
