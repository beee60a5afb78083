package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The exact Gaussian law of five one-evaluation schemes against their per-coordinate recursions,
 * written here from the scheme formulas (docs/claims.md §5), on centred data N(0, diag(λ)) under
 * vp-ou (f = −1, g² = 2): the score at time t is c_t y with c_t = −1/(a_t²λ + b_t²) + ε/√(a_t² Σλ + d b_t²)
 * (the exact score plus ε times the score error e_t of {@link org.mixproof.sampler.ScorePerturbation}),
 * so each step is y' = m y + noise with
 * <ul>
 *   <li>em: m = 1 + h(1 + 2c), noise 2h; ode-euler: m = 1 + h(1 + c), no noise;
 *   <li>ddpm: m = (1 + 2hc)/√(1 − 2h), noise 2h;
 *   <li>ei: m = e^h + 2(e^h − 1) c, noise e^{2h} − 1; ode-ei: m = e^h + (e^h − 1) c, no noise;
 *   <li>ode-heun (k₁ = (1 + c_t) y, k₂ = (1 + c_{t'})(y + h k₁), y' = y + h(k₁ + k₂)/2):
 *       m = 1 + h/2 [(1 + c_t) + (1 + c_{t'})(1 + h(1 + c_t))], no noise;
 *   <li>ode-rk4: the same with four stages at t, t − h/2, t − h/2, t' (four calls, two at one time: the
 *       probing's general pass, which reuses the coefficients of a repeated time).
 * </ul>
 * Variances follow v' = m² v + noise and means μ' = m μ. A zero start mean is read by probing
 * ({@link ProbedPropagation}; one or two starts in its fused pass, three in its general pass), a non-zero one by stacked lanes ({@link LanePropagation}): both are held
 * to the same recursion. Small (d = 3, 8 steps) so that it is fast.
 */
class GaussianLawRecursionTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");
  static final double[] LAMBDA = {0.25, 1, 4};
  static final double T = 2, DELTA = 0.05;
  static final int N = 8;

  static double[][] expected(String scheme, double eps, double[] mean0, double[] v0) {
    double h = (T - DELTA) / N, sum = LAMBDA[0] + LAMBDA[1] + LAMBDA[2];
    double[] mu = mean0.clone(), v = v0.clone();
    for (int i = 0; i < N; i++) {
      double t = T - i * h;
      for (int j = 0; j < LAMBDA.length; j++) {
        double c = c(t, j, eps, sum), cNext = c(t - h, j, eps, sum);
        double m, noise;
        switch (scheme) {
          case "ode-heun" -> { m = 1 + h / 2 * ((1 + c) + (1 + cNext) * (1 + h * (1 + c))); noise = 0; }
          case "ode-rk4" -> { // stages at t, t − h/2 (twice), t − h on y' = (1 + c_t) y, multipliers of y
            double cMid = c(t - h / 2, j, eps, sum);
            double k1 = 1 + c, k2 = (1 + cMid) * (1 + h / 2 * k1), k3 = (1 + cMid) * (1 + h / 2 * k2);
            double k4 = (1 + cNext) * (1 + h * k3);
            m = 1 + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            noise = 0;
          }
          case "em" -> { m = 1 + h * (1 + 2 * c); noise = 2 * h; }
          case "ode-euler" -> { m = 1 + h * (1 + c); noise = 0; }
          case "ddpm" -> { m = (1 + 2 * h * c) / Math.sqrt(1 - 2 * h); noise = 2 * h; }
          case "ei" -> { m = Math.exp(h) + 2 * Math.expm1(h) * c; noise = Math.expm1(2 * h); }
          default -> { m = Math.exp(h) + Math.expm1(h) * c; noise = 0; }
        }
        mu[j] = m * mu[j];
        v[j] = m * m * v[j] + noise;
      }
    }
    return new double[][] {mu, v};
  }

  /** The score's coefficient at time t in coordinate j: −1/(a²λ_j + b²) + ε/√(a² Σλ + d b²). */
  static double c(double t, int j, double eps, double sum) {
    double a2 = Math.exp(-2 * t), b2 = -Math.expm1(-2 * t);
    return -1 / (a2 * LAMBDA[j] + b2) + eps / Math.sqrt(a2 * sum + LAMBDA.length * b2);
  }

  @Test
  void probingAndLanesFollowTheSchemeRecursions() {
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[3], LAMBDA);
    TimeGrid grid = TimeGrid.uniform(T, DELTA, N);
    double[] zero = new double[3], ones = {1, 1, 1}, mean = {0.5, -1, 2}, wide = {2, 0.5, 3};
    for (String scheme : new String[] {"em", "ode-euler", "ddpm", "ei", "ode-ei", "ode-heun", "ode-rk4"}) {
      for (double eps : new double[] {0, 0.2}) {
        GaussianLaw.Propagation probed = law.propagate(Schemes.parse(scheme), OU, grid, eps,
            List.of(new DiagonalGaussian(zero, ones), new DiagonalGaussian(zero.clone(), wide)));
        // three starts take the probing's general (unfused) pass
        GaussianLaw.Propagation three = law.propagate(Schemes.parse(scheme), OU, grid, eps,
            List.of(new DiagonalGaussian(zero, ones), new DiagonalGaussian(zero.clone(), wide),
                new DiagonalGaussian(zero.clone(), ones.clone())));
        GaussianLaw.Propagation lanes = law.propagate(Schemes.parse(scheme), OU, grid, eps,
            List.of(new DiagonalGaussian(mean, ones)));
        assertTrue(probed.defined() && lanes.defined(), scheme);
        assertEquals(N, probed.steps());
        assertEquals((long) N * Schemes.parse(scheme).scoreEvaluationsPerStep(), probed.scoreEvaluations());
        double[][] p1 = expected(scheme, eps, zero, ones), p2 = expected(scheme, eps, zero, wide);
        double[][] l = expected(scheme, eps, mean, ones);
        for (int j = 0; j < 3; j++) {
          // 8 steps of a product of a few roundings each (and the probing's own read of m): 64 N u relative
          double tol = 64 * N * RoundingModel.EPS;
          String at = scheme + " eps " + eps + " j " + j;
          assertEquals(p1[1][j], probed.law(0).variance()[j], tol * p1[1][j], "probed " + at);
          assertEquals(p2[1][j], probed.law(1).variance()[j], tol * p2[1][j], "probed (second start) " + at);
          assertEquals(p1[1][j], three.law(0).variance()[j], tol * p1[1][j], "general pass " + at);
          assertEquals(p2[1][j], three.law(1).variance()[j], tol * p2[1][j], "general pass (second start) " + at);
          assertEquals(p1[1][j], three.law(2).variance()[j], tol * p1[1][j], "general pass (third start) " + at);
          assertEquals(0, probed.law(0).mean()[j], 0, "centred stays centred " + at);
          assertEquals(l[1][j], lanes.law(0).variance()[j], tol * l[1][j], "lanes " + at);
          assertEquals(l[0][j], lanes.law(0).mean()[j], tol * Math.abs(l[0][j]) + 1e-300, "lanes mean " + at);
        }
      }
    }
  }

  /**
   * Above one block of {@link LanePropagation#BLOCK} coordinates the lanes run block by block: at
   * d = 1100 (two full blocks and one of 76) and d = 1024 (two full, none left over) every coordinate,
   * the last block's included, follows em's recursion m = 1 + h(1 + 2c), v' = m²v + 2h, μ' = mμ with
   * c = −1/(a²λ_j + b²) + ε/√(a²Σλ + d b²), whose sum runs over all blocks.
   */
  @Test
  void lanesFollowTheRecursionAcrossBlocks() {
    for (int d : new int[] {1100, 2 * LanePropagation.BLOCK}) {
      double[] lambda = new double[d], mean = new double[d], ones = new double[d];
      double sum = 0;
      for (int j = 0; j < d; j++) {
        lambda[j] = 0.25 * (1 + j % 7);
        mean[j] = 0.5 + (j % 5) - 2;
        ones[j] = 1;
        sum += lambda[j];
      }
      double eps = 0.2;
      int steps = 4;
      TimeGrid grid = TimeGrid.uniform(T, DELTA, steps);
      GaussianLaw.Propagation lanes = GaussianLaw.ofDiagonal(new double[d], lambda).propagate(Schemes.parse("em"), OU, grid,
          eps, List.of(new DiagonalGaussian(mean, ones)));
      double h = (T - DELTA) / steps;
      for (int j = 0; j < d; j++) {
        double mu = mean[j], v = 1;
        for (int i = 0; i < steps; i++) {
          double t = T - i * h, a2 = Math.exp(-2 * t), b2 = -Math.expm1(-2 * t);
          double c = -1 / (a2 * lambda[j] + b2) + eps / Math.sqrt(a2 * sum + d * b2);
          double m = 1 + h * (1 + 2 * c);
          mu = m * mu;
          v = m * m * v + 2 * h;
        }
        // as above: a few roundings a step, and the d-term sum Σλ read within d u: 64 N u + d u relative
        double tol = (64 * steps + d) * RoundingModel.EPS;
        assertEquals(v, lanes.law(0).variance()[j], tol * v, "d " + d + " variance j " + j);
        assertEquals(mu, lanes.law(0).mean()[j], tol * Math.abs(mu), "d " + d + " mean j " + j);
      }
    }
  }

  /**
   * Two score calls at one time, s_t(y) twice, averaged: y' = y + h(y + (s₁ + s₂)/2) is ode-euler's
   * multiplier 1 + h(1 + c_t). With three starts the probing takes its general pass, which reuses the
   * coefficients of a time already called (no bundled scheme calls one time twice within two calls).
   */
  @Test
  void aRepeatedCallTimeReusesItsCoefficients() {
    Scheme twice = new Scheme() {
      @Override public String name() { return "test-euler-twice"; }
      @Override public int scoreEvaluationsPerStep() { return 2; }
      @Override public int noiseDrawsPerStep() { return 0; }
      @Override public void step(double t, double tn, double[] y, org.mixproof.sampler.StepContext c) {
        double[] s1 = new double[y.length], s2 = new double[y.length];
        c.score(t, y, s1);
        c.score(t, y, s2);
        double h = t - tn;
        for (int i = 0; i < y.length; i++) y[i] += h * (y[i] + 0.5 * (s1[i] + s2[i]));
      }
    };
    double[] zero = new double[3], ones = {1, 1, 1}, wide = {2, 0.5, 3};
    GaussianLaw.Propagation three = GaussianLaw.ofDiagonal(new double[3], LAMBDA).propagate(twice, OU,
        TimeGrid.uniform(T, DELTA, N), 0, List.of(new DiagonalGaussian(zero, ones), new DiagonalGaussian(zero.clone(), wide),
            new DiagonalGaussian(zero.clone(), ones.clone())));
    double[][] p1 = expected("ode-euler", 0, zero, ones), p2 = expected("ode-euler", 0, zero, wide);
    for (int j = 0; j < 3; j++) {
      double tol = 64 * N * RoundingModel.EPS;
      assertEquals(p1[1][j], three.law(0).variance()[j], tol * p1[1][j], "j " + j);
      assertEquals(p2[1][j], three.law(1).variance()[j], tol * p2[1][j], "second start, j " + j);
    }
  }

  @Test
  void aStepThatCannotBeTakenMakesTheRunUndefined() {
    // ddpm with h = 0.6 needs √(1 − 2h) of a negative number: the run is undefined, not NaN
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[3], LAMBDA);
    GaussianLaw.Propagation p = law.propagate(Schemes.parse("ddpm"), OU, TimeGrid.uniform(1.25, 0.05, 2), 0,
        List.of(new DiagonalGaussian(new double[3], new double[] {1, 1, 1})));
    assertTrue(!p.defined(), "undefined");
    assertEquals(2, p.steps());
  }
}
