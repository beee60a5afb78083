package org.mixproof.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;

/**
 * The eigenvalues of a diagonal covariance are its diagonal, sorted, exactly (the short cut that skips
 * the O(d³) decomposition); a matrix with one non-zero off-diagonal entry takes the decomposition, whose
 * 2 × 2 block [[a, b], [b, c]] has the closed-form eigenvalues (a + c)/2 ± √(((a − c)/2)² + b²); and a
 * negative diagonal entry is refused as before.
 */
class SymmetricEigenvaluesTest {

  @Test
  void aDiagonalMatrixHasItsSortedDiagonal() {
    double[][] diag = {{2, 0, 0}, {0, 0.5, 0}, {0, 0, 7}};
    assertArrayEquals(new double[] {0.5, 2, 7}, GaussianMixture.symmetricEigenvalues(diag), 0);
    GaussianMixture m = GaussianMixture.gaussian(new double[3], diag);
    assertArrayEquals(new double[] {0.5, 2, 7}, m.covarianceEigenvalues(0), 0);
  }

  @Test
  void oneOffDiagonalEntryTakesTheDecomposition() {
    // [[2, 1], [1, 2]] ⊕ [5]: eigenvalues 1, 3 (the block) and 5; the solver is backward stable: 8 d ε ‖Σ‖
    double[][] m = {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}};
    assertArrayEquals(new double[] {1, 3, 5}, GaussianMixture.symmetricEigenvalues(m), 8 * 3 * RoundingModel.EPS * 5);
  }

  @Test
  void aNegativeVarianceIsStillRefused() {
    var e = assertThrows(InvalidMixtureException.class,
        () -> GaussianMixture.gaussian(new double[2], new double[][] {{1, 0}, {0, -0.5}}));
    assertTrue(e.getMessage().contains("not positive semi-definite"), e.getMessage());
  }
}
