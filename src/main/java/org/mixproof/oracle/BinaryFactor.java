package org.mixproof.oracle;

/**
 * A {@link CholeskyFactor} carried over to {@link BinaryFloat} at a fixed number of bits, with its
 * two triangular solves: the oracle's per-point arithmetic. The same substitutions as the apfloat
 * factor (the reciprocals of the pivots, so no division), in binary; the factor itself is computed
 * once in apfloat. Immutable.
 */
final class BinaryFactor {

  private final int n;
  private final int bits;
  private final BinaryFloat[][] lower;          // row r holds L[r][0..r]
  private final BinaryFloat[] inverseDiagonal;

  BinaryFactor(CholeskyFactor f, int bits) {
    this.n = f.size();
    this.bits = bits;
    this.lower = new BinaryFloat[n][];
    this.inverseDiagonal = new BinaryFloat[n];
    for (int r = 0; r < n; r++) {
      lower[r] = new BinaryFloat[r + 1];
      for (int c = 0; c <= r; c++) lower[r][c] = BinaryFloat.of(f.entry(r, c), bits);
      inverseDiagonal[r] = BinaryFloat.of(f.inverseDiagonal(r), bits);
    }
  }

  /** z with L z = b (forward substitution). */
  BinaryFloat[] solveLower(BinaryFloat[] b) {
    BinaryFloat[] z = new BinaryFloat[n];
    for (int r = 0; r < n; r++) {
      BinaryFloat s = b[r];
      BinaryFloat[] row = lower[r];
      for (int j = 0; j < r; j++) s = s.subtract(row[j].multiply(z[j], bits), bits);
      z[r] = s.multiply(inverseDiagonal[r], bits);
    }
    return z;
  }

  /** y with Lᵀ y = z (back substitution). */
  BinaryFloat[] solveUpper(BinaryFloat[] z) {
    BinaryFloat[] y = new BinaryFloat[n];
    for (int r = n - 1; r >= 0; r--) {
      BinaryFloat s = z[r];
      for (int j = r + 1; j < n; j++) s = s.subtract(lower[j][r].multiply(y[j], bits), bits);
      y[r] = s.multiply(inverseDiagonal[r], bits);
    }
    return y;
  }
}
