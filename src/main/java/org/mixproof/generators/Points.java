package org.mixproof.generators;

import java.util.Arrays;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;

/**
 * Points x where a mixture is interesting (docs/claims.md §3): near a component (μ_i(t) + Σ_i(t)^{1/2} z with
 * z ∈ [−4, 4]^d), between two components ((1 − λ) μ_i(t) + λ μ_j(t), λ shrinking to ½, the tie point),
 * and far out (distance 1e2 … 1e3 × the mixture's scale from its centre).
 *
 * <p>A {@link Recipe} is generated independently of the mixture and applied to a {@link Geometry}, so
 * a property can {@code combine} a mixture arbitrary with {@link #recipes} and shrink both part by
 * part instead of {@code flatMap}-ing from the mixture. Build the geometry (one symmetric eigen
 * decomposition per component) in the property body, not in a combiner. The convenience methods
 * taking a mixture or density compute the geometry once and map recipes onto it.
 */
public final class Points {

  /** Standard deviations per coordinate of near points: z ∈ [−4, 4]^d. */
  public static final double NEAR_STD = 4;
  /** Far points lie at this many scales … */
  public static final double FAR_MIN = 1e2;
  /** … up to this many. */
  public static final double FAR_MAX = 1e3;

  /** Which kind of point a recipe makes; recipes shrink towards NEAR. */
  public enum Kind { NEAR, BETWEEN, FAR }

  private Points() {}

  /** Centres μ_i(t), symmetric square roots of Σ_i(t), the weighted centre and a length scale. */
  public record Geometry(double[][] centres, double[][][] roots, double[] centre, double scale) {

    public int dimension() { return centre.length; }

    public int components() { return centres.length; }
  }

  /** The geometry of the mixture at time 0 (singular covariances allowed). */
  public static Geometry geometry(GaussianMixture m) {
    int k = m.components();
    double[][] centres = new double[k][];
    double[][][] covs = new double[k][][];
    for (int i = 0; i < k; i++) {
      centres[i] = m.mean(i);
      covs[i] = m.covariance(i);
    }
    return geometry(centres, covs, m.weights());
  }

  /** The geometry of p_t: μ_i(t) = a_t μ_i and Σ_i(t) = a_t² Σ_i + b_t² I. */
  public static Geometry geometry(MixtureDensity p) {
    int k = p.components();
    double[][] centres = new double[k][];
    double[][][] covs = new double[k][][];
    for (int i = 0; i < k; i++) {
      centres[i] = p.mean(i);
      covs[i] = p.covariance(i);
    }
    return geometry(centres, covs, p.mixture().weights());
  }

  private static Geometry geometry(double[][] centres, double[][][] covs, double[] weights) {
    int k = centres.length, d = centres[0].length;
    double[] centre = new double[d];
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < d; c++) centre[c] += weights[i] * centres[i][c];
    }
    double[][][] roots = new double[k][][];
    double scale = 0;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    for (int i = 0; i < k; i++) {
      if (!eig.decompose(new DMatrixRMaj(covs[i]))) {
        throw new ArithmeticException("eigen-decomposition of covariance " + i + " failed");
      }
      double[][] root = new double[d][d];
      double lambdaMax = 0;
      for (int j = 0; j < d; j++) {
        double lambda = Math.max(eig.getEigenvalue(j).getReal(), 0);
        lambdaMax = Math.max(lambdaMax, lambda);
        double s = Math.sqrt(lambda);
        DMatrixRMaj v = eig.getEigenVector(j);
        for (int r = 0; r < d; r++) {
          for (int c = 0; c < d; c++) root[r][c] += s * v.get(r) * v.get(c);
        }
      }
      roots[i] = root;
      double dist = 0;
      for (int c = 0; c < d; c++) dist += (centres[i][c] - centre[c]) * (centres[i][c] - centre[c]);
      scale = Math.max(scale, Math.sqrt(lambdaMax) + Math.sqrt(dist));
    }
    return new Geometry(centres, roots, centre, scale > 0 ? scale : 1);
  }

  /**
   * The generated parts of a point, sized for the largest dimension and component count; indices
   * are taken modulo k and vectors truncated to d when applied. Equal by content (arrays compared
   * element by element), so equal cases are {@code equals} ({@link GreedyShrinker}).
   */
  public record Recipe(Kind kind, int first, int second, double[] z, double lambda, double[] direction, double radius) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Recipe r && kind == r.kind && first == r.first && second == r.second
          && Arrays.equals(z, r.z) && Double.compare(lambda, r.lambda) == 0
          && Arrays.equals(direction, r.direction) && Double.compare(radius, r.radius) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, first, second, Arrays.hashCode(z), lambda, Arrays.hashCode(direction), radius);
    }

    public double[] at(Geometry g) {
      int k = g.components(), d = g.dimension();
      if (d > z.length) {
        throw new IllegalArgumentException("recipe is for dimension <= " + z.length + ", geometry has d = " + d);
      }
      int i = Math.floorMod(first, k);
      double[] x = new double[d];
      switch (kind) {
        case NEAR: {
          double[][] root = g.roots()[i];
          for (int r = 0; r < d; r++) {
            double s = g.centres()[i][r];
            for (int c = 0; c < d; c++) s += root[r][c] * z[c];
            x[r] = s;
          }
          return x;
        }
        case BETWEEN: {
          if (k == 1) return g.centres()[0].clone();
          int j = Math.floorMod(i + 1 + Math.floorMod(second, k - 1), k);
          for (int r = 0; r < d; r++) x[r] = (1 - lambda) * g.centres()[i][r] + lambda * g.centres()[j][r];
          return x;
        }
        case FAR: {
          double n2 = 0;
          for (int r = 0; r < d; r++) n2 += direction[r] * direction[r];
          double norm = Math.sqrt(n2);
          for (int r = 0; r < d; r++) {
            double u = norm > 0 ? direction[r] / norm : (r == 0 ? 1 : 0);
            x[r] = g.centre()[r] + radius * g.scale() * u;
          }
          return x;
        }
        default:
          throw new IllegalArgumentException("unknown kind " + kind);
      }
    }
  }

  /** Recipes of every kind (NEAR 3 : BETWEEN 2 : FAR 1), shrinking towards NEAR at μ_0. */
  public static Arbitrary<Recipe> recipes(int maxDimension, int maxComponents) {
    checkSizes(maxDimension, maxComponents);
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(3, Kind.NEAR), Tuple.of(2, Kind.BETWEEN), Tuple.of(1, Kind.FAR)),
            index(maxComponents), index(Math.max(maxComponents - 1, 1)),
            offsets(maxDimension), mixingWeight(), direction(maxDimension), farRadius())
        .as(Recipe::new);
  }

  /** Recipes of one kind only. */
  public static Arbitrary<Recipe> recipes(Kind kind, int maxDimension, int maxComponents) {
    checkSizes(maxDimension, maxComponents);
    double[] none = new double[maxDimension];
    switch (kind) {
      case NEAR:
        return Combinators.combine(index(maxComponents), offsets(maxDimension))
            .as((i, z) -> new Recipe(Kind.NEAR, i, 0, z, 0.5, none, FAR_MIN));
      case BETWEEN:
        return Combinators.combine(index(maxComponents), index(Math.max(maxComponents - 1, 1)), mixingWeight())
            .as((i, j, lambda) -> new Recipe(Kind.BETWEEN, i, j, none, lambda, none, FAR_MIN));
      case FAR:
        return Combinators.combine(direction(maxDimension), farRadius())
            .as((u, rho) -> new Recipe(Kind.FAR, 0, 0, none, 0.5, u, rho));
      default:
        throw new IllegalArgumentException("unknown kind " + kind);
    }
  }

  public static Arbitrary<double[]> near(GaussianMixture m) { return apply(Kind.NEAR, geometry(m)); }

  public static Arbitrary<double[]> near(MixtureDensity p) { return apply(Kind.NEAR, geometry(p)); }

  public static Arbitrary<double[]> between(GaussianMixture m) { return apply(Kind.BETWEEN, geometry(m)); }

  public static Arbitrary<double[]> between(MixtureDensity p) { return apply(Kind.BETWEEN, geometry(p)); }

  public static Arbitrary<double[]> far(GaussianMixture m) { return apply(Kind.FAR, geometry(m)); }

  public static Arbitrary<double[]> far(MixtureDensity p) { return apply(Kind.FAR, geometry(p)); }

  /** Near, between and far points (3 : 2 : 1) of p_t. */
  public static Arbitrary<double[]> around(MixtureDensity p) {
    Geometry g = geometry(p);
    return recipes(g.dimension(), g.components()).map(r -> r.at(g));
  }

  /** Near, between and far points (3 : 2 : 1) of the mixture at time 0. */
  public static Arbitrary<double[]> around(GaussianMixture m) {
    Geometry g = geometry(m);
    return recipes(g.dimension(), g.components()).map(r -> r.at(g));
  }

  private static Arbitrary<double[]> apply(Kind kind, Geometry g) {
    return recipes(kind, g.dimension(), g.components()).map(r -> r.at(g));
  }

  private static Arbitrary<Integer> index(int n) { return Arbitraries.integers().between(0, n - 1); }

  private static Arbitrary<double[]> offsets(int d) {
    return Parts.doubleArray(Parts.decimals(-NEAR_STD, NEAR_STD, 3, 0.0), d);
  }

  private static Arbitrary<Double> mixingWeight() { return Parts.decimals(0, 1, 4, 0.5); }

  /** A direction: first coordinate shrinks to 1, the others to 0, so it shrinks to e_0. */
  private static Arbitrary<double[]> direction(int d) {
    return Combinators.combine(Parts.decimals(-1, 1, 3, 1.0), Parts.doubleArray(Parts.decimals(-1, 1, 3, 0.0), d - 1))
        .as((first, rest) -> {
          double[] u = new double[d];
          u[0] = first;
          System.arraycopy(rest, 0, u, 1, d - 1);
          return u;
        });
  }

  private static Arbitrary<Double> farRadius() { return Parts.logUniform(FAR_MIN, FAR_MAX, FAR_MIN, 4); }

  private static void checkSizes(int maxDimension, int maxComponents) {
    if (maxDimension < 1) throw new IllegalArgumentException("maxDimension must be >= 1, was " + maxDimension);
    if (maxComponents < 1) throw new IllegalArgumentException("maxComponents must be >= 1, was " + maxComponents);
  }
}
