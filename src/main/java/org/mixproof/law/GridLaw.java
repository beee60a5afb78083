package org.mixproof.law;

import java.util.Arrays;

/**
 * A 1-D law on a grid (docs/claims.md §5.2): breakpoints y_0 &lt; … &lt; y_n, the mass M_i of each cell
 * [y_i, y_{i+1}] (uniform density within it) and the masses below y_0 and above y_n. Masses are
 * kept per cell, not as a CDF, so that far tails keep their relative precision (a CDF near 1 cannot
 * resolve 1 − 10⁻²⁰). The SDE propagation keeps uniform cells and moves mass between them; the ODE
 * propagation keeps the masses and moves the breakpoints (pushed quantiles: Q(u_i) = y_i).
 */
public final class GridLaw {

  private final double[] y;
  private final double[] m;
  private final double below;
  private final double above;

  private GridLaw(double[] y, double[] m, double below, double above) {
    this.y = y;
    this.m = m;
    this.below = below;
    this.above = above;
  }

  /** From cell masses (n) on breakpoints (n + 1), with the masses off the grid on each side. */
  public static GridLaw ofMasses(double[] breakpoints, double[] masses, double below, double above) {
    if (breakpoints == null || masses == null || breakpoints.length < 2 || masses.length != breakpoints.length - 1) {
      throw new IllegalArgumentException("need n ≥ 1 masses on n + 1 breakpoints");
    }
    for (int i = 0; i < breakpoints.length; i++) {
      if (!Double.isFinite(breakpoints[i]) || (i > 0 && !(breakpoints[i] > breakpoints[i - 1]))) {
        throw new IllegalArgumentException("breakpoints must be finite and strictly increasing; index " + i
            + " is " + breakpoints[i]);
      }
    }
    for (int i = 0; i < masses.length; i++) {
      if (!(masses[i] >= 0) || !Double.isFinite(masses[i])) {
        throw new IllegalArgumentException("masses[" + i + "] must be finite and >= 0, was " + masses[i]);
      }
    }
    if (!(below >= 0) || !(above >= 0)) throw new IllegalArgumentException("off-grid masses must be >= 0");
    return new GridLaw(breakpoints.clone(), masses.clone(), below, above);
  }

  /** From a CDF at the breakpoints. */
  public static GridLaw of(double[] breakpoints, double[] cdf) {
    if (cdf == null || breakpoints == null || cdf.length != breakpoints.length) {
      throw new IllegalArgumentException("breakpoints and cdf must have equal length");
    }
    double[] m = new double[cdf.length - 1];
    for (int i = 0; i < m.length; i++) m[i] = Math.max(0, cdf[i + 1] - cdf[i]);
    return ofMasses(breakpoints, m, cdf[0], Math.max(0, 1 - cdf[cdf.length - 1]));
  }

  public int cells() { return m.length; }

  public double[] breakpoints() { return y.clone(); }

  public double[] masses() { return m.clone(); }

  public double mass(int i) { return m[i]; }

  /** P(X ≤ y_i) at every breakpoint. */
  public double[] cdf() {
    double[] c = new double[y.length];
    c[0] = below;
    for (int i = 0; i < m.length; i++) c[i + 1] = c[i] + m[i];
    return c;
  }

  /** Mass not on [y_0, y_n] (below, above, and what left the grid). */
  public double outsideMass() {
    double s = below + above;
    for (double x : m) s += x;
    return Math.max(0, 1 - s) + below + above;
  }

  private double gridMass() {
    double s = 0;
    for (double x : m) s += x;
    return s;
  }

  /** Mean of the piecewise-uniform law on the grid (normalised by its mass there). */
  public double mean() {
    double s = 0;
    for (int i = 0; i < cells(); i++) s += m[i] * 0.5 * (y[i] + y[i + 1]);
    return s / gridMass();
  }

  /** Variance of the piecewise-uniform law on the grid (within-cell w²/12 included). */
  public double variance() {
    double mu = mean(), s = 0;
    for (int i = 0; i < cells(); i++) {
      double mid = 0.5 * (y[i] + y[i + 1]), h = y[i + 1] - y[i];
      s += m[i] * ((mid - mu) * (mid - mu) + h * h / 12);
    }
    return s / gridMass();
  }

  /**
   * TV against another grid law on the same breakpoints: ½ Σ|M_i − M'_i| + ½ (mass off the grid of
   * either), an upper bound on the TV of the two piecewise-uniform laws (the off-grid masses are
   * counted as if disjoint).
   */
  public double tv(GridLaw other) {
    if (!Arrays.equals(y, other.y)) throw new IllegalArgumentException("the two grid laws have different breakpoints");
    double s = 0;
    for (int i = 0; i < m.length; i++) s += Math.abs(m[i] - other.m[i]);
    return Math.min(1, 0.5 * (s + outsideMass() + other.outsideMass()));
  }

  /** TV against p ({@link #tvEstimate}'s value). */
  public double tv(Mixture1D p) { return tvEstimate(p)[0]; }

  /**
   * TV against p and the size of its extremum correction. With G = F_this − F_p at the
   * breakpoints, TV = ½ × (total variation of G) (+ mass off the grid): the nodal sum
   * ½ Σ|M_i − P_i| misses, at each interior extremum of G's nodal sequence, the part of the true
   * extremum (a crossing of the densities) that falls between nodes; a parabola through the three
   * nodes around it recovers it to O(Δ³). Returns {TV, Σ corrections}: the second bounds what the
   * nodal sum alone would miss, so it is a conservative error bar after the correction.
   */
  public double[] tvEstimate(Mixture1D p) {
    int n = y.length;
    double[] g = new double[n];
    double s = 0, gi = 0;
    for (int i = 0; i + 1 < n; i++) {
      double diff = m[i] - p.mass(y[i], y[i + 1]);
      s += Math.abs(diff);
      gi += diff;
      g[i + 1] = gi;
    }
    double correction = 0;
    for (int i = 1; i + 1 < n; i++) {
      double d1 = g[i] - g[i - 1], d2 = g[i + 1] - g[i];
      if (d1 * d2 >= 0) continue; // not a strict local extremum
      correction += parabolaExcess(y[i - 1], g[i - 1], y[i], g[i], y[i + 1], g[i + 1]);
    }
    double pOff = p.cdf(y[0]) + p.survival(y[n - 1]);
    double tv = Math.min(1, 0.5 * (s + 2 * correction + pOff + outsideMass()));
    return new double[] {tv, correction};
  }

  /** |vertex value − middle value| of the parabola through three points, when its vertex lies between them. */
  static double parabolaExcess(double x0, double g0, double x1, double g1, double x2, double g2) {
    double h0 = x1 - x0, h1 = x2 - x1;
    double s0 = (g1 - g0) / h0, s1 = (g2 - g1) / h1;
    double a = (s1 - s0) / (h0 + h1); // g(x) = g1 + b (x − x1) + a (x − x1)²
    if (a == 0) return 0;
    double b = s0 + a * h0;
    double xv = -b / (2 * a);
    if (xv < -h0 || xv > h1) return 0;
    return Math.abs(b * b / (4 * a));
  }

  /** KL(this ‖ p) of the cell masses (normalised on the grid), Σ M_i log(M_i/P_i); +∞ where P_i = 0 &lt; M_i. */
  public double kl(Mixture1D p) {
    double total = gridMass(), s = 0;
    for (int i = 0; i < cells(); i++) {
      double mi = m[i] / total;
      if (mi <= 0) continue;
      double q = p.mass(y[i], y[i + 1]);
      if (q <= 0) return Double.POSITIVE_INFINITY;
      s += mi * Math.log(mi / q);
    }
    return Math.max(0, s);
  }

  /**
   * W2 against p, ∫_0^1 (Q(u) − Q_p(u))² du. At the breakpoints the law's quantiles are exact,
   * Q(u_i) = y_i; Q_p(u_i) comes from safeguarded Newton on p's CDF for u_i ≤ ½ and on its survival
   * function (with 1 − u_i summed from the right) above, so both tails keep full precision. The
   * difference D = Q − Q_p is smooth even where both quantile functions are steep, so ∫D² du is
   * taken exactly for the piecewise-linear interpolant of D between nodes (error O(Δu²)).
   */
  public double w2(Mixture1D p) {
    int n = y.length;
    double total = gridMass();
    if (!(total > 0)) return Double.NaN;
    double[] left = new double[n], right = new double[n];
    for (int i = 0; i + 1 < n; i++) left[i + 1] = left[i] + m[i] / total;
    for (int i = n - 2; i >= 0; i--) right[i] = right[i + 1] + m[i] / total;
    double[] r = p.range();
    double lo = Math.min(r[0], y[0]) - 1, hi = Math.max(r[1], y[n - 1]) + 1;
    double s = 0, dPrev = 0, prevQ = lo;
    boolean first = true;
    int prevI = -1;
    // a cell without mass gives two nodes at one u (du = 0): Q jumps there, and the linear pieces on
    // either side stay exact for a law that is uniform on each side
    for (int i = 0; i < n; i++) {
      double qp;
      if (left[i] <= 0.5) {
        qp = p.quantile(Math.max(left[i], Double.MIN_NORMAL), prevQ, hi);
      } else {
        qp = p.upperQuantile(Math.max(right[i], Double.MIN_NORMAL), prevQ, hi);
      }
      prevQ = Math.min(qp, hi);
      double dv = y[i] - qp;
      if (!first) {
        double du = Math.min(left[i] - left[prevI], right[prevI] - right[i]);
        s += du * (dPrev * dPrev + dPrev * dv + dv * dv) / 3;
      }
      dPrev = dv;
      prevI = i;
      first = false;
    }
    return Math.sqrt(s);
  }

  @Override public String toString() {
    return "GridLaw{" + cells() + " cells on [" + y[0] + ", " + y[y.length - 1] + "], outside " + outsideMass() + "}";
  }

  @Override public boolean equals(Object o) {
    return o instanceof GridLaw g && Arrays.equals(y, g.y) && Arrays.equals(m, g.m) && below == g.below && above == g.above;
  }

  @Override public int hashCode() { return 31 * Arrays.hashCode(y) + Arrays.hashCode(m); }
}
