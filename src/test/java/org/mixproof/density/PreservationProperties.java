package org.mixproof.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.DiffusionCases.Case;
import org.mixproof.generators.Mixtures;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureSampler;
import org.mixproof.schedule.NoiseSchedule;

/** CLAIMS §1 ({@code preservation.*}): the law of X_t is the closed-form mixture, for every schedule. */
class PreservationProperties {

  static final double U = Math.ulp(1.0);

  @Provide
  Arbitrary<Case> cases() {
    return DiffusionCases.of(Mixtures.builder().dimensions(1, 4).components(1, 4)
        .families(Mixtures.allFamilies()).conditionNumber(1, 1e4).meanRadius(4));
  }


  /**
   * preservation.characteristic-function (exact): φ_{p_t}(ω) = φ_{p0}(a_t ω) exp(−b_t² ‖ω‖²/2), with
   * φ_p(ω) = Σ π_i exp(i ω·μ_i − ωᵀΣ_iω/2); the left side from the time-t components.
   */
  @Property(seed = "20261122")
  void preservationCharacteristicFunction(@ForAll("cases") Case c, @ForAll long seed) {
    MixtureDensity p = c.densityOrSkip();
    GaussianMixture m = c.mixture();
    int d = m.dimension();
    Random rnd = new Random(seed);
    double[] omega = new double[d];
    double len = Math.sqrt(p.lambdaMax());
    for (int j = 0; j < d; j++) omega[j] = 2 * rnd.nextGaussian() / len; // ω of order 1/(time-t width)
    double a = p.a();
    double[] aOmega = new double[d];
    for (int j = 0; j < d; j++) aOmega[j] = a * omega[j];
    double w2 = 0;
    for (double o : omega) w2 += o * o;
    double damp = Math.exp(-0.5 * p.b2() * w2);
    double lre = 0, lim = 0, rre = 0, rim = 0, tol = 0;
    for (int i = 0; i < m.components(); i++) {
      double pi = m.weight(i);
      double[] left = term(omega, p.mean(i), p.covariance(i));
      double[] right = term(aOmega, m.mean(i), m.covariance(i));
      lre += pi * left[0];
      lim += pi * left[1];
      rre += pi * right[0] * damp;
      rim += pi * right[1] * damp;
      // phase and exponent carry d·u of Σ|ω_j μ_j| and |ω|ᵀ|Σ||ω|: the term's absolute error
      tol += pi * left[2] * 8 * d * U * (1 + left[3] + left[4]);
    }
    assertEquals(rre, lre, tol, "Re φ");
    assertEquals(rim, lim, tol, "Im φ");
  }

  /** {Re, Im, modulus, Σ|ω_j μ_j|, |ω|ᵀ|Σ||ω|} of exp(i ω·μ − ωᵀΣω/2). */
  private static double[] term(double[] omega, double[] mu, double[][] cov) {
    int d = omega.length;
    double phase = 0, phaseSize = 0, quad = 0, quadSize = 0;
    for (int r = 0; r < d; r++) {
      phase += omega[r] * mu[r];
      phaseSize += Math.abs(omega[r] * mu[r]);
      for (int q = 0; q < d; q++) {
        quad += omega[r] * cov[r][q] * omega[q];
        quadSize += Math.abs(omega[r] * cov[r][q] * omega[q]);
      }
    }
    double mod = Math.exp(-0.5 * quad);
    return new double[] {mod * Math.cos(phase), mod * Math.sin(phase), mod, phaseSize, quadSize};
  }

  /**
   * preservation.fokker-planck (identity, to finite-difference accuracy): dividing the equation by p,
   * ∂_t log p = −f(t)(d + x·s) + ½ g(t)² (‖s‖² + tr H); the left side by a Richardson-extrapolated
   * central difference in t of the closed-form log p_t.
   */
  @Property(seed = "20261122")
  void preservationFokkerPlanck(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    NoiseSchedule s = c.schedule();
    double t = c.t();
    double room = Math.min(t, s.tMax() - t);
    Assume.that(room > 1e-6 * t);
    double h = 1e-3 * Math.min(room, 1); // 1e-3 of the time scale on which log p_t changes
    double[] x = c.resolvedPoint(p);
    int d = x.length;
    PointEvaluation e = p.evaluate(x);
    double xs = 0, ss = 0, tr = 0;
    for (int j = 0; j < d; j++) {
      xs += x[j] * e.score()[j];
      ss += e.score()[j] * e.score()[j];
      tr += e.hessian()[j][j];
    }
    double rhs = -s.f(t) * (d + xs) + 0.5 * s.g2(t) * (ss + tr);
    double lp = e.logDensity();
    double lhs = FiniteDifference.richardson(tau -> logP(c, tau, x), t, h);
    // scale of the right side's terms; Richardson truncation (h/τ)⁴ = 1e-12 of it times the
    // fifth-derivative constant (≤ 1e3); rounding of log p over h, times the ≤ 2 of the weights
    double scale = Math.abs(s.f(t)) * (d + Math.abs(xs)) + 0.5 * s.g2(t) * (ss + Math.abs(tr));
    double lpError = new ComponentTerms(p, x).logDensityError(lp);
    assertEquals(rhs, lhs, 1e-9 * scale + 4 * lpError / h, "∂_t log p_t vs Fokker–Planck right side");
  }

  private static double logP(Case c, double t, double[] x) {
    return MixtureDensity.at(c.mixture(), c.schedule(), t).logDensity(x);
  }

  /** preservation.moments (exact): mean a_t Σ π_i μ_i, covariance a_t² Cov(p0) + b_t² I. */
  @Property(seed = "20261122")
  void preservationMoments(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    GaussianMixture m = c.mixture();
    int d = m.dimension(), k = m.components();
    double a = p.a();
    double[] mean0 = m.overallMean();
    double[][] cov0 = m.overallCovariance();
    double[] meanT = new double[d];
    for (int i = 0; i < k; i++) {
      double[] mu = p.mean(i);
      for (int j = 0; j < d; j++) meanT[j] += m.weight(i) * mu[j];
    }
    double[][] covT = new double[d][d];
    double size = p.b2();
    for (int i = 0; i < k; i++) {
      double[] mu = p.mean(i);
      double[][] cv = p.covariance(i);
      for (int r = 0; r < d; r++) {
        for (int q = 0; q < d; q++) {
          covT[r][q] += m.weight(i) * (cv[r][q] + (mu[r] - meanT[r]) * (mu[q] - meanT[q]));
          size = Math.max(size, Math.abs(cv[r][q]) + Math.abs(mu[r] * mu[q]));
        }
      }
    }
    double r2 = m.meanRadius();
    // sums of k terms, each a product of ≤ 3 rounded factors: 8ku of the largest term
    for (int j = 0; j < d; j++) {
      assertEquals(a * mean0[j], meanT[j], 8 * k * U * a * Math.max(r2, 1e-300), "mean");
      for (int q = 0; q < d; q++) {
        double expected = a * a * cov0[j][q] + (j == q ? p.b2() : 0);
        assertEquals(expected, covT[j][q], 16 * k * U * size, "covariance[" + j + "][" + q + "]");
      }
    }
  }

  static final int KS_TRIES = 60;
  static final int KS_PROJECTIONS = 3;
  static final int KS_SAMPLES = 1000;
  static final double KS_ALPHA = 1e-3; // family-wise, Bonferroni over tries × projections

  /**
   * preservation.sampling (statistical): samples of a_t X_0 + b_t Z, projected on random directions u,
   * against the projected closed-form CDF Σ π_i Φ((y − u·μ_i(t)) / √(uᵀΣ_i(t)u)), by a one-sample
   * Kolmogorov–Smirnov test (commons-statistics-inference).
   */
  @Property(tries = KS_TRIES, seed = "20261122")
  void preservationSampling(@ForAll("cases") Case c, @ForAll long seed) {
    MixtureDensity p = c.densityOrSkip();
    GaussianMixture m = c.mixture();
    int d = m.dimension(), k = m.components();
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    MixtureSampler sampler = new MixtureSampler(m, rng);
    double a = p.a(), b = Math.sqrt(p.b2());
    double[][] xs = new double[KS_SAMPLES][];
    for (int n = 0; n < KS_SAMPLES; n++) {
      double[] x = sampler.sample();
      for (int j = 0; j < d; j++) x[j] = a * x[j] + b * sampler.standardNormal();
      xs[n] = x;
    }
    for (int proj = 0; proj < KS_PROJECTIONS; proj++) {
      double[] u = new double[d];
      double norm = 0;
      while (norm == 0) {
        norm = 0;
        for (int j = 0; j < d; j++) {
          u[j] = sampler.standardNormal();
          norm += u[j] * u[j];
        }
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < d; j++) u[j] /= norm;
      NormalDistribution[] parts = new NormalDistribution[k];
      for (int i = 0; i < k; i++) {
        double[] mu = p.mean(i);
        double[][] cv = p.covariance(i);
        double loc = 0, var = 0;
        for (int r = 0; r < d; r++) {
          loc += u[r] * mu[r];
          for (int q = 0; q < d; q++) var += u[r] * cv[r][q] * u[q];
        }
        parts[i] = NormalDistribution.of(loc, Math.sqrt(var));
      }
      double[] y = new double[KS_SAMPLES];
      for (int n = 0; n < KS_SAMPLES; n++) {
        for (int j = 0; j < d; j++) y[n] += u[j] * xs[n][j];
      }
      double pValue = KolmogorovSmirnovTest.withDefaults().test(y, v -> {
        double f = 0;
        for (int i = 0; i < k; i++) f += m.weight(i) * parts[i].cumulativeProbability(v);
        return f;
      }).getPValue();
      assertTrue(pValue > KS_ALPHA / (KS_TRIES * KS_PROJECTIONS),
          "KS p-value " + pValue + " on projection " + proj);
    }
  }
}
