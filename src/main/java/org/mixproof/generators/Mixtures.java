package org.mixproof.generators;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.mixproof.mixture.GaussianMixture;

/**
 * Random Gaussian mixtures from a configurable profile, for example
 *
 * <pre>{@code
 * Arbitrary<GaussianMixture> mixtures = Mixtures.builder()
 *     .dimensions(1, 4).components(1, 5).family(CovarianceFamily.FULL)
 *     .conditionNumber(1, 1e4).meanRadius(3).weightFloor(0.05).build();
 * }</pre>
 *
 * <p>A mixture is one {@code Combinators.combine} of eight parts, in this order (the order in which
 * they shrink): d, k, the removal marks (kmax), the covariance family, the mean layout, the mean
 * coordinates (kmax × dmax), the weight exponents (kmax) and the covariance recipes (kmax, see
 * {@link SpdMatrices}). Component i uses row i of each array and its first d entries, so d and k
 * shrink as plain integers while the other parts keep their values. Every part shrinks towards the
 * simplest mixture: d → dmin, k → kmin, means → 0, weights → equal, covariances → I (when the profile
 * allows 1 and κ = 1), and each double to the simplest value that still falsifies (the target, whole
 * numbers, short decimals: {@link Parts#decimals}, {@link Parts#logUniform}), so shrunk
 * counterexamples have round numbers.
 *
 * <p>Shrinking k drops the last component only. The removal marks let shrinking take out <em>any</em>
 * component: every mark is generated {@link Presence#PRESENT} (drawing no randomness, so generation is
 * unchanged) and shrinks to {@link Presence#DROPPED} — the component is gone and the remaining weights
 * are renormalised (each stays above the floor) — or, tried next, {@link Presence#MERGED} — its weight
 * is added to the first remaining component with the same mean and covariance, so the density does
 * not change (dropped when no component coincides with it). Marks are applied in row order while more
 * than kmin components remain, so a mixture never has fewer than kmin components. Without them a
 * witness with two coincident components and a distinct last one stayed at k = 3: dropping the last
 * leaves a single Gaussian.
 *
 * <p>Means: coordinates on a 10⁻³ grid in [−R, R], projected onto the ball ‖μ_i‖ ≤ R. With
 * probability 1/10 the layout is COINCIDENT: every μ_i equals μ_0 (the layout shrinks to SPREAD).
 * Weights: x_i ∈ [0, 12] on a 10⁻² grid, r_i = 10^{−x_i}, w_i = f + (1 − k f) r_i / Σ r_j with f
 * the weight floor, then {@link GaussianMixture#normalized}; one exponent in
 * {@value #TINY_WEIGHT_ONE_IN} is set to 12 (a flag part that shrinks to "off"), giving weights of
 * about 1e−12 when f = 0. Condition numbers reach the profile's κmax (up to
 * {@value #MAX_CONDITION}) as an edge case of the condition-number part.
 */
public final class Mixtures {

  /** Largest condition number a profile may ask for. */
  public static final double MAX_CONDITION = 1e12;
  /** Decimal places of mean coordinates. */
  public static final int MEAN_SCALE = 3;
  /** Decimal places of the weight exponents x_i. */
  public static final int WEIGHT_SCALE = 2;
  /** Largest weight exponent: r_i = 10^{−x_i} ≥ 1e−12. */
  public static final double MAX_WEIGHT_EXPONENT = 12;
  /** One weight exponent in this many is set to {@link #MAX_WEIGHT_EXPONENT} (a tiny weight). */
  public static final int TINY_WEIGHT_ONE_IN = 25;

  /** How the means are laid out; shrinks towards SPREAD. */
  public enum MeanLayout { SPREAD, COINCIDENT }

  /**
   * Whether a component's row is in the mixture: generated PRESENT, it shrinks to DROPPED (gone, the
   * other weights renormalised) or MERGED (its weight added to the first remaining component with the
   * same mean and covariance — the same density — or dropped when there is none).
   */
  public enum Presence { DROPPED, MERGED, PRESENT }

  private Mixtures() {}

  public static Builder builder() { return new Builder(); }

  /** Mixtures from the default profile (see {@link Builder}). */
  public static Arbitrary<GaussianMixture> any() { return builder().build(); }

  /**
   * A mixture profile. Defaults: d ∈ [1, 4], k ∈ [1, 4], family FULL, κ ∈ [1, 1e3], scale ∈
   * [0.1, 10], mean radius 5, weight floor 0.
   */
  public static final class Builder {
    private int minDimension = 1;
    private int maxDimension = 4;
    private int minComponents = 1;
    private int maxComponents = 4;
    private List<CovarianceFamily> families = List.of(CovarianceFamily.FULL);
    private double minCondition = 1;
    private double maxCondition = 1e3;
    private double minScale = 0.1;
    private double maxScale = 10;
    private double meanRadius = 5;
    private double weightFloor = 0;

    private Builder() {}

    public Builder dimensions(int min, int max) {
      Parts.requirePositiveRange("dimensions", min, max);
      minDimension = min;
      maxDimension = max;
      return this;
    }

    /** Fixes d (many properties do). */
    public Builder dimension(int d) { return dimensions(d, d); }

    public Builder components(int min, int max) {
      Parts.requirePositiveRange("components", min, max);
      minComponents = min;
      maxComponents = max;
      return this;
    }

    /** Fixes k. */
    public Builder components(int k) { return components(k, k); }

    public Builder family(CovarianceFamily family) { return families(family); }

    /** Several families: each mixture uses one of them, shrinking towards the first listed. */
    public Builder families(CovarianceFamily... list) {
      if (list == null || list.length == 0) {
        throw new IllegalArgumentException("families must name at least one family, was " + Arrays.toString(list));
      }
      for (CovarianceFamily f : list) {
        if (f == null) throw new IllegalArgumentException("families must not contain null: " + Arrays.toString(list));
      }
      families = List.copyOf(Arrays.asList(list));
      return this;
    }

    /** cond(Σ_i) log-uniform in [min, max] for each component (positive eigenvalues for SINGULAR). */
    public Builder conditionNumber(double min, double max) {
      if (!(min >= 1) || !(max >= min) || !(max <= MAX_CONDITION)) {
        throw new IllegalArgumentException("conditionNumber must satisfy 1 <= min <= max <= "
            + MAX_CONDITION + ", was [" + min + ", " + max + "]");
      }
      minCondition = min;
      maxCondition = max;
      return this;
    }

    /** The smallest positive eigenvalue of each Σ_i (σ² for ISOTROPIC), log-uniform in [min, max]. */
    public Builder scale(double min, double max) {
      if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException("scale must satisfy 0 < min <= max < inf, was [" + min + ", " + max + "]");
      }
      minScale = min;
      maxScale = max;
      return this;
    }

    /** R: every ‖μ_i‖ ≤ R. */
    public Builder meanRadius(double r) {
      if (!(r >= 0) || !Double.isFinite(r)) {
        throw new IllegalArgumentException("meanRadius must be finite and >= 0, was " + r);
      }
      meanRadius = r;
      return this;
    }

    /** f: every weight ≥ f; needs f · kmax ≤ 1. */
    public Builder weightFloor(double f) {
      if (!(f >= 0) || !Double.isFinite(f)) {
        throw new IllegalArgumentException("weightFloor must be finite and >= 0, was " + f);
      }
      weightFloor = f;
      return this;
    }

    /** The profile as configured so far (what a property checks generated values against). */
    public Profile profile() {
      return new Profile(minDimension, maxDimension, minComponents, maxComponents, families,
          minCondition, maxCondition, minScale, maxScale, meanRadius, weightFloor);
    }

    public Arbitrary<GaussianMixture> build() {
      if (weightFloor * maxComponents > 1) {
        throw new IllegalArgumentException("weightFloor * maxComponents must be <= 1, was "
            + weightFloor + " * " + maxComponents);
      }
      int dMax = maxDimension;
      int kMax = maxComponents;
      double r = meanRadius;
      double floor = weightFloor;
      boolean singular = families.contains(CovarianceFamily.SINGULAR);

      Arbitrary<Integer> d = Arbitraries.integers().between(minDimension, dMax);
      Arbitrary<Integer> k = Arbitraries.integers().between(minComponents, kMax);
      int kMin = minComponents;
      Arbitrary<List<Presence>> presence = kMin == kMax
          ? Arbitraries.just(Collections.nCopies(kMax, Presence.PRESENT))
          : Parts.fixedList(Parts.shrinkOnly(Presence.PRESENT, Presence.DROPPED, Presence.MERGED), kMax);
      Arbitrary<CovarianceFamily> family = Arbitraries.of(families);
      Arbitrary<MeanLayout> layout =
          Arbitraries.frequency(Tuple.of(9, MeanLayout.SPREAD), Tuple.of(1, MeanLayout.COINCIDENT));
      Arbitrary<double[]> meanCoordinates =
          Parts.doubleArray(Parts.decimals(-r, r, MEAN_SCALE, 0.0), kMax * dMax);
      Arbitrary<double[]> weightExponents = Parts.doubleArray(
          Parts.sometimes(Parts.decimals(0, MAX_WEIGHT_EXPONENT, WEIGHT_SCALE, 0.0), MAX_WEIGHT_EXPONENT,
              TINY_WEIGHT_ONE_IN),
          kMax);
      Arbitrary<List<SpdMatrices.Recipe>> covariances = Parts.fixedList(
          SpdMatrices.builder().conditionNumber(minCondition, maxCondition).scale(minScale, maxScale)
              .recipes(dMax, singular),
          kMax);

      return Combinators.combine(d, k, presence, family, layout, meanCoordinates, weightExponents, covariances)
          .as((dd, kk, pres, fam, lay, mu, x, cov) ->
              assemble(dd, kk, pres, kMin, fam, lay, mu, dMax, r, x, floor, cov));
    }
  }

  /** The combiner: cheap (no decomposition besides GaussianMixture's own validation). */
  static GaussianMixture assemble(int d, int k, List<Presence> presence, int kMin, CovarianceFamily family,
      MeanLayout layout, double[] meanCoordinates, int dMax, double radius, double[] weightExponents,
      double floor, List<SpdMatrices.Recipe> recipes) {
    double[][] means = new double[k][d];
    for (int i = 0; i < k; i++) {
      int row = layout == MeanLayout.COINCIDENT ? 0 : i;
      System.arraycopy(meanCoordinates, row * dMax, means[i], 0, d);
      projectOntoBall(means[i], radius);
    }
    double[] raw = new double[k];
    double total = 0;
    for (int i = 0; i < k; i++) {
      raw[i] = weightExponents[i] == 0 ? 1 : Math.pow(10, -weightExponents[i]);
      total += raw[i];
    }
    double[] weights = new double[k];
    for (int i = 0; i < k; i++) weights[i] = floor + (1 - k * floor) * (raw[i] / total);
    double[][][] covariances = new double[k][][];
    for (int i = 0; i < k; i++) {
      covariances[i] = family == CovarianceFamily.SHARED
          ? recipes.get(0).matrix(d, CovarianceFamily.FULL)
          : recipes.get(i).matrix(d, family);
    }
    boolean[] removed = new boolean[k];
    int left = k;
    for (int i = 0; i < k && left > Math.max(kMin, 1); i++) {
      if (presence.get(i) != Presence.PRESENT) {
        removed[i] = true;
        left--;
      }
    }
    if (left == k) return GaussianMixture.normalized(weights, means, covariances);
    for (int i = 0; i < k; i++) {
      if (!removed[i] || presence.get(i) != Presence.MERGED) continue;
      for (int j = 0; j < k; j++) {
        if (!removed[j] && Arrays.equals(means[i], means[j]) && Arrays.deepEquals(covariances[i], covariances[j])) {
          weights[j] += weights[i]; // merged: the same density with one component fewer
          break;
        }
      }
    }
    double[] w = new double[left];
    double[][] mu = new double[left][];
    double[][][] cov = new double[left][][];
    for (int i = 0, n = 0; i < k; i++) {
      if (removed[i]) continue;
      w[n] = weights[i];
      mu[n] = means[i];
      cov[n++] = covariances[i];
    }
    return GaussianMixture.normalized(w, mu, cov);
  }

  private static void projectOntoBall(double[] v, double radius) {
    double s = 0;
    for (double x : v) s += x * x;
    double norm = Math.sqrt(s);
    if (norm > radius) {
      double f = radius / norm;
      for (int j = 0; j < v.length; j++) v[j] *= f;
      // rounding may leave the norm an ulp above R: shrink once more by the excess
      double s2 = 0;
      for (double x : v) s2 += x * x;
      if (Math.sqrt(s2) > radius) for (int j = 0; j < v.length; j++) v[j] *= (1 - 0x1p-50);
    }
  }

  /** The settings of a {@link Builder}, read-only. */
  public record Profile(int minDimension, int maxDimension, int minComponents, int maxComponents,
      List<CovarianceFamily> families, double minCondition, double maxCondition, double minScale,
      double maxScale, double meanRadius, double weightFloor) {}

  /** All families, for builders that should range over every shape. */
  public static CovarianceFamily[] allFamilies() { return EnumSet.allOf(CovarianceFamily.class).toArray(new CovarianceFamily[0]); }
}
