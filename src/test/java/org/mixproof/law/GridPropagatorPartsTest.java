package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.sampler.MixtureScore;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The 1-D grid propagator's parts one at a time, against hand values and moment identities: the
 * monotone cubic's slopes and value at a point, the remap through a shift by one cell (exact), the
 * explicit heat steps (by hand, and their variance σ² exactly), the Gaussian kernel's mass, mean and
 * variance (a discrete Gaussian on a lattice of spacing σ/3 has them to e^{−2π²·9}), the
 * remap-and-heat branch against the exact Gaussian law, and the refusals.
 */
class GridPropagatorPartsTest {

  static final double EPS = RoundingModel.EPS;

  @Test
  void monotoneCubicSlopesAndValueByHand() {
    // x = {0, 1, 3}, y = {0, 1, 5}: Δ = {1, 2}; interior slope (w1 + w2)/(w1/Δ0 + w2/Δ1) with
    // w1 = 2h1 + h0 = 5, w2 = h1 + 2h0 = 4: 9/(5 + 2) = 9/7; the ends take Δ0 = 1 and Δ1 = 2
    double[] x = {0, 1, 3}, y = {0, 1, 5};
    double[] d = GridPropagator.Pchip.slopes(x, y);
    assertArrayEquals(new double[] {1, 9.0 / 7, 2}, d, 2 * EPS);
    // at t = 2 (s = ½ on [1, 3], h = 2): Hermite weights ½, ⅛, ½, −⅛: ½·1 + ⅛·2·9/7 + ½·5 − ⅛·2·2
    assertEquals(0.5 + 0.25 * 9 / 7 + 2.5 - 0.5, GridPropagator.Pchip.eval(x, y, d, 1, 2), 8 * EPS);
    // a local extremum gets slope 0 (monotonicity)
    assertEquals(0, GridPropagator.Pchip.slopes(new double[] {0, 1, 2}, new double[] {0, 1, 0})[1], 0);
  }

  @Test
  void remapThroughAShiftByOneCellMovesEveryMassOneCell() {
    double[] edges = {0, 1, 2, 3, 4}, m = {0.1, 0.2, 0.3, 0.4};
    double[] fe = {1, 2, 3, 4, 5};
    GridPropagator.remap(m, fe, edges);
    // the cubic interpolates the cumulative masses at the pushed edges exactly; 0.4 left the grid
    assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3}, m, 4 * EPS);
    var e = assertThrows(ArithmeticException.class,
        () -> GridPropagator.remap(new double[] {0.5, 0.5}, new double[] {0, 1, 1}, new double[] {0, 1, 2}));
    assertTrue(e.getMessage().contains("index 2"), e.getMessage());
  }

  @Test
  void heatStepsByHandAndTheirVariance() {
    // σ = Δx: one step with r = ½: {0, 0, 1, 0, 0} → {0, ½, 0, ½, 0}; σ = 2Δx: four such steps, the
    // ±1 walk's binomial {1, 4, 6, 4, 1}/16 on every other cell
    double[] m = {0, 0, 1, 0, 0};
    GridPropagator.heat(m, 1, 1);
    assertArrayEquals(new double[] {0, 0.5, 0, 0.5, 0}, m, 0);
    double[] m2 = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    GridPropagator.heat(m2, 1, 0.5);
    assertArrayEquals(new double[] {1 / 16.0, 0, 4 / 16.0, 0, 6 / 16.0, 0, 4 / 16.0, 0, 1 / 16.0}, m2, 0);
    double[] same = {0.1, 0.9};
    GridPropagator.heat(same, 0, 1);
    assertArrayEquals(new double[] {0.1, 0.9}, same, 0);
    // far from the ends each step adds 2rΔx² of variance and keeps the mass and mean: σ² in all
    int n = 201;
    double[] p = new double[n];
    p[100] = 1;
    double dx = 0.1, sigma = 0.73;
    GridPropagator.heat(p, sigma, dx);
    double[] mom = moments(p, dx, 0);
    assertEquals(1, mom[0], 64 * EPS);
    assertEquals(100 * dx, mom[1], 64 * EPS * 10);
    assertEquals(sigma * sigma, mom[2], 1e-12); // ~10⁴ roundings of values ≤ 1 times x² ≤ 400: well under 1e-12
  }

  @Test
  void theKernelKeepsMassMeanAndAddsSigmaSquared() {
    // one source of mass 0.7 at f = 3.37 (off the lattice), σ = 0.3 on Δx = 0.1: the discrete Gaussian
    // exp(−(x − f)²/2σ²) summed on a lattice of spacing σ/3 has mean f and variance σ² up to e^{−2π²σ²/Δx²}
    int n = 100;
    double lo = 0, dx = 0.1, sigma = 0.3;
    double[] m = new double[n], f = new double[n], next = new double[n];
    m[40] = 0.7;
    f[40] = 3.37;
    GridPropagator.kernel(m, f, sigma, lo, dx, next);
    double[] mom = moments(next, dx, lo + 0.5 * dx); // cell centres lo + (i + ½)Δx
    assertEquals(0.7, mom[0], 64 * EPS);
    assertEquals(3.37, mom[1], 1e-12);
    assertEquals(sigma * sigma, mom[2], 1e-12);
    // a source next to the edge deposits only what falls on the grid, normalised over the whole lattice
    double[] edge = new double[n];
    double[] m0 = new double[n];
    m0[0] = 1;
    double[] f0 = new double[n];
    f0[0] = lo + 0.5 * dx; // on the first centre: half the kernel (and the centre's own weight) stays
    GridPropagator.kernel(m0, f0, sigma, lo, dx, edge);
    double total = 0;
    for (double v : edge) total += v;
    // Σ_{k≥0} w_k / Σ_all w_k = (1 + S)/(1 + 2S), S = Σ_{k≥1} e^{−k²/18}
    double s = 0;
    for (int k = 1; k <= 60; k++) s += Math.exp(-k * k / 18.0);
    assertEquals((1 + s) / (1 + 2 * s), total, 64 * EPS);
  }

  static double[] moments(double[] p, double dx, double x0) {
    double m0 = 0, m1 = 0;
    for (int i = 0; i < p.length; i++) {
      m0 += p[i];
      m1 += p[i] * (x0 + i * dx);
    }
    double mean = m1 / m0, v = 0;
    for (int i = 0; i < p.length; i++) v += p[i] * Math.pow(x0 + i * dx - mean, 2);
    return new double[] {m0, mean, v / m0};
  }

  @Test
  void theRemapAndHeatBranchFollowsTheExactLaw() {
    // em on vp-ou from the prior N(0, 1) with data N(0.5, 1): h = 0.05, noise σ = √(2h) ≈ 0.32 < 2Δx·slope
    // (Δx = 0.5), so every step is a remap and heat steps. Against the exact discrete law (GaussianLaw):
    // the piecewise-uniform cells add Δx²/12 of variance and the remap's cubic interpolation an error
    // of order Δx² too, so Δx² bounds the variance difference; without the heat steps the variance
    // would shrink to about e^{−4}, and without the drift the mean would stay at 0
    NoiseSchedule s = Schedules.parse("vp-ou");
    GaussianMixture data = GaussianMixture.of(new double[] {1}, new double[][] {{0.5}}, new double[][][] {{{1}}});
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 39);
    GridLaw g = GridPropagator.propagate(Schemes.parse("em"), s, grid, new MixtureScore(data, s), Mixture1D.gaussian(0, 1),
        -8, 8, 32);
    DiagonalGaussian exact = GaussianLaw.of(data).propagate(Schemes.parse("em"), s, grid,
        new StartLaw[] {StartLaw.PRIOR}).law(0);
    double dx = 0.5;
    assertEquals(exact.variance()[0], g.variance(), dx * dx);
    assertEquals(exact.mean()[0], g.mean(), dx * dx);
  }

  /** A deterministic step that reverses the line (y ↦ −y) cannot push quantiles: refused, naming the index. */
  @Test
  void aDecreasingOdeMapIsRefusedByTheQuantilePush() {
    org.mixproof.sampler.Scheme flip = new org.mixproof.sampler.Scheme() {
      @Override public String name() { return "test-flip"; }
      @Override public int scoreEvaluationsPerStep() { return 0; }
      @Override public int noiseDrawsPerStep() { return 0; }
      @Override public void step(double t, double tn, double[] y, org.mixproof.sampler.StepContext c) {
        for (int i = 0; i < y.length; i++) y[i] = -y[i];
      }
    };
    NoiseSchedule s = Schedules.parse("vp-ou");
    GaussianMixture data = GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{1}}});
    var e = assertThrows(ArithmeticException.class, () -> GridPropagator.propagate(flip, s, TimeGrid.uniform(1, 0.05, 2),
        new MixtureScore(data, s), Mixture1D.gaussian(0, 1), -8, 8, 16));
    assertTrue(e.getMessage().contains("not strictly increasing at step 0 (y[1]"), e.getMessage());
  }

  @Test
  void refusals() {
    NoiseSchedule s = Schedules.parse("vp-ou");
    GaussianMixture data = GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{1}}});
    TimeGrid grid = TimeGrid.uniform(1, 0.05, 4);
    MixtureScore score = new MixtureScore(data, s);
    Mixture1D start = Mixture1D.gaussian(0, 1);
    var few = assertThrows(IllegalArgumentException.class,
        () -> GridPropagator.propagate(Schemes.parse("em"), s, grid, score, start, -8, 8, 3));
    assertTrue(few.getMessage().contains("was 3"), few.getMessage());
    GridPropagator.propagate(Schemes.parse("em"), s, grid, score, start, -8, 8, 4); // four is enough
    assertThrows(IllegalArgumentException.class, () -> GridPropagator.propagate(Schemes.parse("em"), s, grid, score, start, 8, -8, 16));
    assertThrows(IllegalArgumentException.class, () -> GridPropagator.propagate(Schemes.parse("em"), s, grid, score, start, 1, 1, 16));
    assertThrows(IllegalArgumentException.class,
        () -> GridPropagator.propagate(Schemes.parse("em"), s, grid, score, start, Double.NEGATIVE_INFINITY, 8, 16));
    assertThrows(IllegalArgumentException.class,
        () -> GridPropagator.propagate(Schemes.parse("em"), s, grid, score, start, -8, Double.NaN, 16));
    assertThrows(IllegalArgumentException.class, () -> GridPropagator.propagate(null, s, grid, score, start, -8, 8, 16));
  }
}
