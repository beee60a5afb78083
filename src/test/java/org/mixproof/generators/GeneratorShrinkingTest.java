package org.mixproof.generators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VeGeometric;
import org.mixproof.schedule.VpLinear;
import org.mixproof.schedule.VpOu;

/**
 * Shrinking quality of the generators, tested directly: draw from {@code arbitrary.generator(1000)}
 * with a seeded {@link java.util.Random} until a value falsifies a known-false property, shrink it
 * with {@link GreedyShrinker}, and compare with the minimum derived from how the generators encode
 * their parts (d → dmin, k → kmin, decimals towards their target on their grid, Givens angles → 0,
 * κ → κmin, scale → 1). Exact minima (identity, zeros, e_0) are compared exactly. Each test runs
 * two seeds, so a lucky start cannot hide a shrinker that stalls.
 */
class GeneratorShrinkingTest {

  private static final long[] SEEDS = {20240611L, 7L};

  /** The profile the issue names: d ∈ [1, 4], k ∈ [1, 5], FULL, κ ∈ [1, 1e4], R = 3, floor 0.05. */
  private static Mixtures.Builder profile() {
    return Mixtures.builder().dimensions(1, 4).components(1, 5).family(CovarianceFamily.FULL)
        .conditionNumber(1, 1e4).meanRadius(3).weightFloor(0.05);
  }

  private static <T> T minimal(Arbitrary<T> arbitrary, long seed, Predicate<? super T> property) {
    GreedyShrinker.Result<T> r = GreedyShrinker.minimalCounterexample(arbitrary, seed, property);
    assertFalse(property.test(r.value()), "shrunk value must still falsify");
    return r.value();
  }

  private static double[][] identity(int d) {
    double[][] id = new double[d][d];
    for (int j = 0; j < d; j++) id[j][j] = 1;
    return id;
  }

  @Example
  void dimensionOneClaimShrinksToTheStandardGaussianInTwoDimensions() {
    for (long seed : SEEDS) {
      GaussianMixture m = minimal(profile().build(), seed, x -> x.dimension() == 1);
      assertEquals(GaussianMixture.gaussian(new double[2], identity(2)), m, "seed " + seed);
    }
  }

  @Example
  void dimensionOneClaimOnSingularDataShrinksToOneZeroEigenvalueOnTheFirstAxis() {
    Arbitrary<GaussianMixture> singular = profile().family(CovarianceFamily.SINGULAR).build();
    for (long seed : SEEDS) {
      GaussianMixture m = minimal(singular, seed, x -> x.dimension() == 1);
      assertEquals(GaussianMixture.gaussian(new double[2], new double[][] {{0, 0}, {0, 1}}), m, "seed " + seed);
      assertTrue(m.isSingular());
    }
  }

  @Example
  void equalWeightsClaimShrinksToTwoComponentsOneWeightStepApart() {
    // x = (0, δ) with δ = 10^-WEIGHT_SCALE, the smallest step: r = (1, q), q = 10^-δ, and with floor f
    // and k = 2: w = f + (1 − 2f) r / (1 + q)
    double f = 0.05;
    double q = Math.pow(10, -Math.pow(10, -Mixtures.WEIGHT_SCALE));
    double small = f + (1 - 2 * f) * (q / (1 + q));
    double large = f + (1 - 2 * f) * (1 / (1 + q));
    for (long seed : SEEDS) {
      GaussianMixture m = minimal(profile().build(), seed,
          x -> Arrays.stream(x.weights()).allMatch(w -> w == x.weight(0)));
      assertEquals(1, m.dimension(), "seed " + seed);
      assertEquals(2, m.components(), "seed " + seed);
      double[] w = m.weights();
      Arrays.sort(w);
      assertEquals(small, w[0], 1e-15, "seed " + seed);
      assertEquals(large, w[1], 1e-15, "seed " + seed);
      assertArrayEquals(new double[2][1], m.means());
      assertArrayEquals(new double[][][] {identity(1), identity(1)}, m.covariances());
    }
  }

  @Example
  void atMostTwoComponentsClaimShrinksToThreeEqualStandardComponents() {
    for (long seed : SEEDS) {
      GaussianMixture m = minimal(profile().build(), seed, x -> x.components() <= 2);
      assertEquals(1, m.dimension(), "seed " + seed);
      assertEquals(3, m.components(), "seed " + seed);
      for (double w : m.weights()) assertEquals(1.0 / 3, w, Math.ulp(1.0 / 3), "seed " + seed);
      assertArrayEquals(new double[3][1], m.means());
      assertArrayEquals(new double[][][] {identity(1), identity(1), identity(1)}, m.covariances());
    }
  }

  @Example
  void meanRadiusClaimShrinksToOneMeanOneGridStepOutside() {
    // ‖μ_i‖ ≤ 1 is false past 1; mean coordinates lie on a 10⁻³ grid, so the minimum is |μ| = 1.001
    for (long seed : SEEDS) {
      GaussianMixture m = minimal(profile().build(), seed, x -> x.meanRadius() <= 1);
      assertEquals(1, m.dimension(), "seed " + seed);
      assertEquals(1, m.components(), "seed " + seed);
      assertEquals(1.001, Math.abs(m.meanEntry(0, 0)), 0.0, "seed " + seed);
      assertArrayEquals(identity(1), m.covariance(0));
    }
  }

  @Example
  void spdMatricesShrinkToExactlyTheIdentity() {
    // a property no matrix satisfies: every part shrinks to its target (θ = 0, κ = 1, s = 1)
    for (long seed : SEEDS) {
      assertArrayEquals(identity(1), minimal(SpdMatrices.builder().dimensions(1, 5).build(), seed, a -> false));
      assertArrayEquals(identity(3), minimal(SpdMatrices.of(3), seed, a -> false));
      assertArrayEquals(new double[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 1}}, minimal(
          SpdMatrices.builder().dimension(3).shape(CovarianceFamily.SINGULAR).build(), seed, a -> false));
    }
  }

  @Example
  void conditionNumberClaimShrinksToDiagonalTwoByTwoJustPastTheBound() {
    // cond(Σ) = κ = 10^x exactly (n ≥ 2), x on a 10⁻⁴ grid: cond ≤ 10 fails first at x = 1.0001;
    // the angle shrinks to 0 (Q = I), positions to 0 (spectrum (1, κ)), the scale to 1
    Arbitrary<double[][]> spd = SpdMatrices.builder().dimensions(1, 4).conditionNumber(1, 1e8).build();
    double kappa = Math.pow(10, 1 + Math.pow(10, -SpdMatrices.LOG_SCALE));
    for (long seed : SEEDS) {
      double[][] a = minimal(spd, seed, x -> condition(x) <= 10);
      assertEquals(2, a.length, "seed " + seed);
      assertEquals(1.0, a[0][0], 0.0);
      assertEquals(0.0, a[0][1], 0.0);
      assertEquals(0.0, a[1][0], 0.0);
      assertEquals(kappa, a[1][1], 2 * Math.ulp(kappa));
    }
  }

  @Example
  void diagonalClaimShrinksToTheSmallestRotationOfTheSmallestSpread() {
    // off-diagonal entries need θ ≠ 0 and unequal eigenvalues: |θ| = 10⁻⁴ and κ = 10^(10⁻⁴), so with
    // Q = [[c, −s], [s, c]] and Λ = diag(1, κ): Σ = [[c² + s²κ, cs(1 − κ)], [cs(1 − κ), s² + c²κ]]
    Arbitrary<double[][]> spd = SpdMatrices.builder().dimensions(1, 4).build();
    double step = Math.pow(10, -SpdMatrices.ANGLE_SCALE);
    double kappa = Math.pow(10, Math.pow(10, -SpdMatrices.LOG_SCALE));
    double c = Math.cos(step), s = Math.sin(step);
    for (long seed : SEEDS) {
      double[][] a = minimal(spd, seed, GeneratorShrinkingTest::isDiagonal);
      assertEquals(2, a.length, "seed " + seed);
      assertEquals(c * c + s * s * kappa, a[0][0], 1e-15, "seed " + seed);
      assertEquals(s * s + c * c * kappa, a[1][1], 1e-15, "seed " + seed);
      assertEquals(c * s * (kappa - 1), Math.abs(a[0][1]), 1e-18, "seed " + seed);
      assertEquals(a[0][1], a[1][0], 0.0);
    }
  }

  @Example
  void schedulesShrinkTowardsVpOuAndDefaultParameters() {
    Arbitrary<NoiseSchedule> all = ScheduleArbitraries.all();
    for (long seed : SEEDS) {
      assertEquals(new VpOu(), minimal(all, seed, s -> false), "seed " + seed);
      assertEquals(new VpLinear(), minimal(all, seed, s -> s instanceof VpOu), "seed " + seed);
      assertEquals(new VeGeometric(), minimal(all, seed, s -> !(s instanceof VeGeometric)), "seed " + seed);
    }
  }

  @Example
  void smallTimeClaimShrinksToOneLogStepBelowTheBound() {
    // t = 10^x, x on a 10⁻⁴ grid shrinking to 0: t ≥ 1e−3 fails first at x = −3.0001
    Arbitrary<Double> times = Times.logUniform(new VpOu());
    double expected = Math.pow(10, -3 - Math.pow(10, -Times.LOG_SCALE));
    for (long seed : SEEDS) {
      double t = minimal(times, seed, x -> x >= 1e-3);
      assertEquals(expected, t, 2 * Math.ulp(expected), "seed " + seed);
    }
  }

  @Example
  void nearPointsShrinkToTheFirstComponentOneGridStepOutside() {
    // μ = (−2, 2), Σ_i = 4: x = μ_i + 2 z with z on a 10⁻³ grid; |x − μ_0| ≤ 2 fails first at
    // i = 0, |z| = 1.001
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}},
        new double[][][] {{{4}}, {{4}}});
    for (long seed : SEEDS) {
      double[] x = minimal(Points.near(m), seed, p -> Math.abs(p[0] + 2) <= 2);
      assertEquals(2 * 1.001, Math.abs(x[0] + 2), 1e-15, "seed " + seed);
    }
  }

  @Example
  void betweenPointsShrinkToOneGridStepPastTheTiePoint() {
    // x = (1 − λ) μ_i + λ μ_j on the segment [−2, 2], λ shrinking to ½ on a 10⁻⁴ grid: x ≤ 0 fails
    // first at |x| = 4 · 10⁻⁴
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}},
        new double[][][] {{{1}}, {{1}}});
    for (long seed : SEEDS) {
      double[] x = minimal(Points.between(m), seed, p -> p[0] <= 0);
      assertEquals(4e-4, x[0], 1e-15, "seed " + seed);
    }
  }

  @Example
  void farPointsShrinkAlongTheFirstAxis() {
    // x = centre + ρ · scale · u, u shrinking to e_0 exactly, ρ = 100 · 10^y with y on a 10⁻⁴ grid:
    // ‖x − centre‖ < 200 · scale fails first at y = 0.3011 (log10 2 = 0.30103 rounded up)
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2, 0}, {2, 0}},
        new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}});
    double scale = 3; // max_i (√λmax(Σ_i) + ‖μ_i − centre‖) = 1 + 2
    double rho = 100 * Math.pow(10, 0.3011);
    for (long seed : SEEDS) {
      double[] x = minimal(Points.far(m), seed, p -> Math.hypot(p[0], p[1]) < 200 * scale);
      assertEquals(rho * scale, x[0], 1e-12, "seed " + seed);
      assertEquals(0.0, x[1], 0.0, "seed " + seed);
    }
  }

  static double condition(double[][] a) {
    double[] e = GaussianMixture.symmetricEigenvalues(a);
    return e[e.length - 1] / e[0];
  }

  static boolean isDiagonal(double[][] a) {
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a.length; c++) {
        if (r != c && a[r][c] != 0) return false;
      }
    }
    return true;
  }
}
