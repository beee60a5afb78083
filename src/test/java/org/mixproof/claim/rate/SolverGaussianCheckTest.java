package org.mixproof.claim.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mixproof.claim.Checks;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.law.SolverGaussian;

/** Each solver.gaussian check can fail: a claim text with a deliberately wrong bound is FALSIFIED. */
class SolverGaussianCheckTest {

  static ClaimResult run(String id, String quantity, String bound, String extra) {
    String text = "id = " + id + "\ntitle = t\nsource = s\nstatement = s\nquantity = " + quantity
        + "\nbound = " + bound + "\nexpect = falsified\ndimensions = 1..4\nseed = 3\n" + extra;
    return Checks.run(ClaimFiles.parse(text, Path.of("x/" + id + ".properties")), RunOptions.standard());
  }

  @Test
  void heunIsNotThirdOrder() {
    // Heun is second order: a claimed slope 3 is off by ≈ 1, beyond the 0.15 tolerance
    ClaimResult r = run("solver.gaussian.order", "solver-gaussian-order", "p", "orders = ode-heun:3\ntolerance = 0.15\ntries = 4\n");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    // the result's measure is claimed − observed order at the violation: the observed slope is 3 − measure,
    // Heun's 2 to within 0.1 (the settling rule's remaining offset, SolverGaussian.order)
    assertEquals(2, 3 - r.measure(), 0.1, r.detail());
  }

  @Test
  void anOrderAboveTheClaimIsReportedNotJudged() {
    // Heun's observed order ≈ 2 is far above a claimed 1: "error = O(h)" holds, and the excess is reported
    ClaimResult r = run("solver.gaussian.order", "solver-gaussian-order", "p", "orders = ode-heun:1\ntolerance = 0.15\ntries = 4\n");
    assertEquals(Verdict.HOLDS, r.verdict(), r.detail());
    // the measure is the largest claimed − observed order over the judged tries: below −0.15 (−tolerance),
    // every one of the r.tries() ≥ 1 tries observed an order above claimed + tolerance, i.e. superconverged
    assertTrue(r.tries() >= 1, r.detail());
    assertTrue(r.measure() < -0.5, "claimed − observed ≈ −1, was " + r.measure());
  }

  @Test
  void eulerIsNotSecondOrderInTheLimit() {
    // a first-order scheme halves the gap per halving of h: a claimed contraction of 3 is missed
    ClaimResult r = run("solver.gaussian.continuous-limit", "solver-gaussian-continuous-limit", "3",
        "schemes = ode-euler\ntries = 3\nlast-steps = 256\n");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
    assertTrue(r.measure() > 1.6 && r.measure() < 2.2, "first order: contraction ≈ 2, was " + r.measure());
  }

  @Test
  void theInitialisationErrorDoesNotFallByOne() {
    // W2 errors are below 1 for λ ∈ [0.1, 10], d ≤ 4 … a claimed decrease by at least 1 is false
    ClaimResult r = run("solver.gaussian.monotone-horizon", "solver-gaussian-monotone-horizon", "-1", "tries = 5\n");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
  }

  @Test
  void theSdeIsNotTenTimesBetter() {
    // W2_SDE/W2_ODE ≈ e λ_t/λ_T → 1 as t → T: a claimed ratio < 0.1 fails for t late in [0.01, 0.9] T
    ClaimResult r = run("solver.gaussian.sde-beats-ode-init", "solver-gaussian-sde-beats-ode", "0.1", "tries = 50\n");
    assertEquals(Verdict.FALSIFIED, r.verdict(), r.detail());
  }

  /**
   * The settling rule does not stop on a turning point: for this spectrum (seed 17 of the catalog) the
   * ode-rk4 slopes run 4.61, 3.80, 3.80, 3.89, 3.94, 3.97 before the rounding floor, so two agreeing slopes
   * would report 3.80 < 4 − 0.15; three must agree, and the order is classical RK4's 4 within 0.1.
   */
  @Test
  void rk4SettlesAtItsClassicalOrderPastATurningPoint() {
    org.mixproof.law.GaussianLaw law = org.mixproof.law.GaussianLaw.ofSpectrum(org.mixproof.mixture.Spectrum.of(
        new double[] {1.344581220170726, 4.463052583912539, 3.529763510848806}, "seed 17"));
    SolverGaussian.Order o = SolverGaussian.order(law, org.mixproof.sampler.Schemes.parse("ode-rk4"),
        org.mixproof.schedule.Schedules.parse("vp-linear"), SolverGaussian.perUnitTime(4), 0.05, 1 << 16);
    if (o.settled()) assertEquals(4, o.slope(), 0.1, "settled at " + o.steps() + " steps");
    assertTrue(!o.settled() || o.steps() > 128, "not on the turning point at 64/128 steps: " + o.steps());
  }
}
