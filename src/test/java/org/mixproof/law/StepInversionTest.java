package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mixproof.sampler.Noise;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.StepContext;
import org.mixproof.schedule.Schedules;

/**
 * {@link GridPropagator2D#invert}, the pull-back of a deterministic step (Newton with a
 * central-difference Jacobian and step halving), on maps whose inverses are known: an affine map
 * (x = A⁻¹(y − b), log det A), and each refusal — a reflection (det DF &lt; 0), a point outside
 * the range of −1/x (no decrease: halving until it gives up), one in the gap of a jump (200 iterations), and a map that
 * flattens to 0 in double (det DF = 0).
 */
class StepInversionTest {

  /** A deterministic "scheme" applying the given map to each point (rows x, y). */
  static Scheme map(UnaryOperator<double[]> f) {
    return new Scheme() {
      @Override public String name() { return "map"; }
      @Override public int scoreEvaluationsPerStep() { return 0; }
      @Override public int noiseDrawsPerStep() { return 0; }
      @Override public void step(double t, double tNext, double[] y, StepContext c) {
        for (int i = 0; i < y.length; i += 2) {
          double[] out = f.apply(new double[] {y[i], y[i + 1]});
          y[i] = out[0];
          y[i + 1] = out[1];
        }
      }
    };
  }

  static final StepContext NONE = new StepContext(Schedules.parse("vp-ou"), (t, y, out) -> { }, Noise.none());

  @Test
  void anAffineMapIsInvertedExactly() {
    // F(y) = A y + b, A = [[2, 0.5], [0.3, 1]], det A = 1.85
    Scheme affine = map(y -> new double[] {2 * y[0] + 0.5 * y[1] + 1, 0.3 * y[0] + y[1] - 2});
    double[] x = {3, -1, 0, 0}, logDet = new double[2];
    GridPropagator2D.invert(affine, NONE, 1, 0.5, x, logDet);
    double[][] targets = {{3, -1}, {0, 0}};
    for (int c = 0; c < 2; c++) {
      double r0 = targets[c][0] - 1, r1 = targets[c][1] + 2; // A x = y − b, by Cramer's rule
      double x0 = (1 * r0 - 0.5 * r1) / 1.85, x1 = (2 * r1 - 0.3 * r0) / 1.85;
      assertEquals(x0, x[2 * c], 1e-12, "x of point " + c);
      assertEquals(x1, x[2 * c + 1], 1e-12, "y of point " + c);
      // the Jacobian by central differences of an affine map: exact up to rounding over h = 1e-5
      assertEquals(Math.log(1.85), logDet[c], 1e-9, "log det of point " + c);
    }
  }

  @Test
  void eachRefusalFires() {
    ArithmeticException reflection = assertThrows(ArithmeticException.class, () ->
        GridPropagator2D.invert(map(y -> new double[] {-y[0], y[1] + 0.1}), NONE, 1, 0.5, new double[] {1, 1}, new double[1]));
    assertTrue(reflection.getMessage().contains("not an orientation-preserving map"), reflection.getMessage());
    // the same reflection at a point on its mirror line, (0, 0.7) with y ↦ (−y₀, y₁): the first guess
    // 2·target − F(target) = (0, 0.7) is already exact, so the refusal comes from the final det check
    ArithmeticException onTheLine = assertThrows(ArithmeticException.class, () ->
        GridPropagator2D.invert(map(y -> new double[] {-y[0], y[1]}), NONE, 1, 0.5, new double[] {0, 0.7}, new double[1]));
    assertTrue(onTheLine.getMessage().contains("not an orientation-preserving map at (0.0, 0.7)")
        && onTheLine.getMessage().contains("det DF = -1"), onTheLine.getMessage());
    // −1/x (x > 0) never reaches 1: Newton runs out to where −1/x no longer changes the residual in
    // double, and no step, however halved, lowers it: refused as not invertible there
    ArithmeticException gap = assertThrows(ArithmeticException.class, () ->
        GridPropagator2D.invert(map(y -> new double[] {-1 / y[0], y[1]}), NONE, 1, 0.5, new double[] {1, 0},
            new double[1]));
    assertTrue(gap.getMessage().contains("the map is not invertible there"), gap.getMessage());
    // the jump at 0 instead: each crossing is halved back a little further, and 200 iterations run out first
    ArithmeticException slow = assertThrows(ArithmeticException.class, () ->
        GridPropagator2D.invert(map(y -> new double[] {y[0] + (y[0] >= 0 ? 10 : 0), y[1]}), NONE, 1, 0.5,
            new double[] {5, 0}, new double[1]));
    assertTrue(slow.getMessage().contains("did not converge in 200 iterations"), slow.getMessage());
    // e^x = −1 has no solution: Newton runs to where e^x underflows, and the Jacobian there is 0
    ArithmeticException flat = assertThrows(ArithmeticException.class, () ->
        GridPropagator2D.invert(map(y -> new double[] {Math.exp(y[0]), y[1]}), NONE, 1, 0.5, new double[] {-1, 0},
            new double[1]));
    assertTrue(flat.getMessage().contains("det DF = 0.0"), flat.getMessage());
  }

  /** The public entry refuses a box or a cell count before any step (its only caller, run2d, builds valid ones). */
  @Test
  void propagateRefusesABadBoxFirst() {
    org.mixproof.schedule.NoiseSchedule s = Schedules.parse("vp-ou");
    org.mixproof.sampler.Score score = new org.mixproof.sampler.MixtureScore(
        org.mixproof.mixture.GaussianMixture.gaussian(new double[2], new double[][] {{1, 0}, {0, 1}}), s);
    GridPropagator2D.LogDensity start = (pts, out) -> java.util.Arrays.fill(out, 0);
    org.mixproof.sampler.TimeGrid grid = org.mixproof.sampler.TimeGrid.uniform(1, 0.1, 2);
    Scheme em = org.mixproof.sampler.Schemes.parse("em");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridPropagator2D.propagate(em, s, grid, score, start, new double[] {1, -1, -1, 1}, 8));
    assertTrue(e.getMessage().contains("box must have xlo < xhi"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GridPropagator2D.propagate(em, s, grid, score, start, new double[] {-1, 1, -1, 1}, 2));
    assertTrue(e.getMessage().contains("cells per axis must be at least 4, was 2"), e.getMessage());
  }

  /**
   * One blur pass spreads a unit mass along its axis by the sampled Gaussian of standard deviation ratio
   * cells, normalised (ratio 1.5: weights e^{−k²/4.5} / Σ over |k| ≤ ⌈10 · 1.5⌉), or, below one cell, by
   * the three points {r²/2, 1 − r², r²/2} (ratio ½: ⅛, ¾, ⅛); the other axis is untouched.
   */
  @Test
  void oneBlurPassIsItsKernel() {
    int n = 40, mid = 20;
    double[] q = new double[n * n];
    q[mid * n + 7] = 1; // column 7 of row 20: blurred along x, i.e. across rows
    GridPropagator2D.blur(q, n, 1.5, true);
    double sum = 0;
    for (int k = -15; k <= 15; k++) sum += Math.exp(-k * k / 4.5);
    for (int a = 0; a < n; a++) {
      double expected = Math.abs(a - mid) <= 15 ? Math.exp(-(a - mid) * (a - mid) / 4.5) / sum : 0;
      assertEquals(expected, q[a * n + 7], 1e-16, "row " + a);
      assertEquals(0, q[a * n + 8], 0, "another column, row " + a);
    }
    double[] p = new double[n * n];
    p[mid * n + 7] = 1;
    GridPropagator2D.blur(p, n, 0.5, false);
    assertEquals(0.125, p[mid * n + 6], 0);
    assertEquals(0.75, p[mid * n + 7], 0);
    assertEquals(0.125, p[mid * n + 8], 0);
  }
}
