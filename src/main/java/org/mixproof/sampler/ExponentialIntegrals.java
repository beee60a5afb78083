package org.mixproof.sampler;

import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The exact integrals of the linear part of the reverse SDE over one step from t down to t' &lt; t,
 * with the score frozen (the exponential integrator, docs/claims.md §5):
 * <ul>
 *   <li>Φ = a_{t'}/a_t = exp(−ℓ), ℓ = ∫_{t'}^{t} f(u) du (Gauss–Legendre, exact for the polynomial
 *       f of every bundled schedule, and without the cancellation of log a_t − log a_{t'});
 *   <li>I_s = ∫_{t'}^{t} (a_{t'}/a_u) g(u)² du, the score's coefficient;
 *   <li>I_n = ∫_{t'}^{t} (a_{t'}/a_u)² g(u)² du = Φ² b_t² − b_{t'}², the noise variance.
 * </ul>
 * Variance-preserving schedules (a² + b² ≡ 1, hence g² = −2f): I_s = 2(Φ − 1) and I_n = Φ² − 1,
 * both through expm1. Variance-exploding (f ≡ 0): Φ = 1 and I_s = I_n = b_t² − b_{t'}². Any other
 * schedule: I_n from the identity above and I_s by composite Gauss–Legendre quadrature.
 */
public record ExponentialIntegrals(double phi, double phiMinusOne, double scoreCoefficient, double noiseVariance) {

  private static final double[] GL_NODES = {
      -0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640};
  private static final double[] GL_WEIGHTS = {
      0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891};
  private static final int PANELS = 16;

  public static ExponentialIntegrals of(NoiseSchedule s, double t, double tNext) {
    double ell = integrateF(s, tNext, t);
    double phiM1 = Math.expm1(-ell);
    double phi = 1 + phiM1;
    if (isVarianceExploding(s, t, tNext, ell)) {
      double db2 = s.b2(t) - s.b2(tNext);
      return new ExponentialIntegrals(1, 0, db2, db2);
    }
    if (isVariancePreserving(s, t) && isVariancePreserving(s, tNext)) {
      return new ExponentialIntegrals(phi, phiM1, 2 * phiM1, Math.expm1(-2 * ell));
    }
    double noise = phi * phi * s.b2(t) - s.b2(tNext);
    double aNext = s.a(tNext);
    double h = (t - tNext) / PANELS, sum = 0;
    for (int p = 0; p < PANELS; p++) {
      double lo = tNext + p * h, mid = lo + 0.5 * h;
      for (int q = 0; q < GL_NODES.length; q++) {
        double u = Math.min(t, mid + 0.5 * h * GL_NODES[q]);
        sum += GL_WEIGHTS[q] * aNext / s.a(u) * s.g2(u);
      }
    }
    return new ExponentialIntegrals(phi, phiM1, 0.5 * h * sum, noise);
  }

  /** ∫_lo^hi f(u) du by 5-point Gauss–Legendre (exact for polynomials of degree ≤ 9). */
  static double integrateF(NoiseSchedule s, double lo, double hi) {
    double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo), sum = 0;
    for (int q = 0; q < GL_NODES.length; q++) sum += GL_WEIGHTS[q] * s.f(mid + half * GL_NODES[q]);
    return half * sum;
  }

  /** a_t² + b_t² = 1 within rounding (4u). */
  static boolean isVariancePreserving(NoiseSchedule s, double t) {
    double a = s.a(t);
    return Math.abs(a * a + s.b2(t) - 1) <= 4 * RoundingModel.EPS;
  }

  private static boolean isVarianceExploding(NoiseSchedule s, double t, double tNext, double ell) {
    return ell == 0 && s.f(t) == 0 && s.f(tNext) == 0 && s.a(t) == 1 && s.a(tNext) == 1;
  }
}
