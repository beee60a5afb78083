package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.EPS;

import org.junit.jupiter.api.Test;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.StepContext;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@link AdditiveNoise#sigma} on the real em and ode-heun steps and on hand-made steps
 * y' = F(y) + Σ σ_k(y) ξ_k whose σ_k are chosen to sit on either side of its checks (σ_k the same
 * at every point to 1e-8 relative plus 64 ulp of the largest value seen; the draws add up).
 */
class AdditiveNoiseTest {

  /** A scheme with {@code draws} draws: y' = step.apply(index, y, xi_1, …). */
  interface Step {
    double apply(int i, double y, double[] xi);
  }

  static Scheme scheme(String name, int draws, Step f) {
    return new Scheme() {
      @Override public String name() { return name; }
      @Override public int scoreEvaluationsPerStep() { return 0; }
      @Override public int noiseDrawsPerStep() { return draws; }
      @Override public void step(double t, double tNext, double[] y, StepContext c) {
        double[][] xi = new double[draws][y.length];
        for (double[] x : xi) c.noise(x);
        double[] at = new double[draws];
        for (int i = 0; i < y.length; i++) {
          for (int k = 0; k < draws; k++) at[k] = xi[k][i];
          y[i] = f.apply(i, y[i], at);
        }
      }
    };
  }

  static final Score LINEAR = (t, y, out) -> {
    for (int i = 0; i < y.length; i++) out[i] = -y[i];
  };

  static NoiseSchedule ou() { return Schedules.parse("vp-ou"); }

  @Test
  void emOnALinearScoreHasSigmaRootTwoH() {
    // vp-ou (f = −1, g² = 2), s(y) = −y, h = 1/4: F(y) = (1 + h) y − 2h y = 0.75 y (exact for these y), σ = √(2h) = √0.5
    double[] y = {-1, 0, 2}, f = new double[3];
    double sigma = AdditiveNoise.sigma(Schemes.EM, ou(), LINEAR, 1, 0.75, y, f);
    assertArrayEquals(new double[] {-0.75, 0, 1.5}, f, 0.0);
    // σ = (F + √0.5) − F at y = −1: one rounding of the sum (u·|F + √0.5| ≤ u) and of √0.5 (u): 2 EPS
    assertEquals(Math.sqrt(0.5), sigma, 2 * EPS);
  }

  @Test
  void aDeterministicStepHasSigmaZero() {
    // no draws: only the "all draws" pass runs, with expected Σ σ_k = 0 and g = f exactly
    double[] y = {-1, 0.5, 3}, f = new double[3];
    assertEquals(0.0, AdditiveNoise.sigma(Schemes.ODE_HEUN, ou(), LINEAR, 1, 0.75, y, f));
    // Heun on y' = y + s(y) = 0 (vp-ou reverse ODE y' = −f y − g²/2 s = y − y): F is the identity
    assertArrayEquals(y, f, 0.0);
  }

  @Test
  void aNonFiniteStepIsAnArithmeticError() {
    Scheme inv = scheme("inv", 1, (i, y, xi) -> 1 / y + xi[0]);
    double[] y = {1, 0};
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> AdditiveNoise.sigma(inv, ou(), LINEAR, 1, 0.75, y, new double[2]));
    assertTrue(e.getMessage().contains("of inv is not finite at 0.0"), e.getMessage());
  }

  @Test
  void drawsThatDoNotAddUpAreRejected() {
    // y' = y + ξ1 + ξ2 + ξ1 ξ2: each draw alone has σ = 1, both together move y by 3, not 2
    Scheme prod = scheme("prod", 2, (i, y, xi) -> y + xi[0] + xi[1] + xi[0] * xi[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AdditiveNoise.sigma(prod, ou(), LINEAR, 1, 0.75, new double[] {0, 1}, new double[2]));
    assertTrue(e.getMessage().contains("scheme prod is not of the form F(y) + Σ σ_k ξ_k at t = 1.0: its draws do not add up"),
        e.getMessage());
  }

  @Test
  void aSigmaThatVariesWithTheStateIsRejectedNamingBothValues() {
    // y' = y + y ξ: σ = 1 at y = 1, 2 at y = 2 (g − f = 4 − 2), all exact
    Scheme mult = scheme("mult", 1, (i, y, xi) -> y + y * xi[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AdditiveNoise.sigma(mult, ou(), LINEAR, 1, 0.75, new double[] {1, 2}, new double[2]));
    assertTrue(e.getMessage().endsWith("at t = 1.0: draw 0 has σ 1.0 at 1.0 but 2.0 at 2.0"), e.getMessage());
  }

  @Test
  void theRelativeToleranceIsOneInTenToTheEighthOfSigma() {
    // σ(y) = 0.01 (1 + r y) at y = 0 and 1: the spread 0.01 r against 1e-8 · 0.01 = 1e-10 (+ 64 ulp(1.01) ≈ 1.4e-14)
    Scheme wide = scheme("wide", 1, (i, y, xi) -> y + 0.01 * (1 + 1e-6 * y) * xi[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AdditiveNoise.sigma(wide, ou(), LINEAR, 1, 0.75, new double[] {0, 1}, new double[2]));
    assertTrue(e.getMessage().contains("draw 0 has σ 0.01 at 0.0"), e.getMessage());
    // spread 1e-11 (r = 1e-9) < 1e-10: accepted, σ read at the first point: 0.01 + 0 − 0 exactly
    Scheme narrow = scheme("narrow", 1, (i, y, xi) -> y + 0.01 * (1 + 1e-9 * y) * xi[0]);
    assertEquals(0.01, AdditiveNoise.sigma(narrow, ou(), LINEAR, 1, 0.75, new double[] {0, 1}, new double[2]), 0.0);
  }

  @Test
  void cancellingLargeDrawsAreAllowedTheRoundingOfTheirIntermediateValues() {
    // y' = (y + A ξ1) − A ξ2, A = 1e10. At y = 0.1 (ulp(A) = 2⁻¹⁹ ≈ 1.9e-6): fl(0.1 + A) − 0.1 rounds to A and
    // fl(0.1 − A) − 0.1 to −A (the residues ≈ 3.8e-7 are below ulp/2), so Σ σ_k = 0, while all draws give
    // fl(fl(0.1 + A) − A) − 0.1 ≈ 3.8e-7 ≠ 0: within 64 ulp(A) ≈ 1.2e-4 of the largest value seen, far
    // above 64 ulp(0.3) of the states alone
    double a = 1e10;
    Scheme cancel = scheme("cancel", 2, (i, y, xi) -> (y + a * xi[0]) - a * xi[1]);
    double sigma = AdditiveNoise.sigma(cancel, ou(), LINEAR, 1, 0.75, new double[] {0.1, 0.3}, new double[2]);
    // σ = √(A² + A²) from σ_k = ±A exactly: one rounding each of the square sum and the root, 2u = EPS relative
    assertEquals(Math.sqrt(2) * a, sigma, 2 * EPS * Math.sqrt(2) * a);
  }

  @Test
  void theRoundingAllowanceIsInclusive() {
    // F = identity at y = 1, 1; σ_0 = 0 at the first point and 2⁻⁴⁶ at the second: expected 0, the spread
    // (1 + 2⁻⁴⁶) − 1 = 2⁻⁴⁶ exactly, and the allowance 1e-8·0 + 64 ulp(1 + 2⁻⁴⁶) = 64 · 2⁻⁵² = 2⁻⁴⁶ exactly
    Scheme edge = scheme("edge", 1, (i, y, xi) -> y + (i == 0 ? 0 : 0x1p-46) * xi[0]);
    assertEquals(0.0, AdditiveNoise.sigma(edge, ou(), LINEAR, 1, 0.75, new double[] {1, 1}, new double[2]));
    // twice the allowance is rejected
    Scheme over = scheme("over", 1, (i, y, xi) -> y + (i == 0 ? 0 : 0x1p-45) * xi[0]);
    assertThrows(IllegalArgumentException.class,
        () -> AdditiveNoise.sigma(over, ou(), LINEAR, 1, 0.75, new double[] {1, 1}, new double[2]));
  }
}
