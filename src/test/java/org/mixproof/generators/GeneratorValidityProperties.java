package org.mixproof.generators;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.junit.jupiter.api.function.Executable;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;
import org.mixproof.schedule.VeGeometric;
import org.mixproof.schedule.VpLinear;

/**
 * Generated values are valid and respect their profile: dimension and component ranges, weight
 * floor, mean radius, condition-number and scale ranges (from {@link GaussianMixture#covarianceEigenvalues}),
 * and the covariance family's shape. Plus: edge cases are reached, condition numbers are
 * log-uniform, and bad profiles are rejected naming the parameter.
 *
 * <p>Eigenvalue tolerances: a symmetric eigensolver has absolute error ≲ c·d·u·λmax, so a computed
 * condition number carries relative error ≲ c·d·u·κ; we allow 64·d·u·κmax.
 */
class GeneratorValidityProperties {

  static final Mixtures.Builder FULL = Mixtures.builder().dimensions(1, 4).components(1, 5)
      .family(CovarianceFamily.FULL).conditionNumber(10, 1e4).scale(0.1, 10).meanRadius(3).weightFloor(0.05);
  static final Mixtures.Builder SHARED = Mixtures.builder().dimensions(1, 4).components(1, 4)
      .family(CovarianceFamily.SHARED).conditionNumber(1, 1e8).scale(0.01, 1).meanRadius(10);
  static final Mixtures.Builder DIAGONAL = Mixtures.builder().dimensions(2, 5).components(2, 4)
      .family(CovarianceFamily.DIAGONAL).conditionNumber(2, 100).scale(1, 100).meanRadius(1).weightFloor(0.2);
  static final Mixtures.Builder ISOTROPIC = Mixtures.builder().dimensions(1, 3).components(1, 6)
      .family(CovarianceFamily.ISOTROPIC).scale(0.5, 2).meanRadius(0);
  static final Mixtures.Builder SINGULAR = Mixtures.builder().dimensions(1, 4).components(1, 3)
      .family(CovarianceFamily.SINGULAR).conditionNumber(1, 1e3).meanRadius(5);

  @Provide Arbitrary<GaussianMixture> full() { return FULL.build(); }
  @Provide Arbitrary<GaussianMixture> shared() { return SHARED.build(); }
  @Provide Arbitrary<GaussianMixture> diagonal() { return DIAGONAL.build(); }
  @Provide Arbitrary<GaussianMixture> isotropic() { return ISOTROPIC.build(); }
  @Provide Arbitrary<GaussianMixture> singular() { return SINGULAR.build(); }

  @Property(tries = 200, seed = "11")
  void fullMixturesRespectTheirProfile(@ForAll("full") GaussianMixture m) {
    checkCommon(FULL.profile(), m);
    for (int i = 0; i < m.components(); i++) checkSpectrum(FULL.profile(), m.dimension(), m.covarianceEigenvalues(i));
  }

  @Property(tries = 200, seed = "12")
  void sharedMixturesHaveOneCovariance(@ForAll("shared") GaussianMixture m) {
    checkCommon(SHARED.profile(), m);
    checkSpectrum(SHARED.profile(), m.dimension(), m.covarianceEigenvalues(0));
    for (int i = 1; i < m.components(); i++) {
      assertTrue(Arrays.deepEquals(m.covariance(0), m.covariance(i)), "Σ_" + i + " differs from Σ_0");
    }
  }

  @Property(tries = 200, seed = "13")
  void diagonalMixturesHaveZeroOffDiagonals(@ForAll("diagonal") GaussianMixture m) {
    checkCommon(DIAGONAL.profile(), m);
    int d = m.dimension();
    for (int i = 0; i < m.components(); i++) {
      double lo = Double.POSITIVE_INFINITY, hi = 0;
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          if (r != c) assertEquals(0.0, m.covarianceEntry(i, r, c), 0.0);
        }
        lo = Math.min(lo, m.covarianceEntry(i, r, r));
        hi = Math.max(hi, m.covarianceEntry(i, r, r));
      }
      // d ≥ 2 here, so the ratio of the diagonal is κ itself (two roundings)
      assertInRange("cond(Σ_" + i + ")", hi / lo, DIAGONAL.profile().minCondition(), DIAGONAL.profile().maxCondition(), 4 * EPS);
      assertInRange("λmin(Σ_" + i + ")", lo, DIAGONAL.profile().minScale(), DIAGONAL.profile().maxScale(), 0);
    }
  }

  @Property(tries = 200, seed = "14")
  void isotropicMixturesAreScaledIdentities(@ForAll("isotropic") GaussianMixture m) {
    checkCommon(ISOTROPIC.profile(), m);
    int d = m.dimension();
    for (int i = 0; i < m.components(); i++) {
      double s = m.covarianceEntry(i, 0, 0);
      assertInRange("σ²_" + i, s, ISOTROPIC.profile().minScale(), ISOTROPIC.profile().maxScale(), 0);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) assertEquals(r == c ? s : 0.0, m.covarianceEntry(i, r, c), 0.0);
      }
    }
  }

  @Property(tries = 200, seed = "15")
  void singularMixturesHaveExactZeroEigenvaluesOnTheFirstAxis(@ForAll("singular") GaussianMixture m) {
    checkCommon(SINGULAR.profile(), m);
    assertTrue(m.isSingular(), "isSingular()");
    int d = m.dimension();
    for (int i = 0; i < m.components(); i++) {
      double[] e = m.covarianceEigenvalues(i);
      assertEquals(0.0, e[0], 0.0, "smallest eigenvalue of Σ_" + i + " " + Arrays.toString(e));
      for (int c = 0; c < d; c++) assertEquals(0.0, m.covarianceEntry(i, 0, c), 0.0, "row 0 of Σ_" + i);
      double[] positive = Arrays.stream(e).filter(x -> x > 0).toArray();
      if (positive.length > 0) {
        checkSpectrum(SINGULAR.profile(), positive.length, positive);
      }
    }
  }

  @Property(tries = 200, seed = "16")
  void spdMatricesAreExactlySymmetricWithinTheirRanges(@ForAll("spd") double[][] a) {
    int n = a.length;
    assertTrue(n >= 1 && n <= 6, "n = " + n);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) assertEquals(a[r][c], a[c][r], 0.0, "entry " + r + "," + c);
    }
    double[] e = GaussianMixture.symmetricEigenvalues(a);
    double tol = 64 * n * EPS * 1e8;
    assertInRange("λmin", e[0], 1e-3, 1e3, tol);
    if (n > 1) assertInRange("cond", e[n - 1] / e[0], 1, 1e8, tol);
  }

  @Provide
  Arbitrary<double[][]> spd() {
    return SpdMatrices.builder().dimensions(1, 6).conditionNumber(1, 1e8).scale(1e-3, 1e3).build();
  }

  @Property(tries = 200, seed = "17")
  void schedulesReadBackAndTimesLieInTheirRange(@ForAll("schedulesAndTimes") Tuple2<NoiseSchedule, Double> st) {
    NoiseSchedule s = st.get1();
    double t = st.get2();
    assertEquals(s, Schedules.parse(s.spec()));
    if (s instanceof VpLinear) {
      VpLinear v = (VpLinear) s;
      assertInRange("betaMin", v.betaMin(), ScheduleArbitraries.BETA_MIN_LO, ScheduleArbitraries.BETA_MIN_HI, 0);
      assertInRange("betaMax", v.betaMax(), ScheduleArbitraries.BETA_MAX_LO, ScheduleArbitraries.BETA_MAX_HI, 0);
    }
    if (s instanceof VeGeometric) {
      VeGeometric v = (VeGeometric) s;
      assertInRange("sigmaMin", v.sigmaMin(), ScheduleArbitraries.SIGMA_MIN_LO, ScheduleArbitraries.SIGMA_MIN_HI, 0);
      assertInRange("sigmaMax", v.sigmaMax(), ScheduleArbitraries.SIGMA_MAX_LO, ScheduleArbitraries.SIGMA_MAX_HI, 0);
    }
    assertInRange("t", t, Times.SMALLEST, Times.horizon(s), 0);
    assertTrue(s.b2(t) > 0 && Double.isFinite(s.b2(t)), "b_t² = " + s.b2(t));
  }

  @Provide
  Arbitrary<Tuple2<NoiseSchedule, Double>> schedulesAndTimes() {
    // flatMap is fine here: this property checks validity, not shrinking
    return ScheduleArbitraries.all().flatMap(s -> Times.forSchedule(s).map(t -> Tuple.of(s, t)));
  }

  @Property(tries = 200, seed = "18")
  void pointsAreWhereTheirKindSays(@ForAll("pointCases") Tuple2<MixtureDensity, Points.Recipe> c) {
    MixtureDensity p = c.get1();
    Points.Recipe recipe = c.get2();
    Points.Geometry g = Points.geometry(p);
    double[] x = recipe.at(g);
    int d = p.dimension(), k = p.components();
    assertEquals(d, x.length);
    assertTrue(Double.isFinite(p.logDensity(x)), "log p_t finite at " + Arrays.toString(x));
    double rel = 1e-12;
    switch (recipe.kind()) {
      case NEAR: {
        int i = Math.floorMod(recipe.first(), k);
        double bound = Points.NEAR_STD * Math.sqrt(d) * Math.sqrt(p.lambdaMax());
        assertTrue(distance(x, p.mean(i)) <= bound * (1 + rel), "near point too far from μ_" + i);
        break;
      }
      case BETWEEN: {
        boolean onSegment = k == 1 && Arrays.equals(x, p.mean(0));
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            double gap = distance(x, p.mean(i)) + distance(x, p.mean(j)) - distance(p.mean(i), p.mean(j));
            if (i != j && Math.abs(gap) <= rel * g.scale()) onSegment = true;
          }
        }
        assertTrue(onSegment, "between point on no segment of centres");
        break;
      }
      case FAR: {
        double rho = distance(x, g.centre()) / g.scale();
        assertInRange("far radius", rho, Points.FAR_MIN, Points.FAR_MAX, rel);
        break;
      }
      default:
        throw new AssertionError(recipe.kind());
    }
  }

  @Provide
  Arbitrary<Tuple2<MixtureDensity, Points.Recipe>> pointCases() {
    Arbitrary<GaussianMixture> mixtures = Mixtures.builder().dimensions(1, 3).components(1, 4)
        .families(Mixtures.allFamilies()).conditionNumber(1, 1e4).meanRadius(5).build();
    return Combinators.combine(mixtures, ScheduleArbitraries.all(), Times.logUniform(1e-4, 1), Points.recipes(3, 4))
        .as((m, s, t, r) -> Tuple.of(MixtureDensity.at(m, s, t), r));
  }

  @Example
  void edgeCasesAreReached() {
    Arbitrary<GaussianMixture> arbitrary = Mixtures.builder().dimensions(1, 3).components(1, 4)
        .conditionNumber(1, 1e8).meanRadius(5).build();
    RandomGenerator<GaussianMixture> generator = arbitrary.generatorWithEmbeddedEdgeCases(1000);
    Random random = new Random(20240611L);
    int single = 0, coincident = 0, tiny = 0, illConditioned = 0;
    for (int n = 0; n < 2000; n++) {
      GaussianMixture m = generator.next(random).value();
      if (m.components() == 1) single++;
      if (m.components() > 1 && m.meanDiameter() == 0 && m.meanRadius() > 0) coincident++;
      if (Arrays.stream(m.weights()).min().getAsDouble() <= 1.01e-12) tiny++;
      for (int i = 0; i < m.components(); i++) {
        double[] e = m.covarianceEigenvalues(i);
        if (e[e.length - 1] / e[0] >= 1e7) illConditioned++;
      }
    }
    assertTrue(single > 0, "k = 1 never generated");
    assertTrue(coincident > 0, "coincident non-zero means never generated");
    assertTrue(tiny > 0, "weights of 1e-12 never generated");
    assertTrue(illConditioned > 0, "condition numbers in [1e7, 1e8] never generated");
  }

  @Example
  void conditionNumbersAreLogUniform() {
    // κ ∈ [1, 1e8] log-uniform: each of the 8 decades holds 1/8 of the draws. With n = 4000 the
    // count per decade has σ = √(n p (1 − p)) ≈ 20.9; a 5σ band around 500 (fixed seed) is [395, 605].
    RandomGenerator<SpdMatrices.Recipe> generator =
        SpdMatrices.builder().dimension(2).conditionNumber(1, 1e8).recipes().generator(1000);
    Random random = new Random(99L);
    int[] decades = new int[8];
    for (int n = 0; n < 4000; n++) {
      double kappa = generator.next(random).value().conditionNumber();
      decades[Math.min(7, (int) Math.floor(Math.log10(kappa)))]++;
    }
    for (int j = 0; j < 8; j++) {
      assertInRange("draws in decade " + j + " " + Arrays.toString(decades), decades[j], 395, 605, 0);
    }
  }

  @Example
  void badProfilesAreRejectedNamingTheParameter() {
    assertRejected("dimensions", () -> Mixtures.builder().dimensions(0, 2));
    assertRejected("components", () -> Mixtures.builder().components(3, 2));
    assertRejected("conditionNumber", () -> Mixtures.builder().conditionNumber(0.5, 10));
    assertRejected("meanRadius", () -> Mixtures.builder().meanRadius(Double.NaN));
    assertRejected("weightFloor", () -> Mixtures.builder().components(1, 5).weightFloor(0.3).build());
    assertRejected("families", () -> Mixtures.builder().families());
    assertRejected("scale", () -> SpdMatrices.builder().scale(0, 1));
    assertRejected("schedule name", () -> ScheduleArbitraries.of("vp-cosine"));
    assertRejected("covariance family", () -> CovarianceFamily.fromId("banana"));
    assertEquals(CovarianceFamily.SINGULAR, CovarianceFamily.fromId("singular"));
  }

  private static void assertRejected(String parameter, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
  }

  private static void checkCommon(Mixtures.Profile profile, GaussianMixture m) {
    assertInRange("d", m.dimension(), profile.minDimension(), profile.maxDimension(), 0);
    assertInRange("k", m.components(), profile.minComponents(), profile.maxComponents(), 0);
    double f = profile.weightFloor();
    for (double w : m.weights()) {
      // normalized() divides by a sum within a few ulps of 1, so the floor holds to a few ulps
      assertTrue(w >= f - 4 * Math.ulp(f), "weight " + w + " below floor " + f);
    }
    assertTrue(m.meanRadius() <= profile.meanRadius(), "R = " + m.meanRadius());
  }

  /** Ascending eigenvalues of one covariance: λmin in the scale range, cond in the κ range (d ≥ 2). */
  private static void checkSpectrum(Mixtures.Profile profile, int d, double[] e) {
    double tol = 64 * d * EPS * profile.maxCondition();
    assertInRange("λmin", e[0], profile.minScale(), profile.maxScale(), tol);
    if (d > 1) {
      assertInRange("cond", e[d - 1] / e[0], profile.minCondition(), profile.maxCondition(), tol);
    }
  }

  private static void assertInRange(String what, double v, double lo, double hi, double relTol) {
    assertTrue(v >= lo * (1 - relTol) && v <= hi * (1 + relTol),
        what + " = " + v + " outside [" + lo + ", " + hi + "] (relative tolerance " + relTol + ")");
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
    return Math.sqrt(s);
  }
}
