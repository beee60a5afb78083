package org.mixproof.density;

import org.ejml.data.DMatrixRMaj;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The law of X_t in closed form (docs/claims.md M1): {@code p_t = Σ π_i N(a_t μ_i, a_t² Σ_i + b_t² I)}, with
 * log-density, posterior weights, score and Hessian (docs/claims.md §2).
 *
 * <p>A façade: everything that depends only on the mixture and t — Cholesky factors L_i of Σ_i(t),
 * their inverses W_i = L_i⁻¹ (EJML's triangular inversion), precisions P_i = W_iᵀ W_i,
 * log-determinants — is built once, in {@link DiffusedComponents}; the single-point kernel is
 * {@link PointKernel}, the batch kernel {@link BlockKernel}, the refusal rule {@link WeightResolution}.
 * This class validates input and hands out copies.
 *
 * <p>Per point: z_i = W_i (x − μ_i(t)), ℓ_i = c_i − ½‖z_i‖², s_i = −W_iᵀ z_i; log p by log-sum-exp;
 * H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ (the centred form, never Σ w s sᵀ − s sᵀ). The hot
 * path allocates no d×d matrix: it uses a per-thread {@link Workspace}.
 *
 * <p>Batches run through a second, blocked path ({@link BlockKernel}): 128 points at a time, stored one
 * row per coordinate, so that every inner loop runs over points and vectorises even for small d.
 * It performs the same operations in the same order as the single-point path, so a batch returns
 * bit for bit what the single-point methods return.
 *
 * <p>What double precision cannot honour is refused with an {@link IllConditionedException}, never
 * returned as a silently wrong value (docs/claims.md §6 {@code oracle.ill-conditioned}): at construction when
 * c·u·κ ≥ 1 (c = {@link #roundingConstant}, u = 2⁻⁵³, κ = max_i cond(Σ_i(t))), and at a point — for
 * weights, score and Hessian, not for log p, which log-sum-exp keeps within its bound — when rounding
 * could move the posterior weights by more than their first-order error (two competing components
 * whose log-terms are uncertain by more than ½). Everything returned is within c·u·κ of the size of
 * the terms that cancel; the high-precision oracle (oracle/) evaluates what is refused.
 *
 * <p>Immutable and safe to share between threads; batch methods split points across cores (a refused
 * point fails the whole batch).
 */
public final class MixtureDensity {

  private final GaussianMixture mixture;
  private final NoiseSchedule schedule;
  private final DiffusedComponents comp;
  private final WeightResolution resolution;
  private final int d;
  private final int k;

  private MixtureDensity(GaussianMixture mixture, NoiseSchedule schedule, double t) {
    this.mixture = mixture;
    this.schedule = schedule;
    this.comp = new DiffusedComponents(mixture, schedule, t);
    this.resolution = new WeightResolution(comp);
    this.d = comp.d;
    this.k = comp.k;
  }

  /** The mixture diffused to time t by the schedule; t outside the schedule's range is rejected. */
  public static MixtureDensity at(GaussianMixture mixture, NoiseSchedule schedule, double t) {
    if (mixture == null) throw new IllegalArgumentException("mixture must not be null");
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    return new MixtureDensity(mixture, schedule, t);
  }

  public GaussianMixture mixture() { return mixture; }

  public NoiseSchedule schedule() { return schedule; }

  public double time() { return comp.t; }

  /** a_t. */
  public double a() { return comp.a; }

  /** b_t². */
  public double b2() { return comp.b2; }

  public int dimension() { return d; }

  public int components() { return k; }

  /** μ_i(t) = a_t μ_i (a copy). */
  public double[] mean(int i) { return comp.meanT[i].clone(); }

  /** Σ_i(t) = a_t² Σ_i + b_t² I (a copy). */
  public double[][] covariance(int i) { return comp.square(comp.covT[i]); }

  /** P_i(t) = Σ_i(t)⁻¹ (a copy). */
  public double[][] precision(int i) {
    double[][] m = new double[d][];
    for (int r = 0; r < d; r++) m[r] = comp.precision[i][r].clone();
    return m;
  }

  /** log det Σ_i(t), from the Cholesky factor's diagonal. */
  public double logDeterminant(int i) { return comp.logDet[i]; }

  /** cond₂(Σ_i(t)), exact from the eigenvalues of Σ_i: (a² λmax + b²)/(a² λmin + b²). */
  public double conditionNumber(int i) { return comp.conditionNumber[i]; }

  /** λmin(Σ_i(t)) = a_t² λmin(Σ_i) + b_t². */
  public double lambdaMinOf(int i) { return comp.a * comp.a * mixture.covarianceEigenvalues(i)[0] + comp.b2; }

  /** λmin(t) = a_t² λmin + b_t² (docs/claims.md §0). */
  public double lambdaMin() { return comp.a * comp.a * mixture.lambdaMin() + comp.b2; }

  /** λmax(t) = a_t² λmax + b_t² (docs/claims.md §0). */
  public double lambdaMax() { return comp.a * comp.a * mixture.lambdaMax() + comp.b2; }

  // ---------------------------------------------------------------- single points

  /** log p_t(x). */
  public double logDensity(double[] x) {
    Workspace ws = workspace();
    return ws.run(checkPoint(x, "x"), 0, false, false);
  }

  /** Posterior weights w_i(x) = P(component i | X_t = x). */
  public double[] weights(double[] x) {
    Workspace ws = workspace();
    ws.run(checkPoint(x, "x"), 0, false, true);
    return ws.w.clone();
  }

  /** Score s(x) = ∇ log p_t(x). */
  public double[] score(double[] x) {
    Workspace ws = workspace();
    ws.run(checkPoint(x, "x"), 0, true, true);
    return ws.s.clone();
  }

  /** Hessian of log p_t at x (the score's Jacobian), d×d. */
  public double[][] hessian(double[] x) {
    Workspace ws = workspace();
    ws.run(checkPoint(x, "x"), 0, true, true);
    double[][] h = new double[d][d];
    ws.hessianInto(h);
    return h;
  }

  /**
   * v ↦ H(x) v without forming H (matrix-free, for Lanczos above a few dozen dimensions): the weights,
   * component scores and refusal of {@link #hessian} at x, then per product
   * H v = −Σ w_i P_i v + Σ w_i u_i (u_i · v) with u_i = s_i − s — O(k d) when every Σ_i(t) is diagonal,
   * O(k d²) otherwise (P_i v = W_iᵀ(W_i v)).
   */
  public HessianProduct hessianProduct(double[] x) {
    Workspace ws = workspace();
    ws.run(checkPoint(x, "x"), 0, true, true);
    double[][] u = new double[k][d];
    for (int i = 0; i < k; i++) for (int c = 0; c < d; c++) u[i][c] = ws.compScores[i][c] - ws.s[c];
    return new HessianProduct(comp, ws.w.clone(), u);
  }

  /** Everything at once: log-density, weights, score and Hessian at x. */
  public PointEvaluation evaluate(double[] x) {
    Workspace ws = workspace();
    double lp = ws.run(checkPoint(x, "x"), 0, true, true);
    double[][] h = new double[d][d];
    ws.hessianInto(h);
    return new PointEvaluation(x.clone(), lp, ws.w.clone(), ws.s.clone(), h);
  }

  // ---------------------------------------------------------------- batches (an n×d matrix)

  /** log p_t at each row of {@code points} (n×d). */
  public double[] logDensity(DMatrixRMaj points) {
    int n = checkBatch(points);
    double[] out = new double[n];
    BlockKernel.forEachBlock(comp, resolution, points, false, false, (blk, row0, m) -> System.arraycopy(blk.logp, 0, out, row0, m));
    return out;
  }

  /** Log-density (n) and score (n×d) at each row. */
  public Batch logDensityAndScore(DMatrixRMaj points) {
    int n = checkBatch(points);
    double[] lp = new double[n];
    DMatrixRMaj score = new DMatrixRMaj(n, d);
    BlockKernel.forEachBlock(comp, resolution, points, true, true, (blk, row0, m) -> {
      System.arraycopy(blk.logp, 0, lp, row0, m);
      blk.scoresInto(score.data, row0);
    });
    return new Batch(lp, null, score, null);
  }

  /** Score (n×d) and Hessian (n×d², row i holding H(x_i) row-major) at each row. */
  public Batch scoreAndHessian(DMatrixRMaj points) {
    int n = checkBatch(points);
    DMatrixRMaj score = new DMatrixRMaj(n, d);
    DMatrixRMaj hess = new DMatrixRMaj(n, d * d);
    BlockKernel.forEachBlock(comp, resolution, points, true, true, (blk, row0, m) -> {
      blk.scoresInto(score.data, row0);
      blk.hessiansInto(hess.data, row0);
    });
    return new Batch(null, null, score, hess);
  }

  /** Everything at each row: log-density, weights (n×k), score (n×d), Hessian (n×d²). */
  public Batch evaluate(DMatrixRMaj points) {
    int n = checkBatch(points);
    double[] lp = new double[n];
    DMatrixRMaj weights = new DMatrixRMaj(n, k);
    DMatrixRMaj score = new DMatrixRMaj(n, d);
    DMatrixRMaj hess = new DMatrixRMaj(n, d * d);
    BlockKernel.forEachBlock(comp, resolution, points, true, true, (blk, row0, m) -> {
      System.arraycopy(blk.logp, 0, lp, row0, m);
      blk.weightsInto(weights.data, row0);
      blk.scoresInto(score.data, row0);
      blk.hessiansInto(hess.data, row0);
    });
    return new Batch(lp, weights, score, hess);
  }

  /**
   * Results of a batch evaluation; fields not asked for are null. The Hessian of row r is row r
   * of {@code hessians}, a d×d matrix stored row-major.
   */
  public record Batch(double[] logDensity, DMatrixRMaj weights, DMatrixRMaj scores, DMatrixRMaj hessians) {}

  private int checkBatch(DMatrixRMaj points) {
    if (points == null) throw new IllegalArgumentException("points must not be null");
    if (points.numCols != d) {
      throw new IllegalArgumentException(
          "points has " + points.numCols + " columns but the mixture has dimension d = " + d);
    }
    int n = points.numRows;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < d; c++) {
        double v = points.data[r * d + c];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("points[" + r + "][" + c + "] must be finite, was " + v);
        }
      }
    }
    return n;
  }

  private double[] checkPoint(double[] x, String name) {
    if (x == null) throw new IllegalArgumentException(name + " must not be null");
    if (x.length != d) {
      throw new IllegalArgumentException(
          name + " has dimension " + x.length + " but the mixture has d = " + d);
    }
    for (int c = 0; c < d; c++) {
      if (!Double.isFinite(x[c])) {
        throw new IllegalArgumentException(name + "[" + c + "] must be finite, was " + x[c]);
      }
    }
    return x;
  }

  /**
   * c = 16 (d + 1)²: the double code's error at a point is within c · u · κ of the size of the terms
   * that cancel (docs/claims.md §6; derivation in oracle.RoundingBound, which must agree).
   */
  public static double roundingConstant(int d) { return RoundingModel.constant(d); }

  /** Scratch for one thread; not thread-safe, so each thread or task takes its own. */
  public Workspace workspace() { return new Workspace(); }

  /**
   * Per-thread buffers for the single-point path: component log terms, weights, residuals, scores
   * (the {@link PointKernel} of this density).
   */
  public final class Workspace extends PointKernel {
    private Workspace() { super(comp, resolution); }
  }
}
