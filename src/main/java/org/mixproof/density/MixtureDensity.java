package org.mixproof.density;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The law of X_t in closed form (docs/claims.md M1): {@code p_t = Σ π_i N(a_t μ_i, a_t² Σ_i + b_t² I)}, with
 * log-density, posterior weights, score and Hessian (docs/claims.md §2).
 *
 * <p>Everything that depends only on the mixture and t — Cholesky factors L_i of Σ_i(t), their
 * inverses W_i = L_i⁻¹ (EJML's triangular inversion), precisions P_i = W_iᵀ W_i, log-determinants —
 * is built once here. Per point: z_i = W_i (x − μ_i(t)), ℓ_i = c_i − ½‖z_i‖², s_i = −W_iᵀ z_i;
 * log p by log-sum-exp; H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ (the centred form, never
 * Σ w s sᵀ − s sᵀ). The hot path allocates no d×d matrix: it uses a per-thread {@link Workspace}.
 *
 * <p>Batches run through a second, blocked path ({@link Block}): 64 points at a time, stored one
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

  private static final double LOG_2PI = Math.log(2 * Math.PI);
  /** δ of the weight-resolution rule (RoundingModel). */
  static final double MAX_LOG_TERM_UNCERTAINTY = RoundingModel.MAX_LOG_TERM_UNCERTAINTY;
  /** Points per parallel task in batch evaluation: large enough to amortise task overhead. */
  private static final int BATCH_CHUNK = 256;
  /**
   * Points evaluated together inside a chunk: the batch path stores a block transposed (one row per
   * coordinate) so its inner loops run over the block's points, long enough to vectorise for any d.
   */
  private static final int BLOCK = 64;

  private final GaussianMixture mixture;
  private final NoiseSchedule schedule;
  private final double t;
  private final double a;
  private final double b2;
  private final int d;
  private final int k;
  private final double[] logNorm;          // log π_i − (d/2) log 2π − ½ log det Σ_i(t)
  private final double[][] meanT;          // μ_i(t) = a μ_i
  private final double[][] covT;           // Σ_i(t), row-major d×d
  // Matrices used per evaluation are kept as arrays of rows: C2 (JDK 17) vectorises a loop over a
  // row indexed from 0 or from a loop bound, but not one over a flat array at an invariant offset.
  private final double[][][] invFactor;    // W_i = L_i⁻¹, lower triangular: invFactor[i][row][col]
  private final double[][][] invFactorT;   // W_iᵀ, so both products with W_i run as row axpys
  private final double[][][] precision;    // P_i = W_iᵀ W_i
  private final double[] logDet;           // log det Σ_i(t)
  private final double[] conditionNumber;  // cond(Σ_i(t)) = (a² λmax_i + b²)/(a² λmin_i + b²)
  private final double[] lambdaMinT;       // λmin(Σ_i(t))
  private final double[] meanNorm;         // ‖μ_i(t)‖
  private final double[] normingSize;      // |log π_i| + d(2 + |log λmin_i(t)| + |log λmax_i(t)|)

  private MixtureDensity(GaussianMixture mixture, NoiseSchedule schedule, double t) {
    this.mixture = mixture;
    this.schedule = schedule;
    this.t = schedule.checkTime(t);
    this.a = schedule.a(t);
    this.b2 = schedule.b2(t);
    this.d = mixture.dimension();
    this.k = mixture.components();
    this.logNorm = new double[k];
    this.meanT = new double[k][d];
    this.covT = new double[k][d * d];
    this.invFactor = new double[k][][];
    this.invFactorT = new double[k][d][d];
    this.precision = new double[k][][];
    this.logDet = new double[k];
    this.conditionNumber = new double[k];
    this.lambdaMinT = new double[k];
    this.meanNorm = new double[k];
    this.normingSize = new double[k];
    double a2 = a * a;
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
    for (int i = 0; i < k; i++) {
      double[] eig = mixture.covarianceEigenvalues(i);
      double lo = a2 * eig[0] + b2;
      double hi = a2 * eig[d - 1] + b2;
      if (!(lo > 0)) {
        throw new IllegalArgumentException(
            "covariances[" + i + "] is singular (smallest eigenvalue " + eig[0] + ") and cannot be "
                + "evaluated at t = " + t + " where b_t² = " + b2
                + ": singular data has a density only for t > 0");
      }
      conditionNumber[i] = hi / lo;
      // The rounding analysis (roundingConstant) holds while c·u·κ < 1; beyond that the computed
      // factor may not exist or be meaningless, so say so instead of returning a silent value.
      if (RoundingModel.constantTimesU(d) * conditionNumber[i] >= 1) {
        throw new IllConditionedException(
            "covariances[" + i + "] at t = " + t + " has condition number " + conditionNumber[i]
                + " ≥ 1/(c·u) = " + RoundingModel.largestConditionNumber(d) + " (c = 16(d+1)², u = 2⁻⁵³): "
                + "double precision cannot honour it; use the high-precision oracle");
      }
      lambdaMinT[i] = lo;
      normingSize[i] = RoundingModel.normingSize(mixture.weight(i), d, lo, hi);
      DMatrixRMaj cov = new DMatrixRMaj(d, d);
      for (int r = 0; r < d; r++) {
        meanT[i][r] = a * mixture.meanEntry(i, r);
        for (int c = 0; c < d; c++) {
          double v = a2 * mixture.covarianceEntry(i, r, c) + (r == c ? b2 : 0);
          cov.set(r, c, v);
          covT[i][r * d + c] = v;
        }
      }
      if (!chol.decompose(cov)) { // overwrites cov with L
        throw new IllConditionedException(
            "covariances[" + i + "] at t = " + t + " is not numerically positive definite "
                + "(Cholesky failed; condition number " + conditionNumber[i] + ")");
      }
      DMatrixRMaj lower = chol.getT(null);
      double ld = 0;
      for (int r = 0; r < d; r++) ld += Math.log(lower.get(r, r));
      logDet[i] = 2 * ld;
      double[] w = lower.data.clone();
      TriangularSolver_DDRM.invertLower(w, d);
      for (int r = 0; r < d; r++) {
        for (int c = r + 1; c < d; c++) w[r * d + c] = 0; // strictly upper part is not touched by the inversion
      }
      invFactor[i] = square(w);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) invFactorT[i][c][r] = w[r * d + c];
      }
      DMatrixRMaj wm = DMatrixRMaj.wrap(d, d, w);
      DMatrixRMaj p = new DMatrixRMaj(d, d);
      CommonOps_DDRM.multTransA(wm, wm, p);
      precision[i] = square(p.data);
      logNorm[i] = Math.log(mixture.weight(i)) - 0.5 * d * LOG_2PI - 0.5 * logDet[i];
      double mn = 0;
      for (int r = 0; r < d; r++) mn += meanT[i][r] * meanT[i][r];
      meanNorm[i] = Math.sqrt(mn);
    }
  }

  /** The mixture diffused to time t by the schedule; t outside the schedule's range is rejected. */
  public static MixtureDensity at(GaussianMixture mixture, NoiseSchedule schedule, double t) {
    if (mixture == null) throw new IllegalArgumentException("mixture must not be null");
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    return new MixtureDensity(mixture, schedule, t);
  }

  public GaussianMixture mixture() { return mixture; }

  public NoiseSchedule schedule() { return schedule; }

  public double time() { return t; }

  /** a_t. */
  public double a() { return a; }

  /** b_t². */
  public double b2() { return b2; }

  public int dimension() { return d; }

  public int components() { return k; }

  /** μ_i(t) = a_t μ_i (a copy). */
  public double[] mean(int i) { return meanT[i].clone(); }

  /** Σ_i(t) = a_t² Σ_i + b_t² I (a copy). */
  public double[][] covariance(int i) { return square(covT[i]); }

  /** P_i(t) = Σ_i(t)⁻¹ (a copy). */
  public double[][] precision(int i) {
    double[][] m = new double[d][];
    for (int r = 0; r < d; r++) m[r] = precision[i][r].clone();
    return m;
  }

  /** log det Σ_i(t), from the Cholesky factor's diagonal. */
  public double logDeterminant(int i) { return logDet[i]; }

  /** cond₂(Σ_i(t)), exact from the eigenvalues of Σ_i: (a² λmax + b²)/(a² λmin + b²). */
  public double conditionNumber(int i) { return conditionNumber[i]; }

  /** λmin(Σ_i(t)) = a_t² λmin(Σ_i) + b_t². */
  public double lambdaMinOf(int i) { return a * a * mixture.covarianceEigenvalues(i)[0] + b2; }

  /** λmin(t) = a_t² λmin + b_t² (docs/claims.md §0). */
  public double lambdaMin() { return a * a * mixture.lambdaMin() + b2; }

  /** λmax(t) = a_t² λmax + b_t² (docs/claims.md §0). */
  public double lambdaMax() { return a * a * mixture.lambdaMax() + b2; }

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
    forEachBlock(points, false, false, (blk, row0, m) -> System.arraycopy(blk.logp, 0, out, row0, m));
    return out;
  }

  /** Log-density (n) and score (n×d) at each row. */
  public Batch logDensityAndScore(DMatrixRMaj points) {
    int n = checkBatch(points);
    double[] lp = new double[n];
    DMatrixRMaj score = new DMatrixRMaj(n, d);
    forEachBlock(points, true, true, (blk, row0, m) -> {
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
    forEachBlock(points, true, true, (blk, row0, m) -> {
      blk.scoresInto(score.data, row0);
      for (int p = 0; p < m; p++) blk.hessianInto(p, hess.data, (row0 + p) * d * d);
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
    forEachBlock(points, true, true, (blk, row0, m) -> {
      System.arraycopy(blk.logp, 0, lp, row0, m);
      blk.weightsInto(weights.data, row0);
      blk.scoresInto(score.data, row0);
      for (int p = 0; p < m; p++) blk.hessianInto(p, hess.data, (row0 + p) * d * d);
    });
    return new Batch(lp, weights, score, hess);
  }

  /**
   * Results of a batch evaluation; fields not asked for are null. The Hessian of row r is row r
   * of {@code hessians}, a d×d matrix stored row-major.
   */
  public record Batch(double[] logDensity, DMatrixRMaj weights, DMatrixRMaj scores, DMatrixRMaj hessians) {}

  private interface BlockTask {
    /** Called once {@code blk} holds the results for rows row0 .. row0+m−1. */
    void apply(Block blk, int row0, int m);
  }

  /**
   * Splits the rows into chunks of {@value #BATCH_CHUNK} run in parallel; each chunk takes one
   * {@link Block} and evaluates its rows {@value #BLOCK} at a time.
   */
  private void forEachBlock(DMatrixRMaj points, boolean wantScore, boolean resolveWeights, BlockTask task) {
    int n = points.numRows;
    int chunks = (n + BATCH_CHUNK - 1) / BATCH_CHUNK;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> {
      Block blk = new Block();
      int end = Math.min(n, (c + 1) * BATCH_CHUNK);
      for (int row0 = c * BATCH_CHUNK; row0 < end; row0 += BLOCK) {
        int m = Math.min(BLOCK, end - row0);
        blk.run(points.data, row0, m, wantScore, resolveWeights);
        task.apply(blk, row0, m);
      }
    });
  }

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

  private double[][] square(double[] flat) {
    double[][] m = new double[d][d];
    for (int r = 0; r < d; r++) System.arraycopy(flat, r * d, m[r], 0, d);
    return m;
  }

  private String pointText(double[] x, int off) {
    StringBuilder b = new StringBuilder("[");
    for (int c = 0; c < Math.min(d, 8); c++) b.append(c > 0 ? ", " : "").append(x[off + c]);
    return b.append(d > 8 ? ", …]" : "]").toString();
  }

  /**
   * The rounding bounds e_i of the log-terms at a point (see {@link #checkResolved}) into
   * {@code uncertainty}; returns the largest. Components of weight 0 (ℓ_i = −∞) carry none.
   */
  private double logTermUncertainties(double[] x, int off, double[] ell, double[] quadratic, double[] uncertainty) {
    double cu = RoundingModel.constantTimesU(d);
    double xn = norm(x, off);
    double worst = 0;
    for (int i = 0; i < k; i++) {
      if (ell[i] == Double.NEGATIVE_INFINITY) {
        uncertainty[i] = 0;
        continue;
      }
      uncertainty[i] = cu * RoundingModel.logTermBound(conditionNumber[i], quadratic[i], d, xn + meanNorm[i],
          lambdaMinT[i], normingSize[i]);
      worst = Math.max(worst, uncertainty[i]);
    }
    return worst;
  }

  private double norm(double[] x, int off) {
    double xn = 0;
    for (int c = 0; c < d; c++) xn += x[off + c] * x[off + c];
    return Math.sqrt(xn);
  }

  /**
   * c = 16 (d + 1)²: the double code's error at a point is within c · u · κ of the size of the terms
   * that cancel (docs/claims.md §6; derivation in oracle.RoundingBound, which must agree).
   */
  public static double roundingConstant(int d) { return RoundingModel.constant(d); }

  /**
   * docs/claims.md §6 {@code oracle.ill-conditioned}: refuses (IllConditionedException) a point where the
   * rounding of the component log-terms could move the posterior weights by more than their
   * first-order error, i.e. where the weights, score and Hessian could be silently wrong.
   *
   * <p>ℓ_i is within e_i = c u (κ_i (q_i + d) + ρ_i √(q_i/λ_i) + L_i) of its exact value
   * (ρ_i = ‖x‖ + ‖μ_i(t)‖, λ_i = λmin(Σ_i(t)), L_i the normalising constant's size; the derivation
   * is in oracle.RoundingBound, which must use the same formula). With m the component of largest
   * ℓ, the weights are resolved when every other component i either has e_i and e_m at most
   * {@value #MAX_LOG_TERM_UNCERTAINTY}, or is negligible with a margin: ℓ_i + e_i ≤ ℓ_m − e_m − T_i,
   * where e^{−T_i} times its influence (|s_i − s| + its own error, relative to the floors
   * Σ w_j (ρ_j/λ_j + κ_j √(q_j/λ_j)) and Σ w_j √d κ_j/λ_j of the score's and Hessian's
   * tolerances) is below c u / 8. A single dominant component may have any e_m: its weight is then 1
   * whatever ℓ_m's error.
   *
   * <p>One point, from either path: x[off .. off+d), its log-terms ell, quadratic forms ‖z_i‖²,
   * weights w; with scores, compScores[i] = s_i and the score s (compScores null without them);
   * {@code uncertainty} is scratch of length k.
   */
  private void checkResolved(double[] x, int off, double[] ell, double[] quadratic, double[] w,
      double[][] compScores, double[] s, double[] uncertainty) {
    if (logTermUncertainties(x, off, ell, quadratic, uncertainty) <= MAX_LOG_TERM_UNCERTAINTY) return;
    boolean haveScores = compScores != null;
    double cu = RoundingModel.constantTimesU(d);
    double xn = norm(x, off);
    int m = -1;
    for (int i = 0; i < k; i++) {
      if (ell[i] != Double.NEGATIVE_INFINITY && (m < 0 || ell[i] > ell[m])) m = i;
    }
    double floorScore = 0, floorHessian = 0, sqrtD = Math.sqrt(d);
    if (haveScores) {
      for (int j = 0; j < k; j++) { // c u times these bound the score's and Hessian's tolerances from below
        if (w[j] == 0) continue;
        floorScore += w[j] * RoundingModel.componentScoreBound(conditionNumber[j], quadratic[j], xn + meanNorm[j],
            lambdaMinT[j]);
        floorHessian += w[j] * RoundingModel.precisionBound(d, conditionNumber[j], lambdaMinT[j]);
      }
    }
    for (int i = 0; i < k; i++) {
      if (i == m || ell[i] == Double.NEGATIVE_INFINITY) continue;
      if (uncertainty[i] <= MAX_LOG_TERM_UNCERTAINTY && uncertainty[m] <= MAX_LOG_TERM_UNCERTAINTY) continue;
      double influence = 1; // weights alone: an error relative to 1
      if (haveScores) {
        double spread = 0;
        for (int c = 0; c < d; c++) {
          double v = compScores[i][c] - s[c];
          spread += v * v;
        }
        double own = cu * RoundingModel.componentScoreBound(conditionNumber[i], quadratic[i], xn + meanNorm[i],
            lambdaMinT[i]);
        double su = Math.sqrt(spread) + own;
        influence = su / floorScore
            + (sqrtD / lambdaMinT[i] * (1 + cu * conditionNumber[i]) + su * su) / floorHessian;
      }
      double margin = Math.log(8 * influence / cu);
      if (ell[i] + uncertainty[i] <= ell[m] - uncertainty[m] - margin) continue;
      throw new IllConditionedException(
          "at x = " + pointText(x, off) + " the posterior weights cannot be resolved in double "
              + "precision: components " + m + " and " + i + " compete (log-terms " + ell[m] + " and "
              + ell[i] + ", uncertain by up to " + uncertainty[m] + " and " + uncertainty[i]
              + " from rounding; cond = " + conditionNumber[m] + ", " + conditionNumber[i]
              + "); use the high-precision oracle");
    }
  }

  /** Scratch for one thread; not thread-safe, so each thread or task takes its own. */
  public Workspace workspace() { return new Workspace(); }

  /** Per-thread buffers for the single-point path: component log terms, weights, residuals, scores. */
  public final class Workspace {
    final double[] ell = new double[k];
    final double[] w = new double[k];
    final double[] r = new double[d];
    final double[] z = new double[d];
    final double[] s = new double[d];
    final double[][] compScores = new double[k][d];
    final double[] quadratic = new double[k];
    final double[] uncertainty = new double[k];
    double[][] u;                               // for the Hessian only, allocated when first asked
    int[] nz;
    double logp;

    private Workspace() {}

    /**
     * Evaluates at x[off .. off+d); fills ell, w, logp, and s (and compScores) when asked. With
     * {@code resolveWeights}, refuses a point where rounding leaves the posterior weights unresolved
     * (see {@link MixtureDensity#checkResolved}).
     */
    double run(double[] x, int off, boolean wantScore, boolean resolveWeights) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        double[] mu = meanT[i];
        for (int c = 0; c < d; c++) r[c] = x[off + c] - mu[c];
        // z = W r as a sum of columns of W (rows of Wᵀ): axpy loops the JIT vectorises
        double[][] wt = invFactorT[i];
        double r0 = r[0];
        double[] wt0 = wt[0];
        for (int j = 0; j < d; j++) z[j] = r0 * wt0[j];
        for (int l = 1; l < d; l++) {
          double rl = r[l];
          double[] wl = wt[l];
          for (int j = l; j < d; j++) z[j] += rl * wl[j];
        }
        double q = 0;
        for (int j = 0; j < d; j++) q += z[j] * z[j];
        double li = logNorm[i] - 0.5 * q;
        quadratic[i] = q;
        ell[i] = li;
        if (li > max) max = li;
        if (wantScore) {
          // s_i = −Wᵀ z = −Σ_j z_j (row j of W)
          double[] si = compScores[i];
          java.util.Arrays.fill(si, 0);
          double[][] wf = invFactor[i];
          for (int j = 0; j < d; j++) {
            double zj = -z[j];
            double[] wj = wf[j];
            for (int c = 0; c <= j; c++) si[c] += zj * wj[c];
          }
        }
      }
      if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
        throw new IllegalArgumentException(
            "x is too far from every component: the quadratic form overflows double (max log term "
                + max + ")");
      }
      double sum = 0;
      for (int i = 0; i < k; i++) {
        double e = Math.exp(ell[i] - max);
        w[i] = e;
        sum += e;
      }
      for (int i = 0; i < k; i++) w[i] /= sum;
      logp = max + Math.log(sum);
      if (wantScore) {
        java.util.Arrays.fill(s, 0);
        for (int i = 0; i < k; i++) {
          double wi = w[i];
          if (wi == 0) continue;
          double[] si = compScores[i];
          for (int c = 0; c < d; c++) s[c] += wi * si[c];
        }
      }
      if (resolveWeights) checkResolved(x, off, ell, quadratic, w, wantScore ? compScores : null, s, uncertainty);
      return logp;
    }

    /** H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ into the d×d {@code h}; needs run(…, true). */
    void hessianInto(double[][] h) {
      if (u == null) {
        u = new double[k][d];
        nz = new int[k];
      }
      for (int i = 0; i < k; i++) {
        double[] si = compScores[i];
        double[] ui = u[i];
        for (int c = 0; c < d; c++) ui[c] = si[c] - s[c]; // u_i = s_i − s
      }
      centredHessianInto(u, w, nz, h);
    }
  }

  /**
   * H = −Σ w_i P_i + Σ w_i u_i u_iᵀ into the d×d {@code h}, from u_i = s_i − s (row i of {@code u})
   * and the posterior weights; components of weight 0 are skipped ({@code nz} is scratch for the
   * others' indices). The upper triangle is computed row by row — each row an axpy over contiguous
   * entries, two components per pass, which C2 vectorises — and mirrored, so H is exactly
   * symmetric. Per entry the terms are summed left to right in order of i, P term first:
   * −w_0 P_0 + w_0 u_0 u_0 − w_1 P_1 + w_1 u_1 u_1 − …, the same in the point and the batch paths.
   */
  private void centredHessianInto(double[][] u, double[] w, int[] nz, double[][] h) {
    int n = 0;
    for (int i = 0; i < k; i++) if (w[i] != 0) nz[n++] = i; // n ≥ 1: the largest weight is ≥ 1/k
    for (int r = 0; r < d; r++) {
      double[] hr = h[r];
      int i = nz[0];
      double wi = w[i];
      double[] pi = precision[i][r];
      double[] ui = u[i];
      double ci = wi * ui[r];
      for (int c = r; c < d; c++) hr[c] = -(wi * pi[c]) + ci * ui[c];
      int t = 1;
      for (; t + 1 < n; t += 2) {
        i = nz[t];
        int j = nz[t + 1];
        wi = w[i];
        double wj = w[j];
        pi = precision[i][r];
        double[] pj = precision[j][r];
        ui = u[i];
        double[] uj = u[j];
        ci = wi * ui[r];
        double cj = wj * uj[r];
        for (int c = r; c < d; c++) hr[c] = hr[c] - wi * pi[c] + ci * ui[c] - wj * pj[c] + cj * uj[c];
      }
      if (t < n) {
        i = nz[t];
        wi = w[i];
        pi = precision[i][r];
        ui = u[i];
        ci = wi * ui[r];
        for (int c = r; c < d; c++) hr[c] = hr[c] - wi * pi[c] + ci * ui[c];
      }
      for (int c = 0; c < r; c++) hr[c] = h[c][r];
    }
  }

  /**
   * Per-task buffers for the batch path: up to {@value #BLOCK} points at once, stored transposed
   * (row c of a d×B array holds coordinate c of every point), so that every inner loop runs over the
   * block's points, whatever d is. The arithmetic, term by term and in the same order, is that of
   * {@link Workspace#run}, so a batch gives bit for bit the values of the single-point methods.
   */
  private final class Block {
    private static final int B = BLOCK;
    final double[][] xt = new double[d][B];     // the points
    final double[][] rt = new double[d][B];     // x − μ_i(t)
    final double[][] zt = new double[d][B];     // z_i = W_i (x − μ_i(t))
    final double[][][] st = new double[k][d][B]; // s_i = −W_iᵀ z_i, for every i
    final double[][] ell = new double[k][B];    // log π_i N(x; μ_i(t), Σ_i(t))
    final double[][] w = new double[k][B];      // posterior weights
    final double[][] s = new double[d][B];      // score
    final double[] q = new double[B];
    final double[][] qt = new double[k][B];     // the quadratic forms ‖z_i‖², kept for the refusal check
    final double[] max = new double[B];
    final double[] sum = new double[B];
    final double[] logp = new double[B];
    final double[][] u = new double[k][d];      // one point's u_i = s_i − s, for its Hessian
    final double[] wp = new double[k];          // one point's weights
    final int[] nz = new int[k];
    final double[][] h = new double[d][d];      // one point's Hessian
    final double[] ellP = new double[k];        // one point's log terms, quadratic forms, scores
    final double[] qP = new double[k];
    final double[] uncP = new double[k];
    final double[][] compP = new double[k][d];
    final double[] sP = new double[d];
    int m;
    int row0;

    /** Evaluates rows row0 .. row0+m−1 of the row-major n×d array x. */
    void run(double[] x, int row0, int m, boolean wantScore, boolean resolveWeights) {
      this.m = m;
      this.row0 = row0;
      for (int p = 0; p < m; p++) {
        int xo = (row0 + p) * d;
        for (int c = 0; c < d; c++) xt[c][p] = x[xo + c];
      }
      // The per-component loops run over all B lanes: JDK 17's C2 vectorises a loop that reads
      // several rows fully only when its trip count is a constant (measured: ~2x). Lanes past m
      // hold zeros, so they stay finite, and nothing reads their results.
      if (m < B) for (double[] xr : xt) java.util.Arrays.fill(xr, m, B, 0);
      for (int i = 0; i < k; i++) component(i, wantScore);
      weights();
      if (wantScore) {
        for (double[] sr : s) java.util.Arrays.fill(sr, 0);
        for (int i = 0; i < k; i++) {
          double[] wi = w[i];
          boolean anyZero = false;
          for (int p = 0; p < m; p++) anyZero |= wi[p] == 0;
          for (int c = 0; c < d; c++) {
            double[] sr = s[c];
            double[] sic = st[i][c];
            if (!anyZero) {
              for (int p = 0; p < m; p++) sr[p] += wi[p] * sic[p];
            } else { // a zero weight must not meet a non-finite s_i (0·∞)
              for (int p = 0; p < m; p++) if (wi[p] != 0) sr[p] += wi[p] * sic[p];
            }
          }
        }
      }
      if (resolveWeights) for (int p = 0; p < m; p++) checkPoint(x, p, wantScore);
    }

    /** The refusal check of the single-point path, on point p of the block (gathered from lanes). */
    private void checkPoint(double[] x, int p, boolean haveScores) {
      for (int i = 0; i < k; i++) {
        ellP[i] = ell[i][p];
        qP[i] = qt[i][p];
      }
      int off = (row0 + p) * d;
      // the common case costs k bounds; scores are gathered only when two log-terms may compete
      if (logTermUncertainties(x, off, ellP, qP, uncP) <= MAX_LOG_TERM_UNCERTAINTY) return;
      for (int i = 0; i < k; i++) {
        wp[i] = w[i][p];
        if (haveScores) for (int c = 0; c < d; c++) compP[i][c] = st[i][c][p];
      }
      if (haveScores) for (int c = 0; c < d; c++) sP[c] = s[c][p];
      checkResolved(x, off, ellP, qP, wp, haveScores ? compP : null, sP, uncP);
    }

    /** ell_i, and s_i when asked, at every point of the block. */
    private void component(int i, boolean wantScore) {
      double[] mu = meanT[i];
      for (int c = 0; c < d; c++) {
        double[] xr = xt[c];
        double[] rr = rt[c];
        double mc = mu[c];
        for (int p = 0; p < B; p++) rr[p] = xr[p] - mc;
      }
      double[][] wf = invFactor[i];
      triangularProduct(wf);
      java.util.Arrays.fill(q, 0);
      for (int j = 0; j < d; j++) {
        double[] zr = zt[j];
        for (int p = 0; p < B; p++) q[p] += zr[p] * zr[p];
      }
      double[] er = ell[i];
      double ln = logNorm[i];
      for (int p = 0; p < B; p++) er[p] = ln - 0.5 * q[p];
      System.arraycopy(q, 0, qt[i], 0, B);
      if (!wantScore) return;
      scores(wf, st[i]);
    }

    /** zt = W rt for the lower-triangular W. */
    private void triangularProduct(double[][] wf) {
      // z_j = Σ_{l ≤ j} W_jl r_l, summed in order of l, left to right; rows in pairs (j, j + 1) so
      // that each load of r_l serves two rows, four terms per pass
      int j = 0;
      for (; j + 1 < d; j += 2) {
        double[] z0 = zt[j], z1 = zt[j + 1];
        double[] w0 = wf[j], w1 = wf[j + 1];
        double[] x = rt[0];
        double a0 = w0[0], b0 = w1[0];
        for (int p = 0; p < B; p++) {
          z0[p] = x[p] * a0;
          z1[p] = x[p] * b0;
        }
        int l = 1;
        for (; l + 3 <= j; l += 4) {
          double[] x0 = rt[l], x1 = rt[l + 1], x2 = rt[l + 2], x3 = rt[l + 3];
          a0 = w0[l];
          b0 = w1[l];
          double a1 = w0[l + 1], a2 = w0[l + 2], a3 = w0[l + 3];
          double b1 = w1[l + 1], b2 = w1[l + 2], b3 = w1[l + 3];
          for (int p = 0; p < B; p++) {
            double v0 = x0[p], v1 = x1[p], v2 = x2[p], v3 = x3[p];
            z0[p] = z0[p] + v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3;
            z1[p] = z1[p] + v0 * b0 + v1 * b1 + v2 * b2 + v3 * b3;
          }
        }
        for (; l <= j; l++) {
          x = rt[l];
          a0 = w0[l];
          b0 = w1[l];
          for (int p = 0; p < B; p++) {
            z0[p] += x[p] * a0;
            z1[p] += x[p] * b0;
          }
        }
        x = rt[j + 1]; // l = j + 1, in row j + 1 only
        b0 = w1[j + 1];
        for (int p = 0; p < B; p++) z1[p] += x[p] * b0;
      }
      if (j < d) { // the last row when d is odd
        double[] zr = zt[j];
        double[] wj = wf[j];
        for (int l = 0; l <= j; l++) {
          double[] x = rt[l];
          double a0 = wj[l];
          if (l == 0) {
            for (int p = 0; p < B; p++) zr[p] = x[p] * a0;
          } else {
            for (int p = 0; p < B; p++) zr[p] += x[p] * a0;
          }
        }
      }
    }

    /** si = −Wᵀ zt for the lower-triangular W. */
    private void scores(double[][] wf, double[][] si) {
      // s_ic = −Σ_{j ≥ c} z_j W_jc, summed in order of j, left to right; columns in pairs (c, c + 1)
      // so that each load of z_j serves two, four terms per pass
      int c = 0;
      for (; c + 1 < d; c += 2) {
        double[] s0 = si[c], s1 = si[c + 1];
        double[] zc = zt[c], zd = zt[c + 1];
        double a0 = wf[c][c], a1 = wf[c + 1][c], b1 = wf[c + 1][c + 1];
        for (int p = 0; p < B; p++) {
          s0[p] = -zc[p] * a0 - zd[p] * a1; // j = c, c + 1
          s1[p] = -zd[p] * b1;              // j = c + 1
        }
        int j = c + 2;
        for (; j + 3 < d; j += 4) {
          double[] x0 = zt[j], x1 = zt[j + 1], x2 = zt[j + 2], x3 = zt[j + 3];
          a0 = wf[j][c];
          a1 = wf[j + 1][c];
          double a2 = wf[j + 2][c], a3 = wf[j + 3][c];
          double b0 = wf[j][c + 1];
          b1 = wf[j + 1][c + 1];
          double b2 = wf[j + 2][c + 1], b3 = wf[j + 3][c + 1];
          for (int p = 0; p < B; p++) {
            double v0 = x0[p], v1 = x1[p], v2 = x2[p], v3 = x3[p];
            s0[p] = s0[p] - v0 * a0 - v1 * a1 - v2 * a2 - v3 * a3;
            s1[p] = s1[p] - v0 * b0 - v1 * b1 - v2 * b2 - v3 * b3;
          }
        }
        for (; j < d; j++) {
          double[] x = zt[j];
          a0 = wf[j][c];
          double b0 = wf[j][c + 1];
          for (int p = 0; p < B; p++) {
            s0[p] -= x[p] * a0;
            s1[p] -= x[p] * b0;
          }
        }
      }
      if (c < d) { // the last column when d is odd: j = c only
        double[] sr = si[c];
        double[] zc = zt[c];
        double a0 = wf[c][c];
        for (int p = 0; p < B; p++) sr[p] = -zc[p] * a0;
      }
    }

    /** Log-sum-exp over the components: max, weights, log p. */
    private void weights() {
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int i = 0; i < k; i++) {
        double[] er = ell[i];
        for (int p = 0; p < m; p++) if (er[p] > max[p]) max[p] = er[p];
      }
      for (int p = 0; p < m; p++) {
        if (max[p] == Double.NEGATIVE_INFINITY || Double.isNaN(max[p])) {
          throw new IllegalArgumentException(
              "points[" + (row0 + p) + "] is too far from every component: the quadratic form "
                  + "overflows double (max log term " + max[p] + ")");
        }
      }
      java.util.Arrays.fill(sum, 0);
      for (int i = 0; i < k; i++) {
        double[] er = ell[i];
        double[] wi = w[i];
        for (int p = 0; p < m; p++) {
          double e = Math.exp(er[p] - max[p]);
          wi[p] = e;
          sum[p] += e;
        }
      }
      for (int i = 0; i < k; i++) {
        double[] wi = w[i];
        for (int p = 0; p < m; p++) wi[p] /= sum[p];
      }
      for (int p = 0; p < m; p++) logp[p] = max[p] + Math.log(sum[p]);
    }

    /** The block's scores into rows row0.. of a row-major n×d array. */
    void scoresInto(double[] out, int row0) {
      for (int p = 0; p < m; p++) {
        int o = (row0 + p) * d;
        for (int c = 0; c < d; c++) out[o + c] = s[c][p];
      }
    }

    /** The block's weights into rows row0.. of a row-major n×k array. */
    void weightsInto(double[] out, int row0) {
      for (int p = 0; p < m; p++) {
        int o = (row0 + p) * k;
        for (int i = 0; i < k; i++) out[o + i] = w[i][p];
      }
    }

    /** The Hessian at point p of the block into out[off .. off+d²), row-major. */
    void hessianInto(int p, double[] out, int off) {
      for (int i = 0; i < k; i++) {
        wp[i] = w[i][p];
        double[][] si = st[i];
        double[] ui = u[i];
        for (int c = 0; c < d; c++) ui[c] = si[c][p] - s[c][p];
      }
      centredHessianInto(u, wp, nz, h);
      for (int r = 0; r < d; r++) System.arraycopy(h[r], 0, out, off + r * d, d);
    }
  }
}
