package org.mixproof.density;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The law of X_t in closed form (CLAIMS M1): {@code p_t = Σ π_i N(a_t μ_i, a_t² Σ_i + b_t² I)}, with
 * log-density, posterior weights, score and Hessian (CLAIMS §2).
 *
 * <p>Everything that depends only on the mixture and t — Cholesky factors L_i of Σ_i(t), their
 * inverses W_i = L_i⁻¹ (EJML's triangular inversion), precisions P_i = W_iᵀ W_i, log-determinants —
 * is built once here. Per point: z_i = W_i (x − μ_i(t)), ℓ_i = c_i − ½‖z_i‖², s_i = −W_iᵀ z_i;
 * log p by log-sum-exp; H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ (the centred form, never
 * Σ w s sᵀ − s sᵀ). The hot path allocates no d×d matrix: it uses a per-thread {@link Workspace}.
 *
 * <p>What double precision cannot honour is refused with an {@link IllConditionedException}, never
 * returned as a silently wrong value (CLAIMS §6 {@code oracle.ill-conditioned}): at construction when
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
  private static final double U = 0x1p-53;
  /**
   * A component log-term uncertain by more than this (from rounding) leaves the posterior weights
   * unresolved, unless the component is negligible by a margin: weights, score and Hessian are then
   * refused. A weight's relative error is then at most e^{2·½} − 1 ≤ 1.72 × its first-order bound
   * 2·½, within the factor 2 that c allows for it.
   */
  static final double MAX_LOG_TERM_UNCERTAINTY = 0.5;
  /** Points per parallel task in batch evaluation: large enough to amortise task overhead. */
  private static final int BATCH_CHUNK = 256;

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
  private final double[][] invFactor;      // W_i = L_i⁻¹, lower triangular, row-major
  private final double[][] invFactorT;     // W_iᵀ, so both products with W_i run as row axpys
  private final double[][] precision;      // P_i = W_iᵀ W_i, row-major
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
    this.invFactor = new double[k][];
    this.invFactorT = new double[k][d * d];
    this.precision = new double[k][];
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
      if (roundingConstant(d) * U * conditionNumber[i] >= 1) {
        throw new IllConditionedException(
            "covariances[" + i + "] at t = " + t + " has condition number " + conditionNumber[i]
                + " ≥ 1/(c·u) = " + (1 / (roundingConstant(d) * U)) + " (c = 16(d+1)², u = 2⁻⁵³): "
                + "double precision cannot honour it; use the high-precision oracle");
      }
      lambdaMinT[i] = lo;
      normingSize[i] = Math.abs(Math.log(mixture.weight(i)))
          + d * (2 + Math.abs(Math.log(lo)) + Math.abs(Math.log(hi)));
      DMatrixRMaj cov = new DMatrixRMaj(d, d);
      for (int r = 0; r < d; r++) {
        meanT[i][r] = a * mixture.meanEntry(i, r);
        meanNorm[i] += meanT[i][r] * meanT[i][r];
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
      invFactor[i] = w;
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) invFactorT[i][c * d + r] = w[r * d + c];
      }
      DMatrixRMaj wm = DMatrixRMaj.wrap(d, d, w);
      DMatrixRMaj p = new DMatrixRMaj(d, d);
      CommonOps_DDRM.multTransA(wm, wm, p);
      precision[i] = p.data;
      logNorm[i] = Math.log(mixture.weight(i)) - 0.5 * d * LOG_2PI - 0.5 * logDet[i];
      meanNorm[i] = Math.sqrt(meanNorm[i]);
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
  public double[][] precision(int i) { return square(precision[i]); }

  /** log det Σ_i(t), from the Cholesky factor's diagonal. */
  public double logDeterminant(int i) { return logDet[i]; }

  /** cond₂(Σ_i(t)), exact from the eigenvalues of Σ_i: (a² λmax + b²)/(a² λmin + b²). */
  public double conditionNumber(int i) { return conditionNumber[i]; }

  /** λmin(Σ_i(t)) = a_t² λmin(Σ_i) + b_t². */
  public double lambdaMinOf(int i) { return a * a * mixture.covarianceEigenvalues(i)[0] + b2; }

  /** λmin(t) = a_t² λmin + b_t² (CLAIMS §0). */
  public double lambdaMin() { return a * a * mixture.lambdaMin() + b2; }

  /** λmax(t) = a_t² λmax + b_t² (CLAIMS §0). */
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
    double[] h = new double[d * d];
    ws.hessianInto(h, 0);
    return square(h);
  }

  /** Everything at once: log-density, weights, score and Hessian at x. */
  public PointEvaluation evaluate(double[] x) {
    Workspace ws = workspace();
    double lp = ws.run(checkPoint(x, "x"), 0, true, true);
    double[] h = new double[d * d];
    ws.hessianInto(h, 0);
    return new PointEvaluation(x.clone(), lp, ws.w.clone(), ws.s.clone(), square(h));
  }

  // ---------------------------------------------------------------- batches (an n×d matrix)

  /** log p_t at each row of {@code points} (n×d). */
  public double[] logDensity(DMatrixRMaj points) {
    int n = checkBatch(points);
    double[] out = new double[n];
    forEachChunk(n, (ws, row) -> out[row] = ws.run(points.data, row * d, false, false));
    return out;
  }

  /** Log-density (n) and score (n×d) at each row. */
  public Batch logDensityAndScore(DMatrixRMaj points) {
    int n = checkBatch(points);
    double[] lp = new double[n];
    DMatrixRMaj score = new DMatrixRMaj(n, d);
    forEachChunk(n, (ws, row) -> {
      lp[row] = ws.run(points.data, row * d, true, true);
      System.arraycopy(ws.s, 0, score.data, row * d, d);
    });
    return new Batch(lp, null, score, null);
  }

  /** Score (n×d) and Hessian (n×d², row i holding H(x_i) row-major) at each row. */
  public Batch scoreAndHessian(DMatrixRMaj points) {
    int n = checkBatch(points);
    DMatrixRMaj score = new DMatrixRMaj(n, d);
    DMatrixRMaj hess = new DMatrixRMaj(n, d * d);
    forEachChunk(n, (ws, row) -> {
      ws.run(points.data, row * d, true, true);
      System.arraycopy(ws.s, 0, score.data, row * d, d);
      ws.hessianInto(hess.data, row * d * d);
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
    forEachChunk(n, (ws, row) -> {
      lp[row] = ws.run(points.data, row * d, true, true);
      System.arraycopy(ws.w, 0, weights.data, row * k, k);
      System.arraycopy(ws.s, 0, score.data, row * d, d);
      ws.hessianInto(hess.data, row * d * d);
    });
    return new Batch(lp, weights, score, hess);
  }

  /**
   * Results of a batch evaluation; fields not asked for are null. The Hessian of row r is row r
   * of {@code hessians}, a d×d matrix stored row-major.
   */
  public record Batch(double[] logDensity, DMatrixRMaj weights, DMatrixRMaj scores, DMatrixRMaj hessians) {}

  private interface RowTask {
    void apply(Workspace ws, int row);
  }

  private void forEachChunk(int n, RowTask task) {
    int chunks = (n + BATCH_CHUNK - 1) / BATCH_CHUNK;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> {
      Workspace ws = workspace();
      int end = Math.min(n, (c + 1) * BATCH_CHUNK);
      for (int row = c * BATCH_CHUNK; row < end; row++) task.apply(ws, row);
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
   * c = 16 (d + 1)²: the double code's error at a point is within c · u · κ of the size of the terms
   * that cancel (CLAIMS §6; derivation in oracle.RoundingBound, which must agree).
   */
  public static double roundingConstant(int d) { return 16.0 * (d + 1) * (d + 1); }

  /** Scratch for one thread; not thread-safe, so each thread or task takes its own. */
  public Workspace workspace() { return new Workspace(); }

  /** Per-thread buffers for the hot path: component log terms, weights, residuals and scores. */
  public final class Workspace {
    final double[] ell = new double[k];
    final double[] w = new double[k];
    final double[] r = new double[d];
    final double[] z = new double[d];
    final double[] s = new double[d];
    final double[] compScores = new double[k * d];
    final double[] quadratic = new double[k];
    final double[] uncertainty = new double[k];
    double logp;

    private Workspace() {}

    /**
     * Evaluates at x[off .. off+d); fills ell, w, logp, and s (and compScores) when asked. With
     * {@code resolveWeights}, refuses a point where rounding leaves the posterior weights unresolved
     * (see {@link #checkResolved}).
     */
    double run(double[] x, int off, boolean wantScore, boolean resolveWeights) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        double[] mu = meanT[i];
        for (int c = 0; c < d; c++) r[c] = x[off + c] - mu[c];
        // z = W r as a sum of columns of W (rows of Wᵀ): axpy loops the JIT vectorises
        java.util.Arrays.fill(z, 0);
        double[] wt = invFactorT[i];
        for (int l = 0; l < d; l++) {
          double rl = r[l];
          int base = l * d;
          for (int j = l; j < d; j++) z[j] += rl * wt[base + j];
        }
        double q = 0;
        for (int j = 0; j < d; j++) q += z[j] * z[j];
        double li = logNorm[i] - 0.5 * q;
        quadratic[i] = q;
        ell[i] = li;
        if (li > max) max = li;
        if (wantScore) {
          // s_i = −Wᵀ z = −Σ_j z_j (row j of W)
          int sOff = i * d;
          java.util.Arrays.fill(compScores, sOff, sOff + d, 0);
          double[] wf = invFactor[i];
          for (int j = 0; j < d; j++) {
            double zj = -z[j];
            int base = j * d;
            for (int c = 0; c <= j; c++) compScores[sOff + c] += zj * wf[base + c];
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
          int sOff = i * d;
          for (int c = 0; c < d; c++) s[c] += wi * compScores[sOff + c];
        }
      }
      if (resolveWeights) checkResolved(x, off, wantScore);
      return logp;
    }

    /**
     * CLAIMS §6 {@code oracle.ill-conditioned}: refuses (IllConditionedException) a point where the
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
     * tolerances) is below c u / 8. A single dominant
     * component may have any e_m: its weight is then 1 whatever ℓ_m's error.
     */
    private void checkResolved(double[] x, int off, boolean haveScores) {
      double cu = roundingConstant(d) * U;
      double xn = 0;
      for (int c = 0; c < d; c++) xn += x[off + c] * x[off + c];
      xn = Math.sqrt(xn);
      double worst = 0;
      int m = -1;
      for (int i = 0; i < k; i++) {
        if (ell[i] == Double.NEGATIVE_INFINITY) { // weight 0 (π_i = 0 or underflow of q): no error
          uncertainty[i] = 0;
          continue;
        }
        double zw = Math.sqrt(quadratic[i] / lambdaMinT[i]);
        uncertainty[i] = cu * (conditionNumber[i] * (quadratic[i] + d) + (xn + meanNorm[i]) * zw + normingSize[i]);
        worst = Math.max(worst, uncertainty[i]);
        if (m < 0 || ell[i] > ell[m]) m = i;
      }
      if (worst <= MAX_LOG_TERM_UNCERTAINTY) return;
      double floorScore = 0, floorHessian = 0, sqrtD = Math.sqrt(d);
      if (haveScores) {
        for (int j = 0; j < k; j++) { // c u times these bound the score's and Hessian's tolerances from below
          if (w[j] == 0) continue;
          floorScore += w[j] * ((xn + meanNorm[j]) / lambdaMinT[j]
              + conditionNumber[j] * Math.sqrt(quadratic[j] / lambdaMinT[j]));
          floorHessian += w[j] * sqrtD * conditionNumber[j] / lambdaMinT[j];
        }
      }
      for (int i = 0; i < k; i++) {
        if (i == m || ell[i] == Double.NEGATIVE_INFINITY) continue;
        if (uncertainty[i] <= MAX_LOG_TERM_UNCERTAINTY && uncertainty[m] <= MAX_LOG_TERM_UNCERTAINTY) continue;
        double influence = 1; // weights alone: an error relative to 1
        if (haveScores) {
          double spread = 0;
          for (int c = 0; c < d; c++) {
            double v = compScores[i * d + c] - s[c];
            spread += v * v;
          }
          double own = cu * (conditionNumber[i] * Math.sqrt(quadratic[i] / lambdaMinT[i])
              + (xn + meanNorm[i]) / lambdaMinT[i]);
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

    /** H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ into out[off .. off+d²); needs run(…, true). */
    void hessianInto(double[] out, int off) {
      int dd = d * d;
      java.util.Arrays.fill(out, off, off + dd, 0);
      for (int i = 0; i < k; i++) {
        double wi = w[i];
        if (wi == 0) continue;
        double[] p = precision[i];
        for (int e = 0; e < dd; e++) out[off + e] -= wi * p[e];
        int sOff = i * d;
        for (int c = 0; c < d; c++) r[c] = compScores[sOff + c] - s[c]; // u_i = s_i − s
        for (int row = 0; row < d; row++) {
          double cr = wi * r[row];
          int base = off + row * d;
          for (int c = 0; c < d; c++) out[base + c] += cr * r[c];
        }
      }
    }
  }
}
