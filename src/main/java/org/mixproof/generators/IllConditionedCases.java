package org.mixproof.generators;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.oracle.DoubleConversion;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Cases for docs/claims.md §6 ({@code oracle.*}): a mixture, a schedule, a time and a point, reaching where
 * double precision struggles — cond(Σ_i) from 1 to 1e12; singular data at times whose b_t² runs from
 * 1e−2 down to 1e−12; points up to 1e3 standard deviations (Mahalanobis) from a component and 1e2 to
 * 1e3 mixture scales from its centre; points on a tie ℓ_i = ℓ_j of two components (where the score
 * is a near-cancellation), far out as well as near; tiny (1e−12) and near-1 weights (from
 * {@link Mixtures}).
 *
 * <p>One {@code combine} of the mixture, the schedule, the clock (a log-uniform fraction of the
 * horizon, or a target b_t² log-uniform in [1e−12, 1e−2] solved for t) and a point {@link Recipe};
 * everything shrinks part by part (mixtures to Mixtures' simplest, the clock to the horizon
 * fraction 1, the point to NEAR). The point is built in the property body from the time-t geometry
 * (and, for ties, the oracle's log-terms), never in a combiner.
 */
public final class IllConditionedCases {

  /** Smallest and largest target b_t² of the NOISE clock. */
  public static final double MIN_NOISE = 1e-12, MAX_NOISE = 1e-2;
  /** DEVIATIONS and TIE points lie 1 to this many standard deviations from a component. */
  public static final double MAX_DEVIATIONS = 1e3;
  /** A tie is looked for within this many direction lengths of its base point (else the base point). */
  public static final double MAX_TIE_STEPS = 4;
  /** FAR points lie this many mixture scales from the centre … */
  public static final double FAR_MIN = 1e2, FAR_MAX = 1e3;

  /** Where the point is; shrinks towards NEAR. */
  public enum Where { NEAR, BETWEEN, DEVIATIONS, TIE, FAR }

  /** How t is chosen; shrinks towards HORIZON. */
  public enum Clock { HORIZON, NOISE }

  private IllConditionedCases() {}

  /** The full range: d ≤ 4, k ≤ 4, every family, cond ≤ 1e12, every schedule. */
  public static Mixtures.Builder fullRange() {
    return Mixtures.builder().dimensions(1, 4).components(1, 4).families(Mixtures.allFamilies())
        .conditionNumber(1, Mixtures.MAX_CONDITION).scale(0.1, 10).meanRadius(5);
  }

  /** Cases over a profile, with every schedule and both clocks. */
  public static Arbitrary<Case> of(Mixtures.Builder profile) {
    return of(profile, ScheduleArbitraries.all(), Arbitraries.of(Where.values()));
  }

  public static Arbitrary<Case> of(Mixtures.Builder profile, Arbitrary<NoiseSchedule> schedules,
      Arbitrary<Where> where) {
    Mixtures.Profile pr = profile.profile();
    Arbitrary<Clock> clock = Arbitraries.of(Clock.values());
    Arbitrary<Double> fraction = Times.logUniform(1e-8, 1.0);
    Arbitrary<Double> noise = Parts.logUniform(MIN_NOISE, MAX_NOISE, MAX_NOISE, 4);
    return Combinators.combine(profile.build(), schedules, clock, fraction, noise,
            recipes(pr.maxDimension(), where))
        .as((m, s, c, f, b2, r) -> new Case(m, s, c == Clock.HORIZON ? f * Times.horizon(s) : timeForNoise(s, b2), r));
  }

  /** Point recipes for dimensions ≤ maxDimension. */
  public static Arbitrary<Recipe> recipes(int maxDimension, Arbitrary<Where> where) {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 15);
    Arbitrary<double[]> z = Parts.doubleArray(Parts.decimals(-Points.NEAR_STD, Points.NEAR_STD, 3, 0.0), maxDimension);
    Arbitrary<double[]> u = Parts.doubleArray(Parts.decimals(-1, 1, 3, 0.0), maxDimension);
    Arbitrary<Double> lambda = Parts.decimals(0, 1, 4, 0.5);
    Arbitrary<Double> deviations = Parts.logUniform(1, MAX_DEVIATIONS, 1, 4);
    Arbitrary<Double> far = Parts.logUniform(FAR_MIN, FAR_MAX, FAR_MIN, 4);
    return Combinators.combine(where, index, index, z, u, lambda, deviations, far).as(Recipe::new);
  }

  /** The t with b_t² = target (bisection on the increasing b²), or the horizon if b² never gets there. */
  public static double timeForNoise(NoiseSchedule s, double target) {
    double lo = 0, hi = Times.horizon(s);
    if (s.b2(hi) <= target) return hi;
    for (int n = 0; n < 200 && hi - lo > Math.ulp(hi); n++) {
      double mid = 0.5 * (lo + hi);
      if (s.b2(mid) < target) lo = mid; else hi = mid;
    }
    return hi;
  }

  /**
   * The generated parts of a point: which kind, two component indices (mod k), offsets z in standard
   * deviations, a direction u, a mixing weight λ, a distance in standard deviations and one in mixture
   * scales. A zero direction means e_0.
   */
  public record Recipe(Where where, int first, int second, double[] z, double[] u, double lambda,
      double deviations, double farRadius) {}

  /** A generated case; the point needs the time-t geometry, built by {@link #point}. */
  public record Case(GaussianMixture mixture, NoiseSchedule schedule, double t, Recipe where) {

    /** The double code at this case (may refuse with IllConditionedException). */
    public MixtureDensity density() { return MixtureDensity.at(mixture, schedule, t); }

    public OracleDensity oracle(int digits) { return OracleDensity.at(mixture, schedule, t, digits); }

    /** κ = max_i cond(Σ_i(t)), from the mixture's eigenvalues. */
    public double kappa() {
      double a = schedule.a(t), b2 = schedule.b2(t), kappa = 1;
      for (int i = 0; i < mixture.components(); i++) {
        double[] e = mixture.covarianceEigenvalues(i);
        kappa = Math.max(kappa, (a * a * e[e.length - 1] + b2) / (a * a * e[0] + b2));
      }
      return kappa;
    }

    /** The recipe's point for this mixture at time t; ties are solved with the oracle's ℓ_i. */
    public double[] point(OracleDensity oracle) {
      int d = mixture.dimension(), k = mixture.components();
      double a = schedule.a(t), b2 = schedule.b2(t);
      int i = Math.floorMod(where.first(), k);
      int j = k == 1 ? i : Math.floorMod(i + 1 + Math.floorMod(where.second(), k - 1), k);
      double[] mi = scaled(mixture.mean(i), a), mj = scaled(mixture.mean(j), a);
      double[][] ri = root(mixture.covariance(i), a, b2);
      double[] unit = unit(where.u(), d);
      switch (where.where()) {
        case NEAR:
          return plus(mi, times(ri, where.z(), d));
        case BETWEEN: {
          double[] x = new double[d];
          for (int c = 0; c < d; c++) x[c] = (1 - where.lambda()) * mi[c] + where.lambda() * mj[c];
          return x;
        }
        case DEVIATIONS:
          return plus(mi, scaled(times(ri, unit, d), where.deviations()));
        case TIE:
          return tiePoint(oracle).orElse(plus(mi, scaled(times(ri, unit, d), where.deviations())));
        case FAR: {
          double scale = 0;
          double[] centre = new double[d];
          for (int n = 0; n < k; n++) {
            double[] mn = scaled(mixture.mean(n), a);
            for (int c = 0; c < d; c++) centre[c] += mixture.weight(n) * mn[c];
          }
          for (int n = 0; n < k; n++) {
            double[] e = mixture.covarianceEigenvalues(n);
            double[] mn = scaled(mixture.mean(n), a);
            double dist = 0;
            for (int c = 0; c < d; c++) dist += (mn[c] - centre[c]) * (mn[c] - centre[c]);
            scale = Math.max(scale, Math.sqrt(a * a * e[d - 1] + b2) + Math.sqrt(dist));
          }
          return plus(centre, scaled(unit, where.farRadius() * scale));
        }
        default:
          throw new IllegalArgumentException("unknown kind " + where.where());
      }
    }

    /** The indices i ≠ j a TIE recipe pairs (equal when k = 1). */
    public int[] pair() {
      int k = mixture.components();
      int i = Math.floorMod(where.first(), k);
      int j = k == 1 ? i : Math.floorMod(i + 1 + Math.floorMod(where.second(), k - 1), k);
      return new int[] {i, j};
    }

    /**
     * For a TIE recipe, the point with ℓ_i = ℓ_j on the line through y = μ_i(t) + ρ Σ_i(t)^{1/2} u
     * in the direction μ_j(t) − μ_i(t) + (Σ_i(t)^{1/2} + Σ_j(t)^{1/2}) u, within
     * {@value #MAX_TIE_STEPS} direction lengths of y; empty when there is none (or k = 1).
     */
    public java.util.Optional<double[]> tiePoint(OracleDensity oracle) {
      if (where.where() != Where.TIE) return java.util.Optional.empty();
      int d = mixture.dimension();
      double a = schedule.a(t), b2 = schedule.b2(t);
      int[] ij = pair();
      int i = ij[0], j = ij[1];
      if (i == j) return java.util.Optional.empty();
      double[] unit = unit(where.u(), d);
      double[] mi = scaled(mixture.mean(i), a), mj = scaled(mixture.mean(j), a);
      double[] rii = times(root(mixture.covariance(i), a, b2), unit, d);
      double[] rj = times(root(mixture.covariance(j), a, b2), unit, d);
      double[] y = plus(mi, scaled(rii, where.deviations()));
      double[] v = new double[d];
      for (int c = 0; c < d; c++) v[c] = mj[c] - mi[c] + rii[c] + rj[c];
      double[] x = tie(oracle, i, j, y, v);
      return x == y ? java.util.Optional.empty() : java.util.Optional.of(x);
    }

    @Override
    public String toString() {
      return "Case{schedule=" + schedule.spec() + ", t=" + t + ", where=" + where.where() + ", deviations="
          + where.deviations() + ", " + mixture + "}";
    }
  }

  /** {@link #tie} for tests that build their own tie points. */
  public static double[] tieForTest(OracleDensity oracle, int i, int j, double[] y, double[] v) {
    return tie(oracle, i, j, y, v);
  }

  /**
   * The root of aλ² + bλ + c of least modulus, or null when there is no real one. q = −(b + sign(b)√disc)/2
   * adds numbers of one sign, so the roots q/a and c/q carry no cancellation (the textbook
   * (−b ± √disc)/2a loses every digit of the small root when a is rounding noise beside b).
   */
  static Apfloat smallerRoot(Apfloat a, Apfloat b, Apfloat c) {
    if (a.signum() == 0) return b.signum() == 0 ? null : c.negate().divide(b);
    Apfloat disc = b.multiply(b).subtract(new Apfloat(4).multiply(a).multiply(c));
    if (disc.signum() < 0) return null;
    Apfloat sq = ApfloatMath.sqrt(disc);
    Apfloat q = (b.signum() < 0 ? b.subtract(sq) : b.add(sq)).divide(new Apfloat(2)).negate();
    if (q.signum() == 0) return new Apfloat(0); // b = 0 and disc = 0, so c = 0: the double root 0
    Apfloat r1 = q.divide(a), r2 = c.divide(q);
    return ApfloatMath.abs(r1).compareTo(ApfloatMath.abs(r2)) <= 0 ? r1 : r2;
  }

  /**
   * The point y + λv nearest y with ℓ_i = ℓ_j. Along a line ℓ_i − ℓ_j is a quadratic in λ, so three
   * oracle values give it; its root, solved in apfloat, is polished by Newton steps at the rounded
   * points, which leaves ℓ_i − ℓ_j at the rounding of x. Without a real root with |λ| ≤ {@value #MAX_TIE_STEPS}, y itself.
   */
  static double[] tie(OracleDensity oracle, int i, int j, double[] y, double[] v) {
    int d = y.length;
    Apfloat[] f = new Apfloat[3];
    for (int n = 0; n < 3; n++) {
      double step = n - 1;
      double[] x = new double[d];
      for (int c = 0; c < d; c++) x[c] = y[c] + step * v[c];
      var e = oracle.evaluate(x);
      f[n] = e.logTerm(i) != null && e.logTerm(j) != null ? e.logTerm(i).subtract(e.logTerm(j)) : null;
    }
    if (f[0] == null || f[1] == null || f[2] == null) return y;
    // the sampled points are rounded (y ± v in double), so the quadratic is exact only up to that rounding
    Apfloat two = new Apfloat(2);
    Apfloat cc = f[1];
    Apfloat bb = f[2].subtract(f[0]).divide(two);
    Apfloat aa = f[2].add(f[0]).divide(two).subtract(f[1]);
    Apfloat root = smallerRoot(aa, bb, cc);
    if (root == null) return y;
    double lambda = DoubleConversion.nearest(root);
    if (!Double.isFinite(lambda) || Math.abs(lambda) > MAX_TIE_STEPS) return y;
    // the quadratic came from rounded points: polish with Newton steps at the points actually
    // taken, d(ℓ_i − ℓ_j)/dλ = (s_i − s_j)·v, until |ℓ_i − ℓ_j| stops falling
    double[] best = at(y, lambda, v);
    double bestGap = Double.POSITIVE_INFINITY;
    for (int n = 0; n < 8; n++) {
      double[] x = at(y, lambda, v);
      var e = oracle.evaluate(x);
      double gap = DoubleConversion.nearest(e.logTerm(i).subtract(e.logTerm(j)));
      if (!(Math.abs(gap) < bestGap)) break;
      best = x;
      bestGap = Math.abs(gap);
      double[] si = DoubleConversion.nearest(e.componentScore(i));
      double[] sj = DoubleConversion.nearest(e.componentScore(j));
      double slope = 0;
      for (int c = 0; c < d; c++) slope += (si[c] - sj[c]) * v[c];
      if (gap == 0 || slope == 0) break;
      lambda -= gap / slope;
      if (!Double.isFinite(lambda) || Math.abs(lambda) > MAX_TIE_STEPS) break;
    }
    return best;
  }

  private static double[] at(double[] y, double lambda, double[] v) {
    double[] x = new double[y.length];
    for (int c = 0; c < y.length; c++) x[c] = y[c] + lambda * v[c];
    return x;
  }

  /** The symmetric square root of a² Σ + b² I (eigenvalues clipped at 0 against rounding). */
  static double[][] root(double[][] cov, double a, double b2) {
    int d = cov.length;
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) m.set(r, c, a * a * cov[r][c] + (r == c ? b2 : 0));
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(m)) throw new ArithmeticException("eigen-decomposition failed");
    double[][] root = new double[d][d];
    for (int n = 0; n < d; n++) {
      double s = Math.sqrt(Math.max(eig.getEigenvalue(n).getReal(), 0));
      DMatrixRMaj vec = eig.getEigenVector(n);
      for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) root[r][c] += s * vec.get(r) * vec.get(c);
    }
    return root;
  }

  private static double[] unit(double[] u, int d) {
    double n2 = 0;
    for (int c = 0; c < d; c++) n2 += u[c] * u[c];
    double[] out = new double[d];
    if (n2 == 0) {
      out[0] = 1;
      return out;
    }
    double n = Math.sqrt(n2);
    for (int c = 0; c < d; c++) out[c] = u[c] / n;
    return out;
  }

  private static double[] times(double[][] m, double[] v, int d) {
    double[] out = new double[d];
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) out[r] += m[r][c] * v[c];
    return out;
  }

  private static double[] plus(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int c = 0; c < a.length; c++) out[c] = a[c] + b[c];
    return out;
  }

  private static double[] scaled(double[] v, double s) {
    double[] out = new double[v.length];
    for (int c = 0; c < v.length; c++) out[c] = s * v[c];
    return out;
  }

}
