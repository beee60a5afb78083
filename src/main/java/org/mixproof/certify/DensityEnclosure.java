package org.mixproof.certify;

import org.mixproof.mixture.GaussianMixture;

/**
 * A Gaussian mixture diffused to time t (docs/claims.md §1), in outward-rounded interval arithmetic:
 * enclosures of the component log-terms ℓ_i, the posterior weights, the component scores s_i, the
 * score s and the Hessian H at a point or over a box — each containing the exact value for every
 * point of the box (docs/claims.md §8).
 *
 * <p>Built once per (mixture, a_t, b_t²): Σ_i(t) = a²Σ_i + b²I as an interval matrix, its Cholesky
 * factor L_i by the interval version of the algorithm (which encloses the exact factor of every
 * symmetric matrix in the interval matrix, provided every pivot stays positive — else the component is
 * refused), W_i = L_i⁻¹ by interval forward substitution, P_i = W_iᵀW_i and log det Σ_i(t) = 2 Σ log
 * (L_i)_jj. At x: z_i = W_i(x − aμ_i), ℓ_i = log π_i − (d/2) log 2π − ½ log det − ½‖z_i‖²,
 * w_i = 1/Σ_j e^{ℓ_j − ℓ_i} (never a quotient of two enclosed sums), s_i = −W_iᵀz_i, s = Σ w_i s_i,
 * H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ. Components of weight 0 contribute nothing.
 */
public final class DensityEnclosure<T extends RealInterval<T>> {

  private final int d;
  private final int k;
  private final double[] weights;
  private final RealInterval.Arithmetic<T> ar;
  private final T a;
  private final T[][] means;      // a μ_i
  private final T[][][] inverseFactor; // W_i = L_i⁻¹ (lower triangular)
  private final T[][][] precision; // P_i
  private final T[] logNorm;      // log π_i − (d/2) log 2π − ½ log det Σ_i(t)
  private final T[][] scaledMeans; // P_i m_i, m_i = a μ_i

  /** The enclosure of the mixture diffused with the given coefficients. */
  public DensityEnclosure(GaussianMixture mixture, ScheduleEnclosure<T> coefficients) {
    if (mixture == null) throw new IllegalArgumentException("mixture must not be null");
    if (coefficients == null) throw new IllegalArgumentException("coefficients must not be null");
    d = mixture.dimension();
    k = mixture.components();
    weights = mixture.weights();
    a = coefficients.a();
    ar = coefficients.arithmetic();
    T a2 = a.square(), b2 = coefficients.b2();
    T halfLog2Pi = ar.pi().multiply(2).log().multiply(0.5 * d);
    means = IntervalArrays.matrix(ar, k, d);
    inverseFactor = IntervalArrays.matrices(ar, k);
    precision = IntervalArrays.matrices(ar, k);
    logNorm = IntervalArrays.vector(ar, k);
    scaledMeans = IntervalArrays.rows(ar, k);
    for (int i = 0; i < k; i++) {
      for (int r = 0; r < d; r++) means[i][r] = a.multiply(mixture.meanEntry(i, r));
      T[][] cov = IntervalArrays.matrix(ar, d, d);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c <= r; c++) {
          T v = a2.multiply(mixture.covarianceEntry(i, r, c));
          if (r == c) v = v.add(b2);
          cov[r][c] = v;
          cov[c][r] = v;
        }
      }
      T[][] lower = cholesky(cov, i);
      T logDet = ar.zero();
      for (int r = 0; r < d; r++) logDet = logDet.add(lower[r][r].log());
      inverseFactor[i] = invertLower(lower);
      precision[i] = gram(inverseFactor[i]);
      scaledMeans[i] = linear(precision[i], means[i], zeros(ar, d), false);
      logNorm[i] = weights[i] > 0 ? ar.of(weights[i]).log().subtract(halfLog2Pi).subtract(logDet) : null;
    }
  }

  public int dimension() { return d; }

  public int components() { return k; }

  /** Interval Cholesky: L with L Lᵀ ∋ S; refuses when a pivot's enclosure reaches 0. */
  static <T extends RealInterval<T>> T[][] cholesky(T[][] s, int component) {
    int n = s.length;
    RealInterval.Arithmetic<T> ar = s[0][0].arithmetic();
    T[][] l = IntervalArrays.matrix(ar, n, n);
    for (int j = 0; j < n; j++) {
      T pivot = s[j][j];
      for (int m = 0; m < j; m++) pivot = pivot.subtract(l[j][m].square());
      if (!pivot.positive()) {
        throw new IllegalArgumentException("covariances[" + component + "] at this time is not certifiably "
            + "positive definite: pivot " + j + " of its Cholesky factor encloses " + pivot);
      }
      l[j][j] = pivot.sqrt();
      for (int r = j + 1; r < n; r++) {
        T v = s[r][j];
        for (int m = 0; m < j; m++) v = v.subtract(l[r][m].multiply(l[j][m]));
        l[r][j] = v.divide(l[j][j]);
      }
      for (int c = j + 1; c < n; c++) l[j][c] = ar.zero();
    }
    return l;
  }

  /** W = L⁻¹ by forward substitution, column by column. */
  static <T extends RealInterval<T>> T[][] invertLower(T[][] l) {
    int n = l.length;
    RealInterval.Arithmetic<T> ar = l[0][0].arithmetic();
    T[][] w = IntervalArrays.matrix(ar, n, n);
    for (int c = 0; c < n; c++) {
      for (int r = 0; r < n; r++) {
        if (r < c) {
          w[r][c] = ar.zero();
          continue;
        }
        T v = r == c ? ar.one() : ar.zero();
        for (int m = c; m < r; m++) v = v.subtract(l[r][m].multiply(w[m][c]));
        w[r][c] = v.divide(l[r][r]);
      }
    }
    return w;
  }

  /** WᵀW, symmetric by construction. */
  static <T extends RealInterval<T>> T[][] gram(T[][] w) {
    int n = w.length;
    RealInterval.Arithmetic<T> ar = w[0][0].arithmetic();
    T[][] p = IntervalArrays.matrix(ar, n, n);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c <= r; c++) {
        T v = ar.zero();
        for (int m = Math.max(r, c); m < n; m++) v = v.add(w[m][r].multiply(w[m][c]));
        p[r][c] = v;
        p[c][r] = v;
      }
    }
    return p;
  }

  /** The enclosures at one double point (exact input). */
  public Enclosure<T> at(double[] x) {
    checkLength(x == null ? -1 : x.length);
    T[] box = IntervalArrays.vector(ar, d);
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(x[j])) throw new IllegalArgumentException("x[" + j + "] must be finite, was " + x[j]);
      box[j] = ar.of(x[j]);
    }
    return over(box);
  }

  /**
   * The enclosures over a box (one interval per coordinate). Centred forms keep them tight as the box
   * shrinks: with c the box's midpoint, ℓ_j − ℓ_i ∈ (ℓ_j − ℓ_i)(c) + (s_j − s_i)(X)·(X − c) (the
   * mean-value form: the gradient of ℓ_i is s_i), and s_j − s_i = (P_i − P_j)x + P_j m_j − P_i m_i is
   * linear with each x_r once per row, so its natural extension is exact up to the widths of P. The
   * centred score differences also give H without the dependency between s_i and s:
   * s_i − s = Σ_j w_j (s_i − s_j), which is exactly 0 for k = 1.
   */
  public Enclosure<T> over(T[] box) {
    checkLength(box == null ? -1 : box.length);
    double[] c = new double[d];
    T[] offset = IntervalArrays.vector(ar, d);
    for (int j = 0; j < d; j++) {
      c[j] = box[j].mid();
      offset[j] = box[j].subtract(c[j]);
    }
    T[] ell = IntervalArrays.vector(ar, k);
    T[] ellAtCentre = IntervalArrays.vector(ar, k);
    T[][] compScores = IntervalArrays.rows(ar, k);
    for (int i = 0; i < k; i++) {
      if (logNorm[i] == null) continue;
      ell[i] = logTerm(i, box);
      ellAtCentre[i] = logTerm(i, IntervalArrays.points(ar, c));
      compScores[i] = linear(precision[i], box, scaledMeans[i], true);
    }
    T[] w = IntervalArrays.vector(ar, k);
    for (int i = 0; i < k; i++) {
      if (ell[i] == null) {
        w[i] = ar.zero();
        continue;
      }
      T sum = ar.one();
      for (int j = 0; j < k; j++) {
        if (j == i || ell[j] == null) continue;
        T slope = IntervalArrays.dot(scoreDifference(i, j, box), offset);
        sum = sum.add(ellAtCentre[j].subtract(ellAtCentre[i]).add(slope).exp());
      }
      w[i] = sum.reciprocal();
    }
    int ref = -1; // the component of largest ℓ at the centre
    for (int i = 0; i < k; i++) {
      if (ell[i] != null && (ref < 0 || ellAtCentre[i].mid() > ellAtCentre[ref].mid())) ref = i;
    }
    // s = s_r + Σ_{i≠r} w_i (s_i − s_r) and Σ w_i P_i = P_r + Σ_{i≠r} w_i (P_i − P_r), since Σ w_i = 1
    T[] score = compScores[ref].clone();
    T[][] h = IntervalArrays.matrix(ar, d, d);
    for (int r = 0; r < d; r++) for (int q = 0; q < d; q++) h[r][q] = precision[ref][r][q].negate();
    T[][] pairDiff = IntervalArrays.rows(ar, k);
    for (int i = 0; i < k; i++) {
      if (i == ref || ell[i] == null) continue;
      pairDiff[i] = scoreDifference(ref, i, box);
      for (int r = 0; r < d; r++) {
        score[r] = score[r].add(w[i].multiply(pairDiff[i][r]));
        for (int q = 0; q < d; q++) {
          h[r][q] = h[r][q].subtract(w[i].multiply(precision[i][r][q].subtract(precision[ref][r][q])));
        }
      }
    }
    // Σ_i w_i (s_i − s)(s_i − s)ᵀ = Σ_{i<j} w_i w_j (s_i − s_j)(s_i − s_j)ᵀ, with
    // w_i w_j = 1/(2 cosh((ℓ_j − ℓ_i)/2) + Σ_{l≠i,j} e^{ℓ_l − (ℓ_i + ℓ_j)/2})²: each exponent once
    for (int i = 0; i < k; i++) {
      if (ell[i] == null) continue;
      for (int j = i + 1; j < k; j++) {
        if (ell[j] == null) continue;
        T[] diff = scoreDifference(i, j, box); // s_j − s_i
        T half = ellAtCentre[j].subtract(ellAtCentre[i]).add(IntervalArrays.dot(diff, offset)).multiply(0.5);
        T sum = half.cosh().multiply(2);
        for (int l = 0; l < k; l++) {
          if (l == i || l == j || ell[l] == null) continue;
          T[] gi = scoreDifference(i, l, box), gj = scoreDifference(j, l, box);
          T slope = ar.zero();
          for (int r = 0; r < d; r++) slope = slope.add(gi[r].add(gj[r]).multiply(0.5).multiply(offset[r]));
          T centre = ellAtCentre[l].subtract(ellAtCentre[i].add(ellAtCentre[j]).multiply(0.5));
          sum = sum.add(centre.add(slope).exp());
        }
        T coefficient = sum.square().reciprocal();
        for (int r = 0; r < d; r++) {
          for (int q = 0; q <= r; q++) {
            T outer = r == q ? diff[r].square() : diff[r].multiply(diff[q]);
            h[r][q] = h[r][q].add(coefficient.multiply(outer));
          }
        }
      }
    }
    for (int r = 0; r < d; r++) for (int q = r + 1; q < d; q++) h[r][q] = h[q][r];
    return new Enclosure<>(ell, w, compScores, score, h);
  }

  /** ℓ_i over a box by natural extension: z = W_i(x − aμ_i), ℓ = log-norm − ½‖z‖². */
  private T logTerm(int i, T[] box) {
    T q = ar.zero();
    for (int row = 0; row < d; row++) {
      T v = ar.zero();
      for (int m = 0; m <= row; m++) v = v.add(inverseFactor[i][row][m].multiply(box[m].subtract(means[i][m])));
      q = q.add(v.square());
    }
    return logNorm[i].subtract(q.multiply(0.5));
  }

  /** s_j − s_i = (P_i − P_j) x + (P_j m_j − P_i m_i) over the box. */
  private T[] scoreDifference(int i, int j, T[] box) {
    T[] out = IntervalArrays.vector(ar, d);
    for (int r = 0; r < d; r++) {
      T v = scaledMeans[j][r].subtract(scaledMeans[i][r]);
      for (int q = 0; q < d; q++) v = v.add(precision[i][r][q].subtract(precision[j][r][q]).multiply(box[q]));
      out[r] = v;
    }
    return out;
  }

  /** −M x + b (negate) or M x + b over the box. */
  private static <T extends RealInterval<T>> T[] linear(T[][] m, T[] x, T[] b, boolean negate) {
    int n = x.length;
    RealInterval.Arithmetic<T> ar = b[0].arithmetic();
    T[] out = IntervalArrays.vector(ar, n);
    for (int r = 0; r < n; r++) {
      T v = ar.zero();
      for (int q = 0; q < n; q++) v = v.add(m[r][q].multiply(x[q]));
      out[r] = negate ? b[r].subtract(v) : b[r].add(v);
    }
    return out;
  }

  private static <T extends RealInterval<T>> T[] zeros(RealInterval.Arithmetic<T> ar, int n) {
    T[] z = IntervalArrays.vector(ar, n);
    java.util.Arrays.fill(z, ar.zero());
    return z;
  }

  private void checkLength(int n) {
    if (n != d) throw new IllegalArgumentException("x must have length d = " + d + ", was " + (n < 0 ? "null" : n));
  }

  /** Enclosures at a point or over a box; entries of weight-0 components are null (ℓ, s_i) or 0 (w). */
  public record Enclosure<T>(T[] logTerms, T[] weights, T[][] componentScores, T[] score, T[][] hessian) {}

  /** The arithmetic of the enclosures. */
  public RealInterval.Arithmetic<T> arithmetic() { return ar; }
}
