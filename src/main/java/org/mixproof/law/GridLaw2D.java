package org.mixproof.law;

import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.mixproof.density.MixtureDensity;

/**
 * A 2-D law on a uniform grid of n × n cells of [lo_x, lo_x + n Δx] × [lo_y, lo_y + n Δy] (docs/claims.md
 * §5.2 in d = 2): the density at each cell centre, read as piecewise constant (cell mass =
 * density × Δx Δy, the midpoint rule). Divergences to a closed-form target p (a 2-D
 * {@link MixtureDensity}) use the same rule for p:
 * <ul>
 *   <li>TV = ½ Σ |q_c − p_c| ΔxΔy, KL = Σ q_c log(q_c / p_c) ΔxΔy (q normalised on the grid);
 *   <li>W2 as a bracket between the two discretised laws: below, √(W2²(x-marginals) +
 *       W2²(y-marginals)) (for any coupling E‖X − Y‖² splits into the two coordinates, each at least
 *       its marginal W2²); above, the cost of the Knothe–Rosenblatt coupling (monotone map of one
 *       marginal, then of the conditionals of the other coordinate), the smaller of the two axis
 *       orders. Both are exact for the piecewise-uniform laws (1-D W2 from piecewise-linear quantile
 *       functions); the quadrature error against the true laws is estimated by halving the grid.
 * </ul>
 */
public final class GridLaw2D {

  private final int n;
  private final double lox, loy, dx, dy;
  private final double[] q; // q[i * n + j]: density at (x_i, y_j)

  GridLaw2D(int n, double lox, double loy, double dx, double dy, double[] density) {
    this.n = n;
    this.lox = lox;
    this.loy = loy;
    this.dx = dx;
    this.dy = dy;
    this.q = density;
  }

  /** From a density at the cell centres of an n × n grid on [box[0], box[1]] × [box[2], box[3]]. */
  public static GridLaw2D of(double[] box, int n, ToDoubleFunction<double[]> density) {
    checkBox(box, n);
    double dx = (box[1] - box[0]) / n, dy = (box[3] - box[2]) / n;
    double[] q = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = density.applyAsDouble(new double[] {box[0] + (i + 0.5) * dx, box[2] + (j + 0.5) * dy});
        if (!(v >= 0) || !Double.isFinite(v)) {
          throw new IllegalArgumentException("density must be finite and >= 0, was " + v + " at cell (" + i + ", " + j + ")");
        }
        q[i * n + j] = v;
      }
    }
    return new GridLaw2D(n, box[0], box[2], dx, dy, q);
  }

  static void checkBox(double[] box, int n) {
    if (box == null || box.length != 4) throw new IllegalArgumentException("box must be {xlo, xhi, ylo, yhi}");
    for (double b : box) if (!Double.isFinite(b)) throw new IllegalArgumentException("box must be finite, was " + b);
    if (!(box[1] > box[0]) || !(box[3] > box[2])) {
      throw new IllegalArgumentException("box must have xlo < xhi and ylo < yhi, was [" + box[0] + ", " + box[1]
          + "] × [" + box[2] + ", " + box[3] + "]");
    }
    if (n < 4) throw new IllegalArgumentException("cells per axis must be at least 4, was " + n);
  }

  public int cellsPerAxis() { return n; }

  /** {xlo, xhi, ylo, yhi}. */
  public double[] box() { return new double[] {lox, lox + n * dx, loy, loy + n * dy}; }

  /** Cell centres as rows (x, y), index i·n + j. */
  public double[] centres() {
    double[] c = new double[2 * n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[2 * (i * n + j)] = lox + (i + 0.5) * dx;
        c[2 * (i * n + j) + 1] = loy + (j + 0.5) * dy;
      }
    }
    return c;
  }

  /** The density at the centres (a copy). */
  public double[] density() { return q.clone(); }

  /** Mass on the grid, Σ q ΔxΔy. */
  public double mass() {
    double s = 0;
    for (double v : q) s += v;
    return s * dx * dy;
  }

  /** Mean (normalised on the grid). */
  public double[] mean() {
    double m = 0, sx = 0, sy = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = q[i * n + j];
        m += v;
        sx += v * (lox + (i + 0.5) * dx);
        sy += v * (loy + (j + 0.5) * dy);
      }
    }
    return new double[] {sx / m, sy / m};
  }

  /** The cell masses of x (axis 0) or y (axis 1), normalised on the grid. */
  public double[] marginal(int axis) { return marginal(q, n, axis); }

  private static double[] marginal(double[] q, int n, int axis) {
    double[] m = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = q[i * n + j];
        m[axis == 0 ? i : j] += v;
        total += v;
      }
    }
    for (int i = 0; i < n; i++) m[i] /= total;
    return m;
  }

  /** The target's density at this grid's centres (its log density from the closed form). */
  public double[] targetDensity(MixtureDensity p) {
    if (p.dimension() != 2) throw new IllegalArgumentException("the target must have d = 2, was d = " + p.dimension());
    double[] lp = p.logDensity(DMatrixRMaj.wrap(n * n, 2, centres()));
    double[] out = new double[n * n];
    for (int c = 0; c < out.length; c++) out[c] = Math.exp(lp[c]);
    return out;
  }

  /** TV(this, p) = ½ ∫|q − p| by the midpoint rule, plus ½ of the mass either has off the grid. */
  public double tv(MixtureDensity p) {
    double[] pc = targetDensity(p);
    double s = 0, sp = 0;
    for (int c = 0; c < q.length; c++) {
      s += Math.abs(q[c] - pc[c]);
      sp += pc[c];
    }
    double a = dx * dy;
    return Math.min(1, 0.5 * (s * a + Math.abs(1 - sp * a) + Math.abs(1 - mass())));
  }

  /** KL(this ‖ p) by the midpoint rule, this normalised on the grid; +∞ where p underflows and q does not. */
  public double kl(MixtureDensity p) {
    double[] lp = p.logDensity(DMatrixRMaj.wrap(n * n, 2, centres()));
    double total = 0;
    for (double v : q) total += v;
    double a = dx * dy, s = 0;
    for (int c = 0; c < q.length; c++) {
      if (q[c] <= 0) continue;
      double qc = q[c] / (total * a);
      if (lp[c] == Double.NEGATIVE_INFINITY) return Double.POSITIVE_INFINITY;
      s += qc * (Math.log(qc) - lp[c]);
    }
    return Math.max(0, s * a);
  }

  /** {lower, upper} bracket of W2(this, p) between the discretised laws (see the class comment). */
  public double[] w2Bracket(MixtureDensity p) {
    double[] pc = targetDensity(p);
    double[] qx = marginal(q, n, 0), qy = marginal(q, n, 1), px = marginal(pc, n, 0), py = marginal(pc, n, 1);
    double wx = w2sq(qx, px, dx), wy = w2sq(qy, py, dy);
    double krx = wx + conditionalCost(q, pc, qx, px, n, dy, false);
    double kry = wy + conditionalCost(q, pc, qy, py, n, dx, true);
    double lower = Math.sqrt(wx + wy), upper = Math.sqrt(Math.min(krx, kry));
    return new double[] {lower, Math.max(lower, upper)};
  }

  /**
   * Σ over the monotone coupling of the first marginals (a, b) of Δu · W2²(conditional of q in
   * column i, conditional of p in column j); columns are along y (or x when transposed).
   */
  private static double conditionalCost(double[] q, double[] p, double[] a, double[] b, int n, double h,
      boolean transposed) {
    double[] s = {0};
    double[] cq = new double[n], cp = new double[n];
    int[] last = {-1, -1};
    monotone(a, b, (i, j, du, unusedA, unusedB) -> {
      if (last[0] != i) {
        for (int k = 0; k < n; k++) cq[k] = transposed ? q[k * n + i] : q[i * n + k];
        last[0] = i;
      }
      if (last[1] != j) {
        for (int k = 0; k < n; k++) cp[k] = transposed ? p[k * n + j] : p[j * n + k];
        last[1] = j;
      }
      s[0] += du * w2sq(cq, cp, h);
    });
    return s[0];
  }

  /** One piece of the monotone coupling: cells i and j share mass du; positions within them as fractions. */
  @FunctionalInterface
  interface Piece {
    void accept(int i, int j, double du, double[] fracA, double[] fracB);
  }

  /**
   * Walks the monotone (quantile) coupling of two piecewise-uniform laws with cell masses a and b
   * (each summing to its own total; normalised here) on the same n cells, piece by piece.
   */
  static void monotone(double[] a, double[] b, Piece piece) {
    int n = a.length;
    double ta = 0, tb = 0;
    for (int k = 0; k < n; k++) {
      ta += a[k];
      tb += b[k];
    }
    if (!(ta > 0) || !(tb > 0)) return;
    int i = next(a, 0), j = next(b, 0);
    double usedA = 0, usedB = 0; // mass of the current cell already coupled (normalised)
    double[] fa = new double[2], fb = new double[2];
    while (i < n && j < n) {
      double ma = a[i] / ta, mb = b[j] / tb;
      double du = Math.min(ma - usedA, mb - usedB);
      if (du < 0) du = 0;
      fa[0] = usedA / ma;
      fa[1] = Math.min(1, (usedA + du) / ma);
      fb[0] = usedB / mb;
      fb[1] = Math.min(1, (usedB + du) / mb);
      piece.accept(i, j, du, fa, fb);
      usedA += du;
      usedB += du;
      // advance the cell that is used up (both when equal to rounding)
      boolean doneA = usedA >= ma * (1 - 1e-15), doneB = usedB >= mb * (1 - 1e-15);
      if (doneA) {
        i = next(a, i + 1);
        usedA = 0;
      }
      if (doneB) {
        j = next(b, j + 1);
        usedB = 0;
      }
    }
  }

  private static int next(double[] m, int from) {
    int k = from;
    while (k < m.length && !(m[k] > 0)) k++;
    return k;
  }

  /**
   * W2² between two piecewise-uniform laws with cell masses a and b on the same n cells of width h:
   * both quantile functions are linear on each piece of the monotone coupling, so ∫(Q_a − Q_b)² du
   * is exact piece by piece ((d0² + d0 d1 + d1²)/3 per unit of u). Positions relative to the first edge.
   */
  static double w2sq(double[] a, double[] b, double h) {
    double[] s = {0};
    monotone(a, b, (i, j, du, fa, fb) -> {
      double d0 = h * ((i + fa[0]) - (j + fb[0])), d1 = h * ((i + fa[1]) - (j + fb[1]));
      s[0] += du * (d0 * d0 + d0 * d1 + d1 * d1) / 3;
    });
    return s[0];
  }
}
