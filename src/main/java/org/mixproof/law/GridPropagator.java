package org.mixproof.law;

import java.util.Arrays;
import org.mixproof.sampler.Noise;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.StepContext;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Propagates the law of a 1-D sampler on a grid (docs/claims.md §5.2), using the scheme's own step on a
 * batch of grid points:
 * <ul>
 *   <li>ODE schemes (no draws): the breakpoints are pushed through the step, y ← F(y), keeping their
 *       CDF values (pushed quantiles, Q'(u) = F(Q(u))); F must stay strictly increasing.
 *   <li>SDE schemes, whose step must be of the form y' = F(y) + σ ξ, read by {@link AdditiveNoise}
 *       at the cell centres (draws entering additively, so dpum with one corrector step too). When σ ≥ 2Δx·max(1, |F'|) the new cell masses are q'(y_i) = Σ_j M_j φ_σ(y_i − F(x_j)),
 *       the kernel truncated at 10σ (O(n·w) per step, w = 20σ/Δx) and normalised per source; the
 *       kernel is evaluated by a multiplicative recurrence (two products per point). For a narrower
 *       σ the deterministic part moves the CDF through F at the cell edges (monotone cubic
 *       interpolation, Fritsch–Carlson) and the noise is applied as ⌈σ²/Δx²⌉ explicit heat steps,
 *       each adding exactly its share of σ² to the variance.
 * </ul>
 * The quadrature error of a divergence is estimated by running again with half the cells.
 */
public final class GridPropagator {

  /** Kernel truncation in standard deviations. */
  public static final double KERNEL_WIDTH = 10;

  private GridPropagator() {}

  /**
   * The output law of {@code scheme} over {@code grid}, from {@code start} (a 1-D law given by
   * its CDF), on {@code cells} uniform cells of [lo, hi].
   */
  public static GridLaw propagate(Scheme scheme, NoiseSchedule s, TimeGrid grid, Score score, Mixture1D start,
      double lo, double hi, int cells) {
    if (scheme == null || s == null || grid == null || score == null || start == null) {
      throw new IllegalArgumentException("scheme, schedule, grid, score and start must not be null");
    }
    if (cells < 4) throw new IllegalArgumentException("cells must be at least 4, was " + cells);
    if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("grid range must satisfy lo < hi, finite, was [" + lo + ", " + hi + "]");
    }
    grid.checkFor(s);
    double dx = (hi - lo) / cells;
    double[] edges = new double[cells + 1];
    for (int i = 0; i <= cells; i++) edges[i] = lo + dx * i;
    edges[cells] = hi;
    double[] m = new double[cells];
    for (int i = 0; i < cells; i++) m[i] = start.mass(edges[i], edges[i + 1]);
    if (scheme.deterministic()) {
      return pushQuantiles(scheme, s, grid, score, edges, m, start.cdf(lo), start.survival(hi));
    }
    StepContext none = new StepContext(s, score, Noise.none());
    double[] centres = new double[cells];
    for (int i = 0; i < cells; i++) centres[i] = lo + dx * (i + 0.5);
    double[] f = new double[cells], next = new double[cells];
    for (int k = 0; k < grid.steps(); k++) {
      double t = grid.time(k), tn = grid.time(k + 1);
      double sigma = AdditiveNoise.sigma(scheme, s, score, t, tn, centres, f), slope = 1;
      for (int i = 1; i < cells; i++) slope = Math.max(slope, Math.abs(f[i] - f[i - 1]) / dx);
      if (sigma >= 2 * dx * slope) {
        kernel(m, f, sigma, lo, dx, next);
        double[] tmp = m;
        m = next;
        next = tmp;
      } else {
        double[] fe = edges.clone();
        scheme.step(t, tn, fe, none);
        remap(m, fe, edges);
        heat(m, sigma, dx);
      }
    }
    return GridLaw.ofMasses(edges, m, 0, 0);
  }

  private static GridLaw pushQuantiles(Scheme scheme, NoiseSchedule s, TimeGrid grid, Score score,
      double[] edges, double[] masses, double below, double above) {
    StepContext none = new StepContext(s, score, Noise.none());
    double[] y = edges.clone();
    for (int k = 0; k < grid.steps(); k++) {
      scheme.step(grid.time(k), grid.time(k + 1), y, none);
      for (int i = 0; i < y.length; i++) {
        if (!Double.isFinite(y[i]) || (i > 0 && !(y[i] > y[i - 1]))) {
          throw new ArithmeticException("the ODE map of " + scheme.name() + " is not strictly increasing at step "
              + k + " (y[" + i + "] = " + y[i] + "): the step is too large for a quantile push");
        }
      }
    }
    return GridLaw.ofMasses(y, masses, below, above);
  }

  /** next_i = Σ_j m_j φ_σ(x_i − f_j) / Σ_all-i φ_σ(x_i − f_j), truncated at 10σ. */
  static void kernel(double[] m, double[] f, double sigma, double lo, double dx, double[] next) {
    int n = m.length;
    Arrays.fill(next, 0);
    int half = (int) Math.ceil(KERNEL_WIDTH * sigma / dx);
    double inv = dx / sigma, decay = Math.exp(-inv * inv); // ratio of consecutive ratios
    for (int j = 0; j < n; j++) {
      double mj = m[j];
      if (mj == 0) continue;
      double pos = (f[j] - lo) / dx - 0.5; // f_j in index units of the centres
      int i0 = (int) Math.floor(pos);
      double r = pos - i0; // in [0, 1): x_{i0} = f_j − r·dx
      // w(i0 + k) = exp(−½ (k − r)² inv²); w(k+1)/w(k) = exp(−(k − r + ½) inv²)
      double w0 = Math.exp(-0.5 * r * r * inv * inv);
      double up = Math.exp(-(0.5 - r) * inv * inv), down = Math.exp(-(0.5 + r) * inv * inv);
      // norm over the full (virtual) range, deposit on the grid only
      double norm = w0, w = w0, ratio = up;
      int iLo = i0 - half, iHi = i0 + half;
      double[] buf = KernelBuffer.get(2 * half + 1);
      buf[half] = w0;
      for (int k = 1; k <= half; k++) {
        w *= ratio;
        ratio *= decay;
        buf[half + k] = w;
        norm += w;
      }
      w = w0;
      ratio = down;
      for (int k = 1; k <= half; k++) {
        w *= ratio;
        ratio *= decay;
        buf[half - k] = w;
        norm += w;
      }
      double scale = mj / norm;
      int from = Math.max(0, iLo), to = Math.min(n - 1, iHi);
      for (int i = from; i <= to; i++) next[i] += scale * buf[i - iLo];
    }
  }

  private static final class KernelBuffer {
    private static final ThreadLocal<double[][]> BUF = ThreadLocal.withInitial(() -> new double[1][16]);

    static double[] get(int n) {
      double[][] b = BUF.get();
      if (b[0].length < n) b[0] = new double[Math.max(n, 2 * b[0].length)];
      return b[0];
    }
  }

  /**
   * Moves the cell masses through the monotone map fe (its values at the edges): the CDF at the
   * pushed edges is known exactly; the new CDF at the grid edges is its monotone cubic interpolant.
   */
  static void remap(double[] m, double[] fe, double[] edges) {
    int n = m.length;
    for (int i = 0; i <= n; i++) {
      if (!Double.isFinite(fe[i]) || (i > 0 && !(fe[i] > fe[i - 1]))) {
        throw new ArithmeticException("the drift map is not strictly increasing at the cell edges (index " + i
            + "): the step is too large for the grid law");
      }
    }
    double[] cum = new double[n + 1];
    for (int i = 0; i < n; i++) cum[i + 1] = cum[i] + m[i];
    double[] slopes = Pchip.slopes(fe, cum);
    double prev = 0;
    int seg = 0;
    for (int i = 0; i <= n; i++) {
      double x = edges[i], v;
      if (x <= fe[0]) v = 0;
      else if (x >= fe[n]) v = cum[n];
      else {
        while (fe[seg + 1] < x) seg++;
        v = Pchip.eval(fe, cum, slopes, seg, x);
      }
      if (i > 0) m[i - 1] = Math.max(0, v - prev);
      prev = v;
    }
  }

  /** ⌈σ²/Δx²⌉ explicit heat steps, each m_i += r(m_{i+1} − 2m_i + m_{i−1}) with r ≤ ½. */
  static void heat(double[] m, double sigma, double dx) {
    if (sigma == 0) return;
    double v = sigma * sigma / (dx * dx);
    int k = (int) Math.ceil(v);
    double r = 0.5 * v / k;
    int n = m.length;
    double[] tmp = new double[n];
    for (int it = 0; it < k; it++) {
      for (int i = 0; i < n; i++) {
        double left = i > 0 ? m[i - 1] : 0, right = i < n - 1 ? m[i + 1] : 0;
        tmp[i] = m[i] + r * (left - 2 * m[i] + right);
      }
      System.arraycopy(tmp, 0, m, 0, n);
    }
  }

  /** Fritsch–Carlson monotone piecewise-cubic Hermite interpolation. */
  static final class Pchip {
    static double[] slopes(double[] x, double[] y) {
      int n = x.length;
      double[] d = new double[n], delta = new double[n - 1];
      for (int i = 0; i < n - 1; i++) delta[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
      d[0] = delta[0];
      d[n - 1] = delta[n - 2];
      for (int i = 1; i < n - 1; i++) {
        if (delta[i - 1] * delta[i] <= 0) {
          d[i] = 0;
        } else {
          double h0 = x[i] - x[i - 1], h1 = x[i + 1] - x[i];
          double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0;
          d[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]); // weighted harmonic mean
        }
      }
      return d;
    }

    static double eval(double[] x, double[] y, double[] d, int i, double t) {
      double h = x[i + 1] - x[i], s = (t - x[i]) / h;
      double s2 = s * s, s3 = s2 * s;
      double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
      return h00 * y[i] + h10 * h * d[i] + h01 * y[i + 1] + h11 * h * d[i + 1];
    }
  }
}
