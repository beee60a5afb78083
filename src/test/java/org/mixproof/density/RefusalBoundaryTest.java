package org.mixproof.density;

import static org.mixproof.rounding.RoundingModel.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.oracle.Agreement;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The refusal boundary of the double density (a former blind spot). The weight-resolution rule of
 * {@code MixtureDensity.checkResolved}, as docs/claims.md §6 derives it, is written out here for a case
 * where every term has a closed form: d = 1, two components N(±δ, 1) with weights ½ under vp-ou, so
 * λ_t = 1, κ = 1 and ℓ_m − ℓ_i = 2 a δ x exactly. With c u = 64 u, e_j = c u (q_j + 1 + ρ_j √q_j + |ln ½| + 2),
 * q_j = (x − a μ_j)², ρ_j = |x| + a|μ_j|, and the margin T = ln(8 · influence / c u) from the score and
 * Hessian floors, the rule accepts x when max e ≤ ½ or 2aδx ≥ e_i + e_m + T. Along x the slack
 * 2aδx − e_i − e_m − T first turns positive where e ≈ 2 and T ≈ 35, so a margin weakened to T/2 moves the
 * boundary by far more than the rounding band ±2(e_i + e_m) this test leaves undecided. Accepted points
 * next to the boundary must agree with the 60-digit oracle within c u κ.
 */
class RefusalBoundaryTest {

  static final NoiseSchedule S = Schedules.parse("vp-ou");
  static final double T = 0.5, DELTA = 4.5e-6, CU = 64 * U;

  /** slack and the band of the rule at x, by the derivation. */
  static double[] rule(double x) {
    double a = S.a(T);
    double[] mu = {-a * DELTA, a * DELTA}; // time-t means; m = 1 (the larger ℓ for x > 0)
    double[] q = new double[2], e = new double[2], s = new double[2];
    for (int j = 0; j < 2; j++) {
      q[j] = (x - mu[j]) * (x - mu[j]);
      e[j] = CU * (q[j] + 1 + (Math.abs(x) + Math.abs(mu[j])) * Math.sqrt(q[j]) + Math.log(2) + 2);
      s[j] = -(x - mu[j]);
    }
    double gap = 2 * a * DELTA * x; // ℓ_m − ℓ_i
    double wi = 1 / (1 + Math.exp(gap)), wm = 1 - wi;
    double score = wm * s[1] + wi * s[0];
    double floorScore = wm * (Math.abs(x) + Math.abs(mu[1]) + Math.sqrt(q[1])) + wi * (Math.abs(x) + Math.abs(mu[0]) + Math.sqrt(q[0]));
    double floorHessian = 1;
    double own = CU * (Math.sqrt(q[0]) + Math.abs(x) + Math.abs(mu[0]));
    double su = Math.abs(s[0] - score) + own;
    double influence = su / floorScore + (1 + CU + su * su) / floorHessian;
    double margin = Math.log(8 * influence / CU);
    return new double[] {gap - e[0] - e[1] - margin, 2 * (e[0] + e[1]), Math.max(e[0], e[1]), margin};
  }

  @Test
  void theRuleRefusesWhereItsDerivationSaysAndWhatItLetsThroughAgreesWithTheOracle() {
    GaussianMixture g = GaussianMixture.normalized(new double[] {0.5, 0.5}, new double[][] {{-DELTA}, {DELTA}},
        new double[][][] {{{1}}, {{1}}});
    MixtureDensity p = MixtureDensity.at(g, S, T);
    OracleDensity oracle = OracleDensity.at(g, S, T);
    int refused = 0, accepted = 0, checkedNearBoundary = 0;
    boolean lastRefused = false;
    for (int n = 0; n <= 300; n++) {
      double x = 3e6 * Math.pow(100, n / 300.0); // 3e6 … 3e8, across the lower boundary (x ≈ 7.5e6)
      double[] r = rule(x);
      boolean mustAccept = r[2] <= 0.5 || r[0] > r[1], mustRefuse = r[2] > 0.5 && r[0] < -r[1];
      PointEvaluation e;
      try {
        e = p.evaluate(new double[] {x});
      } catch (IllConditionedException refusal) {
        if (mustAccept) fail("refused at x = " + x + " where the rule's slack is " + r[0] + " > band " + r[1]);
        refused++;
        lastRefused = true;
        continue;
      }
      if (mustRefuse) fail("accepted at x = " + x + " where the rule's slack is " + r[0] + " < −band " + r[1]);
      accepted++;
      if (lastRefused || checkedNearBoundary > 0 && checkedNearBoundary < 4) {
        Agreement ag = Agreement.of(oracle.evaluate(new double[] {x}), e.logDensity(), e.weights(), e.score(), e.hessian());
        assertTrue(ag.withinTolerance(), "x = " + x + " next to the boundary: " + ag);
        checkedNearBoundary++;
      }
      lastRefused = false;
    }
    assertTrue(refused > 20 && accepted > 20 && checkedNearBoundary >= 1,
        "both sides of the boundary were visited: refused " + refused + ", accepted " + accepted);
    double[] atBoundary = rule(7.5e6);
    assertTrue(atBoundary[3] > 30 && atBoundary[2] < 5, "T ≈ 35 dominates e ≈ 2 there: " + java.util.Arrays.toString(atBoundary));
  }

  /** Refused by the point path with log-density and score (the rule with scores). */
  static boolean pointRefuses(MixtureDensity p, double x) {
    return refuses(p, new double[] {x}, -1);
  }

  /** Refused by the batch path, for one request type (each gathers its own inputs for the rule). */
  static boolean batchRefuses(MixtureDensity p, double x, int request) {
    return refuses(p, new double[] {x}, request);
  }

  /**
   * The batch path refuses exactly the points the point path refuses: at the two adjacent doubles
   * between which the point path's decision flips (found by bisection), each batch request agrees —
   * so the batch path gathers the same log-terms, weights and scores for the rule, to the last bit.
   * Both flips: where the rule starts to apply (the largest e_j reaches ½) and where the slack turns positive.
   */
  @Test
  void theBatchPathRefusesExactlyWhereThePointPathDoes() {
    GaussianMixture g = GaussianMixture.normalized(new double[] {0.5, 0.5}, new double[][] {{-DELTA}, {DELTA}},
        new double[][][] {{{1}}, {{1}}});
    MixtureDensity p = MixtureDensity.at(g, S, T);
    int transitions = 0;
    double previous = 0.5e6;
    boolean previousRefused = pointRefuses(p, previous);
    for (int n = 0; n <= 200; n++) {
      double x = 0.5e6 * Math.pow(100, n / 200.0); // 5e5 … 5e7: where the rule starts to apply (e = ½) and stops refusing
      boolean refused = pointRefuses(p, x);
      if (refused != previousRefused) {
        transitions++;
        double a = previous, b = x; // decisions differ at a and b: bisect to adjacent doubles
        while (Math.nextUp(a) < b) {
          double mid = 0.5 * (a + b);
          if (mid == a || mid == b) break;
          if (pointRefuses(p, mid) == previousRefused) a = mid;
          else b = mid;
        }
        for (int request : new int[] {1, 2, 3}) {
          assertEquals(previousRefused, batchRefuses(p, a, request), "request " + request + " at x = " + a);
          assertEquals(refused, batchRefuses(p, b, request), "request " + request + " at x = " + b);
        }
      }
      previous = x;
      previousRefused = refused;
    }
    assertEquals(2, transitions, "accepted (e ≤ ½), refused, accepted (slack > 0)");
  }

  /**
   * The batch path hands the component scores to the rule, as the point path does, where they matter:
   * Σ_1 = diag(1, 4) and Σ_2 = diag(4, 1) tie on the diagonal (ℓ_1 − ℓ_2 = (3/8)(x_2² − x_1²) at t = 0 of
   * ve-linear), and there s_1 − s_2 = (3/4)(x_1, −x_2) is of the size of the score floor Σ w_j ρ_j/λ_j, so
   * the influence — and the margin ln(8 · influence / c u) — is not the weights-only 1. At x_2 = 10⁷ the
   * point path's decision flips along x_1 ∈ [x_2, x_2 + 0.01]; at the two adjacent doubles around
   * the flip each batch request must decide as the point path.
   */
  @Test
  void theBatchPathHandsTheScoresToTheRule() {
    GaussianMixture g = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {0, 0}},
        new double[][][] {{{1, 0}, {0, 4}}, {{4, 0}, {0, 1}}});
    MixtureDensity p = MixtureDensity.at(g, Schedules.parse("ve-linear"), 0);
    double x2 = 1e7, lo = x2, hi = x2 + 0.01; // |ℓ_1 − ℓ_2| ≈ (3/4) x_2 · 0.01 = 7.5e4 at hi
    assertTrue(refuses(p, lo, x2, -1) && !refuses(p, hi, x2, -1), "refused on the diagonal, accepted 0.01 off it");
    while (Math.nextUp(lo) < hi) {
      double mid = 0.5 * (lo + hi);
      if (refuses(p, mid, x2, -1)) lo = mid;
      else hi = mid;
    }
    for (int request : new int[] {1, 2, 3}) {
      assertTrue(refuses(p, lo, x2, request), "request " + request + " at x_1 = " + lo);
      assertTrue(!refuses(p, hi, x2, request), "request " + request + " at x_1 = " + hi);
    }
  }

  /** Refused at (x1, x2): by the point path with log-density and score (request −1) or by a batch request. */
  static boolean refuses(MixtureDensity p, double x1, double x2, int request) {
    return refuses(p, new double[] {x1, x2}, request);
  }

  /**
   * Refused at x: by the point path's evaluate (request −1), or by a batch of a harmless first row
   * (0.1, 0.2, …) and x asking for log p (0), log p and score (1), score and Hessian (2) or everything (3).
   */
  static boolean refuses(MixtureDensity p, double[] x, int request) {
    double[] first = new double[x.length];
    for (int c = 0; c < x.length; c++) first[c] = 0.1 * (c + 1);
    org.ejml.data.DMatrixRMaj rows = new org.ejml.data.DMatrixRMaj(new double[][] {first, x});
    try {
      switch (request) {
        case -1 -> p.evaluate(x.clone());
        case 0 -> p.logDensity(rows);
        case 1 -> p.logDensityAndScore(rows);
        case 2 -> p.scoreAndHessian(rows);
        default -> p.evaluate(rows);
      }
      return false;
    } catch (IllConditionedException e) {
      return true;
    }
  }
}
