package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.mixproof.generators.SpdMatrices;

/**
 * The apfloat Cholesky factor against its defining identities, on SPD matrices with condition numbers
 * up to 1e12, carried at P = 40 + ⌈log10 κ⌉ digits as {@link OracleDensity} does: apfloat truncates a
 * result after cancellation (a pivot a_jj − Σ L_jl² loses up to log10 κ digits, and every product
 * with it is then cut to that precision), so the extra digits are what makes the factorisation
 * backward stable to u = 10^{1−40}. Backward errors follow Higham (ASNA Thm 10.3 and §8.1):
 * |L Lᵀ − A| ≤ γ_{n+1}|L||Lᵀ|, and a solve's residual is ≤ γ_n |L||y| per triangle; the checks allow
 * 4(n+1)u of those sizes, which also covers the products formed here.
 */
class CholeskyFactorProperties {

  static final int DIGITS = 40;
  static final double UP = Math.pow(10, 1 - DIGITS);

  @Provide
  Arbitrary<double[][]> spd() { return SpdMatrices.builder().dimensions(1, 6).conditionNumber(1, 1e12).scale(1e-3, 1e3).build(); }

  /** a exactly, carried at 40 + ⌈log10 cond(a)⌉ digits. */
  static Apfloat[][] exact(double[][] a) {
    double[] eig = org.mixproof.mixture.GaussianMixture.symmetricEigenvalues(a);
    int p = DIGITS + (int) Math.ceil(Math.log10(Math.max(1, eig[eig.length - 1] / eig[0])));
    Apfloat[][] m = new Apfloat[a.length][a.length];
    for (int r = 0; r < a.length; r++) for (int c = 0; c < a.length; c++) m[r][c] = DoubleConversion.exact(a[r][c], p);
    return m;
  }

  @Property(tries = 100, seed = "20261122")
  void factorReproducesTheMatrix(@ForAll("spd") double[][] a) {
    int n = a.length;
    Apfloat[][] m = exact(a);
    CholeskyFactor f = CholeskyFactor.of(m);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c <= r; c++) {
        Apfloat s = Apfloat.ZERO;
        double size = 0; // (|L||Lᵀ|)_rc
        for (int j = 0; j <= c; j++) {
          s = s.add(f.entry(r, j).multiply(f.entry(c, j)));
          size += Math.abs(DoubleConversion.nearest(f.entry(r, j)) * DoubleConversion.nearest(f.entry(c, j)));
        }
        double err = Math.abs(DoubleConversion.nearest(s.subtract(m[r][c])));
        assertTrue(err <= 4 * (n + 1) * UP * size, "(L Lᵀ − A)[" + r + "][" + c + "] = " + err + " > " + 4 * (n + 1) * UP * size);
      }
    }
  }

  @Property(tries = 100, seed = "20261122")
  void solvesLeaveABackwardStableResidual(@ForAll("spd") double[][] a) {
    int n = a.length;
    Apfloat[][] m = exact(a);
    CholeskyFactor f = CholeskyFactor.of(m);
    Apfloat[] b = new Apfloat[n];
    for (int j = 0; j < n; j++) b[j] = new Apfloat(j + 1, m[0][0].precision());
    Apfloat[] y = f.solveUpper(f.solveLower(b));
    for (int r = 0; r < n; r++) {
      Apfloat s = Apfloat.ZERO;
      double size = 0; // (|L||Lᵀ||y|)_r, with |L||Lᵀ|_rc ≤ ‖L_r‖‖L_c‖ = √(A_rr A_cc)
      for (int c = 0; c < n; c++) {
        s = s.add(m[r][c].multiply(y[c]));
        size += Math.sqrt(a[r][r] * a[c][c]) * Math.abs(DoubleConversion.nearest(y[c]));
      }
      double res = Math.abs(DoubleConversion.nearest(s.subtract(b[r])));
      // the factor and two triangular solves: backward errors γ_{n+1}, γ_n, γ_n of that size
      double allowed = 4 * (n + 1) * UP * (size + r + 1);
      assertTrue(res <= allowed, "residual " + res + " > " + allowed);
    }
    Apfloat[][] inv = f.inverse();
    for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) {
      assertTrue(inv[r][c].compareTo(inv[c][r]) == 0, "inverse symmetric");
    }
  }

  /** log det of a diagonal matrix is Σ log a_jj (ApfloatMath's log, independent of ExpLog). */
  @Property(tries = 50, seed = "20261122")
  void logDeterminantOfADiagonalMatrix(@ForAll("spd") double[][] a) {
    int n = a.length;
    int p = DIGITS;
    Apfloat[][] m = new Apfloat[n][n];
    Apfloat expected = Apfloat.ZERO;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) m[r][c] = r == c ? DoubleConversion.exact(a[r][r], p) : new Apfloat(0, p);
      expected = expected.add(ApfloatMath.log(m[r][r]));
    }
    Apfloat got = CholeskyFactor.of(m).logDeterminant(ExpLog.atPrecision(p));
    double err = Math.abs(DoubleConversion.nearest(got.subtract(expected)));
    // each log to 10^{1−P} of max(1, |log a_jj|); the square roots and product add n·u_P relative
    double size = 0;
    for (int r = 0; r < n; r++) size += Math.max(1, Math.abs(Math.log(a[r][r])));
    assertTrue(err <= 4 * (n + 1) * UP * size, "log det error " + err);
  }

  @Test
  void notPositiveDefiniteIsRejectedNamingThePivot() {
    Apfloat[][] m = {{new Apfloat(1, DIGITS), new Apfloat(2, DIGITS)}, {new Apfloat(2, DIGITS), new Apfloat(1, DIGITS)}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CholeskyFactor.of(m));
    assertTrue(e.getMessage().contains("not positive definite: pivot 1 is -3"), e.getMessage());
  }
}
