package org.mixproof.density.identity;

import java.util.Map;
import java.util.Random;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.mixproof.density.MixtureDensity;
import org.mixproof.density.PointEvaluation;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureSampler;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The identities of docs/claims.md §1 (the law of X_t is the closed-form mixture) as residuals, each
 * normalised by the size of the terms it is computed from: the characteristic function, the
 * Fokker–Planck equation divided by p, the first two moments, and (statistical) Kolmogorov–Smirnov
 * tests of forward samples. A density that double precision refuses throws
 * {@link org.mixproof.density.IllConditionedException}.
 */
public final class PreservationIdentities {

  private PreservationIdentities() {}

  /**
   * φ_{p_t}(ω) = φ_{p0}(a_t ω) exp(−b_t² ‖ω‖²/2), with φ_p(ω) = Σ π_i exp(i ω·μ_i − ωᵀΣ_iω/2), the left
   * side from the time-t components, ω = 2z/√λmax(t) with z standard normal from {@code seed}.
   */
  public static Residual characteristicFunction(Site c, long seed) {
    MixtureDensity p = c.density();
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
    double lre = 0, lim = 0, rre = 0, rim = 0, size = 0, exponent = 0;
    for (int i = 0; i < m.components(); i++) {
      double pi = m.weight(i);
      double[] left = term(omega, p.mean(i), p.covariance(i));
      double[] right = term(aOmega, m.mean(i), m.covariance(i));
      lre += pi * left[0];
      lim += pi * left[1];
      rre += pi * right[0] * damp;
      rim += pi * right[1] * damp;
      // phase and exponent carry d·u of Σ|ω_j μ_j| and |ω|ᵀ|Σ||ω|: the term's absolute error
      size += pi * left[2];
      exponent += pi * left[2] * (left[3] + left[4]);
    }
    double err = Math.max(Math.abs(rre - lre), Math.abs(rim - lim));
    return Residual.of(p, Residual.ratio(err, size), omega,
        Map.of("exponent_size", Residual.ratio(exponent, size)));
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
   * Dividing the Fokker–Planck equation by p: ∂_t log p = −f(t)(d + x·s) + ½ g(t)² (‖s‖² + tr H); the
   * left side by a Richardson-extrapolated central difference in t of the closed-form log p_t, with
   * h = 1e-3 of the time scale min(t, tMax − t, 1) on which log p_t changes. Not applicable where t is
   * too close to an end of the schedule or the step is below t's resolution.
   */
  public static Residual fokkerPlanck(Site c) {
    MixtureDensity p = c.density();
    NoiseSchedule s = c.schedule();
    double t = c.t();
    double room = Math.min(t, s.tMax() - t);
    if (!(room > 1e-6 * t)) return Residual.notApplicable("t = " + t + " too close to the schedule's ends");
    double h = 1e-3 * Math.min(room, 1); // 1e-3 of the time scale on which log p_t changes
    if (!CentralDifference.resolvable(t, h)) return Residual.notApplicable("step " + h + " below t's resolution");
    double[] x = c.point(p);
    int d = x.length;
    PointEvaluation e = p.evaluate(x);
    double xs = 0, ss = 0, tr = 0;
    for (int j = 0; j < d; j++) {
      xs += x[j] * e.score()[j];
      ss += e.score()[j] * e.score()[j];
      tr += e.hessian()[j][j];
    }
    double rhs = -s.f(t) * (d + xs) + 0.5 * s.g2(t) * (ss + tr);
    double lhs = CentralDifference.richardson(tau -> MixtureDensity.at(c.mixture(), s, tau).logDensity(x), t, h);
    // the right side's terms; Richardson's truncation (h/τ)⁴ = 1e-12 of them times the
    // fifth-derivative constant (≤ 1e3); the rounding of log p over h, times the ≤ 2 of the weights
    double scale = Math.abs(s.f(t)) * (d + Math.abs(xs)) + 0.5 * s.g2(t) * (ss + Math.abs(tr));
    double lpTerms = new ComponentTerms(p, x).logDensityTerms(e.logDensity());
    return Residual.of(p, Residual.ratio(Math.abs(lhs - rhs), scale), x,
        Map.of("h", h, "scale", scale, "lp_terms", lpTerms));
  }

  /**
   * Mean a_t Σ π_i μ_i and covariance a_t² Cov(p0) + b_t² I against the moments of the time-t
   * components: sums of k terms, each a product of ≤ 3 rounded factors.
   */
  public static Residual moments(Site c) {
    MixtureDensity p = c.density();
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
    double meanErr = 0, covErr = 0;
    for (int j = 0; j < d; j++) {
      meanErr = Math.max(meanErr, Math.abs(a * mean0[j] - meanT[j]));
      for (int q = 0; q < d; q++) {
        double expected = a * a * cov0[j][q] + (j == q ? p.b2() : 0);
        covErr = Math.max(covErr, Math.abs(expected - covT[j][q]));
      }
    }
    return Residual.of(p, Residual.ratio(covErr, size), null,
        Map.of("mean_error", Residual.ratio(meanErr, a * m.meanRadius())));
  }

  /**
   * {@code samples} draws of a_t X_0 + b_t Z (seeded), projected on {@code projections} random unit
   * directions u, each against the projected closed-form CDF Σ π_i Φ((y − u·μ_i(t)) / √(uᵀΣ_i(t)u)) by a
   * one-sample Kolmogorov–Smirnov test (commons-statistics-inference); the value is the smallest
   * p-value.
   */
  public static Residual sampling(Site c, long seed, int samples, int projections) {
    return sampling(c, c.density(), seed, samples, projections);
  }

  /** The same test of the case's forward samples against the {@code claimed} law (a test's wrong law). */
  public static Residual sampling(Site c, MixtureDensity claimed, long seed, int samples,
      int projections) {
    MixtureDensity p = claimed;
    MixtureDensity truth = c.density();
    GaussianMixture m = claimed.mixture();
    int d = m.dimension(), k = m.components();
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    MixtureSampler sampler = new MixtureSampler(c.mixture(), rng);
    double a = truth.a(), b = Math.sqrt(truth.b2());
    double[][] xs = new double[samples][];
    for (int n = 0; n < samples; n++) {
      double[] x = sampler.sample();
      for (int j = 0; j < d; j++) x[j] = a * x[j] + b * sampler.standardNormal();
      xs[n] = x;
    }
    double smallest = 1;
    double[] worstDirection = null;
    for (int proj = 0; proj < projections; proj++) {
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
      double[] y = new double[samples];
      for (int n = 0; n < samples; n++) {
        for (int j = 0; j < d; j++) y[n] += u[j] * xs[n][j];
      }
      double pValue = KolmogorovSmirnovTest.withDefaults().test(y, v -> {
        double f = 0;
        for (int i = 0; i < k; i++) f += m.weight(i) * parts[i].cumulativeProbability(v);
        return f;
      }).getPValue();
      if (pValue < smallest || worstDirection == null) {
        smallest = Math.min(smallest, pValue);
        worstDirection = u;
      }
    }
    return Residual.of(truth, smallest, worstDirection, Map.of());
  }
}
