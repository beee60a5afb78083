package org.mixproof.mixture;

import java.util.Locale;

/**
 * How a mixture file stores its covariances: the four layouts of scikit-learn's
 * {@code GaussianMixture.covariances_}, named by its {@code covariance_type}. For k components in d
 * dimensions:
 *
 * <ul>
 *   <li>{@code full} — k×d×d, one matrix per component: Σ_i = C[i];
 *   <li>{@code tied} — d×d, one matrix shared by every component: Σ_i = C;
 *   <li>{@code diag} — k×d, the variances of each component: Σ_i = diag(C[i]);
 *   <li>{@code spherical} — k, one variance per component: Σ_i = C[i] I_d.
 * </ul>
 *
 * A {@link GaussianMixture} always holds full matrices; {@link #expand} builds them.
 */
public enum CovarianceLayout {
  FULL(3, "one matrix per component"),
  TIED(2, "one matrix shared by every component"),
  DIAG(2, "the variances of each component"),
  SPHERICAL(1, "one variance per component");

  private final int depth;
  private final String meaning;

  CovarianceLayout(int depth, String meaning) {
    this.depth = depth;
    this.meaning = meaning;
  }

  /** scikit-learn's name: {@code full}, {@code tied}, {@code diag} or {@code spherical}. */
  public String label() { return name().toLowerCase(Locale.ROOT); }

  /** How many array levels the layout nests: 3 for full, 2 for tied and diag, 1 for spherical. */
  public int depth() { return depth; }

  /** The shape the layout needs, e.g. {@code "k×d×d = 3×2×2"}. */
  public String shape(int k, int d) {
    return switch (this) {
      case FULL -> "k×d×d = " + k + "×" + d + "×" + d;
      case TIED -> "d×d = " + d + "×" + d;
      case DIAG -> "k×d = " + k + "×" + d;
      case SPHERICAL -> "k = " + k;
    };
  }

  /** What the layout's array holds, e.g. "the variances of each component". */
  public String meaning() { return meaning; }

  /** The layout called {@code name} by scikit-learn (case-insensitive), or null if there is none. */
  public static CovarianceLayout parse(String name) {
    for (CovarianceLayout l : values()) if (l.label().equalsIgnoreCase(name)) return l;
    return null;
  }

  /**
   * The k full covariance matrices this layout's {@code data} stands for: a {@code double[][][]}
   * (full: copied as it is, whatever its length), {@code double[][]} (tied: d×d; diag: k×d) or
   * {@code double[]} (spherical: k). The caller checks the tied, diag and spherical shapes against
   * k and d first; a wrong full shape gives matrices that {@link GaussianMixture} rejects.
   */
  public double[][][] expand(Object data, int k, int d) {
    switch (this) {
      case FULL -> {
        double[][][] c = (double[][][]) data;
        double[][][] out = new double[c.length][][];
        for (int i = 0; i < c.length; i++) out[i] = c[i] == null ? null : copy(c[i]);
        return out;
      }
      case TIED -> {
        double[][] c = (double[][]) data;
        double[][][] out = new double[k][][];
        for (int i = 0; i < k; i++) out[i] = copy(c);
        return out;
      }
      case DIAG -> {
        double[][] c = (double[][]) data;
        double[][][] out = new double[k][d][d];
        for (int i = 0; i < k; i++) for (int j = 0; j < d; j++) out[i][j][j] = c[i][j];
        return out;
      }
      default -> {
        double[] c = (double[]) data;
        double[][][] out = new double[k][d][d];
        for (int i = 0; i < k; i++) for (int j = 0; j < d; j++) out[i][j][j] = c[i];
        return out;
      }
    }
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int r = 0; r < m.length; r++) c[r] = m[r] == null ? null : m[r].clone();
    return c;
  }
}
