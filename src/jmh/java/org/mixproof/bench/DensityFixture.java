package org.mixproof.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VpOu;

/**
 * The seeded problem shared by {@link DensityBenchmark} and {@link DensityExport}: a random mixture in
 * R^d with k components (covariances Q diag(λ) Qᵀ with Q Haar-orthogonal and λ log-uniform on
 * [0.1, 10], the end points included, so cond(Σ_i) = 100 exactly; means uniform on the sphere of
 * radius 3; weights uniform on [0.5, 1.5] then normalised), schedule vp-ou at t = 0.5, and n points
 * drawn from the time-t law itself (pick a component by weight, then x = a(μ_i + Q_i √Λ_i g) + b g').
 */
public final class DensityFixture {

  public static final long SEED = 20240601L;
  public static final double T = 0.5;
  public static final int N = 10_000;
  public static final double MEAN_RADIUS = 3.0;
  public static final double EIG_MIN = 0.1;
  public static final double EIG_MAX = 10.0;

  public final int d;
  public final int k;
  public final long seed;
  public final NoiseSchedule schedule = new VpOu();
  public final GaussianMixture mixture;
  public final MixtureDensity density;
  public final DMatrixRMaj points;

  private DensityFixture(int d, int k, int n, long seed) {
    this.d = d;
    this.k = k;
    this.seed = seed;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1000L * d + k);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    double[][][] covs = new double[k][][];
    double[][][] rotations = new double[k][][];
    double[][] eigs = new double[k][d];
    for (int i = 0; i < k; i++) {
      weights[i] = 0.5 + rng.nextDouble();
      double norm = 0;
      for (int c = 0; c < d; c++) {
        means[i][c] = gauss.sample();
        norm += means[i][c] * means[i][c];
      }
      norm = Math.sqrt(norm);
      for (int c = 0; c < d; c++) means[i][c] *= MEAN_RADIUS / norm;
      for (int c = 0; c < d; c++) {
        double u = d == 1 ? 0 : c == 0 ? 0 : c == d - 1 ? 1 : rng.nextDouble();
        eigs[i][c] = EIG_MIN * Math.pow(EIG_MAX / EIG_MIN, u);
      }
      rotations[i] = haar(d, rng, gauss);
      covs[i] = qLambdaQt(rotations[i], eigs[i]);
    }
    this.mixture = GaussianMixture.normalized(weights, means, covs);
    this.density = MixtureDensity.at(mixture, schedule, T);

    double a = schedule.a(T);
    double b = Math.sqrt(schedule.b2(T));
    double[] w = mixture.weights();
    this.points = new DMatrixRMaj(n, d);
    double[] g = new double[d];
    for (int p = 0; p < n; p++) {
      double u = rng.nextDouble();
      int i = 0;
      for (double acc = w[0]; i < k - 1 && u >= acc; acc += w[++i]) { }
      for (int c = 0; c < d; c++) g[c] = Math.sqrt(eigs[i][c]) * gauss.sample();
      for (int r = 0; r < d; r++) {
        double v = mixture.meanEntry(i, r);
        for (int c = 0; c < d; c++) v += rotations[i][r][c] * g[c];
        points.set(p, r, a * v + b * gauss.sample());
      }
    }
  }

  /** The fixture for a benchmark parameter "DxK", e.g. "16x8", with {@link #N} points. */
  public static DensityFixture of(String dk) {
    return of(dk, N, SEED);
  }

  public static DensityFixture of(String dk, int n, long seed) {
    String[] parts = dk.split("x");
    if (parts.length != 2) throw new IllegalArgumentException("shape must be DxK, e.g. 16x8, was '" + dk + "'");
    return new DensityFixture(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), n, seed);
  }

  /** Row p of the points as its own array. */
  public double[] point(int p) {
    double[] x = new double[d];
    System.arraycopy(points.data, p * d, x, 0, d);
    return x;
  }

  /** A Haar-distributed orthogonal matrix: Q of the QR of a Gaussian matrix, columns sign-fixed by R. */
  private static double[][] haar(int d, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    for (int e = 0; e < d * d; e++) m.data[e] = gauss.sample();
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
    if (!qr.decompose(m)) throw new ArithmeticException("QR failed");
    DMatrixRMaj q = qr.getQ(null, false);
    DMatrixRMaj r = qr.getR(null, false);
    double[][] out = new double[d][d];
    for (int c = 0; c < d; c++) {
      double sign = r.get(c, c) < 0 ? -1 : 1;
      for (int row = 0; row < d; row++) out[row][c] = sign * q.get(row, c);
    }
    return out;
  }

  private static double[][] qLambdaQt(double[][] q, double[] lambda) {
    int d = lambda.length;
    DMatrixRMaj qm = new DMatrixRMaj(q);
    DMatrixRMaj ql = qm.copy();
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) ql.set(r, c, q[r][c] * lambda[c]);
    }
    DMatrixRMaj cov = new DMatrixRMaj(d, d);
    CommonOps_DDRM.multTransB(ql, qm, cov);
    double[][] out = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) out[r][c] = 0.5 * (cov.get(r, c) + cov.get(c, r));
    }
    return out;
  }
}
