package org.mixproof.mixture;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Draws from a mixture: a component by its weight (alias method), then μ_i + Σ_i^{½} z with the
 * symmetric square root from an eigen-decomposition, which also serves singular (rank-deficient)
 * covariances. Seeded through the caller's {@link UniformRandomProvider}; not thread-safe.
 */
public final class MixtureSampler {

  private final int d;
  private final double[][] means;
  private final double[][] roots; // Σ_i^{½}, row-major
  private final DiscreteSampler component;
  private final ZigguratSampler.NormalizedGaussian gaussian;

  public MixtureSampler(GaussianMixture mixture, UniformRandomProvider rng) {
    if (mixture == null) throw new IllegalArgumentException("mixture must not be null");
    if (rng == null) throw new IllegalArgumentException("rng must not be null");
    this.d = mixture.dimension();
    int k = mixture.components();
    this.means = mixture.means();
    this.roots = new double[k][];
    for (int i = 0; i < k; i++) roots[i] = symmetricSquareRoot(mixture.covariance(i));
    this.component = AliasMethodDiscreteSampler.of(rng, mixture.weights());
    this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
  }

  public int dimension() { return d; }

  /** One draw, together with the index of the component it came from. */
  public double[] sample(int[] componentOut) {
    int i = component.sample();
    if (componentOut != null) componentOut[0] = i;
    double[] z = new double[d];
    for (int j = 0; j < d; j++) z[j] = gaussian.sample();
    double[] x = means[i].clone();
    double[] root = roots[i];
    for (int r = 0; r < d; r++) {
      double v = 0;
      for (int c = 0; c < d; c++) v += root[r * d + c] * z[c];
      x[r] += v;
    }
    return x;
  }

  public double[] sample() { return sample(null); }

  /** n draws as the rows of an n×d matrix. */
  public DMatrixRMaj sample(int n) {
    if (n < 0) throw new IllegalArgumentException("n must be non-negative, was " + n);
    DMatrixRMaj out = new DMatrixRMaj(n, d);
    for (int r = 0; r < n; r++) System.arraycopy(sample(), 0, out.data, r * d, d);
    return out;
  }

  /** A standard normal draw from the same stream (for the noise b_t Z of the forward process). */
  public double standardNormal() { return gaussian.sample(); }

  private static double[] symmetricSquareRoot(double[][] cov) {
    int d = cov.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(new DMatrixRMaj(cov))) throw new ArithmeticException("eigen-decomposition failed");
    double[] root = new double[d * d];
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(Math.max(0, eig.getEigenvalue(j).getReal())); // rounding-level negatives are 0
      DMatrixRMaj v = eig.getEigenVector(j);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) root[r * d + c] += s * v.get(r) * v.get(c);
      }
    }
    return root;
  }
}
