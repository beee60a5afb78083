package org.mixproof.oracle;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive definite apfloat matrix, with the triangular
 * solves and the log-determinant. The reciprocals of the pivots are kept, so a solve costs
 * multiplications and additions only (an apfloat division costs as much as a hundred multiplications).
 *
 * <p>Cancellation in a pivot a_jj − Σ L_jl² costs about log10 cond(A) digits; apfloat lowers the
 * pivot's precision accordingly, and {@link OracleDensity} adds that many digits to its working
 * precision. Immutable.
 */
public final class CholeskyFactor {

  private final int n;
  private final Apfloat[][] lower;       // row r holds L[r][0..r]
  private final Apfloat[] inverseDiagonal;

  private CholeskyFactor(Apfloat[][] lower, Apfloat[] inverseDiagonal) {
    this.n = lower.length;
    this.lower = lower;
    this.inverseDiagonal = inverseDiagonal;
  }

  /**
   * Factors the symmetric matrix a (only its lower triangle is read). A pivot that is not positive is
   * rejected: the matrix is not positive definite in exact arithmetic at this precision.
   */
  public static CholeskyFactor of(Apfloat[][] a) {
    if (a == null || a.length == 0) throw new IllegalArgumentException("a must be a non-empty square matrix");
    int n = a.length;
    Apfloat[][] l = new Apfloat[n][];
    Apfloat[] inv = new Apfloat[n];
    for (int r = 0; r < n; r++) {
      if (a[r] == null || a[r].length != n) {
        throw new IllegalArgumentException("a must be square: row " + r + " has "
            + (a[r] == null ? "no" : String.valueOf(a[r].length)) + " entries, n = " + n);
      }
      l[r] = new Apfloat[r + 1];
      for (int c = 0; c <= r; c++) {
        Apfloat s = a[r][c];
        for (int j = 0; j < c; j++) s = s.subtract(l[r][j].multiply(l[c][j]));
        if (c < r) {
          l[r][c] = s.multiply(inv[c]);
        } else {
          if (s.signum() <= 0) {
            throw new IllegalArgumentException(
                "a is not positive definite: pivot " + r + " is " + s.toString(false));
          }
          Apfloat root = ApfloatMath.sqrt(s);
          l[r][r] = root;
          inv[r] = ApfloatMath.inverseRoot(root, 1);
        }
      }
    }
    return new CholeskyFactor(l, inv);
  }

  public int size() { return n; }

  /** L[r][c] (zero above the diagonal). */
  public Apfloat entry(int r, int c) {
    return c <= r ? lower[r][c] : Apfloat.ZERO;
  }

  /** 1 / L[r][r]. */
  Apfloat inverseDiagonal(int r) { return inverseDiagonal[r]; }

  /** z with L z = b (forward substitution). */
  public Apfloat[] solveLower(Apfloat[] b) {
    checkLength(b);
    Apfloat[] z = new Apfloat[n];
    for (int r = 0; r < n; r++) {
      Apfloat s = b[r];
      Apfloat[] row = lower[r];
      for (int j = 0; j < r; j++) s = s.subtract(row[j].multiply(z[j]));
      z[r] = s.multiply(inverseDiagonal[r]);
    }
    return z;
  }

  /** y with Lᵀ y = z (back substitution). */
  public Apfloat[] solveUpper(Apfloat[] z) {
    checkLength(z);
    Apfloat[] y = new Apfloat[n];
    for (int r = n - 1; r >= 0; r--) {
      Apfloat s = z[r];
      for (int j = r + 1; j < n; j++) s = s.subtract(lower[j][r].multiply(y[j]));
      y[r] = s.multiply(inverseDiagonal[r]);
    }
    return y;
  }

  /** A⁻¹ = L⁻ᵀ L⁻¹, column by column from the two solves, made exactly symmetric. */
  public Apfloat[][] inverse() {
    Apfloat[][] out = new Apfloat[n][n];
    long p = lower[0][0].precision();
    for (int c = 0; c < n; c++) {
      Apfloat[] e = new Apfloat[n];
      for (int r = 0; r < n; r++) e[r] = new Apfloat(r == c ? 1 : 0, p);
      Apfloat[] col = solveUpper(solveLower(e));
      for (int r = c; r < n; r++) out[r][c] = col[r]; // lower triangle from column c
    }
    for (int r = 0; r < n; r++) for (int c = r + 1; c < n; c++) out[r][c] = out[c][r];
    return out;
  }

  /** log det A = log Π L_jj² (one logarithm). */
  public Apfloat logDeterminant(ExpLog f) {
    Apfloat prod = lower[0][0];
    for (int r = 1; r < n; r++) prod = prod.multiply(lower[r][r]);
    return f.log(prod.multiply(prod));
  }

  private void checkLength(Apfloat[] v) {
    if (v == null || v.length != n) {
      throw new IllegalArgumentException("vector must have length " + n + ", had "
          + (v == null ? "null" : String.valueOf(v.length)));
    }
  }
}
