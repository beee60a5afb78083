package org.mixproof.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.Mixtures;
import org.mixproof.law.DiagonalGaussian;
import org.mixproof.law.GaussianLaw;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The general scheme code run as seeded Monte Carlo on Gaussian data (full covariance, exact or
 * perturbed score through {@link MixtureScore}) against the exact Gaussian law read off the same
 * code: in the eigenbasis U the sample means, variances and correlations must match N(m, diag(v)).
 * Per run and eigen-coordinate j: z = (x̄_j − m_j)/√(v_j/n) ~ N(0, 1); (n − 1)s_j²/v_j ~ χ²_{n−1};
 * for j &lt; l Fisher's atanh(r_jl)·√(n − 3) ~ N(0, 1). Two-sided, family-wise α = 1e-3,
 * Bonferroni over tries × schemes × tests.
 */
class MonteCarloGaussianProperties {

  static final int TRIES = 12;
  static final int N = 4000;
  static final int MAX_D = 3;
  static final double ALPHA = 1e-3;
  /** tests per scheme run: d means + d variances + d(d−1)/2 correlations ≤ 9 */
  static final int TESTS = TRIES * Schemes.NAMES.size() * (2 * MAX_D + MAX_D * (MAX_D - 1) / 2);
  static final double ALPHA_EACH = ALPHA / TESTS;
  static final NormalDistribution STD = NormalDistribution.of(0, 1);

  @Provide
  Arbitrary<GaussianMixture> gaussians() {
    return Mixtures.builder().dimensions(1, MAX_D).components(1).family(CovarianceFamily.FULL)
        .conditionNumber(1, 30).scale(0.2, 2).meanRadius(2).build();
  }

  @Provide
  Arbitrary<NoiseSchedule> schedules() {
    return Arbitraries.of("vp-ou", "vp-linear:0.1,20", "ve-linear").map(Schedules::parse);
  }

  @Property(tries = TRIES, seed = "20261122")
  void monteCarloRunsMatchTheExactGaussianLaw(@ForAll("gaussians") GaussianMixture m,
      @ForAll("schedules") NoiseSchedule s, @ForAll boolean perturbed, @ForAll long seed) {
    double horizon = s instanceof org.mixproof.schedule.VeLinear ? 3 : 1;
    double delta = 0.05 * horizon;
    TimeGrid grid = TimeGrid.uniform(horizon, delta, 25);
    double eps = perturbed ? 0.3 : 0;
    GaussianLaw law = GaussianLaw.of(m);
    int d = m.dimension();
    DMatrixRMaj u = law.basis();
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (String name : Schemes.NAMES) {
      Scheme scheme = Schemes.parse(name);
      StartLaw start = rng.nextBoolean() ? StartLaw.PRIOR : StartLaw.EXACT;
      DiagonalGaussian exact = law.propagate(scheme, s, grid, eps,
          java.util.List.of(law.start(start, s, horizon))).law(0);
      Score score = new MixtureScore(m, s);
      if (eps != 0) score = new PerturbedScore(score, eps, ScorePerturbation.of(m, s));
      double[] y0 = Sampler.start(start, m, s, horizon, N, rng);
      Sampler.Run run = Sampler.run(scheme, s, grid, score, y0, d, Noise.gaussian(rng));
      assertTrue(run.scoreEvaluations() == 25L * scheme.scoreEvaluationsPerStep(), "NFE = steps × evaluations per step");
      // eigen-coordinates z = Uᵀ y
      double[][] z = new double[N][d];
      for (int r = 0; r < N; r++) {
        for (int c = 0; c < d; c++) {
          double v = 0;
          for (int k = 0; k < d; k++) v += u.get(k, c) * run.samples()[r * d + k];
          z[r][c] = v;
        }
      }
      double[] mean = new double[d];
      for (double[] row : z) for (int c = 0; c < d; c++) mean[c] += row[c] / N;
      double[][] cov = new double[d][d];
      for (double[] row : z) {
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) cov[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / (N - 1);
      }
      ChiSquaredDistribution chi = ChiSquaredDistribution.of(N - 1);
      for (int c = 0; c < d; c++) {
        double v = exact.variance()[c];
        double zs = (mean[c] - exact.mean()[c]) / Math.sqrt(v / N);
        check(2 * STD.survivalProbability(Math.abs(zs)), name, "mean of eigen-coordinate " + c, mean[c], exact.mean()[c]);
        double x = (N - 1) * cov[c][c] / v;
        double p = 2 * Math.min(chi.cumulativeProbability(x), chi.survivalProbability(x));
        check(p, name, "variance of eigen-coordinate " + c, cov[c][c], v);
        for (int l = c + 1; l < d; l++) {
          double r = cov[c][l] / Math.sqrt(cov[c][c] * cov[l][l]);
          double f = 0.5 * Math.log((1 + r) / (1 - r)) * Math.sqrt(N - 3.0);
          check(2 * STD.survivalProbability(Math.abs(f)), name, "correlation " + c + "," + l, r, 0);
        }
      }
    }
  }

  private static void check(double p, String scheme, String what, double got, double expected) {
    assertTrue(p > ALPHA_EACH, scheme + ": " + what + " = " + got + " vs exact " + expected + ", p = " + p
        + " ≤ α/m = " + ALPHA_EACH);
  }
}
