package org.mixproof.law;

import java.util.Arrays;

/**
 * A 1-D law on a grid (CLAIMS §5.2): breakpoints y_0 &lt; … &lt; y_n with the CDF c_i = P(X ≤ y_i) at
 * each, uniform density within each cell. The SDE propagation keeps uniform cells and moves mass
 * between them; the ODE propagation keeps the masses and moves the breakpoints (pushed quantiles:
 * Q(c_i) = y_i). Mass outside [y_0, y_n] is c_0 + 1 − c_n (lost off the grid).
 */
public final class GridLaw {

  private final double[] y;
  private final double[] c;

  private GridLaw(double[] y, double[] c) {
    this.y = y;
    this.c = c;
  }

  public static GridLaw of(double[] breakpoints, double[] cdf) {
    if (breakpoints == null || cdf == null || breakpoints.length < 2 || cdf.length != breakpoints.length) {
      throw new IllegalArgumentException("breakpoints and cdf must have equal length ≥ 2");
    }
    for (int i = 0; i < breakpoints.length; i++) {
      if (!Double.isFinite(breakpoints[i]) || (i > 0 && !(breakpoints[i] > breakpoints[i - 1]))) {
        throw new IllegalArgumentException("breakpoints must be finite and strictly increasing; index " + i
            + " is " + breakpoints[i]);
      }
      if (!(cdf[i] >= 0 && cdf[i] <= 1 + 1e-12) || (i > 0 && cdf[i] < cdf[i - 1])) {
        throw new IllegalArgumentException("cdf must be non-decreasing in [0, 1]; index " + i + " is " + cdf[i]);
      }
    }
    return new GridLaw(breakpoints.clone(), cdf.clone());
  }

  public int cells() { return y.length - 1; }

  public double[] breakpoints() { return y.clone(); }

  public double[] cdf() { return c.clone(); }

  public double mass(int i) { return c[i + 1] - c[i]; }

  /** Mass not on [y_0, y_n]. */
  public double outsideMass() { return Math.max(0, c[0] + 1 - c[c.length - 1]); }

  /** Mean of the piecewise-uniform law (normalised by its mass on the grid). */
  public double mean() {
    double s = 0, w = 0;
    for (int i = 0; i < cells(); i++) {
      s += mass(i) * 0.5 * (y[i] + y[i + 1]);
      w += mass(i);
    }
    return s / w;
  }

  /** Variance of the piecewise-uniform law (within-cell w²/12 included). */
  public double variance() {
    double m = mean(), s = 0, w = 0;
    for (int i = 0; i < cells(); i++) {
      double mid = 0.5 * (y[i] + y[i + 1]), h = y[i + 1] - y[i];
      s += mass(i) * ((mid - m) * (mid - m) + h * h / 12);
      w += mass(i);
    }
    return s / w;
  }

  /** TV against p: ½ Σ_cells |M_i − P_i| plus the mass either law has off the grid. */
  public double tv(Mixture1D p) {
    double s = 0;
    for (int i = 0; i < cells(); i++) s += Math.abs(mass(i) - p.mass(y[i], y[i + 1]));
    double pOff = p.cdf(y[0]) + p.mass(y[y.length - 1], Double.POSITIVE_INFINITY);
    return Math.min(1, 0.5 * (s + pOff + outsideMass()));
  }

  /** KL(this ‖ p) of the cell masses, Σ M_i log(M_i/P_i); +∞ where P_i = 0 &lt; M_i. */
  public double kl(Mixture1D p) {
    double s = 0, total = 0;
    for (int i = 0; i < cells(); i++) total += mass(i);
    for (int i = 0; i < cells(); i++) {
      double m = mass(i) / total;
      if (m <= 0) continue;
      double q = p.mass(y[i], y[i + 1]);
      if (q <= 0) return Double.POSITIVE_INFINITY;
      s += m * Math.log(m / q);
    }
    return Math.max(0, s);
  }

  /**
   * W2 against p, ∫_0^1 (Q(u) − Q_p(u))² du. At the CDF values c_i the law's quantiles are known
   * exactly, Q(c_i) = y_i, and Q_p(c_i) comes from safeguarded Newton on p's CDF; the difference
   * D = Q − Q_p is smooth even where both quantile functions are steep (the tails), so ∫ D² du is
   * taken exactly for the piecewise-linear interpolant of D between the nodes (error O(Δu²)).
   */
  public double w2(Mixture1D p) {
    int n = y.length;
    double[] r = p.range();
    double lo = Math.min(r[0], y[0]) - 1, hi = Math.max(r[1], y[n - 1]) + 1;
    double total = c[n - 1] - c[0];
    if (!(total > 0)) return Double.NaN;
    double s = 0, prev = lo, dPrev = Double.NaN, uPrev = 0;
    for (int i = 0; i < n; i++) {
      double u = (c[i] - c[0]) / total;
      if (i > 0 && !(u > uPrev)) continue; // a cell without mass: Q jumps there
      double qp = u <= 0 ? p.quantile(Math.ulp(1.0), lo, hi) : u >= 1 ? p.quantile(1 - Math.ulp(1.0), prev, hi)
          : p.quantile(u, prev, hi);
      prev = Math.min(qp, hi);
      double dv = y[i] - qp;
      if (i > 0) s += (u - uPrev) * (dPrev * dPrev + dPrev * dv + dv * dv) / 3;
      dPrev = dv;
      uPrev = u;
    }
    return Math.sqrt(s);
  }

  @Override public String toString() {
    return "GridLaw{" + cells() + " cells on [" + y[0] + ", " + y[y.length - 1] + "], outside " + outsideMass() + "}";
  }

  @Override public boolean equals(Object o) {
    return o instanceof GridLaw g && Arrays.equals(y, g.y) && Arrays.equals(c, g.c);
  }

  @Override public int hashCode() { return 31 * Arrays.hashCode(y) + Arrays.hashCode(c); }
}
