package org.mixproof.law;

/**
 * N(m, diag(v)) in a fixed orthonormal basis (the eigenbasis U of the data covariance): the law of
 * a sampler's output for Gaussian data. Variances may be 0 (a point mass in that direction).
 */
public record DiagonalGaussian(double[] mean, double[] variance) {

  public DiagonalGaussian {
    if (mean == null || variance == null || mean.length != variance.length || mean.length == 0) {
      throw new IllegalArgumentException("mean and variance must be non-empty and of equal length");
    }
  }

  public int dimension() { return mean.length; }

  /** True when every entry is finite and every variance ≥ 0. */
  public boolean isFinite() {
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j]) || !(variance[j] >= 0) || !Double.isFinite(variance[j])) return false;
    }
    return true;
  }
}
