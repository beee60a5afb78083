package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.Spectrum;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The exact Gaussian law's construction and bookkeeping: the eigenbasis of a rotated covariance and
 * the mean in it against the rotation written by hand, singularity, the evaluation count of a
 * two-evaluation scheme on both the defined and the undefined path, a score error whose centre
 * moves a centred law's mean (so the mean lanes must not be dropped), and every refusal.
 */
class GaussianLawConstructionTest {

  static final double EPS = RoundingModel.EPS;

  @Test
  void theEigenbasisOfARotatedCovarianceAndTheMeanInIt() {
    // Σ = R diag(1, 4) Rᵀ, R = [[0.6, −0.8], [0.8, 0.6]]: Σ = [[0.36 + 2.56, 0.48 − 1.92], [·, 0.64 + 1.44]]
    double[][] cov = {{2.92, -1.44}, {-1.44, 2.08}};
    double[] mu = {1, 2};
    GaussianLaw law = GaussianLaw.of(GaussianMixture.of(new double[] {1}, new double[][] {mu}, new double[][][] {cov}));
    assertEquals(2, law.dimension());
    // eigenvalues ascending; the decomposition is backward stable: 16ε‖Σ‖ (‖Σ‖ = 4)
    assertEquals(1, law.eigenvalues()[0], 64 * EPS);
    assertEquals(4, law.eigenvalues()[1], 64 * EPS);
    DMatrixRMaj u = law.basis();
    double[] mt = law.eigenMean();
    // columns ±(0.6, 0.8) and ±(−0.8, 0.6); μ̃_c = u_cᵀ μ: ±2.2 and ±0.4, with the column's own sign
    double[][] columns = {{0.6, 0.8}, {-0.8, 0.6}};
    double[] expectedMean = {2.2, 0.4};
    for (int c = 0; c < 2; c++) {
      double sign = Math.signum(u.get(0, c) * columns[c][0] + u.get(1, c) * columns[c][1]);
      for (int r = 0; r < 2; r++) assertEquals(sign * columns[c][r], u.get(r, c), 64 * EPS, "U[" + r + "][" + c + "]");
      assertEquals(sign * expectedMean[c], mt[c], 64 * EPS * 3, "μ̃[" + c + "]");
    }
    // copies, not views
    u.set(0, 0, 99);
    mt[0] = 99;
    assertTrue(law.basis().get(0, 0) != 99 && law.eigenMean()[0] != 99);
    assertFalse(law.isSingular());
    assertNull(GaussianLaw.ofSpectrum(Spectrum.of(new double[] {1, 2}, "eigenvalues")).basis());
  }

  @Test
  void aZeroEigenvalueIsSingular() {
    assertTrue(GaussianLaw.ofDiagonal(new double[2], new double[] {1, 0}).isSingular());
    assertTrue(GaussianLaw.ofDiagonal(new double[2], new double[] {0, 1}).isSingular());
    assertFalse(GaussianLaw.ofDiagonal(new double[2], new double[] {1e-300, 1}).isSingular());
  }

  @Test
  void evaluationsAreStepsTimesTheSchemesEvaluationsOnBothPaths() {
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[] {1, -1}, new double[] {1, 2});
    NoiseSchedule ou = Schedules.parse("vp-ou");
    Scheme heun = Schemes.parse("ode-heun");
    assertEquals(2, heun.scoreEvaluationsPerStep());
    GaussianLaw.Propagation p = law.propagate(heun, ou, TimeGrid.uniform(1, 0.05, 7), 0,
        List.of(new DiagonalGaussian(new double[] {0.5, 0}, new double[] {1, 1})));
    assertTrue(p.defined());
    assertEquals(14, p.scoreEvaluations());
    // ddpm with h = 0.6 takes √(1 − 2h) of a negative number: undefined, and still 2 steps × 1 evaluation
    Scheme ddpm = Schemes.parse("ddpm");
    GaussianLaw.Propagation u = law.propagate(ddpm, ou, TimeGrid.uniform(1.25, 0.05, 2), 0,
        List.of(new DiagonalGaussian(new double[] {0.5, 0}, new double[] {1, 1})));
    assertFalse(u.defined());
    assertEquals(2, u.scoreEvaluations());
    assertThrows(IllegalStateException.class, () -> u.law(0));
  }

  @Test
  void aScoreErrorCentredAwayFromZeroMovesACentredLaw() {
    // data N(0, diag(λ)), a centred start, but e_t(y) = (y − a_t m₀)/√(a_t² Σλ + d b_t²) with m₀ ≠ 0:
    // ode-euler on vp-ou, y' = y + h(y + s(y) + ε e_t(y)) = m y − h ε a_t m₀ / √(…), m = 1 + h(1 + c)
    double[] lambda = {0.25, 1, 4}, m0 = {0.5, -1, 2};
    double sum = 5.25, eps = 0.2, horizon = 2, delta = 0.05;
    int n = 8, d = 3;
    double h = (horizon - delta) / n;
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[d], lambda);
    NoiseSchedule ou = Schedules.parse("vp-ou");
    ScorePerturbation e = new ScorePerturbation(ou, m0, sum, d);
    GaussianLaw.Propagation p = law.propagate(Schemes.parse("ode-euler"), ou, TimeGrid.uniform(horizon, delta, n), eps, e,
        List.of(new DiagonalGaussian(new double[d], new double[] {1, 1, 1})));
    double[] mu = new double[d];
    for (int i = 0; i < n; i++) {
      double t = horizon - i * h, a = Math.exp(-t), b2 = -Math.expm1(-2 * t);
      double sc = 1 / Math.sqrt(a * a * sum + d * b2);
      for (int j = 0; j < d; j++) {
        double c = -1 / (a * a * lambda[j] + b2) + eps * sc;
        mu[j] = (1 + h * (1 + c)) * mu[j] - h * eps * sc * a * m0[j];
      }
    }
    for (int j = 0; j < d; j++) {
      // 8 steps of a few roundings each, relative to the terms' size |μ| + h ε a |m₀|: 64 N ε
      assertEquals(mu[j], p.law(0).mean()[j], 64 * n * EPS * Math.abs(mu[j]), "j " + j);
      assertTrue(Math.abs(mu[j]) > 1e-3, "the centre moved the mean");
    }
  }

  /**
   * A stochastic Heun step for vp-ou (two score calls and one draw per step, the one shape of the probing's
   * fused pass that no bundled scheme has): ỹ = y + h(y + 2s(t, y)) + √(2h)ξ, then
   * y' = y + (h/2)((y + 2s(t, y)) + (ỹ + 2s(t', ỹ))) + √(2h)ξ. With s = q y per eigen-coordinate,
   * y' = A y + B ξ, A = 1 + (h/2)(1 + 2q₀) + (h/2)(1 + 2q₁)(1 + h(1 + 2q₀)), B = √(2h)(1 + (h/2)(1 + 2q₁)):
   * v' = A²v + B², μ' = Aμ, written out per coordinate and held against the fused pass (one or two
   * centred starts), the general pass (three) and the lanes (a non-zero mean).
   */
  @Test
  void aTwoCallOneDrawSchemeFollowsItsRecursionOnEveryPath() {
    Scheme heunSde = new Scheme() {
      @Override public String name() { return "test-sde-heun"; }
      @Override public int scoreEvaluationsPerStep() { return 2; }
      @Override public int noiseDrawsPerStep() { return 1; }
      @Override public void step(double t, double tn, double[] y, org.mixproof.sampler.StepContext c) {
        int n = y.length;
        double h = t - tn, sq = Math.sqrt(2 * h);
        double[] s1 = new double[n], xi = new double[n], yt = new double[n], s2 = new double[n];
        c.score(t, y, s1);
        c.noise(xi);
        for (int i = 0; i < n; i++) yt[i] = y[i] + h * (y[i] + 2 * s1[i]) + sq * xi[i];
        c.score(tn, yt, s2);
        for (int i = 0; i < n; i++) y[i] = y[i] + h / 2 * ((y[i] + 2 * s1[i]) + (yt[i] + 2 * s2[i])) + sq * xi[i];
      }
    };
    double[] lambda = {0.25, 1, 4};
    double horizon = 2, delta = 0.05;
    int n = 8, d = 3;
    double h = (horizon - delta) / n;
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[d], lambda);
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(horizon, delta, n);
    double[] ones = {1, 1, 1}, wide = {2, 0.5, 3}, mean = {0.5, -1, 2};
    double[][] v = {ones.clone(), wide.clone()};
    double[] mu = mean.clone(), vl = ones.clone();
    for (int i = 0; i < n; i++) {
      double t = horizon - i * h, tn = t - h;
      for (int j = 0; j < d; j++) {
        double q0 = -1 / (Math.exp(-2 * t) * lambda[j] - Math.expm1(-2 * t));
        double q1 = -1 / (Math.exp(-2 * tn) * lambda[j] - Math.expm1(-2 * tn));
        double a = 1 + h / 2 * (1 + 2 * q0) + h / 2 * (1 + 2 * q1) * (1 + h * (1 + 2 * q0));
        double b = Math.sqrt(2 * h) * (1 + h / 2 * (1 + 2 * q1));
        for (double[] vk : v) vk[j] = a * a * vk[j] + b * b;
        vl[j] = a * a * vl[j] + b * b;
        mu[j] *= a;
      }
    }
    GaussianLaw.Propagation fused = law.propagate(heunSde, ou, grid, 0,
        List.of(new DiagonalGaussian(new double[d], ones), new DiagonalGaussian(new double[d], wide)));
    GaussianLaw.Propagation general = law.propagate(heunSde, ou, grid, 0, List.of(new DiagonalGaussian(new double[d], ones),
        new DiagonalGaussian(new double[d], wide), new DiagonalGaussian(new double[d], ones.clone())));
    GaussianLaw.Propagation lanes = law.propagate(heunSde, ou, grid, 0, List.of(new DiagonalGaussian(mean, ones)));
    for (int j = 0; j < d; j++) {
      double tol = 64 * n * EPS; // as GaussianLawRecursionTest: a few roundings a step, relative
      assertEquals(v[0][j], fused.law(0).variance()[j], tol * v[0][j], "fused, first start, j " + j);
      assertEquals(v[1][j], fused.law(1).variance()[j], tol * v[1][j], "fused, second start, j " + j);
      assertEquals(v[0][j], general.law(0).variance()[j], tol * v[0][j], "general, j " + j);
      assertEquals(v[1][j], general.law(1).variance()[j], tol * v[1][j], "general, second start, j " + j);
      assertEquals(vl[j], lanes.law(0).variance()[j], tol * vl[j], "lanes, j " + j);
      assertEquals(mu[j], lanes.law(0).mean()[j], tol * Math.abs(mu[j]), "lanes mean, j " + j);
    }
  }

  /**
   * Singular data (λ = (1, 0, 2)) and a grid ending at t = 0, where b_t² = 0: the last step of ode-heun
   * evaluates the score at t = 0, which divides by a_t²·0 + 0; the run is undefined and names eigenvalue 1,
   * in the fused pass (one start) and in the general pass (three).
   */
  @Test
  void aScoreAtAZeroEigenvalueAndTimeZeroIsUndefinedAndNamed() {
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[3], new double[] {1, 0, 2});
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0, 4);
    Scheme heun = Schemes.parse("ode-heun");
    DiagonalGaussian start = new DiagonalGaussian(new double[3], new double[] {1, 1, 1});
    DiagonalGaussian offset = new DiagonalGaussian(new double[] {0.5, 0, 1}, new double[] {1, 1, 1}); // the lanes
    for (List<DiagonalGaussian> starts : List.of(List.of(start), List.of(start, start, start), List.of(offset))) {
      GaussianLaw.Propagation p = law.propagate(heun, ou, grid, 0, starts);
      assertFalse(p.defined(), starts.size() + " starts");
      assertEquals(8, p.scoreEvaluations(), "4 steps × 2 evaluations, on the undefined path too");
      assertTrue(p.undefined().contains("t = 0.0") && p.undefined().contains("eigenvalue 1"), p.undefined());
    }
  }

  /**
   * The run reads its last step's score-call times first and stops there when one falls where the
   * score is undefined; that message must be the one each propagation gives when it reaches the call:
   * the fused and the general probed pass (ode-heun with one and with three starts) and the lanes
   * (ode-heun and ode-rk4), with the zero eigenvalues at 700 and 900 of 1100, beyond the first block of
   * lanes. Run directly, every propagation stops there too.
   */
  @Test
  void theLastStepIsReadFirstAndSaysWhatEachPropagationSays() {
    int d = 1100;
    double[] lambda = new double[d];
    for (int j = 0; j < d; j++) lambda[j] = 1 + j / 100.0;
    lambda[700] = 0;
    lambda[900] = 0;
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[d], lambda);
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0, 4);
    ScorePerturbation e = new ScorePerturbation(ou, new double[d], d, d);
    DiagonalGaussian start = new DiagonalGaussian(new double[d], lambda.clone());
    for (String name : new String[] {"ode-heun", "ode-rk4"}) {
      Scheme scheme = Schemes.parse(name);
      GaussianLaw.Propagation p = law.propagate(scheme, ou, grid, 0, List.of(start));
      assertFalse(p.defined(), name);
      assertEquals("the score is undefined at t = 0.0: eigenvalue 700 of Σ is 0 and b_t² = 0, so the step divides"
          + " by zero", p.undefined(), name);
      assertEquals(4L * scheme.scoreEvaluationsPerStep(), p.scoreEvaluations(), name);
      String lanes = assertThrows(org.mixproof.sampler.UndefinedStepException.class,
          () -> law.runLanes(scheme, ou, grid, 0, e, 0, 0, new double[1][d], new double[][] {new double[d]})).getMessage();
      assertEquals(p.undefined(), lanes, name + " lanes");
    }
    Scheme heun = Schemes.parse("ode-heun");
    // the other steps are not run at all: a Heun that refuses every step but the last is still reported
    double last = grid.time(grid.steps() - 1);
    Scheme lastOnly = new Scheme() {
      @Override public String name() { return "heun-last-step-only"; }
      @Override public int scoreEvaluationsPerStep() { return 2; }
      @Override public int noiseDrawsPerStep() { return 0; }
      @Override public void step(double t, double tNext, double[] y, org.mixproof.sampler.StepContext c) {
        if (t != last) throw new AssertionError("step from " + t + " was run");
        heun.step(t, tNext, y, c);
      }
    };
    assertEquals(law.propagate(heun, ou, grid, 0, List.of(start)).undefined(),
        law.propagate(lastOnly, ou, grid, 0, List.of(start)).undefined());
    for (int starts : new int[] {1, 3}) { // fused pass, general pass
      String probed = assertThrows(org.mixproof.sampler.UndefinedStepException.class,
          () -> law.runProbed(heun, ou, grid, 0, e, 0, new double[starts][d])).getMessage();
      assertEquals(law.propagate(heun, ou, grid, 0, List.of(start)).undefined(), probed, starts + " starts");
    }
  }

  /** A scheme that declares one score call and one draw per step but takes {@code calls} and {@code draws}. */
  static Scheme misdeclared(int calls, int draws) {
    return new Scheme() {
      @Override public String name() { return "test-misdeclared"; }
      @Override public int scoreEvaluationsPerStep() { return 1; }
      @Override public int noiseDrawsPerStep() { return 1; }
      @Override public void step(double t, double tn, double[] y, org.mixproof.sampler.StepContext c) {
        double[] s = new double[y.length], xi = new double[y.length];
        for (int i = 0; i < calls; i++) c.score(t, y, s);
        for (int i = 0; i < draws; i++) c.noise(xi);
        for (int i = 0; i < y.length; i++) y[i] += (t - tn) * (y[i] + 2 * s[i]) + Math.sqrt(2 * (t - tn)) * xi[i];
      }
    };
  }

  /**
   * The probing trusts a scheme's declared counts only after checking them: more score calls or draws
   * than declared stop at the first extra one, fewer are found after the step; each names the scheme.
   */
  @Test
  void aSchemeThatMisdeclaresItsCallsOrDrawsIsRefused() {
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[2], new double[] {1, 2});
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0.05, 3);
    List<DiagonalGaussian> centred = List.of(new DiagonalGaussian(new double[2], new double[] {1, 1}));
    var extraCall = assertThrows(IllegalStateException.class, () -> law.propagate(misdeclared(2, 1), ou, grid, 0, centred));
    assertTrue(extraCall.getMessage().contains("evaluates the score more than its declared 1 times"), extraCall.getMessage());
    var extraDraw = assertThrows(IllegalStateException.class, () -> law.propagate(misdeclared(1, 2), ou, grid, 0, centred));
    assertTrue(extraDraw.getMessage().contains("draws more than its declared 1 times"), extraDraw.getMessage());
    var fewer = assertThrows(IllegalStateException.class, () -> law.propagate(misdeclared(1, 0), ou, grid, 0, centred));
    assertTrue(fewer.getMessage().contains("made 1 score calls and 0 draws in a step but declares 1 and 1"), fewer.getMessage());
  }

  /** A step that multiplies by 1e200 overflows in two steps: the run is undefined, not infinite. */
  @Test
  void anOverflowingRecursionIsUndefined() {
    Scheme blowUp = new Scheme() {
      @Override public String name() { return "test-blow-up"; }
      @Override public int scoreEvaluationsPerStep() { return 2; } // two calls: a count of steps × 2, not steps / 2
      @Override public int noiseDrawsPerStep() { return 0; }
      @Override public void step(double t, double tn, double[] y, org.mixproof.sampler.StepContext c) {
        double[] s = new double[y.length];
        c.score(t, y, s);
        c.score(tn, y, s);
        for (int i = 0; i < y.length; i++) y[i] = 1e200 * y[i] + 0 * s[i];
      }
    };
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[2], new double[] {1, 2});
    GaussianLaw.Propagation p = law.propagate(blowUp, Schedules.parse("vp-ou"), TimeGrid.uniform(1, 0.05, 3), 0,
        List.of(new DiagonalGaussian(new double[2], new double[] {1, 1})));
    assertFalse(p.defined());
    assertTrue(p.undefined().contains("overflowed"), p.undefined());
    assertEquals(6, p.scoreEvaluations());
  }

  @Test
  void refusalsNameWhatIsWrong() {
    var e1 = assertThrows(IllegalArgumentException.class, () -> GaussianLaw.ofDiagonal(new double[] {0}, new double[] {1, 2}));
    assertTrue(e1.getMessage().contains("d = 2"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> GaussianLaw.ofDiagonal(new double[] {0, Double.NaN}, new double[] {1, 2}));
    assertTrue(e2.getMessage().contains("mean[1]"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaussianLaw.ofDiagonal(null, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> GaussianLaw.of(null));
    var e3 = assertThrows(IllegalArgumentException.class, () -> GaussianLaw.of(GaussianMixture.of(new double[] {0.5, 0.5},
        new double[][] {{0}, {1}}, new double[][][] {{{1}}, {{1}}})));
    assertTrue(e3.getMessage().contains("k = 2"), e3.getMessage());

    GaussianLaw law = GaussianLaw.ofDiagonal(new double[2], new double[] {1, 2});
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0.05, 4);
    Scheme em = Schemes.parse("em");
    List<DiagonalGaussian> start = List.of(new DiagonalGaussian(new double[2], new double[] {1, 1}));
    ScorePerturbation e = new ScorePerturbation(ou, new double[2], 3, 2);
    var e4 = assertThrows(IllegalArgumentException.class, () -> law.propagate(em, ou, grid, Double.NaN, e, start));
    assertTrue(e4.getMessage().contains("epsScore"), e4.getMessage());
    assertThrows(IllegalArgumentException.class, () -> law.propagate(em, ou, grid, 0, e, List.of()));
    assertThrows(IllegalArgumentException.class, () -> law.propagate(null, ou, grid, 0, e, start));
    assertThrows(IllegalArgumentException.class, () -> law.propagate(em, null, grid, 0, e, start));
    assertThrows(IllegalArgumentException.class, () -> law.propagate(em, ou, null, 0, e, start));
    var e5 = assertThrows(IllegalArgumentException.class, () -> law.propagate(em, ou, grid, 0, e,
        List.of(new DiagonalGaussian(new double[3], new double[] {1, 1, 1}))));
    assertTrue(e5.getMessage().contains("starts[0]"), e5.getMessage());
    var e6 = assertThrows(IllegalArgumentException.class, () -> law.propagate(em, ou, grid, 0,
        new ScorePerturbation(ou, new double[3], 3, 3), start));
    assertTrue(e6.getMessage().contains("d = 2"), e6.getMessage());
  }
}
