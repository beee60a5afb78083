package org.mixproof.generators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.RandomGenerator;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VeGeometric;
import org.mixproof.schedule.VpLinear;
import org.mixproof.schedule.VpOu;

/**
 * Shrinking quality of the generators, tested directly: draw from {@code arbitrary.generator(1000)}
 * with a seeded {@link java.util.Random} until a value falsifies a known-false property, shrink it
 * with {@link GreedyShrinker}, and compare with the minimum derived from how the generators encode
 * their parts (d → dmin, k → kmin, any component removable, Givens angles → 0, κ → κmin, scale → 1)
 * and from the simplicity order of doubles: a decimal part shrinks to the value with the fewest decimal
 * places of v − target, then the nearest ({@link SimpleDecimal}: 2 before 1.571, 0.6 before 0.5004), a
 * log-uniform magnitude to the fewest significant digits, then the nearest to its anchor in log10
 * ({@link SimpleMagnitude}: 20 before 10.0023). Exact minima (identity, zeros, e_0, whole numbers) are
 * compared exactly. Each test runs two seeds, so a lucky start cannot hide a shrinker that stalls.
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
  void equalWeightsClaimShrinksToTwoComponentsOneWholeWeightExponentApart() {
    // the exponents x ∈ [0, 12] shrink to 0 and the simplest non-zero exponent, the whole number 1:
    // x = (0, 1), r = (1, q) with q = 10^-1, and with floor f and k = 2: w = f + (1 − 2f) r / (1 + q)
    double f = 0.05;
    double q = Math.pow(10, -1.0);
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

  /**
   * The case the shrinker used to stop at: "k ≥ 3 and ‖μ_k‖ ≥ 1" has the minimum d = 1, k = 3, means
   * (0, 0, 1), equal weights, Σ_i = 1 (k cannot fall below 3, the first two means shrink to 0, the last
   * to the simplest value ≥ 1): two coincident components and a distinct last one.
   */
  private static GreedyShrinker.Result<GaussianMixture> coincidentPairBeforeADistinctLast(long seed) {
    GreedyShrinker.Result<GaussianMixture> r = GreedyShrinker.minimalCounterexample(profile().build(), seed,
        x -> x.components() < 3 || norm(x.mean(x.components() - 1)) < 1);
    GaussianMixture m = r.value();
    assertEquals(1, m.dimension(), "seed " + seed);
    assertEquals(3, m.components(), "seed " + seed);
    assertArrayEquals(new double[][] {{0}, {0}, {1}}, m.means(), "seed " + seed);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, m.weights(), 1e-15, "seed " + seed);
    assertArrayEquals(new double[][][] {identity(1), identity(1), identity(1)}, m.covariances());
    return r;
  }

  @Example
  void aCoincidentPairBesideADistinctLastComponentShrinksToTwoByDroppingTheFirst() {
    // "two means at least 1 apart" (diameter D ≥ 1) is false at (0, 0, 1). Dropping the last component
    // (k → 2) leaves D = 0, so shrinking k alone stops at k = 3; dropping the first leaves means (0, 1)
    // with the weights renormalised to (½, ½), D = 1, and one component (D = 0) satisfies the claim:
    // the minimum is k = 2, means (0, 1), equal weights — the last component kept
    for (long seed : SEEDS) {
      GreedyShrinker.Result<GaussianMixture> start = coincidentPairBeforeADistinctLast(seed);
      GaussianMixture m = GreedyShrinker.shrink(start.shrinkable(), x -> diameter(x) < 1,
          GreedyShrinker.DEFAULT_MAX_STEPS).value();
      assertEquals(1, m.dimension(), "seed " + seed);
      assertEquals(2, m.components(), () -> "seed " + seed + ": " + m);
      assertArrayEquals(new double[][] {{0}, {1}}, m.means(), "seed " + seed);
      assertArrayEquals(new double[] {0.5, 0.5}, m.weights(), 1e-15, "seed " + seed);
      assertArrayEquals(new double[][][] {identity(1), identity(1)}, m.covariances());
    }
  }

  @Example
  void aCoincidentPairMergesWhenDroppingOneWouldChangeTheWeights() {
    // "D ≥ 1 and the component at 1 weighs less than ½" is false at (0, 0, 1) with weights ⅓ each.
    // Dropping a component at 0 renormalises to (½, ½) and satisfies it; merging the first into the
    // second (they coincide) keeps the density, weights (⅔, ⅓): the minimum is k = 2, means (0, 1),
    // weights (⅔, ⅓), and p(x) = ⅔ φ(x) + ⅓ φ(x − 1) everywhere
    for (long seed : SEEDS) {
      GreedyShrinker.Result<GaussianMixture> start = coincidentPairBeforeADistinctLast(seed);
      GaussianMixture m = GreedyShrinker.shrink(start.shrinkable(),
          x -> diameter(x) < 1 || weightAt(x, 1) >= 0.5, GreedyShrinker.DEFAULT_MAX_STEPS).value();
      assertEquals(2, m.components(), () -> "seed " + seed + ": " + m);
      assertArrayEquals(new double[][] {{0}, {1}}, m.means(), "seed " + seed);
      assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, m.weights(), 1e-15, "seed " + seed);
      for (double x : new double[] {-2, 0, 0.5, 1, 3}) {
        double p = 2.0 / 3 * phi(x) + 1.0 / 3 * phi(x - 1);
        assertEquals(p, density1d(start.value(), x), 1e-15 * p, "the merge keeps the density");
        assertEquals(p, density1d(m, x), 1e-15 * p, "seed " + seed);
      }
    }
  }

  @Example
  void decimalsShrinkToWholeNumbersThenShortDecimals() {
    for (long seed : SEEDS) {
      // x ≤ π/2 is false past 1.5708: the whole number 2 is simpler than the grid point 1.571
      assertEquals(2.0, minimal(Parts.decimals(0, 3, 3, 0), seed, x -> x <= Math.PI / 2), 0.0, "seed " + seed);
      // x ≥ −0.3 is false below −0.3: −1, the simplest whole number there
      assertEquals(-1.0, minimal(Parts.decimals(-5, 5, 3, 0), seed, x -> x >= -0.3), 0.0, "seed " + seed);
      // x ≤ 0.25 in [0, 0.9], which holds no whole number past 0.25: one decimal place, 0.3 (not 0.2501)
      assertEquals(0.3, minimal(Parts.decimals(0, 0.9, 4, 0), seed, x -> x <= 0.25), 0.0, "seed " + seed);
      // places count from the target: with target ½, x ≤ ½ is false past ½ and ½ + 0.1 is simplest
      assertEquals(0.6, minimal(Parts.decimals(0, 1, 4, 0.5), seed, x -> x <= 0.5), 0.0, "seed " + seed);
      // 0 and whole numbers are simpler than any fraction: x ∈ (0.3, 0.4) is false nowhere else, and
      // of those the nearest to 0 with the fewest places (two) is 0.31
      assertEquals(0.31, minimal(Parts.decimals(-2, 2, 4, 0), seed, x -> x <= 0.3 || x >= 0.4), 0.0, "seed " + seed);
      // a property nothing satisfies: the target
      assertEquals(0.0, minimal(Parts.decimals(-2, 2, 4, 0), seed, x -> false), 0.0, "seed " + seed);
      assertEquals(0.5, minimal(Parts.decimals(0, 1, 4, 0.5), seed, x -> false), 0.0, "seed " + seed);
    }
  }

  @Example
  void logUniformMagnitudesShrinkToTheFewestSignificantDigits() {
    Arbitrary<Double> kappa = Parts.logUniform(1, 1e8, 1, 4);
    Arbitrary<Double> scale = Parts.logUniform(0.1, 10, 1, 4);
    for (long seed : SEEDS) {
      // κ ≤ 10 is false past 10: 20, one significant digit and nearest the anchor 1 (not 10^1.0001)
      assertEquals(20.0, minimal(kappa, seed, x -> x <= 10), 0.0, "seed " + seed);
      // s ≥ 1 is false below 1: 0.9; s ≤ 1.05 is false past 1.05: 2 (one digit) before 1.1 (two)
      assertEquals(0.9, minimal(scale, seed, x -> x >= 1), 0.0, "seed " + seed);
      assertEquals(2.0, minimal(scale, seed, x -> x <= 1.05), 0.0, "seed " + seed);
      // s ∈ (1.2, 1.3) holds no one- or two-digit value: three digits, nearest 1: 1.21
      assertEquals(1.21, minimal(scale, seed, x -> x <= 1.2 || x >= 1.3), 0.0, "seed " + seed);
      // a property nothing satisfies: exactly the anchor
      assertEquals(1.0, minimal(scale, seed, x -> false), 0.0, "seed " + seed);
      assertEquals(1e-3, minimal(Parts.logUniform(1e-8, 1e-3, 1e-3, 4), seed, x -> false), 0.0, "seed " + seed);
    }
  }

  @Example
  void theSimpleShrinkingDrawsWhatJqwikDraws() {
    // only shrinking changed: Parts.decimals draws jqwik's uniform decimals, logUniform anchor × 10^x with
    // x drawn so, and a shrink-only part draws nothing (the parts after it draw as before), so every
    // seed generates the cases it generated before and finds the same first counterexample
    Arbitrary<Double> jqwik = Arbitraries.doubles().between(-3, 3).ofScale(3).shrinkTowards(0)
        .withDistribution(RandomDistribution.uniform());
    Arbitrary<Double> jqwikExponent = Arbitraries.doubles().between(-1, 1).ofScale(4).shrinkTowards(0)
        .withDistribution(RandomDistribution.uniform());
    Arbitrary<List<Object>> withMark = Combinators.combine(
        Parts.shrinkOnly(Mixtures.Presence.PRESENT, Mixtures.Presence.DROPPED), Parts.decimals(-3, 3, 3, 0))
        .as(List::of);
    for (long seed : SEEDS) {
      Random a = new Random(seed), b = new Random(seed), c = new Random(seed), e = new Random(seed), f = new Random(seed);
      RandomGenerator<Double> ours = Parts.decimals(-3, 3, 3, 0).generator(1000);
      RandomGenerator<Double> theirs = jqwik.generator(1000);
      RandomGenerator<Double> ourLog = Parts.logUniform(0.1, 10, 1, 4).generator(1000);
      RandomGenerator<Double> theirLog = jqwikExponent.generator(1000);
      RandomGenerator<List<Object>> marked = withMark.generator(1000);
      for (int i = 0; i < 500; i++) {
        double v = ours.next(a).value();
        assertEquals(theirs.next(b).value(), v, 0.0, "draw " + i);
        double x = theirLog.next(e).value();
        assertEquals(x == 0 ? 1.0 : Math.min(10, Math.max(0.1, Math.pow(10, x))), ourLog.next(c).value(), 0.0, "draw " + i);
        List<Object> both = marked.next(f).value();
        assertEquals(Mixtures.Presence.PRESENT, both.get(0));
      }
      Random g = new Random(seed), h = new Random(seed);
      for (int i = 0; i < 500; i++) {
        assertEquals(jqwik.generator(1000).next(h).value(), withMark.generator(1000).next(g).value().get(1), "draw " + i);
      }
    }
  }

  @Example
  void meanRadiusClaimShrinksToOneMeanAtTheFirstWholeNumberOutside() {
    // ‖μ_i‖ ≤ 1 is false past 1; mean coordinates lie in [−3, 3] on a 10⁻³ grid, and the simplest of
    // them past 1 is the whole number 2 (not the grid step 1.001), positive before negative
    for (long seed : SEEDS) {
      GaussianMixture m = minimal(profile().build(), seed, x -> x.meanRadius() <= 1);
      assertEquals(1, m.dimension(), "seed " + seed);
      assertEquals(1, m.components(), "seed " + seed);
      assertEquals(2.0, m.meanEntry(0, 0), 0.0, "seed " + seed);
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
  void conditionNumberClaimShrinksToDiagonalTwoByTwoWithTheSimplestConditionPastTheBound() {
    // cond(Σ) = κ exactly (n ≥ 2): cond ≤ 10 is false for κ > 10, and the one-significant-digit κ
    // nearest the anchor 1 past 10 is 20; the angle shrinks to 0 (Q = I), positions to 0 (spectrum
    // (s, s κ)), the scale to 1: Σ = diag(1, 20) exactly
    Arbitrary<double[][]> spd = SpdMatrices.builder().dimensions(1, 4).conditionNumber(1, 1e8).build();
    for (long seed : SEEDS) {
      double[][] a = minimal(spd, seed, x -> condition(x) <= 10);
      assertArrayEquals(new double[][] {{1, 0}, {0, 20}}, a, "seed " + seed);
    }
  }

  @Example
  void diagonalClaimShrinksToTheSimplestRotationOfTheSimplestSpread() {
    // off-diagonal entries need θ ≠ 0 and unequal eigenvalues: the simplest angle is the whole number
    // θ = 1 (radian), the simplest κ ≠ 1 in [1, 1e3] is 2, so with Q = [[c, −s], [s, c]] and
    // Λ = diag(1, κ): Σ = [[c² + s²κ, cs(1 − κ)], [cs(1 − κ), s² + c²κ]]
    Arbitrary<double[][]> spd = SpdMatrices.builder().dimensions(1, 4).build();
    double kappa = 2;
    double c = Math.cos(1), s = Math.sin(1);
    for (long seed : SEEDS) {
      double[][] a = minimal(spd, seed, GeneratorShrinkingTest::isDiagonal);
      assertEquals(2, a.length, "seed " + seed);
      assertEquals(c * c + s * s * kappa, a[0][0], 1e-15, "seed " + seed);
      assertEquals(s * s + c * c * kappa, a[1][1], 1e-15, "seed " + seed);
      assertEquals(c * s * (kappa - 1), Math.abs(a[0][1]), 1e-15, "seed " + seed);
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
  void smallTimeClaimShrinksToTheSimplestTimeBelowTheBound() {
    // t ∈ [1e−8, 10] shrinking to the anchor 1: t ≥ 1e−3 is false below 1e−3, and the
    // one-significant-digit time below 1e−3 nearest 1 is 0.0009 (not 10^−3.0001)
    Arbitrary<Double> times = Times.logUniform(new VpOu());
    for (long seed : SEEDS) {
      assertEquals(0.0009, minimal(times, seed, x -> x >= 1e-3), 0.0, "seed " + seed);
    }
  }

  @Example
  void nearPointsShrinkToTheSimplestOffsetOutside() {
    // μ = (−2, 2), Σ_i = 4: x = μ_i + 2 z with z on a 10⁻³ grid in [−4, 4]; |x − μ_0| ≤ 2 is false for
    // i = 0 and |z| > 1, simplest at z = 2 (a whole number, positive), and for i = 1 already at z = 0:
    // both local minima are x = 2
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}},
        new double[][][] {{{4}}, {{4}}});
    for (long seed : SEEDS) {
      double[] x = minimal(Points.near(m), seed, p -> Math.abs(p[0] + 2) <= 2);
      assertEquals(2.0, x[0], 1e-15, "seed " + seed);
    }
  }

  @Example
  void betweenPointsShrinkToTheSimplestWeightPastTheTiePoint() {
    // x = (1 − λ) μ_i + λ μ_j on the segment [−2, 2], λ ∈ [0, 1] shrinking to ½: x ≤ 0 is false when
    // λ is on the far side of ½ from μ_i, and the simplest such λ is ½ ± 0.1 (one decimal place,
    // nearest ½): x = 0.4 · ∓2 + 0.6 · ±2 = 0.4 either way
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2}, {2}},
        new double[][][] {{{1}}, {{1}}});
    for (long seed : SEEDS) {
      double[] x = minimal(Points.between(m), seed, p -> p[0] <= 0);
      assertEquals(0.4, x[0], 1e-15, "seed " + seed);
    }
  }

  @Example
  void farPointsShrinkAlongTheFirstAxis() {
    // x = centre + ρ · scale · u, u shrinking to e_0 exactly, ρ ∈ [100, 1000] shrinking to 100:
    // ‖x − centre‖ < 200 · scale is false from ρ = 200 on, itself the simplest such ρ
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-2, 0}, {2, 0}},
        new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}});
    double scale = 3; // max_i (√λmax(Σ_i) + ‖μ_i − centre‖) = 1 + 2
    double rho = 200;
    for (long seed : SEEDS) {
      double[] x = minimal(Points.far(m), seed, p -> Math.hypot(p[0], p[1]) < 200 * scale);
      assertEquals(rho * scale, x[0], 0.0, "seed " + seed);
      assertEquals(0.0, x[1], 0.0, "seed " + seed);
    }
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }

  /** D = max ‖μ_i − μ_j‖. */
  static double diameter(GaussianMixture m) {
    double d = 0;
    for (int i = 0; i < m.components(); i++) {
      for (int j = 0; j < m.components(); j++) {
        double[] a = m.mean(i), b = m.mean(j);
        double s = 0;
        for (int c = 0; c < a.length; c++) s += (a[c] - b[c]) * (a[c] - b[c]);
        d = Math.max(d, Math.sqrt(s));
      }
    }
    return d;
  }

  /** The total weight of the components whose (one-dimensional) mean is {@code mu}. */
  static double weightAt(GaussianMixture m, double mu) {
    double w = 0;
    for (int i = 0; i < m.components(); i++) if (m.meanEntry(i, 0) == mu) w += m.weight(i);
    return w;
  }

  static double phi(double x) { return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI); }

  /** Σ π_i N(x; μ_i, σ_i²) of a one-dimensional mixture. */
  static double density1d(GaussianMixture m, double x) {
    double p = 0;
    for (int i = 0; i < m.components(); i++) {
      double s = Math.sqrt(m.covariance(i)[0][0]);
      p += m.weight(i) * phi((x - m.meanEntry(i, 0)) / s) / s;
    }
    return p;
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
