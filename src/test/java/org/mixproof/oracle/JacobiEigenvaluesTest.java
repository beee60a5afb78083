package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/** Eigenvalues of symmetric apfloat matrices against closed forms and constructed spectra. */
class JacobiEigenvaluesTest {

  static final long P = 70;

  /** 2×2: λ = (a + c)/2 ± √(((a − c)/2)² + b²). */
  @Test
  void twoByTwoMatchesTheClosedForm() {
    Random rnd = new Random(11);
    for (int n = 0; n < 20; n++) {
      Apfloat a = DoubleConversion.exact(rnd.nextGaussian(), P);
      Apfloat b = DoubleConversion.exact(rnd.nextGaussian() * Math.pow(10, -rnd.nextInt(8)), P);
      Apfloat c = DoubleConversion.exact(rnd.nextGaussian(), P);
      Apfloat two = new Apfloat(2, P);
      Apfloat mid = a.add(c).divide(two);
      Apfloat rad = ApfloatMath.sqrt(a.subtract(c).divide(two).multiply(a.subtract(c).divide(two)).add(b.multiply(b)));
      JacobiEigenvalues e = JacobiEigenvalues.of(new Apfloat[][] {{a, b}, {b, c}}, P);
      assertWithin(mid.subtract(rad), e.values()[0], e);
      assertWithin(mid.add(rad), e.values()[1], e);
    }
  }

  /** Q Λ Qᵀ with Q a product of Givens rotations built in apfloat: the spectrum comes back. */
  @Test
  void rotatedSpectrumIsRecovered() {
    int d = 6;
    double[] lambda = {-3e3, -1, -1e-6, 2e-9, 0.5, 7};
    Apfloat[][] q = new Apfloat[d][d];
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) q[r][c] = new Apfloat(r == c ? 1 : 0, P + 10);
    Random rnd = new Random(5);
    for (int p = 0; p < d; p++) for (int s = p + 1; s < d; s++) {
      Apfloat th = DoubleConversion.exact(rnd.nextDouble() * 3, P + 10);
      Apfloat cs = ApfloatMath.cos(th), sn = ApfloatMath.sin(th);
      for (int r = 0; r < d; r++) {
        Apfloat x = q[r][p], y = q[r][s];
        q[r][p] = cs.multiply(x).add(sn.multiply(y));
        q[r][s] = cs.multiply(y).subtract(sn.multiply(x));
      }
    }
    Apfloat[][] a = new Apfloat[d][d];
    for (int r = 0; r < d; r++) for (int c = 0; c <= r; c++) {
      Apfloat v = Apfloat.ZERO;
      for (int j = 0; j < d; j++) v = v.add(q[r][j].multiply(DoubleConversion.exact(lambda[j], P + 10)).multiply(q[c][j]));
      a[r][c] = v;
      a[c][r] = v;
    }
    JacobiEigenvalues e = JacobiEigenvalues.of(a, P);
    for (int j = 0; j < d; j++) assertWithin(DoubleConversion.exact(lambda[j], P), e.values()[j], e);
    assertEquals(0, e.spectralNorm().compareTo(ApfloatMath.abs(e.values()[0])), "‖A‖₂ = |−3e3|");
    assertTrue(DoubleConversion.nearest(e.errorBound()) < 1e-55, "error bound " + e.errorBound());
  }

  @Test
  void diagonalNeedsNoRotation() {
    Apfloat[][] a = {{new Apfloat(3, P), new Apfloat(0, P)}, {new Apfloat(0, P), new Apfloat(-5, P)}};
    JacobiEigenvalues e = JacobiEigenvalues.of(a, P);
    assertEquals(0, e.values()[0].compareTo(new Apfloat(-5)));
    assertEquals(0, e.values()[1].compareTo(new Apfloat(3)));
    assertEquals(0, e.errorBound().signum());
  }

  @Test
  void nonSymmetricInputIsRejected() {
    Apfloat[][] a = {{new Apfloat(1, P), new Apfloat(2, P)}, {new Apfloat(3, P), new Apfloat(1, P)}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JacobiEigenvalues.of(a, P));
    assertTrue(e.getMessage().contains("not symmetric at [0][1]"), e.getMessage());
  }

  /** |expected − got| within the reported bound plus the construction's rounding (10^{−P} of 1e4). */
  static void assertWithin(Apfloat expected, Apfloat got, JacobiEigenvalues e) {
    double err = Math.abs(DoubleConversion.nearest(expected.subtract(got)));
    double allowed = DoubleConversion.nearest(e.errorBound()) + 1e4 * Math.pow(10, 1 - P);
    assertTrue(err <= allowed, "eigenvalue error " + err + " > " + allowed);
  }
}
