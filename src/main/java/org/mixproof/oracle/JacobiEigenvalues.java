package org.mixproof.oracle;

import java.util.Arrays;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Eigenvalues of a symmetric apfloat matrix by the cyclic Jacobi method, with a bound on their error.
 *
 * <p>Why Jacobi in apfloat rather than EJML on a rounded matrix: rounding H to double already moves
 * its eigenvalues by up to u‖H‖ and the double eigensolver adds d·u‖H‖, so a claimed violation within
 * 1e-15 relative of a bound could never be decided. Jacobi needs only rotations (a square root and
 * two divisions each), converges quadratically, and is backward stable: the computed diagonal holds
 * the eigenvalues of a matrix within (rotations × 8 × 10^{1−P})‖A‖_F of A, and by Weyl each true
 * eigenvalue lies within that plus the remaining off-diagonal Frobenius norm of a diagonal entry.
 * Sweeps stop when the off-diagonal part is below 10^{−P}‖A‖_F, P the working precision.
 */
public final class JacobiEigenvalues {

  /** Sweeps allowed before giving up (quadratic convergence needs about log2 P of them). */
  static final int MAX_SWEEPS = 60;

  private final Apfloat[] values;
  private final Apfloat errorBound;

  private JacobiEigenvalues(Apfloat[] values, Apfloat errorBound) {
    this.values = values;
    this.errorBound = errorBound;
  }

  /**
   * The eigenvalues of {@code symmetric} at {@code precision} digits. The matrix must be square and
   * symmetric (entry [r][c] equal to [c][r] as apfloat values).
   */
  public static JacobiEigenvalues of(Apfloat[][] symmetric, long precision) {
    if (symmetric == null || symmetric.length == 0) {
      throw new IllegalArgumentException("symmetric must be a non-empty square matrix");
    }
    if (precision < 16) throw new IllegalArgumentException("precision must be >= 16, was " + precision);
    int n = symmetric.length;
    Apfloat[][] a = new Apfloat[n][n];
    for (int r = 0; r < n; r++) {
      if (symmetric[r] == null || symmetric[r].length != n) {
        throw new IllegalArgumentException("symmetric must be square: row " + r + " has "
            + (symmetric[r] == null ? "no" : String.valueOf(symmetric[r].length)) + " entries, n = " + n);
      }
      for (int c = 0; c < n; c++) {
        if (symmetric[r][c] == null) throw new IllegalArgumentException("symmetric[" + r + "][" + c + "] is null");
        // every entry at the working precision: an entry that apfloat marked less precise after
        // cancellation is still accurate in absolute terms, and mixing precisions would drag all down
        a[r][c] = symmetric[r][c].precision(precision);
      }
    }
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        if (a[r][c].compareTo(a[c][r]) != 0) {
          throw new IllegalArgumentException("symmetric is not symmetric at [" + r + "][" + c + "]: "
              + a[r][c].toString(false) + " vs " + a[c][r].toString(false));
        }
      }
    }
    Apfloat one = new Apfloat(1, precision);
    Apfloat two = new Apfloat(2, precision);
    double normF = frobenius(a);
    // stop when every off-diagonal entry is below 10^−P ‖A‖_F / n, so the off-diagonal part is below
    // 10^−P ‖A‖_F (compared in apfloat: 10^−P underflows double for large P)
    Apfloat entryTarget = ApfloatMath.scale(DoubleConversion.exact(normF / n, 20), -precision);
    long rotations = 0;
    int sweep = 0;
    while (largestOffDiagonal(a).compareTo(entryTarget) > 0) {
      if (++sweep > MAX_SWEEPS) {
        throw new ArithmeticException("Jacobi did not converge in " + MAX_SWEEPS + " sweeps");
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          Apfloat apq = a[p][q];
          if (apq.signum() == 0) continue;
          Apfloat theta = a[q][q].subtract(a[p][p]).divide(two.multiply(apq));
          Apfloat t = theta.signum() == 0 ? one
              : one.divide(ApfloatMath.abs(theta).add(ApfloatMath.sqrt(theta.multiply(theta).add(one))));
          if (theta.signum() < 0) t = t.negate();
          Apfloat c = ApfloatMath.inverseRoot(t.multiply(t).add(one), 2);
          Apfloat s = t.multiply(c);
          Apfloat tau = s.divide(one.add(c));
          Apfloat shift = t.multiply(apq);
          a[p][p] = a[p][p].subtract(shift);
          a[q][q] = a[q][q].add(shift);
          a[p][q] = Apfloat.ZERO;
          a[q][p] = Apfloat.ZERO;
          for (int r = 0; r < n; r++) {
            if (r == p || r == q) continue;
            Apfloat g = a[r][p], h = a[r][q];
            Apfloat gp = g.subtract(s.multiply(h.add(g.multiply(tau))));
            Apfloat hq = h.add(s.multiply(g.subtract(h.multiply(tau))));
            a[r][p] = gp;
            a[p][r] = gp;
            a[r][q] = hq;
            a[q][r] = hq;
          }
          rotations++;
        }
      }
    }
    Apfloat[] values = new Apfloat[n];
    for (int j = 0; j < n; j++) values[j] = a[j][j];
    Arrays.sort(values);
    // n · max|a_pq| bounds the off-diagonal Frobenius norm; the rotations' rounding as in the class comment
    Apfloat off = largestOffDiagonal(a).multiply(new Apfloat(n));
    Apfloat rounding = ApfloatMath.scale(DoubleConversion.exact(8.0 * rotations * normF, 20), 1 - precision);
    return new JacobiEigenvalues(values, off.add(rounding));
  }

  /** The eigenvalues, ascending. */
  public Apfloat[] values() { return values.clone(); }

  /** Every true eigenvalue is within this (absolute) of the corresponding computed one. */
  public Apfloat errorBound() { return errorBound; }

  /** max |λ|, the spectral norm of the symmetric matrix. */
  public Apfloat spectralNorm() {
    Apfloat lo = ApfloatMath.abs(values[0]);
    Apfloat hi = ApfloatMath.abs(values[values.length - 1]);
    return lo.compareTo(hi) > 0 ? lo : hi;
  }

  private static double frobenius(Apfloat[][] a) {
    double s = 0;
    for (Apfloat[] row : a) for (Apfloat v : row) {
      double x = DoubleConversion.nearest(v);
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static Apfloat largestOffDiagonal(Apfloat[][] a) {
    Apfloat m = Apfloat.ZERO;
    for (int r = 0; r < a.length; r++) {
      for (int c = r + 1; c < a.length; c++) {
        Apfloat v = ApfloatMath.abs(a[r][c]);
        if (v.compareTo(m) > 0) m = v;
      }
    }
    return m;
  }
}
