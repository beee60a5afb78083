package org.mixproof.law;

import java.util.ArrayList;
import java.util.List;
import org.mixproof.sampler.Noise;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.StepContext;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Propagates the law of a sampler in d = 2 on an n × n grid (docs/claims.md §5.2–5.3), with the scheme's
 * own step on batches of points. A step is y' = F(y) + σ ξ ({@link AdditiveNoise}; σ = 0 for the
 * ODE schemes):
 * <ul>
 *   <li>The deterministic part pushes the density forward by pulling back,
 *       q'(z) = q(F⁻¹ z) / det DF(F⁻¹ z): F⁻¹ z by Newton's method on the batch of grid points, DF by
 *       central differences. Consecutive deterministic steps are composed before anything is put on
 *       the grid, so an ODE run is the start density (closed form) pulled back through the whole
 *       map: no interpolation at all.
 *   <li>The noise convolves with N(0, σ² I), a product kernel applied along x then along y,
 *       O(n²·w) per step: sampled Gaussian weights (truncated at 10σ, normalised over the full
 *       virtual range, so mass leaving the grid is lost) when σ ≥ Δ, else the three-point kernel
 *       with the same variance σ² (weights r/2, 1 − r, r/2 with r = σ²/Δ²).
 *   <li>After a noisy step the next pull-back reads the grid density at off-grid points by cubic
 *       convolution (Keys, third order) of its logarithm, which is exact for the quadratic log
 *       density of a Gaussian (bilinearly in q where the stencil's logarithms span more than 40,
 *       next to cells that the truncated kernel left empty).
 * </ul>
 * The quadrature error of a divergence is estimated by the same run with n/2 cells per axis.
 */
public final class GridPropagator2D {

  private static final double LOG_FLOOR = -700;

  /**
   * A cubic stencil of log q spanning more than this (a factor e^{40} ≈ 2·10¹⁷ in density) is near
   * the floor or the kernel's truncation edge, where a cubic overshoots; there q is read bilinearly.
   */
  private static final double LOG_RANGE = 40;

  private GridPropagator2D() {}

  /** The log density of a 2-D law at a batch of points (rows x, y); out has one value per row. */
  @FunctionalInterface
  public interface LogDensity {
    void evaluate(double[] points, double[] out);
  }

  /** The output law of {@code scheme} over {@code grid} from {@code start}, on n × n cells of {@code box}. */
  public static GridLaw2D propagate(Scheme scheme, NoiseSchedule s, TimeGrid grid, Score score, LogDensity start,
      double[] box, int n) {
    if (scheme == null || s == null || grid == null || score == null || start == null) {
      throw new IllegalArgumentException("scheme, schedule, grid, score and start must not be null");
    }
    GridLaw2D.checkBox(box, n);
    grid.checkFor(s);
    GridLaw2D shape = new GridLaw2D(n, box[0], box[2], (box[1] - box[0]) / n, (box[3] - box[2]) / n, new double[n * n]);
    double[] z = shape.centres();
    double dx = (box[1] - box[0]) / n, dy = (box[3] - box[2]) / n;
    LogDensity base = start;
    List<int[]> pending = new ArrayList<>(); // deterministic maps not yet applied: step indices
    double[] f = new double[z.length], q = null;
    for (int k = 0; k < grid.steps(); k++) {
      double t = grid.time(k), tn = grid.time(k + 1);
      pending.add(new int[] {k});
      if (scheme.deterministic()) continue;
      double sigma = AdditiveNoise.sigma(scheme, s, score, t, tn, z, f);
      q = pullBack(scheme, s, grid, score, base, pending, z);
      pending.clear();
      blur(q, n, sigma / dx, true);
      blur(q, n, sigma / dy, false);
      base = interpolant(q, n, box[0], box[2], dx, dy);
    }
    if (!pending.isEmpty() || q == null) q = pullBack(scheme, s, grid, score, base, pending, z);
    return new GridLaw2D(n, box[0], box[2], dx, dy, q);
  }

  /** The density at z after the pending deterministic maps, from the base log density. */
  private static double[] pullBack(Scheme scheme, NoiseSchedule s, TimeGrid grid, Score score, LogDensity base,
      List<int[]> pending, double[] z) {
    int m = z.length / 2;
    double[] x = z.clone(), logDet = new double[m];
    StepContext none = new StepContext(s, score, Noise.none());
    for (int p = pending.size() - 1; p >= 0; p--) {
      int k = pending.get(p)[0];
      invert(scheme, none, grid.time(k), grid.time(k + 1), x, logDet);
    }
    double[] lq = new double[m];
    base.evaluate(x, lq);
    double[] q = new double[m];
    for (int c = 0; c < m; c++) q[c] = Math.exp(lq[c] - logDet[c]);
    return q;
  }

  /**
   * x ← F⁻¹(x) for the step t → tn, adding log det DF at the preimage to logDet: Newton's method
   * with a central-difference Jacobian and, per point, step halving whenever the residual does not
   * decrease (so a fold or a strongly curved map cannot make it cycle). Throws when F is not
   * invertible there (det ≤ 0, or no decrease even after 40 halvings).
   */
  static void invert(Scheme scheme, StepContext none, double t, double tn, double[] x, double[] logDet) {
    int m = x.length / 2;
    double[] target = x.clone(), batch = new double[10 * m];
    double[] fz = x.clone();
    scheme.step(t, tn, fz, none);
    double[] best = new double[2 * m], delta = new double[2 * m], det = new double[m], res = new double[m], lambda = new double[m];
    java.util.Arrays.fill(res, Double.POSITIVE_INFINITY);
    // initial guess: F(y) ≈ y + (F(z) − z) near z
    for (int i = 0; i < 2 * m; i++) x[i] = 2 * target[i] - fz[i];
    for (int it = 0; it < 200; it++) {
      for (int c = 0; c < m; c++) {
        double hx = 1e-5 * (1 + Math.abs(x[2 * c])), hy = 1e-5 * (1 + Math.abs(x[2 * c + 1]));
        for (int b = 0; b < 5; b++) {
          batch[2 * (b * m + c)] = x[2 * c] + (b == 1 ? hx : b == 2 ? -hx : 0);
          batch[2 * (b * m + c) + 1] = x[2 * c + 1] + (b == 3 ? hy : b == 4 ? -hy : 0);
        }
      }
      scheme.step(t, tn, batch, none);
      boolean done = true;
      for (int c = 0; c < m; c++) {
        double r0 = batch[2 * c] - target[2 * c], r1 = batch[2 * c + 1] - target[2 * c + 1];
        double r = (Math.abs(r0) + Math.abs(r1)) / (1 + Math.abs(target[2 * c]) + Math.abs(target[2 * c + 1]));
        if (!(r < res[c]) && res[c] > TOLERANCE) { // no decrease: halve the step from the best point
          lambda[c] *= 0.5;
          if (lambda[c] < 1e-12) {
            throw new ArithmeticException("inverting the step " + t + " → " + tn + " of " + scheme.name()
                + " did not converge at (" + target[2 * c] + ", " + target[2 * c + 1] + "), residual " + res[c]
                + ": the map is not invertible there; the step is too large for the grid law");
          }
          x[2 * c] = best[2 * c] - lambda[c] * delta[2 * c];
          x[2 * c + 1] = best[2 * c + 1] - lambda[c] * delta[2 * c + 1];
          done = false;
          continue;
        }
        if (!(r < res[c])) continue; // converged earlier; x is its best point
        double hx = 1e-5 * (1 + Math.abs(x[2 * c])), hy = 1e-5 * (1 + Math.abs(x[2 * c + 1]));
        double j00 = (batch[2 * (m + c)] - batch[2 * (2 * m + c)]) / (2 * hx);
        double j10 = (batch[2 * (m + c) + 1] - batch[2 * (2 * m + c) + 1]) / (2 * hx);
        double j01 = (batch[2 * (3 * m + c)] - batch[2 * (4 * m + c)]) / (2 * hy);
        double j11 = (batch[2 * (3 * m + c) + 1] - batch[2 * (4 * m + c) + 1]) / (2 * hy);
        double d = j00 * j11 - j01 * j10;
        res[c] = r;
        best[2 * c] = x[2 * c];
        best[2 * c + 1] = x[2 * c + 1];
        det[c] = d;
        if (r <= TOLERANCE) continue;
        done = false;
        if (!(d > 0) || !Double.isFinite(d)) {
          throw new ArithmeticException("the step " + t + " → " + tn + " of " + scheme.name() + " is not an"
              + " orientation-preserving map at (" + x[2 * c] + ", " + x[2 * c + 1] + "): det DF = " + d
              + "; the step is too large for the grid law");
        }
        delta[2 * c] = (j11 * r0 - j01 * r1) / d;
        delta[2 * c + 1] = (-j10 * r0 + j00 * r1) / d;
        lambda[c] = 1;
        x[2 * c] -= delta[2 * c];
        x[2 * c + 1] -= delta[2 * c + 1];
      }
      if (done) {
        for (int c = 0; c < m; c++) {
          if (!(det[c] > 0)) {
            throw new ArithmeticException("the step " + t + " → " + tn + " of " + scheme.name() + " is not an"
                + " orientation-preserving map at (" + best[2 * c] + ", " + best[2 * c + 1] + "): det DF = " + det[c]);
          }
          logDet[c] += Math.log(det[c]);
        }
        System.arraycopy(best, 0, x, 0, 2 * m);
        return;
      }
    }
    throw new ArithmeticException("inverting the step " + t + " → " + tn + " of " + scheme.name()
        + " did not converge in 200 iterations: the step is too large for the grid law");
  }

  /** Newton's stopping residual, |F(x) − z|₁ / (1 + |z|₁): a few hundred ulps of the values subtracted. */
  private static final double TOLERANCE = 1e-13;

  /** Convolution with N(0, (ratio·Δ)²) along x (rows i) or y (columns j) of the n × n array. */
  static void blur(double[] q, int n, double ratio, boolean alongX) {
    if (ratio == 0) return;
    double[] w;
    int half;
    if (ratio < 1) { // three points with variance exactly ratio² Δ²
      double r = ratio * ratio;
      w = new double[] {0.5 * r, 1 - r, 0.5 * r};
      half = 1;
    } else {
      half = (int) Math.ceil(GridPropagator.KERNEL_WIDTH * ratio);
      w = new double[2 * half + 1];
      double sum = 0;
      for (int k = -half; k <= half; k++) {
        w[k + half] = Math.exp(-0.5 * k * k / (ratio * ratio));
        sum += w[k + half];
      }
      for (int k = 0; k < w.length; k++) w[k] /= sum;
    }
    double[] line = new double[n], out = new double[n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) line[b] = alongX ? q[b * n + a] : q[a * n + b];
      java.util.Arrays.fill(out, 0);
      for (int b = 0; b < n; b++) {
        double v = line[b];
        if (v == 0) continue;
        int from = Math.max(0, b - half), to = Math.min(n - 1, b + half);
        for (int c = from; c <= to; c++) out[c] += v * w[c - b + half];
      }
      for (int b = 0; b < n; b++) {
        if (alongX) q[b * n + a] = out[b];
        else q[a * n + b] = out[b];
      }
    }
  }

  /** Cubic convolution (Keys, a = −½) of log q on the grid; −∞ outside the box. */
  static LogDensity interpolant(double[] density, int n, double lox, double loy, double dx, double dy) {
    double[] q = density.clone(), lq = new double[n * n];
    for (int c = 0; c < lq.length; c++) lq[c] = q[c] > 0 ? Math.max(LOG_FLOOR, Math.log(q[c])) : LOG_FLOOR;
    return (pts, out) -> {
      for (int c = 0; c < out.length; c++) {
        double u = (pts[2 * c] - lox) / dx - 0.5, v = (pts[2 * c + 1] - loy) / dy - 0.5;
        if (!(u >= -0.5 && u <= n - 0.5 && v >= -0.5 && v <= n - 0.5)) {
          out[c] = Double.NEGATIVE_INFINITY;
          continue;
        }
        int i0 = (int) Math.floor(u), j0 = (int) Math.floor(v);
        double fu = u - i0, fv = v - j0, s = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int a = -1; a <= 2; a++) {
          double wu = keys(a - fu);
          int i = Math.min(n - 1, Math.max(0, i0 + a));
          double row = 0;
          for (int b = -1; b <= 2; b++) {
            int j = Math.min(n - 1, Math.max(0, j0 + b));
            double l = lq[i * n + j];
            row += keys(b - fv) * l;
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
          }
          s += wu * row;
        }
        if (hi - lo > LOG_RANGE) { // a stencil reaching the floor (or a cliff): bilinear in q, no overshoot
          int i = Math.min(n - 1, Math.max(0, i0)), i1 = Math.min(n - 1, i0 + 1);
          int j = Math.min(n - 1, Math.max(0, j0)), j1 = Math.min(n - 1, j0 + 1);
          double b = (1 - fu) * ((1 - fv) * q[i * n + j] + fv * q[i * n + j1])
              + fu * ((1 - fv) * q[i1 * n + j] + fv * q[i1 * n + j1]);
          s = b > 0 ? Math.log(b) : Double.NEGATIVE_INFINITY;
        }
        out[c] = s;
      }
    };
  }

  /** Keys' cubic convolution kernel with a = −½. */
  static double keys(double x) {
    double ax = Math.abs(x);
    if (ax <= 1) return (1.5 * ax - 2.5) * ax * ax + 1;
    if (ax < 2) return ((-0.5 * ax + 2.5) * ax - 4) * ax + 2;
    return 0;
  }
}
