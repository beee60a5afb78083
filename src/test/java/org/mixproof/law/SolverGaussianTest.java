package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.EPS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.sampler.Schemes;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@link SolverGaussian} against hand values and an independent per-step recursion: the settling rule of
 * {@link SolverGaussian#order} on errors computed here from the ode-heun recursion (the formula of
 * {@link GaussianLawRecursionTest}), the rounding floor that stops it, the continuous-limit bookkeeping
 * against the closed form, the {@link SolverGaussian.Limit} summaries on hand-made records, and
 * {@link SolverGaussian#sdeVsOde} on ve-linear cases whose every intermediate is a dyadic rational (so the
 * expected values are exact).
 */
class SolverGaussianTest {

  // ------------------------------------------------------------------ an independent ode-heun error

  /**
   * W2(output_N, p_δ) of ode-heun on vp-ou from p_T exactly, centred data N(0, diag(λ)), uniform grid T → δ
   * in N steps: per coordinate v_N = λ_T Π m_k², m = 1 + h/2 [(1 + c_t) + (1 + c_{t'})(1 + h(1 + c_t))],
   * c_t = −1/(a_t²λ + b_t²), a_t = e^{−t}, b_t² = 1 − e^{−2t}; W2² = Σ (√v_N − √λ_δ)².
   */
  static double heunError(double[] lambda, double T, double delta, int n) {
    double s = 0;
    for (double l : lambda) {
      double v = lt(l, T);
      for (int i = 0; i < n; i++) {
        double t = T - (T - delta) * i / n, tn = i + 1 == n ? delta : T - (T - delta) * (i + 1) / n, h = t - tn;
        double c = -1 / lt(l, t), cn = -1 / lt(l, tn);
        double m = 1 + h / 2 * ((1 + c) + (1 + cn) * (1 + h * (1 + c)));
        v = m * m * v;
      }
      double target = lt(l, delta), d = (v - target) / (Math.sqrt(v) + Math.sqrt(target));
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** λ_t = a_t²λ + b_t² on vp-ou. */
  static double lt(double lambda, double t) { return Math.exp(-2 * t) * lambda - Math.expm1(-2 * t); }

  /**
   * |W2 here − W2 in production| at N steps: each computation's v_j is within 64 N ε v_j of the exact
   * recursion (the bound GaussianLawRecursionTest holds the propagation to; the recursion here has the
   * same operation count), so each √v_j is within 32 N ε √v_j and the two W2 within 64 N ε √(Σ v_j) ≤
   * 64 N ε √(Σλ + d) (on vp every λ_t ≤ λ + 1).
   */
  static double errorTol(double[] lambda, int n) { return 64 * n * EPS * Math.sqrt(SolverGaussian.sum(lambda) + lambda.length); }

  @Test
  void sumAddsEveryEntry() {
    // 1 + 2 + 3.5 = 6.5, exact in binary
    assertEquals(6.5, SolverGaussian.sum(new double[] {1, 2, 3.5}), 0);
    assertEquals(0, SolverGaussian.sum(new double[0]), 0);
  }

  @Test
  void perUnitTimeIsTheDocumentedStartingResolution() {
    // the javadoc of order: 64 for p = 1, 16 for p = 2, 4 for p = 4
    assertEquals(64, SolverGaussian.perUnitTime(1));
    assertEquals(16, SolverGaussian.perUnitTime(2));
    assertEquals(4, SolverGaussian.perUnitTime(4));
  }

  /**
   * The settling rule on vp-ou (T = 1.5, so δ = 0.1·T = 0.15 ≠ 0.1/T): the slopes log₂(e_N/e_{2N}) of the
   * independent ode-heun errors, refined from n = ⌈1.5·16⌉ = 24 until three consecutive slopes agree
   * within 0.05, give the steps, slope and errors {@code order} must return. Σλ = 0.75 &lt; d = 2: the
   * floor's scale √(Σλ + d) is real (√(Σλ − d) would be NaN and stop every refinement). With maxSteps
   * exactly the settling N the result is the same; one less and the run ends unsettled at the last error.
   */
  @Test
  void orderSettlesWhereTheIndependentSlopesAgree() {
    double[] lambda = {0.25, 0.5};
    NoiseSchedule ou = Schedules.parse("vp-ou");
    double T = 1.5, delta = 0.15, agree = 0.05;
    int n = 24;
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[2], lambda);
    // the expected run of the rule, on the errors computed here
    List<Double> slopeTols = new ArrayList<>();
    double e = heunError(lambda, T, delta, n), lastSlope = Double.NaN, lastDiff = Double.NaN;
    int settledAt = 0;
    double slope = Double.NaN, coarse = Double.NaN, fine = Double.NaN;
    for (int steps = 2 * n; steps <= 1 << 14; steps *= 2) {
      double next = heunError(lambda, T, delta, steps);
      assertTrue(next > 100 * steps * EPS * Math.sqrt(2.75) * 2, "well above the rounding floor at " + steps);
      double s = Math.log(e / next) / Math.log(2), diff = Math.abs(s - lastSlope);
      // |Δ log₂(e/e')| ≤ (|Δe|/e + |Δe'|/e') / ln 2 (first order; the relative errors are ≤ 1e-9 here)
      double sTol = (errorTol(lambda, steps / 2) / e + errorTol(lambda, steps) / next) / Math.log(2);
      slopeTols.add(sTol);
      // the decision diff ≤ agree is the same for both computations: diff moves by at most two slope tolerances
      if (!Double.isNaN(diff)) {
        double prev = slopeTols.size() > 1 ? slopeTols.get(slopeTols.size() - 2) : 0;
        assertTrue(Math.abs(diff - agree) > sTol + prev, "decision too close to call at " + steps);
      }
      if (diff <= agree && lastDiff <= agree) {
        settledAt = steps;
        slope = s;
        coarse = e;
        fine = next;
        break;
      }
      lastSlope = s;
      lastDiff = diff;
      e = next;
    }
    assertTrue(settledAt > 4 * n, "the rule needs at least three slopes, settled at " + settledAt);
    SolverGaussian.Order o = SolverGaussian.order(law, Schemes.ODE_HEUN, ou, 16, agree, settledAt);
    assertTrue(o.settled());
    assertEquals(settledAt, o.steps());
    assertEquals(slope, o.slope(), slopeTols.get(slopeTols.size() - 1), "slope");
    assertEquals(coarse, o.coarse(), errorTol(lambda, settledAt / 2), "e_N");
    assertEquals(fine, o.fine(), errorTol(lambda, settledAt), "e_2N");
    assertEquals(2, o.slope(), 0.15, "Heun is second order (the tolerance derived in SolverGaussian.order)");

    SolverGaussian.Order cut = SolverGaussian.order(law, Schemes.ODE_HEUN, ou, 16, agree, settledAt - 1);
    assertFalse(cut.settled(), "maxSteps below the settling N");
    assertEquals(0, cut.steps());
    assertTrue(Double.isNaN(cut.fine()));
    double last = heunError(lambda, T, delta, settledAt / 2);
    assertEquals(last, cut.coarse(), errorTol(lambda, settledAt / 2), "the last error computed");
  }

  /**
   * With agree = −1 no two slopes can agree (|·| ≥ 0), so the refinement runs until the error reaches the
   * floor 100 N ε √(Σλ + d) (λ = {4, 9}: √15) and returns unsettled with the last error above it. The
   * independent errors say where: at every N before the stop e_N &gt; floor, at the stop e_N ≤ floor, each
   * by more than the 64 N ε √15 of {@link #errorTol}.
   */
  @Test
  void orderStopsAtTheRoundingFloor() {
    double[] lambda = {4, 9};
    NoiseSchedule ou = Schedules.parse("vp-ou");
    double T = 1.5, delta = 0.15, scale = Math.sqrt(15);
    int n = 24, maxSteps = 1 << 17;
    double e = heunError(lambda, T, delta, n), expected = Double.NaN;
    int stop = 0;
    for (int steps = 2 * n; steps <= maxSteps; steps *= 2) {
      double next = heunError(lambda, T, delta, steps), floor = 100 * steps * EPS * scale;
      assertTrue(Math.abs(next - floor) > errorTol(lambda, steps), "floor decision too close to call at " + steps);
      if (next <= floor) {
        stop = steps;
        expected = e;
        break;
      }
      e = next;
    }
    assertTrue(stop > 2 * n && stop < maxSteps / 2, "the floor is reached inside the sequence, at " + stop);
    SolverGaussian.Order o = SolverGaussian.order(GaussianLaw.ofDiagonal(new double[2], lambda), Schemes.ODE_HEUN, ou,
        16, -1, maxSteps);
    assertFalse(o.settled());
    assertEquals(0, o.steps());
    assertTrue(Double.isNaN(o.fine()));
    assertEquals(expected, o.coarse(), errorTol(lambda, stop / 2), "the last error above the floor (stop at " + stop + ")");
  }

  /**
   * continuousLimit on vp-ou (T = 1.5, δ = 0.05·T = 0.075) from N(0, I) with em: the continuous error is
   * the closed form of the reverse SDE, v_j = λ_δ + K²(1 − λ_T), K = (a_T/a_δ) λ_δ/λ_T, W2 = √Σ D_j² with
   * D_j = K²(1 − λ_T)/(√v_j + √λ_δ); the steps are first, 2·first, … ≤ last; and the floor is
   * 100·4096·ε·√(Σλ + d) = 409600·ε·3 for λ = {2, 5} (dyadic: exact).
   */
  @Test
  void continuousLimitAgainstTheClosedForm() {
    double[] lambda = {2, 5};
    NoiseSchedule ou = Schedules.parse("vp-ou");
    double T = 1.5, delta = 0.075;
    SolverGaussian.Limit lim = SolverGaussian.continuousLimit(GaussianLaw.ofDiagonal(new double[2], lambda),
        Schemes.EM, ou, 8, 40);
    assertArrayEquals(new int[] {8, 16, 32}, lim.steps());
    assertEquals(3, lim.gaps().length);
    assertEquals(3, lim.errors().length);
    assertEquals(409600 * 3 * EPS, lim.floor(), 0, "floor 100·4096·ε·√9");
    double s = 0, size = 0;
    for (double l : lambda) {
      double lT = lt(l, T), ld = lt(l, delta), k = Math.exp(delta - T) * ld / lT;
      double dv = k * k * (1 - lT), v = ld + dv, d = dv / (Math.sqrt(v) + Math.sqrt(ld));
      s += d * d;
      size += v + ld;
    }
    // v_j, λ_δ carry ≤ 8u relative rounding each (≤ 8 operations from a, b², λ): ‖ΔD‖ ≤ 8u √Σ(v + λ_δ) per side
    double tol = 8 * EPS * Math.sqrt(size);
    assertEquals(Math.sqrt(s), lim.continuousError(), tol, "W2(continuous SDE, p_δ)");
    for (int i = 0; i < 3; i++) {
      // triangle inequality on three W2 values: |e_N − e_cont| ≤ gap_N (to the rounding of the sums, 8ε each)
      assertTrue(Math.abs(lim.errors()[i] - lim.continuousError()) <= lim.gaps()[i] + 3 * tol, "triangle at " + i);
    }
  }

  /**
   * worstContraction on hand-made records: the ratios gap_{i−1}/gap_i are judged only where gap_{i−1} is
   * strictly above the floor. {1, 0.4, 0.1, 1e-20} over floor 1e-10: min(2.5, 4, 1e19) = 2.5 (1/0.4 to
   * the rounding of one division, ε/2 relative); a gap exactly at the floor is not judged (+∞).
   */
  @Test
  void worstContractionJudgesOnlyGapsAboveTheFloor() {
    SolverGaussian.Limit lim = new SolverGaussian.Limit(new int[] {8, 16, 32, 64}, new double[] {1, 0.4, 0.1, 1e-20},
        new double[4], 0, 1e-10);
    assertEquals(2.5, lim.worstContraction(), 2.5 * EPS);
    SolverGaussian.Limit atFloor = new SolverGaussian.Limit(new int[] {8, 16}, new double[] {1e-10, 1e-12},
        new double[2], 0, 1e-10);
    assertEquals(Double.POSITIVE_INFINITY, atFloor.worstContraction());
    SolverGaussian.Limit below = new SolverGaussian.Limit(new int[] {8, 16, 32}, new double[] {1e-11, 1e-12, 1e-13},
        new double[3], 0, 1e-10);
    assertEquals(Double.POSITIVE_INFINITY, below.worstContraction(), "no gap above the floor");
    SolverGaussian.Limit one = new SolverGaussian.Limit(new int[] {8}, new double[] {1}, new double[1], 0, 1e-10);
    assertEquals(Double.POSITIVE_INFINITY, one.worstContraction(), "a single run has no ratio");
  }

  /**
   * worstTriangleExcess = max_i |e_i − e_cont| − gap_i − 8ε(e_cont + gap_i + 1). With e = {3, 1.5},
   * e_cont = 1, gap = {1, 0.25}: 2 − 1 − 24ε and 0.5 − 0.25 − 18ε, max 1 − 24ε; all operands dyadic with
   * few bits, so every operation is exact.
   */
  @Test
  void worstTriangleExcessOnHandValues() {
    SolverGaussian.Limit lim = new SolverGaussian.Limit(new int[] {8, 16}, new double[] {1, 0.25},
        new double[] {3, 1.5}, 1, 0);
    assertEquals(1 - 24 * EPS, lim.worstTriangleExcess(), 0);
    SolverGaussian.Limit second = new SolverGaussian.Limit(new int[] {8, 16}, new double[] {1, 0.25},
        new double[] {1.5, 1.5}, 1, 0);
    // 0.5 − 1 − 24ε vs 0.25 − 18ε: the second
    assertEquals(0.25 - 18 * EPS, second.worstTriangleExcess(), 0);
  }

  /**
   * sdeVsOde on ve-linear (a = 1, b² = t², prior N(0, T²)) with λ = 1.75, T = 1.5, t = 0.5, all dyadic:
   * λ_T = 1.75 + 2.25 = 4, λ_t = 2, e = 1, factor e λ_t/λ_T = 0.5, start variance 2.25; ODE v_O = 0.5·2.25
   * = 1.125; SDE K = 0.5, v_S = 2 + 0.25·(2.25 − 4) = 1.5625. Identity: v_S/λ_t − 1 = −0.21875 =
   * 0.5·(1.125/2 − 1), exactly, so the excess is −tol = −16ε(1 + 0.5625 + 0.78125) = −37.5ε. Gaps 0.4375 &lt;
   * 0.875; W2 = |√1.5625 − √2| = √2 − 1.25 and √2 − √1.125.
   */
  @Test
  void sdeVsOdeOnAnExactDyadicCase() {
    NoiseSchedule ve = Schedules.parse("ve-linear");
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[1], new double[] {1.75});
    SolverGaussian.SdeVsOde r = SolverGaussian.sdeVsOde(law, ve, 1.5, 0.5);
    assertEquals(0.5, r.minFactor(), 0);
    assertEquals(0.5, r.maxFactor(), 0);
    assertEquals(-37.5 * EPS, r.worstIdentityExcess(), 0);
    assertTrue(r.strictEverywhere());
    assertTrue(r.anyStrict());
    // W2 of 1-D centred Gaussians |√v − √λ_t|: √2 rounded once, then one subtraction (≤ ε each)
    assertEquals(Math.sqrt(2) - 1.25, r.w2Sde(), 2 * EPS);
    assertEquals(Math.sqrt(2) - Math.sqrt(1.125), r.w2Ode(), 2 * EPS);
  }

  /**
   * At t = T the factor is 1 and both continuous outputs equal the start (v_S = λ_T + 1·(v − λ_T) = v,
   * v_O = 1·v): the gaps are equal, so the SDE is not strictly closer. λ = 1.75, T = t = 0.5 on ve-linear:
   * λ_T = 2, v = 0.25, both gaps 1.75 (dyadic: exact).
   */
  @Test
  void sdeVsOdeIsNotStrictWhereTheFactorIsOne() {
    NoiseSchedule ve = Schedules.parse("ve-linear");
    GaussianLaw law = GaussianLaw.ofDiagonal(new double[1], new double[] {1.75});
    SolverGaussian.SdeVsOde r = SolverGaussian.sdeVsOde(law, ve, 0.5, 0.5);
    assertEquals(1, r.minFactor(), 0);
    assertFalse(r.strictEverywhere(), "equal gaps are not strictly ordered");
    assertTrue(r.anyStrict(), "λ_T = 2 ≠ 1: judged");
    assertEquals(r.w2Sde(), r.w2Ode(), 0);
  }
}
