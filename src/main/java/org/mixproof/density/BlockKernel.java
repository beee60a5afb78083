package org.mixproof.density;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The batch kernel: up to {@value #B} points at once, stored transposed (row c of a d×B array holds
 * coordinate c of every point), so that every inner loop runs over the block's points and vectorises
 * whatever d is. The arithmetic, term by term and in the same order, is that of
 * {@link PointKernel#run}, so a batch gives bit for bit the values of the single-point methods; the
 * refusal check ({@link WeightResolution}) bounds every lane at once and hands a point that may be
 * unresolved to the point path's own rule, and the Hessian ({@link BlockHessian}) sums the point
 * assembly's terms in its order.
 *
 * <p>Kept apart from the point kernel because its layout (lanes, unrolled pairs of rows) is what makes
 * batches fast, and apart from the façade because it owns the split into parallel chunks. One
 * instance per task: it holds that task's buffers.
 */
final class BlockKernel {
  /** Points per parallel task in batch evaluation: large enough to amortise task overhead. */
  static final int BATCH_CHUNK = 256;
  /**
   * Points evaluated together inside a chunk: the batch path stores a block transposed (one row per
   * coordinate) so its inner loops run over the block's points, long enough to vectorise for any d.
   * 128 rather than 64: each pass over the lanes has scalar iterations before and after its vector
   * loop, which 64 lanes did not amortise (measured at 16×8 on one core: 4.9 → 3.3 ms; 256 no better).
   */
  static final int B = 128;

  /** What a batch method does with one evaluated block. */
  interface Task {
    /** Called once {@code blk} holds the results for rows row0 .. row0+m−1. */
    void apply(BlockKernel blk, int row0, int m);
  }

  /**
   * Parallel tasks per core: enough to even out a busy core, few enough that a task's buffers (k·d·B
   * doubles of component scores) are allocated a handful of times per batch, not once per chunk
   * (profiled at 16×8: allocation was 8 % of the batch with one kernel per chunk).
   */
  static final int TASKS_PER_CORE = 4;

  /**
   * Splits the rows of {@code points} into chunks of {@value #BATCH_CHUNK}, hands runs of whole chunks
   * to at most {@value #TASKS_PER_CORE} tasks per core in parallel; each task takes one kernel and
   * evaluates its rows {@value #B} at a time.
   */
  static void forEachBlock(DiffusedComponents comp, WeightResolution resolution, DMatrixRMaj points,
      boolean wantScore, boolean resolveWeights, Task task) {
    int n = points.numRows;
    int chunks = (n + BATCH_CHUNK - 1) / BATCH_CHUNK;
    int cores = ForkJoinPool.getCommonPoolParallelism() + 1; // the caller works too
    int tasks = Math.min(chunks, TASKS_PER_CORE * cores);
    IntStream range = IntStream.range(0, tasks);
    (tasks > 1 ? range.parallel() : range).forEach(tk -> {
      BlockKernel blk = new BlockKernel(comp, resolution);
      int start = (int) ((long) chunks * tk / tasks) * BATCH_CHUNK;
      int end = Math.min(n, (int) ((long) chunks * (tk + 1) / tasks) * BATCH_CHUNK);
      for (int row0 = start; row0 < end; row0 += B) {
        int m = Math.min(B, end - row0);
        blk.run(points.data, row0, m, wantScore, resolveWeights);
        task.apply(blk, row0, m);
      }
    });
  }

  private final DiffusedComponents comp;
  private final WeightResolution resolution;
  private final int d;
  private final int k;
  private final double[][] xt;          // the points
  private final double[][] rt;          // x − μ_i(t)
  private final double[][] zt;          // z_i = W_i (x − μ_i(t))
  private final double[][][] st;        // s_i = −W_iᵀ z_i, for every i
  private final double[][] ell;         // log π_i N(x; μ_i(t), Σ_i(t))
  private final double[][] w;           // posterior weights
  private final double[][] s;           // score
  private final double[] q;
  private final double[][] qt;          // the quadratic forms ‖z_i‖², kept for the refusal check
  private final double[] max;
  private final double[] sum;
  private final double[] xn;            // ‖x‖ and the largest log-term bound, for the refusal check
  private final double[] worst;
  final double[] logp;
  private final double[][] u;           // one point's u_i = s_i − s, for its Hessian
  private final double[] wp;            // one point's weights
  private final int[] nz;
  private final double[][] h;           // one point's Hessian
  private final double[] ellP;          // one point's log terms, quadratic forms, scores
  private final double[] qP;
  private final double[] uncP;
  private final double[][] compP;
  private final double[] sP;
  private BlockHessian hessian;         // allocated when a Hessian is first asked
  private boolean zeroWeight;           // some point of the block has a zero weight (set with the scores)
  private int m;
  private int row0;

  BlockKernel(DiffusedComponents comp, WeightResolution resolution) {
    this.comp = comp;
    this.resolution = resolution;
    this.d = comp.d;
    this.k = comp.k;
    xt = new double[d][B];
    rt = new double[d][B];
    zt = new double[d][B];
    st = new double[k][d][B];
    ell = new double[k][B];
    w = new double[k][B];
    s = new double[d][B];
    q = new double[B];
    qt = new double[k][B];
    max = new double[B];
    sum = new double[B];
    xn = new double[B];
    worst = new double[B];
    logp = new double[B];
    u = new double[k][d];
    wp = new double[k];
    nz = new int[k];
    h = new double[d][d];
    ellP = new double[k];
    qP = new double[k];
    uncP = new double[k];
    compP = new double[k][d];
    sP = new double[d];
  }

  /** Evaluates rows row0 .. row0+m−1 of the row-major n×d array x. */
  void run(double[] x, int row0, int m, boolean wantScore, boolean resolveWeights) {
    this.m = m;
    this.row0 = row0;
    int base = row0 * d;
    for (int c = 0; c < d; c++) { // column by column: one lane array at a time, a strided read of x
      double[] xr = xt[c];
      for (int p = 0, o = base + c; p < m; p++, o += d) xr[p] = x[o];
    }
    // The per-component loops run over all B lanes: JDK 17's C2 vectorises a loop that reads
    // several rows fully only when its trip count is a constant (measured: ~2x). Lanes past m
    // hold zeros, so they stay finite, and nothing reads their results.
    if (m < B) for (double[] xr : xt) Arrays.fill(xr, m, B, 0);
    for (int i = 0; i < k; i++) component(i, wantScore);
    weights();
    if (wantScore) {
      for (double[] sr : s) Arrays.fill(sr, 0);
      zeroWeight = anyZeroWeight();
      if (!zeroWeight) {
        weightedScores();
      } else { // a zero weight must not meet a non-finite s_i (0·∞): lane by lane
        for (int i = 0; i < k; i++) {
          double[] wi = w[i];
          for (int c = 0; c < d; c++) {
            double[] sr = s[c];
            double[] sic = st[i][c];
            for (int p = 0; p < m; p++) if (wi[p] != 0) sr[p] += wi[p] * sic[p];
          }
        }
      }
    }
    if (resolveWeights) {
      // the common case costs k bounds per lane; a point is gathered only when two log-terms may compete
      resolution.worstLogTermUncertainties(xt, qt, xn, worst);
      for (int p = 0; p < m; p++) {
        if (!(worst[p] <= WeightResolution.MAX_LOG_TERM_UNCERTAINTY)) checkPoint(x, p, wantScore);
      }
    }
  }

  /** Whether some point of the block has a weight of exactly 0 (decides both the score and the Hessian path). */
  private boolean anyZeroWeight() {
    boolean anyZero = false;
    for (double[] wi : w) for (int p = 0; p < m; p++) anyZero |= wi[p] == 0;
    return anyZero;
  }

  /**
   * s += Σ_i w_i s_i over all B lanes, in order of i, four components a pass (the sum left to right,
   * so the point path's bits, with one load and store of s per four terms).
   */
  private void weightedScores() {
    for (int c = 0; c < d; c++) {
      double[] sr = s[c];
      int i = 0;
      for (; i + 4 <= k; i += 4) {
        double[] w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
        double[] u0 = st[i][c], u1 = st[i + 1][c], u2 = st[i + 2][c], u3 = st[i + 3][c];
        for (int p = 0; p < B; p++) sr[p] = sr[p] + w0[p] * u0[p] + w1[p] * u1[p] + w2[p] * u2[p] + w3[p] * u3[p];
      }
      for (; i < k; i++) {
        double[] wi = w[i], ui = st[i][c];
        for (int p = 0; p < B; p++) sr[p] += wi[p] * ui[p];
      }
    }
  }

  /** The refusal check of the single-point path, on point p of the block (gathered from lanes). */
  private void checkPoint(double[] x, int p, boolean haveScores) {
    int off = (row0 + p) * d;
    for (int i = 0; i < k; i++) {
      ellP[i] = ell[i][p];
      qP[i] = qt[i][p];
      wp[i] = w[i][p];
      if (haveScores) for (int c = 0; c < d; c++) compP[i][c] = st[i][c][p];
    }
    if (haveScores) for (int c = 0; c < d; c++) sP[c] = s[c][p];
    resolution.checkResolved(x, off, ellP, qP, wp, haveScores ? compP : null, sP, uncP);
  }

  /** ell_i, and s_i when asked, at every point of the block. */
  private void component(int i, boolean wantScore) {
    double[] mu = comp.meanT[i];
    for (int c = 0; c < d; c++) {
      double[] xr = xt[c];
      double[] rr = rt[c];
      double mc = mu[c];
      for (int p = 0; p < B; p++) rr[p] = xr[p] - mc;
    }
    double[][] wf = comp.invFactor[i];
    triangularProduct(wf);
    double[] er = ell[i];
    double ln = comp.logNorm[i];
    for (int p = 0; p < B; p++) er[p] = ln - 0.5 * q[p];
    System.arraycopy(q, 0, qt[i], 0, B);
    if (!wantScore) return;
    scores(wf, st[i]);
  }

  /**
   * zt = W rt for the lower-triangular W, and q = ‖zt‖² (row by row, in order of j).
   *
   * <p>z_j = Σ_{l ≤ j} W_jl r_l, summed in order of l, left to right, as the point path does. Rows go in
   * pairs (j, j + 1) so that each load of r_l serves two rows, and the terms in passes of four: the
   * first pass sets the pair, later ones add to it, and a last pass (the {@code tail…} methods) adds
   * the one to three terms left for row j, one more for row j + 1 (its diagonal), and the pair's
   * squares to q. Where one pass ends and the next begins does not change a sum computed left to
   * right, so every chunking gives the point path's bits; fewer, fuller passes are what make it fast
   * (each pass over the lanes costs a loop set-up and a scalar remainder in C2).
   */
  private void triangularProduct(double[][] wf) {
    int j = 0;
    for (; j + 1 < d; j += 2) {
      double[] z0 = zt[j], z1 = zt[j + 1];
      double[] w0 = wf[j], w1 = wf[j + 1];
      int l = 0;
      for (; l + 4 <= j; l += 4) {
        if (l == 0) first4(z0, z1, w0, w1);
        else add4(z0, z1, w0, w1, l);
      }
      // j even, so j + 1 − l (row j's terms left) is 1 or 3
      if (j - l == 0) tail1(z0, z1, w0, w1, l, j == 0);
      else tail3(z0, z1, w0, w1, l, l == 0);
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
      if (j == 0) {
        for (int p = 0; p < B; p++) q[p] = zr[p] * zr[p];
      } else {
        for (int p = 0; p < B; p++) q[p] += zr[p] * zr[p];
      }
    }
  }

  /** Rows j, j + 1 set from terms l = 0..3. */
  private void first4(double[] z0, double[] z1, double[] w0, double[] w1) {
    double[] x0 = rt[0], x1 = rt[1], x2 = rt[2], x3 = rt[3];
    double a0 = w0[0], a1 = w0[1], a2 = w0[2], a3 = w0[3];
    double b0 = w1[0], b1 = w1[1], b2 = w1[2], b3 = w1[3];
    for (int p = 0; p < B; p++) {
      double v0 = x0[p], v1 = x1[p], v2 = x2[p], v3 = x3[p];
      z0[p] = v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3;
      z1[p] = v0 * b0 + v1 * b1 + v2 * b2 + v3 * b3;
    }
  }

  /** Rows j, j + 1 plus terms l..l+3. */
  private void add4(double[] z0, double[] z1, double[] w0, double[] w1, int l) {
    double[] x0 = rt[l], x1 = rt[l + 1], x2 = rt[l + 2], x3 = rt[l + 3];
    double a0 = w0[l], a1 = w0[l + 1], a2 = w0[l + 2], a3 = w0[l + 3];
    double b0 = w1[l], b1 = w1[l + 1], b2 = w1[l + 2], b3 = w1[l + 3];
    for (int p = 0; p < B; p++) {
      double v0 = x0[p], v1 = x1[p], v2 = x2[p], v3 = x3[p];
      z0[p] = z0[p] + v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3;
      z1[p] = z1[p] + v0 * b0 + v1 * b1 + v2 * b2 + v3 * b3;
    }
  }

  /** Row j's last term l, row j + 1's l and l + 1, and both squares to q; sets rather than adds if first. */
  private void tail1(double[] z0, double[] z1, double[] w0, double[] w1, int l, boolean first) {
    double[] x0 = rt[l], x1 = rt[l + 1];
    double a0 = w0[l], b0 = w1[l], b1 = w1[l + 1];
    if (first) { // j = 0
      for (int p = 0; p < B; p++) {
        double v0 = x0[p];
        double y0 = v0 * a0, y1 = v0 * b0 + x1[p] * b1;
        z0[p] = y0;
        z1[p] = y1;
        q[p] = y0 * y0 + y1 * y1;
      }
    } else {
      for (int p = 0; p < B; p++) {
        double v0 = x0[p];
        double y0 = z0[p] + v0 * a0, y1 = z1[p] + v0 * b0 + x1[p] * b1;
        z0[p] = y0;
        z1[p] = y1;
        q[p] = q[p] + y0 * y0 + y1 * y1;
      }
    }
  }

  /** Row j's last three terms l..l+2, row j + 1's l..l+3, and both squares to q; sets rather than adds if first. */
  private void tail3(double[] z0, double[] z1, double[] w0, double[] w1, int l, boolean first) {
    double[] x0 = rt[l], x1 = rt[l + 1], x2 = rt[l + 2], x3 = rt[l + 3];
    double a0 = w0[l], a1 = w0[l + 1], a2 = w0[l + 2];
    double b0 = w1[l], b1 = w1[l + 1], b2 = w1[l + 2], b3 = w1[l + 3];
    if (first) { // j = 2
      for (int p = 0; p < B; p++) {
        double v0 = x0[p], v1 = x1[p], v2 = x2[p];
        double y0 = v0 * a0 + v1 * a1 + v2 * a2, y1 = v0 * b0 + v1 * b1 + v2 * b2 + x3[p] * b3;
        z0[p] = y0;
        z1[p] = y1;
        q[p] = q[p] + y0 * y0 + y1 * y1;
      }
    } else {
      for (int p = 0; p < B; p++) {
        double v0 = x0[p], v1 = x1[p], v2 = x2[p];
        double y0 = z0[p] + v0 * a0 + v1 * a1 + v2 * a2;
        double y1 = z1[p] + v0 * b0 + v1 * b1 + v2 * b2 + x3[p] * b3;
        z0[p] = y0;
        z1[p] = y1;
        q[p] = q[p] + y0 * y0 + y1 * y1;
      }
    }
  }

  /**
   * si = −Wᵀ zt for the lower-triangular W: s_c = −Σ_{j ≥ c} z_j W_jc, summed in order of j, left to
   * right. Columns go in pairs (c, c + 1) so that each load of z_j serves two; a first pass takes
   * h + 1 terms of column c and h of column c + 1 (h from 1 to 4, chosen so that the rest is whole
   * passes of four), then passes of four.
   */
  private void scores(double[][] wf, double[][] si) {
    int c = 0;
    for (; c + 1 < d; c += 2) {
      double[] s0 = si[c], s1 = si[c + 1];
      int h = (d - 2 - c) % 4 + 1;
      head(wf, s0, s1, c, h);
      for (int j = c + h + 1; j < d; j += 4) {
        double[] x0 = zt[j], x1 = zt[j + 1], x2 = zt[j + 2], x3 = zt[j + 3];
        double a0 = wf[j][c], a1 = wf[j + 1][c], a2 = wf[j + 2][c], a3 = wf[j + 3][c];
        double b0 = wf[j][c + 1], b1 = wf[j + 1][c + 1], b2 = wf[j + 2][c + 1], b3 = wf[j + 3][c + 1];
        for (int p = 0; p < B; p++) {
          double v0 = x0[p], v1 = x1[p], v2 = x2[p], v3 = x3[p];
          s0[p] = s0[p] - v0 * a0 - v1 * a1 - v2 * a2 - v3 * a3;
          s1[p] = s1[p] - v0 * b0 - v1 * b1 - v2 * b2 - v3 * b3;
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

  /** Columns c, c + 1 set from terms j = c..c+h (column c + 1 from c+1..c+h), 1 ≤ h ≤ 4. */
  private void head(double[][] wf, double[] s0, double[] s1, int c, int h) {
    double[] zc = zt[c], x1 = zt[c + 1];
    double a0 = wf[c][c], a1 = wf[c + 1][c], b1 = wf[c + 1][c + 1];
    switch (h) {
      case 1 -> {
        for (int p = 0; p < B; p++) {
          double v1 = x1[p];
          s0[p] = -zc[p] * a0 - v1 * a1;
          s1[p] = -v1 * b1;
        }
      }
      case 2 -> {
        double[] x2 = zt[c + 2];
        double a2 = wf[c + 2][c], b2 = wf[c + 2][c + 1];
        for (int p = 0; p < B; p++) {
          double v1 = x1[p], v2 = x2[p];
          s0[p] = -zc[p] * a0 - v1 * a1 - v2 * a2;
          s1[p] = -v1 * b1 - v2 * b2;
        }
      }
      case 3 -> {
        double[] x2 = zt[c + 2], x3 = zt[c + 3];
        double a2 = wf[c + 2][c], a3 = wf[c + 3][c], b2 = wf[c + 2][c + 1], b3 = wf[c + 3][c + 1];
        for (int p = 0; p < B; p++) {
          double v1 = x1[p], v2 = x2[p], v3 = x3[p];
          s0[p] = -zc[p] * a0 - v1 * a1 - v2 * a2 - v3 * a3;
          s1[p] = -v1 * b1 - v2 * b2 - v3 * b3;
        }
      }
      default -> {
        double[] x2 = zt[c + 2], x3 = zt[c + 3], x4 = zt[c + 4];
        double a2 = wf[c + 2][c], a3 = wf[c + 3][c], a4 = wf[c + 4][c];
        double b2 = wf[c + 2][c + 1], b3 = wf[c + 3][c + 1], b4 = wf[c + 4][c + 1];
        for (int p = 0; p < B; p++) {
          double v1 = x1[p], v2 = x2[p], v3 = x3[p], v4 = x4[p];
          s0[p] = -zc[p] * a0 - v1 * a1 - v2 * a2 - v3 * a3 - v4 * a4;
          s1[p] = -v1 * b1 - v2 * b2 - v3 * b3 - v4 * b4;
        }
      }
    }
  }

  /** Log-sum-exp over the components: max, weights, log p. */
  private void weights() {
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
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
    Arrays.fill(sum, 0);
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
    int base = row0 * d;
    for (int c = 0; c < d; c++) {
      double[] sr = s[c];
      for (int p = 0, o = base + c; p < m; p++, o += d) out[o] = sr[p];
    }
  }

  /** The block's weights into rows row0.. of a row-major n×k array. */
  void weightsInto(double[] out, int row0) {
    for (int p = 0; p < m; p++) {
      int o = (row0 + p) * k;
      for (int i = 0; i < k; i++) out[o + i] = w[i][p];
    }
  }

  /**
   * The block's Hessians into rows row0.. of a row-major n×d² array: lane by lane
   * ({@link BlockHessian}) when no weight is 0, else point by point. Call after the scores are read:
   * the lane path overwrites the component scores.
   */
  void hessiansInto(double[] out, int row0) {
    if (!zeroWeight) {
      if (hessian == null) hessian = new BlockHessian(comp);
      hessian.into(st, s, w, out, row0, m);
      return;
    }
    for (int p = 0; p < m; p++) hessianInto(p, out, (row0 + p) * d * d);
  }

  /** The Hessian at point p of the block into out[off .. off+d²), row-major. */
  private void hessianInto(int p, double[] out, int off) {
    for (int i = 0; i < k; i++) {
      wp[i] = w[i][p];
      double[][] si = st[i];
      double[] ui = u[i];
      for (int c = 0; c < d; c++) ui[c] = si[c][p] - s[c][p];
    }
    PointKernel.centredHessianInto(comp, u, wp, nz, h);
    for (int r = 0; r < d; r++) System.arraycopy(h[r], 0, out, off + r * d, d);
  }
}
