package org.mixproof.mixture;

import org.mixproof.rounding.RoundingModel;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The data distribution {@code p0 = Σ π_i N(μ_i, Σ_i)} in R^d (docs/claims.md §0), immutable and validated as
 * docs/claims.md §7 requires. Covariances must be symmetric positive semi-definite: a zero eigenvalue is
 * allowed (singular data, docs/claims.md §3.5) and is rejected later, when such a mixture is evaluated at t = 0.
 *
 * <p>Every accessor returns a copy, so a caller can never change a mixture after validation.
 */
public final class GaussianMixture {

  /** Weights must sum to 1 within this (docs/claims.md §7); {@link #normalized} rescales explicitly. */
  public static final double WEIGHT_SUM_TOLERANCE = 1e-12;

  private final double[] weights;
  private final double[][] means;
  private final double[][][] covariances;
  private final double[][] covarianceEigenvalues;

  private GaussianMixture(double[] weights, double[][] means, double[][][] covariances) {
    if (weights == null) throw new InvalidMixtureException("weights must not be null");
    if (means == null) throw new InvalidMixtureException("means must not be null");
    if (covariances == null) throw new InvalidMixtureException("covariances must not be null");
    int k = weights.length;
    if (k == 0) throw new InvalidMixtureException("k (number of components) must be at least 1, was 0");
    if (means.length != k) {
      throw new InvalidMixtureException(
          "means has " + means.length + " components but weights has k = " + k);
    }
    if (covariances.length != k) {
      throw new InvalidMixtureException(
          "covariances has " + covariances.length + " components but weights has k = " + k);
    }
    for (int i = 0; i < k; i++) {
      double w = weights[i];
      if (!Double.isFinite(w) || w < 0) {
        throw new InvalidMixtureException(
            "weights[" + i + "] must be finite and non-negative, was " + w);
      }
    }
    double sum = 0;
    for (double w : weights) sum += w;
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new InvalidMixtureException(
          "weights must sum to 1 within " + WEIGHT_SUM_TOLERANCE + ", sum was " + sum
              + " (use GaussianMixture.normalized(...) to rescale)");
    }
    if (means[0] == null) throw new InvalidMixtureException("means[0] must not be null");
    int d = means[0].length;
    if (d == 0) throw new InvalidMixtureException("dimension d must be at least 1, means[0] has length 0");
    this.weights = new double[k];
    for (int i = 0; i < k; i++) this.weights[i] = weights[i] + 0.0; // −0.0 → 0.0
    this.means = new double[k][];
    this.covariances = new double[k][][];
    this.covarianceEigenvalues = new double[k][];
    for (int i = 0; i < k; i++) {
      this.means[i] = validMean(means[i], i, d);
      this.covariances[i] = validCovariance(covariances[i], i, d);
      this.covarianceEigenvalues[i] = positiveSemidefiniteEigenvalues(this.covariances[i], i);
    }
  }

  /** A mixture whose weights already sum to 1 (within {@value #WEIGHT_SUM_TOLERANCE}). */
  public static GaussianMixture of(double[] weights, double[][] means, double[][][] covariances) {
    return new GaussianMixture(weights, means, covariances);
  }

  /** A mixture whose non-negative weights are rescaled to sum to 1. */
  public static GaussianMixture normalized(double[] weights, double[][] means, double[][][] covariances) {
    if (weights == null) throw new InvalidMixtureException("weights must not be null");
    if (weights.length == 0) {
      throw new InvalidMixtureException("k (number of components) must be at least 1, was 0");
    }
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      if (!Double.isFinite(w) || w < 0) {
        throw new InvalidMixtureException(
            "weights[" + i + "] must be finite and non-negative, was " + w);
      }
      sum += w;
    }
    if (!(sum > 0) || !Double.isFinite(sum)) {
      throw new InvalidMixtureException("weights must have a positive finite sum to normalise, sum was " + sum);
    }
    double[] scaled = new double[weights.length];
    for (int i = 0; i < weights.length; i++) scaled[i] = weights[i] / sum;
    return new GaussianMixture(scaled, means, covariances);
  }

  /** One Gaussian N(μ, Σ). */
  public static GaussianMixture gaussian(double[] mean, double[][] covariance) {
    return new GaussianMixture(new double[] {1.0}, new double[][] {mean}, new double[][][] {covariance});
  }

  private static double[] validMean(double[] mean, int i, int d) {
    if (mean == null) throw new InvalidMixtureException("means[" + i + "] must not be null");
    if (mean.length != d) {
      throw new InvalidMixtureException(
          "means[" + i + "] has dimension " + mean.length + " but means[0] has d = " + d);
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(mean[j])) {
        throw new InvalidMixtureException("means[" + i + "][" + j + "] must be finite, was " + mean[j]);
      }
    }
    double[] copy = new double[d];
    for (int j = 0; j < d; j++) copy[j] = mean[j] + 0.0; // −0.0 → 0.0, so equal mixtures are equals()
    return copy;
  }

  private static double[][] validCovariance(double[][] cov, int i, int d) {
    if (cov == null) throw new InvalidMixtureException("covariances[" + i + "] must not be null");
    if (cov.length != d) {
      throw new InvalidMixtureException(
          "covariances[" + i + "] has " + cov.length + " rows but d = " + d);
    }
    double[][] copy = new double[d][];
    for (int r = 0; r < d; r++) {
      if (cov[r] == null || cov[r].length != d) {
        throw new InvalidMixtureException(
            "covariances[" + i + "] row " + r + " has " + (cov[r] == null ? "no" : cov[r].length)
                + " entries but d = " + d);
      }
      for (int c = 0; c < d; c++) {
        if (!Double.isFinite(cov[r][c])) {
          throw new InvalidMixtureException(
              "covariances[" + i + "][" + r + "][" + c + "] must be finite, was " + cov[r][c]);
        }
      }
      copy[r] = new double[d];
      for (int c = 0; c < d; c++) copy[r][c] = cov[r][c] + 0.0; // −0.0 → 0.0
    }
    // symmetric to the rounding of a computed product X^T X (sklearn's export): 64u relative to
    // the larger of the entry and sqrt(Σ_rr Σ_cc), the scale of a covariance entry
    for (int r = 0; r < d; r++) {
      for (int c = r + 1; c < d; c++) {
        double a = copy[r][c], b = copy[c][r];
        double scale = Math.max(Math.max(Math.abs(a), Math.abs(b)),
            Math.sqrt(Math.abs(copy[r][r] * copy[c][c])));
        if (Math.abs(a - b) > 64 * RoundingModel.EPS * scale) {
          throw new InvalidMixtureException(
              "covariances[" + i + "] is not symmetric: entry [" + r + "][" + c + "] = " + a
                  + " but [" + c + "][" + r + "] = " + b);
        }
        double mean = 0.5 * (a + b); // exact symmetry from here on
        copy[r][c] = mean;
        copy[c][r] = mean;
      }
    }
    return copy;
  }

  /**
   * Eigenvalues of Σ_i, ascending. Negative eigenvalues beyond rounding (8 d ε λmax, a multiple of the backward
   * error of the symmetric eigensolver) are rejected; those within rounding are reported as 0.
   */
  private static double[] positiveSemidefiniteEigenvalues(double[][] cov, int i) {
    int d = cov.length;
    double[] eig = symmetricEigenvalues(cov);
    double scale = 0;
    for (double e : eig) scale = Math.max(scale, Math.abs(e));
    double roundoff = RoundingModel.eigenvalueRoundoff(d, scale);
    for (int j = 0; j < d; j++) {
      if (eig[j] < -roundoff) {
        throw new InvalidMixtureException(
            "covariances[" + i + "] is not positive semi-definite: eigenvalue " + j + " (ascending) is "
                + eig[j]);
      }
      if (eig[j] < roundoff) eig[j] = 0.0; // indistinguishable from 0 at the solver's accuracy
    }
    return eig;
  }

  /**
   * Eigenvalues of a symmetric matrix, ascending (EJML returns them unsorted). A diagonal matrix (every
   * off-diagonal entry 0, as scikit-learn's "diag" and "spherical" layouts give) has its diagonal as its
   * eigenvalues exactly, without the O(d³) decomposition (minutes at d = 3072).
   */
  public static double[] symmetricEigenvalues(double[][] sym) {
    int d = sym.length;
    if (isDiagonal(sym)) {
      double[] values = new double[d];
      for (int j = 0; j < d; j++) values[j] = sym[j][j];
      Arrays.sort(values);
      return values;
    }
    DMatrixRMaj m = new DMatrixRMaj(sym);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
    if (!eig.decompose(m)) throw new ArithmeticException("symmetric eigen-decomposition failed");
    double[] values = new double[d];
    for (int j = 0; j < d; j++) values[j] = eig.getEigenvalue(j).getReal();
    Arrays.sort(values);
    return values;
  }

  private static boolean isDiagonal(double[][] sym) {
    for (int r = 0; r < sym.length; r++) {
      for (int c = 0; c < sym.length; c++) if (r != c && sym[r][c] != 0) return false;
    }
    return true;
  }

  public int dimension() { return means[0].length; }

  public int components() { return weights.length; }

  public double weight(int i) { return weights[i]; }

  public double[] weights() { return weights.clone(); }

  public double[] mean(int i) { return means[i].clone(); }

  public double[][] means() {
    double[][] out = new double[means.length][];
    for (int i = 0; i < means.length; i++) out[i] = means[i].clone();
    return out;
  }

  public double[][] covariance(int i) {
    double[][] out = new double[covariances[i].length][];
    for (int r = 0; r < out.length; r++) out[r] = covariances[i][r].clone();
    return out;
  }

  public double[][][] covariances() {
    double[][][] out = new double[covariances.length][][];
    for (int i = 0; i < out.length; i++) out[i] = covariance(i);
    return out;
  }

  /** Entry (r, c) of Σ_i without copying. */
  public double covarianceEntry(int i, int r, int c) { return covariances[i][r][c]; }

  /** Entry j of μ_i without copying. */
  public double meanEntry(int i, int j) { return means[i][j]; }

  /** Eigenvalues of Σ_i, ascending (rounding-level negatives reported as 0). */
  public double[] covarianceEigenvalues(int i) { return covarianceEigenvalues[i].clone(); }

  /** λmin = min_i λmin(Σ_i) (docs/claims.md §0). */
  public double lambdaMin() {
    double m = Double.POSITIVE_INFINITY;
    for (double[] e : covarianceEigenvalues) m = Math.min(m, e[0]);
    return m;
  }

  /** λmax = max_i λmax(Σ_i) (docs/claims.md §0). */
  public double lambdaMax() {
    double m = 0;
    for (double[] e : covarianceEigenvalues) m = Math.max(m, e[e.length - 1]);
    return m;
  }

  /** True when some Σ_i has a zero eigenvalue (data on a lower-dimensional set, docs/claims.md §3.5). */
  public boolean isSingular() { return lambdaMin() == 0.0; }

  /** R = max_i ‖μ_i‖. */
  public double meanRadius() {
    double r = 0;
    for (double[] m : means) r = Math.max(r, norm(m));
    return r;
  }

  /** D = max_{i,j} ‖μ_i − μ_j‖. */
  public double meanDiameter() {
    double dMax = 0;
    for (int i = 0; i < means.length; i++) {
      for (int j = i + 1; j < means.length; j++) {
        double s = 0;
        for (int c = 0; c < means[i].length; c++) {
          double diff = means[i][c] - means[j][c];
          s += diff * diff;
        }
        dMax = Math.max(dMax, Math.sqrt(s));
      }
    }
    return dMax;
  }

  /** Mean of p0: Σ π_i μ_i. */
  public double[] overallMean() {
    int d = dimension();
    double[] m = new double[d];
    for (int i = 0; i < weights.length; i++) {
      for (int c = 0; c < d; c++) m[c] += weights[i] * means[i][c];
    }
    return m;
  }

  /** Covariance of p0: Σ π_i (Σ_i + (μ_i − m)(μ_i − m)^T), centred so it does not cancel. */
  public double[][] overallCovariance() {
    int d = dimension();
    double[] m = overallMean();
    double[][] c = new double[d][d];
    for (int i = 0; i < weights.length; i++) {
      for (int r = 0; r < d; r++) {
        double dr = means[i][r] - m[r];
        for (int s = 0; s < d; s++) {
          c[r][s] += weights[i] * (covariances[i][r][s] + dr * (means[i][s] - m[s]));
        }
      }
    }
    return c;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof GaussianMixture)) return false;
    GaussianMixture g = (GaussianMixture) o;
    return Arrays.equals(weights, g.weights)
        && Arrays.deepEquals(means, g.means)
        && Arrays.deepEquals(covariances, g.covariances);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(weights) + Arrays.deepHashCode(means)) + Arrays.deepHashCode(covariances);
  }

  @Override
  public String toString() {
    return "GaussianMixture{d=" + dimension() + ", k=" + components()
        + ", weights=" + Arrays.toString(weights)
        + ", means=" + Arrays.deepToString(means)
        + ", covariances=" + Arrays.deepToString(covariances) + "}";
  }
}
