package org.mixproof.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * One step of every scheme against its formula in the {@link Schemes} javadoc, written out by hand
 * with a scripted score and scripted draws (docs/mutation.md). The score s_t(y) = −(1 + t) y + 0.1
 * depends on t, so a stage evaluated at the wrong time shows; draw k is ξ_k = (k + 1)(0.37, −0.55),
 * so a draw used twice or in the wrong place shows. Schedule values (f, g², a) come from
 * {@link NoiseSchedule}, whose closed forms are tested in the schedule package.
 */
class SchemeStepTest {

  static final double[] Y0 = {0.8, -1.3};
  static final double TOL = 1e-13;

  static double[] score(double t, double[] y) {
    double[] s = new double[y.length];
    for (int i = 0; i < y.length; i++) s[i] = -(1 + t) * y[i] + 0.1;
    return s;
  }

  static double[] draw(int k) { return new double[] {(k + 1) * 0.37, -(k + 1) * 0.55}; }

  /** Runs one step from t to tNext from Y0; checks the declared evaluation and draw counts. */
  static double[] step(Scheme scheme, NoiseSchedule s, double t, double tNext) {
    int[] k = {0};
    StepContext c = new StepContext(s, (tt, y, out) -> {
      double[] v = score(tt, y);
      System.arraycopy(v, 0, out, 0, v.length);
    }, xi -> {
      double[] v = draw(k[0]++);
      System.arraycopy(v, 0, xi, 0, v.length);
    });
    double[] y = Y0.clone();
    scheme.step(t, tNext, y, c);
    assertEquals(scheme.scoreEvaluationsPerStep(), c.scoreEvaluations(), scheme.name() + " evaluations");
    assertEquals(scheme.noiseDrawsPerStep(), c.noiseDraws(), scheme.name() + " draws");
    return y;
  }

  /** F(t, y) = −f(t) y + ½ g(t)² s_t(y). */
  static double[] flow(NoiseSchedule s, double t, double[] y) {
    double[] sc = score(t, y), out = new double[y.length];
    for (int i = 0; i < y.length; i++) out[i] = -s.f(t) * y[i] + 0.5 * s.g2(t) * sc[i];
    return out;
  }

  static double[] axpy(double[] y, double a, double[] x) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) out[i] = y[i] + a * x[i];
    return out;
  }

  static final NoiseSchedule LIN = Schedules.parse("vp-linear:0.1,20");
  static final NoiseSchedule OU = Schedules.parse("vp-ou");
  static final NoiseSchedule VE = Schedules.parse("ve-linear");
  static final double T = 0.6, TN = 0.52, H = T - TN;

  /**
   * The discrete samplers where a_t rounds to 1: under vp-ou from t = 3e-20 to t' = 1e-20, α = e^{−2h}
   * (h = 2e-20) is 1 in double, but β = 1 − e^{−2h} = 4e-20·(1 − 2e-20) is not 0; the noise term √β ξ and
   * the score term β s must keep it (relative to 1e-15: β from expm1, within 2 ulps, then a few products).
   */
  @Test
  void discreteStepsKeepBetaWhereATRoundsToOne() {
    double t = 3e-20, tn = 1e-20, beta = 4e-20;
    double[] s = score(t, Y0), xi = draw(0);
    for (boolean inside : new boolean[] {true, false}) {
      double[] got = step(inside ? Schemes.LY24 : Schemes.CLW25, OU, t, tn);
      for (int i = 0; i < 2; i++) {
        // α^{−½} = 1 + h to first order: below the double spacing at 1, so it multiplies by exactly 1 here
        double want = Y0[i] + beta * s[i] + Math.sqrt(beta) * xi[i];
        assertEquals(want, got[i], 1e-15 * Math.abs(want), (inside ? "ly24" : "clw25") + " coordinate " + i);
        assertTrue(Math.abs(got[i] - Y0[i]) > 1e-12, "the noise √β ξ ≈ 2e-10 must not vanish");
      }
    }
  }

  @Test
  void eulerMaruyama() {
    double[] s = score(T, Y0), xi = draw(0), want = new double[2];
    for (int i = 0; i < 2; i++) {
      want[i] = Y0[i] + H * (-LIN.f(T) * Y0[i] + LIN.g2(T) * s[i]) + Math.sqrt(LIN.g2(T) * H) * xi[i];
    }
    assertArrayEquals(want, step(Schemes.EM, LIN, T, TN), TOL);
  }

  @Test
  void ddpmAncestralStep() {
    double beta = LIN.g2(T) * H, keep = 1 - beta; // vp: 1 + 2 f h = 1 − β
    double[] s = score(T, Y0), xi = draw(0), want = new double[2];
    for (int i = 0; i < 2; i++) want[i] = (Y0[i] + beta * s[i]) / Math.sqrt(keep) + Math.sqrt(beta) * xi[i];
    assertArrayEquals(want, step(Schemes.DDPM, LIN, T, TN), TOL);
    // β ≥ 1 (h large at t = 1 where β(1) = 20): undefined
    assertThrows(UndefinedStepException.class, () -> step(Schemes.DDPM, LIN, 1.0, 0.9));
  }

  @Test
  void probabilityFlowEulerHeunAndRk4() {
    double[] k1 = flow(LIN, T, Y0);
    assertArrayEquals(axpy(Y0, H, k1), step(Schemes.ODE_EULER, LIN, T, TN), TOL);
    double[] k2 = flow(LIN, TN, axpy(Y0, H, k1));
    double[] heun = new double[2];
    for (int i = 0; i < 2; i++) heun[i] = Y0[i] + H / 2 * (k1[i] + k2[i]);
    assertArrayEquals(heun, step(Schemes.ODE_HEUN, LIN, T, TN), TOL);
    double tm = T - H / 2;
    double[] r2 = flow(LIN, tm, axpy(Y0, H / 2, k1));
    double[] r3 = flow(LIN, tm, axpy(Y0, H / 2, r2));
    double[] r4 = flow(LIN, TN, axpy(Y0, H, r3));
    double[] rk4 = new double[2];
    for (int i = 0; i < 2; i++) rk4[i] = Y0[i] + H / 6 * (k1[i] + 2 * r2[i] + 2 * r3[i] + r4[i]);
    assertArrayEquals(rk4, step(Schemes.ODE_RK4, LIN, T, TN), TOL);
  }

  @Test
  void exponentialIntegratorOnOuAndVe() {
    double e = Math.exp(H);
    double[] s = score(T, Y0), xi = draw(0), ei = new double[2], odeEi = new double[2];
    for (int i = 0; i < 2; i++) {
      ei[i] = e * Y0[i] + 2 * (e - 1) * s[i] + Math.sqrt(Math.exp(2 * H) - 1) * xi[i];
      odeEi[i] = e * Y0[i] + (e - 1) * s[i];
    }
    assertArrayEquals(ei, step(Schemes.EI, OU, T, TN), TOL);
    assertArrayEquals(odeEi, step(Schemes.ODE_EI, OU, T, TN), TOL);
    double db2 = T * T - TN * TN; // ve-linear: Φ = 1, I_s = I_n = b_t² − b_t'²
    double[] ve = new double[2];
    for (int i = 0; i < 2; i++) ve[i] = Y0[i] + db2 * s[i] + Math.sqrt(db2) * xi[i];
    assertArrayEquals(ve, step(Schemes.EI, VE, T, TN), TOL);
  }

  @Test
  void dpomPredictorThenOverdampedCorrectors() {
    double kappa = 0.7, eta = kappa * H; // vp-ou: g² = 2, η = κ h g²/2 = κ h
    double e = Math.exp(H);
    double[] y = new double[2], s0 = score(T, Y0);
    for (int i = 0; i < 2; i++) y[i] = e * Y0[i] + (e - 1) * s0[i];
    for (int m = 0; m < 2; m++) {
      double[] sc = score(TN, y), xi = draw(m);
      for (int i = 0; i < 2; i++) y[i] += eta * sc[i] + Math.sqrt(2 * eta) * xi[i];
    }
    assertArrayEquals(y, step(Schemes.dpom(2, kappa), OU, T, TN), TOL);
  }

  @Test
  void dpumPredictorThenUnderdampedCorrectors() {
    double kappa = 0.7, gamma = 1.5, eta = kappa * H;
    double e = Math.exp(H);
    double[] y = new double[2], s0 = score(T, Y0);
    for (int i = 0; i < 2; i++) y[i] = e * Y0[i] + (e - 1) * s0[i];
    double[] v = draw(0);
    for (int m = 0; m < 2; m++) {
      double[] sc = score(TN, y), xi = draw(m + 1);
      for (int i = 0; i < 2; i++) {
        v[i] += eta * (sc[i] - gamma * v[i]) + Math.sqrt(2 * gamma * eta) * xi[i];
        y[i] += eta * v[i];
      }
    }
    assertArrayEquals(y, step(Schemes.dpum(2, kappa, gamma), OU, T, TN), TOL);
  }

  @Test
  void discreteSamplersPutTheNoiseInsideOrOutsideTheRescaling() {
    double ratio = LIN.a(T) / LIN.a(TN), alpha = ratio * ratio, beta = 1 - alpha;
    double[] s = score(T, Y0), xi = draw(0), ly = new double[2], clw = new double[2];
    for (int i = 0; i < 2; i++) {
      ly[i] = (Y0[i] + beta * s[i] + Math.sqrt(beta) * xi[i]) / Math.sqrt(alpha);
      clw[i] = (Y0[i] + beta * s[i]) / Math.sqrt(alpha) + Math.sqrt(beta) * xi[i];
    }
    assertArrayEquals(ly, step(Schemes.LY24, LIN, T, TN), TOL);
    assertArrayEquals(clw, step(Schemes.CLW25, LIN, T, TN), TOL);
    // a step up in time (a_t' < a_t): α > 1, undefined
    assertThrows(UndefinedStepException.class, () -> step(Schemes.CLW25, LIN, TN, T));
  }

  @Test
  void namesCountsAndParsing() {
    for (String n : Schemes.NAMES) {
      Scheme s = Schemes.parse(" " + n + " ");
      assertEquals(n, s.name());
      assertEquals(n, s.toString());
      assertEquals(s.noiseDrawsPerStep() == 0, s.deterministic(), n);
      assertTrue(s.scoreEvaluationsPerStep() >= 1, n);
    }
    assertTrue(Schemes.parse("ode-heun").deterministic());
    assertFalse(Schemes.parse("em").deterministic());
    assertEquals(2, Schemes.ODE_HEUN.scoreEvaluationsPerStep());
    assertEquals(4, Schemes.ODE_RK4.scoreEvaluationsPerStep());
    assertEquals(3, Schemes.dpom(2, 1).scoreEvaluationsPerStep());
    assertEquals(3, Schemes.dpum(2, 1, 2).noiseDrawsPerStep());
    assertEquals(List.of("em", "ode-rk4"), Schemes.parseList("em,ode-rk4").stream().map(Scheme::name).toList());
    assertThrows(IllegalArgumentException.class, () -> Schemes.parseList(" "));
    assertThrows(IllegalArgumentException.class, () -> Schemes.parse(null));
    assertThrows(IllegalArgumentException.class, () -> Schemes.dpom(0, 1));
    assertThrows(IllegalArgumentException.class, () -> Schemes.dpom(1, 0));
    assertThrows(IllegalArgumentException.class, () -> Schemes.dpum(1, 1, 0));
  }
}
