package org.mixproof.generators;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Symmetric positive (semi-)definite matrices Σ = Q diag(λ) Qᵀ, built without any decomposition.
 *
 * <ul>
 *   <li>Q is a product of Givens rotations G(p, q, θ_pq) over all pairs p &lt; q, ordered by q then p,
 *       so the angles of an n×n matrix are the first n(n−1)/2 angles of any larger one. Every θ
 *       shrinks to 0, where cos θ = 1 and sin θ = 0 exactly, so Q shrinks to exactly I.
 *   <li>λ_j = s · κ^{v_j}: κ (the condition number) is log-uniform in [κmin, κmax] and shrinks to
 *       κmin; s (the overall scale) is log-uniform in [smin, smax] and shrinks to 1 when 1 is in
 *       range (else to the nearer end); v_j ∈ [0, 1] are positions p_j rescaled to (p_j − min p) /
 *       (max p − min p), so the extremes are exactly 0 and 1 and cond(Σ) = κ exactly (n ≥ 2). When
 *       all p_j are equal (they shrink to 0) v = (0, 1, …, 1). With κmin = 1 the spectrum therefore
 *       shrinks to all ones: Σ shrinks to exactly s·I, and to I when 1 is in the scale range.
 *   <li>The result is exactly symmetric: ((QΛQᵀ) + (QΛQᵀ)ᵀ)/2 entry by entry.
 * </ul>
 *
 * <p>A {@link Recipe} holds the generated parts for the largest dimension; {@link Recipe#matrix}
 * turns it into a matrix of any smaller dimension and shape, which is how {@link Mixtures} lets the
 * dimension shrink as a separate part.
 */
public final class SpdMatrices {

  /** Decimal places of generated rotation angles (radians). */
  public static final int ANGLE_SCALE = 4;
  /** Decimal places of spectrum positions p_j ∈ [0, 1]. */
  public static final int POSITION_SCALE = 3;
  /** Decimal places of log10 κ and log10 s. */
  public static final int LOG_SCALE = 4;
  /** Largest generated |θ|, just above π. */
  public static final double MAX_ANGLE = 3.1416;

  private SpdMatrices() {}

  public static Builder builder() { return new Builder(); }

  /** n×n SPD matrices with the default condition-number and scale ranges. */
  public static Arbitrary<double[][]> of(int n) { return builder().dimension(n).build(); }

  /** Number of Givens angles of an n×n rotation: n(n−1)/2. */
  public static int angleCount(int n) { return n * (n - 1) / 2; }

  /** Configuration of an SPD-matrix arbitrary; every setter validates and names its parameter. */
  public static final class Builder {
    private int minDimension = 1;
    private int maxDimension = 4;
    private double minCondition = 1;
    private double maxCondition = 1e3;
    private double minScale = 0.1;
    private double maxScale = 10;
    private CovarianceFamily shape = CovarianceFamily.FULL;

    private Builder() {}

    public Builder dimensions(int min, int max) {
      Parts.requirePositiveRange("dimensions", min, max);
      minDimension = min;
      maxDimension = max;
      return this;
    }

    public Builder dimension(int n) { return dimensions(n, n); }

    /** cond(Σ) = λmax/λmin, log-uniform in [min, max] (for SINGULAR: of the positive eigenvalues). */
    public Builder conditionNumber(double min, double max) {
      if (!(min >= 1) || !(max >= min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "conditionNumber must satisfy 1 <= min <= max < inf, was [" + min + ", " + max + "]");
      }
      minCondition = min;
      maxCondition = max;
      return this;
    }

    /** The overall scale s (the smallest positive eigenvalue), log-uniform in [min, max]. */
    public Builder scale(double min, double max) {
      if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "scale must satisfy 0 < min <= max < inf, was [" + min + ", " + max + "]");
      }
      minScale = min;
      maxScale = max;
      return this;
    }

    /** FULL (default), DIAGONAL, ISOTROPIC or SINGULAR; SHARED means FULL for a single matrix. */
    public Builder shape(CovarianceFamily family) {
      if (family == null) throw new IllegalArgumentException("shape must not be null");
      shape = family;
      return this;
    }

    /** Recipes for matrices up to the largest dimension; see {@link Recipe#matrix}. */
    public Arbitrary<Recipe> recipes() {
      return recipes(maxDimension, shape == CovarianceFamily.SINGULAR);
    }

    Arbitrary<Recipe> recipes(int maxN, boolean singular) {
      Arbitrary<double[]> angles =
          Parts.doubleArray(Parts.decimals(-MAX_ANGLE, MAX_ANGLE, ANGLE_SCALE, 0.0), angleCount(maxN));
      Arbitrary<double[]> positions =
          Parts.doubleArray(Parts.decimals(0, 1, POSITION_SCALE, 0.0), maxN);
      Arbitrary<Double> kappa = Parts.logUniform(minCondition, maxCondition, minCondition, LOG_SCALE);
      double anchor = Math.min(Math.max(1.0, minScale), maxScale);
      Arbitrary<Double> scale = Parts.logUniform(minScale, maxScale, anchor, LOG_SCALE);
      Arbitrary<Integer> zeros =
          singular ? Arbitraries.integers().between(1, maxN) : Arbitraries.just(0);
      return Combinators.combine(angles, positions, kappa, scale, zeros).as(Recipe::new);
    }

    /** n×n matrices, n in the dimension range (shrinking to the smallest), of the chosen shape. */
    public Arbitrary<double[][]> build() {
      CovarianceFamily s = shape;
      return Combinators.combine(Arbitraries.integers().between(minDimension, maxDimension), recipes())
          .as((n, recipe) -> recipe.matrix(n, s));
    }
  }

  /**
   * Generated parts of one matrix, sized for the largest dimension: Givens angles, spectrum
   * positions, condition number κ, scale s, and (SINGULAR only) the number of zero eigenvalues.
   */
  public record Recipe(double[] angles, double[] positions, double conditionNumber, double scale, int zeros) {

    /**
     * The n×n matrix of this recipe in the given shape: ISOTROPIC s·I; DIAGONAL diag(λ); FULL and
     * SHARED Q diag(λ) Qᵀ; SINGULAR min(zeros, n) zero eigenvalues on e_0, e_1, … and the rest
     * rotated among the remaining coordinates.
     */
    public double[][] matrix(int n, CovarianceFamily family) {
      if (n < 1 || n > positions.length) {
        throw new IllegalArgumentException("n must be in [1, " + positions.length + "], was " + n);
      }
      switch (family) {
        case ISOTROPIC:
          return diagonal(constant(n, scale));
        case DIAGONAL:
          return diagonal(spectrum(n));
        case FULL:
        case SHARED:
          return rotate(givens(n, 0, angles), spectrum(n));
        case SINGULAR: {
          int m = Math.min(Math.max(zeros, 1), n);
          double[] lambda = new double[n];
          System.arraycopy(spectrum(n - m), 0, lambda, m, n - m);
          return rotate(givens(n, m, angles), lambda);
        }
        default:
          throw new IllegalArgumentException("unknown covariance family " + family);
      }
    }

    /** λ_j = s κ^{v_j}, j &lt; r (see the class comment); empty for r = 0. */
    public double[] spectrum(int r) {
      double[] lambda = new double[r];
      if (r == 0) return lambda;
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < r; j++) {
        lo = Math.min(lo, positions[j]);
        hi = Math.max(hi, positions[j]);
      }
      for (int j = 0; j < r; j++) {
        double v = hi > lo ? (positions[j] - lo) / (hi - lo) : (j == 0 ? 0 : 1);
        lambda[j] = v == 0 ? scale : scale * Math.pow(conditionNumber, v);
      }
      return lambda;
    }
  }

  /**
   * The n×n rotation Π_{q} Π_{p&lt;q} G(p, q, θ) acting on coordinates offset … n−1 only, using the
   * first (n−offset)(n−offset−1)/2 angles. With every angle 0 it is exactly I.
   */
  public static double[][] givens(int n, int offset, double[] angles) {
    double[][] q = diagonal(constant(n, 1));
    int r = n - offset;
    if (angles.length < angleCount(r)) {
      throw new IllegalArgumentException(
          "need " + angleCount(r) + " angles for a rotation of dimension " + r + ", got " + angles.length);
    }
    for (int b = 1; b < r; b++) {
      for (int a = 0; a < b; a++) {
        double theta = angles[b * (b - 1) / 2 + a];
        if (theta == 0) continue;
        double c = Math.cos(theta), s = Math.sin(theta);
        int pa = offset + a, pb = offset + b;
        for (int row = 0; row < n; row++) { // Q ← Q G: mixes columns pa and pb
          double x = q[row][pa], y = q[row][pb];
          q[row][pa] = c * x + s * y;
          q[row][pb] = c * y - s * x;
        }
      }
    }
    return q;
  }

  /** Q diag(λ) Qᵀ, symmetrised entry by entry as (A + Aᵀ)/2 so the result is exactly symmetric. */
  public static double[][] rotate(double[][] q, double[] lambda) {
    int n = lambda.length;
    double[][] a = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double sum = 0;
        for (int j = 0; j < n; j++) sum += q[r][j] * lambda[j] * q[c][j];
        a[r][c] = sum;
      }
    }
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        double m = 0.5 * (a[r][c] + a[c][r]);
        a[r][c] = m;
        a[c][r] = m;
      }
    }
    return a;
  }

  static double[][] diagonal(double[] lambda) {
    double[][] a = new double[lambda.length][lambda.length];
    for (int j = 0; j < lambda.length; j++) a[j][j] = lambda[j];
    return a;
  }

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
