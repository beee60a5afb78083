package org.mixproof.sampler;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** Time grids and the exponential integrator's integrals against their definitions. */
class TimeGridAndIntegralsTest {

  /**
   * The reference integrator's relative accuracy: its stopping criterion is 1e-13 between successive
   * estimates, which is not a bound; a factor 10 covers that for these smooth integrands.
   */
  static final double QUADRATURE = 1e-12;

  /** Exponential grid: ends at T and δ, decreasing, and h_n/min(1, t_n) constant to O(h) (h_n ∝ min(h, h t_n)). */
  @Test
  void exponentialGridStepsAreProportionalToMinOneT() {
    TimeGrid g = TimeGrid.exponential(5, 1e-4, 400);
    assertEquals(5, g.time(0), 0);
    assertEquals(1e-4, g.delta(), 0);
    double[] t = g.times();
    double dphi = (4 - Math.log(1e-4)) / 400; // φ(5) − φ(1e-4) = 4 + ln 1e4
    for (int i = 0; i + 1 < t.length; i++) {
      double h = t[i] - t[i + 1];
      double expected = dphi * Math.min(1, t[i]);
      // the step in φ is exact; in t it is h = Δφ·min(1, t)·(1 + O(Δφ)) — e^{Δφ} − 1 vs Δφ below t = 1
      assertEquals(expected, h, 0.6 * dphi * expected, "step " + i);
    }
  }

  /**
   * [LY24] eq. 2.3: a(t_t)² = ᾱ_t = Π_{s ≤ t}(1 − β_s) with β_1 = T^{−c0}, β_{t+1} = (c1 log T/T)
   * min(β_1(1 + c1 log T/T)^t, 1); recomputed here from that definition as a plain product.
   */
  /** β_i of [LY24] eq. 2.3, from its definition. */
  static double ly24Beta(int i, int n, double c0, double c1) {
    double rate = c1 * Math.log(n) / n, beta1 = Math.pow(n, -c0);
    return i == 1 ? beta1 : rate * Math.min(beta1 * Math.pow(1 + rate, i - 1), 1);
  }

  @Test
  void ly24GridHitsTheDiscreteScheduleAlphaBars() {
    NoiseSchedule s = Schedules.parse("vp-ou");
    int n = 200;
    double c0 = 2, c1 = 4;
    TimeGrid g = TimeGrid.ly24(s, n, c0, c1);
    assertEquals(n - 1, g.steps(), "T levels, T − 1 steps from Y_T down to Y_1");
    double alphaBar = 1;
    for (int i = 1; i <= n; i++) {
      alphaBar *= 1 - ly24Beta(i, n, c0, c1);
      double a = s.a(g.time(n - i));
      // the product rounds twice per factor (≤ 2u each, i factors) and the bisection on t places a² to a few
      // ulps: (2i + 64) u relative
      assertEquals(alphaBar, a * a, (2 * i + 64) * EPS * alphaBar, "ᾱ_" + i);
    }
    assertEquals(g.time(n - 1), g.delta(), 0, "the run ends at t_1, the law of X_1");
  }

  /**
   * Where ᾱ_t is below e^{−1490}, a_t = e^{−t} underflows in double at the time that hits it, so the
   * times must be placed on log a_t (vp-ou: t = −½ log ᾱ): [LY24] with T = 259, c1 = 46.5 reaches
   * log ᾱ_T ≈ −1.5e3 (before log a was used, two of its times coincided at 745.13 and the grid was refused).
   */
  @Test
  void ly24TimesArePlacedOnLogAWhereAUnderflows() {
    NoiseSchedule s = Schedules.parse("vp-ou");
    int n = 259;
    double c0 = 0.5, c1 = 46.52464941950344;
    TimeGrid g = TimeGrid.ly24(s, n, c0, c1);
    double logAlphaBar = 0;
    for (int i = 1; i <= n; i++) {
      logAlphaBar += Math.log1p(-ly24Beta(i, n, c0, c1));
      // a sum of i logarithms (≤ 2u relative each, of terms of one sign) and the bisection's last bracket
      assertEquals(-0.5 * logAlphaBar, g.time(n - i), (2 * i + 64) * EPS * Math.abs(logAlphaBar), "t_" + i);
    }
    assertTrue(g.horizon() > 745.2, "the last times lie where e^{−t} underflows: " + g.horizon());
  }

  /**
   * [CLW25] eq. 14: ᾱ_T = T^{−c0}, ᾱ_{t−1} = ᾱ_t + (c1 log T/T) ᾱ_t (1 − ᾱ_t), recomputed here by that
   * recursion as written (the code carries ᾱ and 1 − ᾱ by separate products), and α_t = ᾱ_t/ᾱ_{t−1} in (0, 1].
   */
  @Test
  void clw25GridHitsTheDiscreteScheduleAlphaBars() {
    NoiseSchedule s = Schedules.parse("vp-ou");
    int n = 300;
    double c0 = 2, c1 = 10, rate = c1 * Math.log(n) / n;
    TimeGrid g = TimeGrid.clw25(s, n, c0, c1);
    assertEquals(n - 1, g.steps());
    double[] alphaBar = new double[n + 1];
    alphaBar[n] = Math.pow(n, -c0);
    for (int t = n; t >= 2; t--) alphaBar[t - 1] = alphaBar[t] + rate * alphaBar[t] * (1 - alphaBar[t]);
    for (int t = 1; t <= n; t++) {
      double a = s.a(g.time(n - t));
      // the map ᾱ ↦ ᾱ(1 + r(1 − ᾱ)) does not amplify relative errors (its log-derivative is
      // (1 + r − 2rᾱ)/(1 + r − rᾱ) ≤ 1), each step rounds ≤ 4 times: (4(n − t) + 64) u relative with the bisection
      assertEquals(alphaBar[t], a * a, (4 * (n - t) + 64) * EPS * alphaBar[t], "ᾱ_" + t);
      if (t < n) {
        double ratio = a / s.a(g.time(n - t - 1)), alpha = 1 / (ratio * ratio);
        assertTrue(alpha > 0 && alpha <= 1, "α_" + (t + 1) + " = " + alpha);
      }
    }
  }

  /** [CLW25]'s recursion overshoots when r = c1 log T/T ≥ 1 meets ᾱ near 1: c0 = 2, c1 = 10, T = 32 (r = 1.08). */
  @Test
  void clw25RefusesAScheduleTheRecursionCannotProduce() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> TimeGrid.clw25(Schedules.parse("vp-ou"), 32, 2, 10));
    assertTrue(e.getMessage().contains("T = 32") && e.getMessage().contains("outside (0, 1]"), e.getMessage());
    // the same constants at T = 64 (r = 0.65) are a valid schedule
    assertEquals(63, TimeGrid.clw25(Schedules.parse("vp-ou"), 64, 2, 10).steps());
  }

  /** Φ, I_s and I_n against their defining integrals, for every bundled schedule and random steps. */
  @Test
  void exponentialIntegralsMatchTheirDefinitions() {
    IterativeLegendreGaussIntegrator in = new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-15, 2, 64);
    java.util.Random rnd = new java.util.Random(20261122);
    for (String spec : new String[] {"vp-ou", "vp-linear:0.1,20", "ve-geometric:0.01,50", "ve-linear"}) {
      NoiseSchedule s = Schedules.parse(spec);
      double tMax = Double.isFinite(s.tMax()) ? s.tMax() : 3;
      for (int k = 0; k < 40; k++) {
        double t = tMax * (0.05 + 0.95 * rnd.nextDouble()), h = t * Math.pow(10, -3 * rnd.nextDouble()), tn = t - h;
        ExponentialIntegrals e = ExponentialIntegrals.of(s, t, tn);
        double aN = s.a(tn);
        double ell = in.integrate(Integer.MAX_VALUE, s::f, tn, t);
        double is = in.integrate(Integer.MAX_VALUE, u -> aN / s.a(u) * s.g2(u), tn, t);
        double inoise = in.integrate(Integer.MAX_VALUE, u -> (aN / s.a(u)) * (aN / s.a(u)) * s.g2(u), tn, t);
        // quadrature to QUADRATURE relative; the closed forms round a few times, and for ve the
        // difference b_t² − b_{t'}² loses log₂(b_t²/(b_t² − b_{t'}²)) bits: 64u·b_t²/(b_t² − b_{t'}²)
        double lossN = Math.max(1, s.b2(t) / Math.abs(s.b2(t) - s.b2(tn)));
        assertEquals(Math.exp(-ell), e.phi(), QUADRATURE * e.phi(), spec + " Φ");
        assertEquals(is, e.scoreCoefficient(), (QUADRATURE + 64 * EPS * lossN) * Math.abs(is), spec + " I_s at t=" + t + " h=" + h);
        assertEquals(inoise, e.noiseVariance(), (QUADRATURE + 64 * EPS * lossN) * Math.abs(inoise), spec + " I_n");
      }
    }
  }

  /** The generic fallback (neither vp nor ve) agrees with the same definitions. */
  @Test
  void genericScheduleUsesQuadratureForTheScoreCoefficient() {
    // a schedule that is neither: a = e^{−t}, b² = t (so f = −1, g² = (b²)' − 2 f b² = 1 + 2t)
    NoiseSchedule odd = new NoiseSchedule() {
      @Override public String spec() { return "test-odd"; }
      @Override public double tMax() { return 5; }
      @Override public double a(double t) { return Math.exp(-checkTime(t)); }
      @Override public double b2(double t) { return checkTime(t); }
      @Override public double f(double t) { checkTime(t); return -1; }
      @Override public double g2(double t) { return 1 + 2 * checkTime(t); }
    };
    IterativeLegendreGaussIntegrator in = new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-15, 2, 64);
    for (double[] st : new double[][] {{1, 0.5}, {3, 2.9}, {4.5, 0}}) {
      ExponentialIntegrals e = ExponentialIntegrals.of(odd, st[0], st[1]);
      double aN = odd.a(st[1]);
      double is = in.integrate(Integer.MAX_VALUE, u -> aN / odd.a(u) * odd.g2(u), st[1], st[0]);
      double inoise = in.integrate(Integer.MAX_VALUE, u -> Math.pow(aN / odd.a(u), 2) * odd.g2(u), st[1], st[0]);
      // the code's 16-panel 5-point Gauss–Legendre errs by ≤ (h^11 (5!)⁴/(11 (10!)³)) max|f⁽¹⁰⁾| ≈ 1e-15
      // per panel here (h ≤ 0.29, |f⁽¹⁰⁾| = e^{u−t'}|21 + 2u| ≤ 1e3): the reference's QUADRATURE dominates
      assertEquals(is, e.scoreCoefficient(), (QUADRATURE + 64 * EPS) * is, "I_s");
      assertEquals(inoise, e.noiseVariance(), (QUADRATURE + 64 * EPS) * inoise, "I_n");
    }
    assertTrue(ExponentialIntegrals.isVariancePreserving(Schedules.parse("vp-linear"), 0.3));
  }
}
