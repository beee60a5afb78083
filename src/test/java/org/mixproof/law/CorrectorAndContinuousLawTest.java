package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * Two of the suite's former blind spots, each against a computation that is not the code under test:
 * <ul>
 *   <li>the correctors of dpom and dpum: for Gaussian data N(μ, diag λ) every corrector step is affine,
 *       so the exact output law follows a closed recursion per eigen-coordinate — written out here from
 *       the schemes' definitions (docs/claims.md §5), with the exponential integrator's Φ and I_s by
 *       Gauss–Legendre quadrature of their defining integrals, not by the sampler's own code;
 *   <li>the continuous-time laws with non-zero means: the reverse SDE's and the probability flow's mean
 *       and variance ODEs integrated by Dormand–Prince from an arbitrary start N(m₀, v₀).
 * </ul>
 */
class CorrectorAndContinuousLawTest {

  static final IterativeLegendreGaussIntegrator QUAD = new IterativeLegendreGaussIntegrator(8, 1e-14, 1e-16, 2, 64);

  /** The test's own per-coordinate state: mean, variance of y, and for dpum its velocity's moments. */
  static final class Moments {
    double m, v;
  }

  /**
   * dpom: ode-ei predictor y' = Φ y + ½ I_s s_t(y), Φ = a_{t'}/a_t, I_s = ∫_{t'}^t (a_{t'}/a_u) g²(u) du,
   * s_t(y) = −(y − a_t μ)/λ_t; then M correctors y ← y + η s_{t'}(y) + √(2η) ξ, η = κ h g(t')²/2. dpum: the
   * same predictor, then a fresh velocity v ~ N(0, 1) and M steps v ← v + η(s_{t'}(y) − γ v) + √(2γη) ξ,
   * y ← y + η v, propagating the joint (y, v) mean and covariance.
   */
  static double[] byHand(boolean underdamped, int correctors, double kappa, double gamma, NoiseSchedule s, double[] ts,
      double mu, double lambda, double m0, double v0) {
    double m = m0, v = v0;
    for (int n = 0; n + 1 < ts.length; n++) {
      double t = ts[n], tn = ts[n + 1], h = t - tn;
      double at = s.a(t), an = s.a(tn), lt = at * at * lambda + s.b2(t), ln = an * an * lambda + s.b2(tn);
      double phi = an / at;
      double is = QUAD.integrate(Integer.MAX_VALUE, u -> an / s.a(u) * s.g2(u), tn, t);
      double A = phi - is / (2 * lt), B = is * at * mu / (2 * lt);
      m = A * m + B;
      v = A * A * v;
      double eta = kappa * h * 0.5 * s.g2(tn);
      if (!underdamped) {
        for (int k = 0; k < correctors; k++) {
          double c = 1 - eta / ln;
          m = c * m + eta * an * mu / ln;
          v = c * c * v + 2 * eta;
        }
      } else {
        double mv = 0, vv = 1, cyv = 0; // fresh velocity, independent of y
        for (int k = 0; k < correctors; k++) {
          // v' = −(η/λ') y + (1 − ηγ) v + η a'μ/λ' + √(2γη) ξ;  y' = y + η v'
          double p = -eta / ln, q = 1 - eta * gamma, r = eta * an * mu / ln, noise = 2 * gamma * eta;
          double mv2 = p * m + q * mv + r;
          double vv2 = p * p * v + 2 * p * q * cyv + q * q * vv + noise;
          double cyv2 = p * v + q * cyv; // Cov(y, v') with the old y
          double m2 = m + eta * mv2;
          double v2 = v + 2 * eta * cyv2 + eta * eta * vv2;
          double cyv3 = cyv2 + eta * vv2; // Cov(y', v')
          m = m2;
          v = v2;
          mv = mv2;
          vv = vv2;
          cyv = cyv3;
        }
      }
    }
    return new double[] {m, v};
  }

  @Test
  void dpomAndDpumCorrectorsFollowTheirExactRecursions() {
    SplittableRandom rnd = new SplittableRandom(20261202);
    for (String sched : new String[] {"vp-ou", "vp-linear"}) {
      NoiseSchedule s = Schedules.parse(sched);
      double T = Double.isFinite(s.tMax()) ? s.tMax() : 2;
      for (int trial = 0; trial < 4; trial++) {
        int d = 1 + rnd.nextInt(3), steps = 8 + rnd.nextInt(40), correctors = 1 + rnd.nextInt(3);
        double kappa = 0.5 + rnd.nextDouble(), gamma = 1 + 2 * rnd.nextDouble();
        double[] mean = new double[d], lambda = new double[d];
        for (int j = 0; j < d; j++) {
          mean[j] = 4 * rnd.nextDouble() - 2; // non-zero means: a mean-scaling slip must show
          lambda[j] = 0.1 * Math.pow(100, rnd.nextDouble());
        }
        GaussianLaw law = GaussianLaw.ofDiagonal(mean, lambda);
        TimeGrid grid = TimeGrid.uniform(T, 0.05 * T, steps);
        for (boolean under : new boolean[] {false, true}) {
          GaussianLaw.Propagation p = law.propagate(under ? Schemes.dpum(correctors, kappa, gamma)
              : Schemes.dpom(correctors, kappa), s, grid, StartLaw.PRIOR);
          DiagonalGaussian out = p.law(0);
          DiagonalGaussian start = law.start(StartLaw.PRIOR, s, T);
          for (int j = 0; j < d; j++) {
            double[] ref = byHand(under, correctors, kappa, gamma, s, grid.times(), mean[j], lambda[j],
                start.mean()[j], start.variance()[j]);
            String what = sched + " " + (under ? "dpum" : "dpom") + " M=" + correctors + " κ=" + kappa + " j=" + j;
            // ≤ 48 steps × (4 + 8M) roundings in each code, plus I_s by quadrature to 1e-14: 1e-10 relative is
            // far above both, and far below what a wrong η, time or friction moves (≥ 1e-3 here)
            assertEquals(ref[0], out.mean()[j], 1e-10 * (Math.abs(ref[0]) + Math.sqrt(ref[1])), what + " mean");
            assertEquals(ref[1], out.variance()[j], 1e-10 * ref[1], what + " variance");
          }
        }
      }
    }
  }

  /** The moment ODEs in reverse time τ: y' = −f y + c g² s_t(y) (c = 1 SDE, ½ ODE) plus g dW for the SDE. */
  static double[] integrateMoments(NoiseSchedule s, double T, double t, double mu, double lambda, double m0, double v0,
      boolean sde) {
    FirstOrderDifferentialEquations eq = new FirstOrderDifferentialEquations() {
      @Override public int getDimension() { return 2; }

      @Override public void computeDerivatives(double tau, double[] y, double[] dy) {
        double u = Math.min(T, Math.max(t, T - tau)); // the integrator's probes beyond [t, T] stay inside
        double a = s.a(u), l = a * a * lambda + s.b2(u), f = s.f(u), g2 = s.g2(u);
        double c = sde ? 1 : 0.5;
        dy[0] = -f * y[0] - c * g2 * (y[0] - a * mu) / l;
        dy[1] = -2 * f * y[1] - 2 * c * g2 * y[1] / l + (sde ? g2 : 0);
      }
    };
    double[] y = {m0, v0};
    DormandPrince853Integrator ode = new DormandPrince853Integrator(1e-12, (T - t) / 8, 1e-13, 1e-13);
    ode.setInitialStepSize(1e-6 * (T - t));
    ode.integrate(eq, 0, y, T - t, y);
    return y;
  }

  @Test
  void continuousLawsWithNonZeroMeansFromAnyStart() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (String sched : new String[] {"vp-ou", "vp-linear", "ve-linear"}) {
      NoiseSchedule s = Schedules.parse(sched);
      double T = Double.isFinite(s.tMax()) ? s.tMax() : 2;
      for (int trial = 0; trial < 5; trial++) {
        double[] mean = {3 * rnd.nextDouble() - 1.5, 1 + rnd.nextDouble()}, lambda = {0.2 + rnd.nextDouble(), 3 * rnd.nextDouble() + 0.5};
        GaussianLaw law = GaussianLaw.ofDiagonal(mean, lambda);
        DiagonalGaussian start = new DiagonalGaussian(new double[] {0.7 * rnd.nextDouble(), -0.4},
            new double[] {0.5 + rnd.nextDouble(), 1.3});
        double t = (0.05 + 0.9 * rnd.nextDouble()) * T;
        DiagonalGaussian sde = law.continuousSde(s, T, t, start), ode = law.continuousOde(s, T, t, start);
        for (int j = 0; j < 2; j++) {
          double[] rs = integrateMoments(s, T, t, mean[j], lambda[j], start.mean()[j], start.variance()[j], true);
          double[] ro = integrateMoments(s, T, t, mean[j], lambda[j], start.mean()[j], start.variance()[j], false);
          String what = sched + " t=" + t + " j=" + j;
          // Dormand–Prince at 1e-13 tolerances: 1e-9 leaves room for its global error over the horizon
          assertEquals(rs[0], sde.mean()[j], 1e-9 * (1 + Math.abs(rs[0])), what + " SDE mean");
          assertEquals(rs[1], sde.variance()[j], 1e-9 * rs[1], what + " SDE variance");
          assertEquals(ro[0], ode.mean()[j], 1e-9 * (1 + Math.abs(ro[0])), what + " ODE mean");
          assertEquals(ro[1], ode.variance()[j], 1e-9 * ro[1], what + " ODE variance");
        }
        assertTrue(Math.abs(sde.mean()[1] - ode.mean()[1]) > 1e-6 || sched.startsWith("ve"),
            "the SDE and ODE means differ from a start off the data mean, so both are exercised");
      }
    }
  }
}
