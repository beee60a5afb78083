package org.mixproof.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The sampler's thresholds at exactly their boundary values (docs/mutation.md: the mutants that flip
 * a {@code <} into {@code <=} there survived every other test). Each input is built so that the
 * compared quantity equals the threshold in double arithmetic, not merely near it.
 */
class SamplerThresholdTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");

  /** A schedule with a = ½, the given constant b², f = −0.1 and g² = 1 (not a consistent SDE: only the branch matters). */
  static NoiseSchedule constant(double b2) {
    return new NoiseSchedule() {
      @Override public String spec() { return "constant:" + b2; }
      @Override public double tMax() { return 1; }
      @Override public double a(double t) { return 0.5; }
      @Override public double b2(double t) { return b2; }
      @Override public double f(double t) { return -0.1; }
      @Override public double g2(double t) { return 1; }
    };
  }

  @Test
  void varianceIsPreservedUpToExactlyFourEps() {
    // 0.25 + (0.75 + 4ε) = 1 + 4ε exactly, so |a² + b² − 1| is exactly 4ε: still variance-preserving,
    // whose noise variance over [0.5, 1] is expm1(−2ℓ) = expm1(0.1) with ℓ = ∫ f = −0.05
    ExponentialIntegrals at = ExponentialIntegrals.of(constant(0.75 + 4 * RoundingModel.EPS), 1, 0.5);
    assertEquals(Math.expm1(0.1), at.noiseVariance(), 2 * Math.ulp(Math.expm1(0.1)));
    // 8ε is beyond it: the general identity I_n = Φ² b_t² − b_t'² = b² (e^{0.1} − 1) instead
    double b2 = 0.75 + 8 * RoundingModel.EPS;
    ExponentialIntegrals beyond = ExponentialIntegrals.of(constant(b2), 1, 0.5);
    // Φ²b² − b² subtracts 0.75 from 0.83: a few roundings of 1 (Φ = 1 + expm1(0.05), two products, one difference)
    assertEquals(b2 * Math.expm1(0.1), beyond.noiseVariance(), 8 * RoundingModel.EPS);
  }

  @Test
  void ly24RefusesABetaOfExactlyOne() {
    // T = 2, c1 = 2/ln 2: r = c1 ln T / T = 1 exactly, and β₂ = r·min(β₁(1 + r), 1) = 1 (β₁ = 2^−½)
    double c1 = 2 / Math.log(2);
    assertEquals(1.0, c1 * Math.log(2) / 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(OU, 2, 0.5, c1));
    assertTrue(e.getMessage().contains("β_2 = 1.0 ≥ 1"), e.getMessage());
  }

  @Test
  void clw25RefusesAnOvershootOfExactlyOne() {
    // T = 2, c0 = 1: ᾱ₂ = ½; c1 = 4/ln 2 makes r = 2 exactly, so r ᾱ₂ = 1 and ᾱ₁ = ½(1 + r·½) = 1
    double c1 = 4 / Math.log(2);
    assertEquals(2.0, c1 * Math.log(2) / 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.clw25(OU, 2, 1, c1));
    assertTrue(e.getMessage().contains("overshoots: r ᾱ_2 = 1.0 ≥ 1 (r = c1 log T / T = 2.0), so ᾱ_1 ≥ 1"), e.getMessage());
  }

  @Test
  void pointMassDataHaveAPerturbationScale() {
    // tr Cov p₀ = 0 is allowed (a point mass): e_t = ε/√(a²·0 + d b²) per unit of (y − a m₀)
    ScorePerturbation p = new ScorePerturbation(OU, new double[] {1, -2}, 0, 2);
    double t = 0.3, b2 = -Math.expm1(-2 * t);
    assertEquals(1 / Math.sqrt(2 * b2), p.scale(t), 4 * Math.ulp(1 / Math.sqrt(2 * b2)));
  }

  /**
   * 1 − ᾱ_t of [CLW25] falls like T^{−c1} (u' = u(1 − r ᾱ)), below the smallest double for large c1:
   * then two times are 0 (T = 90, c1 = 20), or only t_1 is (T = 145, c1 = 29) — each refused by its own
   * check, with its own message (found by scanning T ≤ 400, c1 ≤ 60).
   */
  @Test
  void clw25RefusesCoincidingTimesAndAZeroFirstTime() {
    IllegalArgumentException equal = assertThrows(IllegalArgumentException.class, () -> TimeGrid.clw25(OU, 90, 0.5, 20));
    assertTrue(equal.getMessage().contains("has two equal times 0.0"), equal.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> TimeGrid.clw25(OU, 145, 0.5, 29));
    assertTrue(zero.getMessage().contains("has t_1 = 0"), zero.getMessage());
  }

  /**
   * The exponential grid's check of strict decrease covers its last pair: with T = nextUp(δ) and two
   * steps, t₁ = exp(½(ln T + ln δ)) — the grid's definition, uniform in φ = ln t — lies half an ulp from
   * both ends and rounds onto one of them; where it rounds onto δ only the last pair coincides, and the
   * grid must still be refused. Scanned over δ ∈ [0.3, 0.4) until such a δ is met.
   */
  @Test
  void anExponentialGridWhoseOnlyCoincidingPairIsTheLastIsRefused() {
    int lastPairOnly = 0;
    for (int j = 0; j < 1000 && lastPairOnly < 3; j++) {
      double delta = 0.3 + j * 1e-4, horizon = Math.nextUp(delta);
      double t1 = Math.exp(0.5 * (Math.log(horizon) + Math.log(delta)));
      if (t1 != delta) continue;
      lastPairOnly++;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.exponential(horizon, delta, 2));
      assertTrue(e.getMessage().contains("not strictly decreasing"), e.getMessage());
    }
    assertEquals(3, lastPairOnly, "the scan meets grids whose t_1 rounds onto δ");
  }

  /**
   * A discrete grid may end exactly at the schedule's horizon: a vp schedule with log a_t = t L/2, where
   * L is [LY24]'s log ᾱ_T for T = 8 (summed as the definition reads), reaches a(1)² = ᾱ_T exactly at
   * tMax = 1, and the grid is placed with t_T at the horizon, not refused.
   */
  @Test
  void aDiscreteGridMayEndExactlyAtTheHorizon() {
    int n = 8;
    double c0 = 1, c1 = 2, logAlphaBarT = 0;
    for (int i = 1; i <= n; i++) logAlphaBarT += Math.log1p(-TimeGridAndIntegralsTest.ly24Beta(i, n, c0, c1));
    double half = 0.5 * logAlphaBarT;
    NoiseSchedule exact = new NoiseSchedule() {
      @Override public String spec() { return "exact-end"; }
      @Override public double tMax() { return 1; }
      @Override public double logA(double t) { return t * half; }
      @Override public double a(double t) { return Math.exp(t * half); }
      @Override public double b2(double t) { return -Math.expm1(2 * t * half); }
      @Override public double f(double t) { return half; }
      @Override public double g2(double t) { return -2 * half; }
    };
    assertEquals(logAlphaBarT, 2 * exact.logA(exact.tMax()), 0, "ᾱ_T = a(tMax)² exactly");
    TimeGrid g = TimeGrid.ly24(exact, n, c0, c1);
    assertEquals(1, g.horizon(), 1e-12, "t_T at the horizon");
  }
}
