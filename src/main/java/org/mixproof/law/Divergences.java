package org.mixproof.law;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Exact divergences between Gaussians (docs/claims.md §5.1): KL, W2 and TV, for commuting (diagonal in one
 * basis) and general covariances. A zero variance is a point mass: KL is +∞ unless both laws put
 * the same point mass there; TV of a 1-D pair with a point mass is 1 (or 0 when both are the same).
 */
public final class Divergences {

  private static final NormalDistribution STD = NormalDistribution.of(0, 1);

  private Divergences() {}

  /** TV bracket for d &gt; 1: max_j TV(1-D marginals) ≤ TV ≤ min(1, √(KL/2)) (Pinsker, either KL). */
  public record Bracket(double lower, double upper) {
    public boolean contains(double v) { return lower <= v && v <= upper; }
  }

  // ------------------------------------------------------------------ commuting (diagonal) case

  /** KL(P ‖ Q) = ½ Σ_j [r_j − log(1 + r_j) + (m_Qj − m_Pj)²/v_Qj], r_j = v_Pj/v_Qj − 1. */
  public static double kl(DiagonalGaussian p, DiagonalGaussian q) {
    checkSame(p, q);
    double s = 0;
    for (int j = 0; j < p.dimension(); j++) s += kl1(p.mean()[j], p.variance()[j], q.mean()[j], q.variance()[j]);
    return 0.5 * s;
  }

  /** Twice the 1-D KL(N(m1, v1) ‖ N(m2, v2)), written so that equal laws give exactly 0. */
  static double kl1(double m1, double v1, double m2, double v2) {
    double dm = m2 - m1;
    if (v2 == 0) return v1 == 0 && dm == 0 ? 0 : Double.POSITIVE_INFINITY;
    if (v1 == 0) return Double.POSITIVE_INFINITY;
    double r = (v1 - v2) / v2;
    // r − log(v1/v2): the ratio keeps full relative precision where 1 + r would not (v1 ≪ v2)
    double core = Math.abs(r) < 1e-3 ? rMinusLog1p(r) : r - Math.log(v1 / v2);
    return core + dm * dm / v2;
  }

  /**
   * r − log(1 + r) ≥ 0: by its series r²/2 − r³/3 + … for |r| &lt; 1e-3 (seven terms: the rest is
   * below r⁸/8 &lt; 1e-24 relative), else with the intrinsic Math.log (faster than log1p, exact
   * enough there since the result ≥ 3e-7 dwarfs log's rounding of u).
   */
  static double rMinusLog1p(double r) {
    if (Math.abs(r) < 1e-3) {
      return r * r * (0.5 - r * (1.0 / 3 - r * (0.25 - r * (0.2 - r * (1.0 / 6 - r * (1.0 / 7 - r / 8))))));
    }
    return r - Math.log(1 + r);
  }

  /** W2(P, Q) = √(Σ_j (m_Pj − m_Qj)² + (√v_Pj − √v_Qj)²). */
  public static double w2(DiagonalGaussian p, DiagonalGaussian q) {
    checkSame(p, q);
    double s = 0;
    for (int j = 0; j < p.dimension(); j++) {
      double dm = p.mean()[j] - q.mean()[j];
      s += dm * dm + sqrtDiff2(p.variance()[j], q.variance()[j]);
    }
    return Math.sqrt(s);
  }

  /** (√a − √b)², as (a − b)²/(√a + √b)² so that it does not cancel. */
  static double sqrtDiff2(double a, double b) {
    double sa = Math.sqrt(a), sb = Math.sqrt(b);
    if (sa + sb == 0) return 0;
    double r = (a - b) / (sa + sb);
    return r * r;
  }

  /** KL(P ‖ Q), W2(P, Q) and the TV bracket of two diagonal Gaussians, in one pass. */
  public record Summary(double kl, double w2, Bracket tv) {}

  /** {@link #kl}, {@link #w2} and {@link #tvBracket} together, each coordinate's logarithms taken once. */
  public static Summary summary(DiagonalGaussian p, DiagonalGaussian q) {
    checkSame(p, q);
    int d = p.dimension();
    double[] pm = p.mean(), pv = p.variance(), qm = q.mean(), qv = q.variance();
    double[] bound = new double[d];
    double klPq = 0, klQp = 0, w = 0;
    for (int j = 0; j < d; j++) {
      double a = kl1(pm[j], pv[j], qm[j], qv[j]);
      double b = kl1(qm[j], qv[j], pm[j], pv[j]);
      klPq += a;
      klQp += b;
      bound[j] = Math.min(1, Math.sqrt(0.25 * Math.min(a, b)));
      double dm = pm[j] - qm[j];
      w += dm * dm + sqrtDiff2(pv[j], qv[j]);
    }
    return new Summary(0.5 * klPq, Math.sqrt(w), bracket(p, q, bound, 0.5 * Math.min(klPq, klQp)));
  }

  /** TV bracket: the largest 1-D marginal TV and Pinsker's √(min(KL(P‖Q), KL(Q‖P))/2). */
  public static Bracket tvBracket(DiagonalGaussian p, DiagonalGaussian q) {
    checkSame(p, q);
    // max_j TV_j exactly, evaluating TV_j (CDFs) only where Pinsker's √(KL_j/2) ≥ TV_j could beat
    // the running maximum: coordinates in decreasing order of their per-coordinate KL bound
    int d = p.dimension();
    double[] bound = new double[d];
    double klPq = 0, klQp = 0;
    for (int j = 0; j < d; j++) {
      double a = kl1(p.mean()[j], p.variance()[j], q.mean()[j], q.variance()[j]);
      double b = kl1(q.mean()[j], q.variance()[j], p.mean()[j], p.variance()[j]);
      klPq += a;
      klQp += b;
      bound[j] = Math.min(1, Math.sqrt(0.25 * Math.min(a, b))); // √(KL_j/2), KL_j = ½·(twice-KL)
    }
    return bracket(p, q, bound, 0.5 * Math.min(klPq, klQp));
  }

  /** max_j TV_j (from the largest Pinsker bound down, skipping coordinates that cannot beat it) and Pinsker. */
  private static Bracket bracket(DiagonalGaussian p, DiagonalGaussian q, double[] bound, double kl) {
    int d = bound.length;
    int best = 0;
    for (int j = 1; j < d; j++) if (bound[j] > bound[best]) best = j;
    double lo = tv1d(p.mean()[best], p.variance()[best], q.mean()[best], q.variance()[best]);
    for (int j = 0; j < d; j++) {
      if (j == best || bound[j] <= lo) continue;
      lo = Math.max(lo, tv1d(p.mean()[j], p.variance()[j], q.mean()[j], q.variance()[j]));
    }
    double hi = Math.min(1, Math.sqrt(kl / 2));
    if (p.dimension() == 1) hi = lo; // exact in 1-D
    return new Bracket(lo, Math.max(lo, hi));
  }

  private static void checkSame(DiagonalGaussian p, DiagonalGaussian q) {
    if (p.dimension() != q.dimension()) {
      throw new IllegalArgumentException("laws have dimensions " + p.dimension() + " and " + q.dimension());
    }
  }

  // ------------------------------------------------------------------ 1-D exact TV

  /**
   * TV(N(m1, v1), N(m2, v2)) exactly: equal variances give 2Φ(|Δm|/(2σ)) − 1; otherwise the
   * densities cross at the two roots x1 &lt; x2 of a quadratic, the narrower law dominates between
   * them, and TV = P_narrow(x1, x2) − P_wide(x1, x2).
   */
  public static double tv1d(double m1, double v1, double m2, double v2) {
    check1(m1, v1, "m1", "v1");
    check1(m2, v2, "m2", "v2");
    if (v1 == 0 || v2 == 0) return v1 == v2 && m1 == m2 ? 0 : 1;
    if (v1 == v2) {
      double z = Math.abs(m1 - m2) / (2 * Math.sqrt(v1));
      return 1 - 2 * STD.cumulativeProbability(-z); // 2Φ(z) − 1 without cancelling at large z
    }
    // narrow n, wide w
    double mn = v1 < v2 ? m1 : m2, vn = Math.min(v1, v2);
    double mw = v1 < v2 ? m2 : m1, vw = Math.max(v1, v2);
    // in u = (x − m_n)/√v_n, with δ = (m_w − m_n)/√v_n and ρ = v_w/v_n > 1, the crossing points solve
    // u² − (u − δ)²/ρ = log ρ, i.e. (1 − 1/ρ) u² + (2δ/ρ) u − δ²/ρ − log ρ = 0
    double sn = Math.sqrt(vn), delta = (mw - mn) / sn, rho = vw / vn;
    double a = -Math.expm1(-Math.log(rho)); // 1 − 1/ρ without cancellation
    double b = 2 * delta / rho;
    double c = -delta * delta / rho - Math.log(rho);
    double disc = b * b - 4 * a * c; // > 0: a > 0 and c < 0
    double q = -0.5 * (b + Math.copySign(Math.sqrt(disc), b == 0 ? 1 : b));
    double r1 = q / a, r2 = c / q;
    double u1 = Math.min(r1, r2), u2 = Math.max(r1, r2);
    double pn = prob(u1, u2);
    double sw = Math.sqrt(rho);
    double pw = prob((u1 - delta) / sw, (u2 - delta) / sw);
    return Math.min(1, Math.max(0, pn - pw));
  }

  /** P(z1 &lt; Z &lt; z2) for a standard normal, from the tail that keeps precision. */
  static double prob(double z1, double z2) {
    if (z1 >= 0) return STD.survivalProbability(z1) - STD.survivalProbability(z2);
    if (z2 <= 0) return STD.cumulativeProbability(z2) - STD.cumulativeProbability(z1);
    return 1 - STD.cumulativeProbability(z1) - STD.survivalProbability(z2);
  }

  private static void check1(double m, double v, String mn, String vn) {
    if (!Double.isFinite(m)) throw new IllegalArgumentException(mn + " must be finite, was " + m);
    if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(vn + " must be finite and >= 0, was " + v);
  }

  // ------------------------------------------------------------------ general covariances

  /**
   * KL(N(m1, C1) ‖ N(m2, C2)) = ½[tr(C2⁻¹C1) + (m2 − m1)ᵀC2⁻¹(m2 − m1) − d + log det C2 − log det C1],
   * with Cholesky factors (EJML); +∞ when C2 is singular, or when C1 is singular and C2 is not.
   */
  public static double kl(double[] m1, double[][] c1, double[] m2, double[][] c2) {
    int d = checkGeneral(m1, c1, m2, c2);
    CholeskyDecomposition_F64<DMatrixRMaj> ch = DecompositionFactory_DDRM.chol(d, true);
    DMatrixRMaj a2 = new DMatrixRMaj(c2);
    if (!ch.decompose(a2)) return Double.POSITIVE_INFINITY;
    DMatrixRMaj l2 = ch.getT(null);
    double ld2 = 0;
    for (int i = 0; i < d; i++) ld2 += 2 * Math.log(l2.get(i, i));
    DMatrixRMaj a1 = new DMatrixRMaj(c1);
    if (!ch.decompose(a1)) return Double.POSITIVE_INFINITY;
    DMatrixRMaj l1 = ch.getT(null);
    double ld1 = 0;
    for (int i = 0; i < d; i++) ld1 += 2 * Math.log(l1.get(i, i));
    if (!Double.isFinite(ld1) || !Double.isFinite(ld2)) return Double.POSITIVE_INFINITY;
    // tr(C2⁻¹C1) = ‖L2⁻¹ L1‖_F²; (m2 − m1)ᵀ C2⁻¹ (m2 − m1) = ‖L2⁻¹ Δ‖²
    DMatrixRMaj x = l1.copy();
    org.ejml.dense.row.decomposition.TriangularSolver_DDRM.solveL(l2.data, x.data, d, d);
    double tr = 0;
    for (double v : x.data) tr += v * v;
    double[] dm = new double[d];
    for (int i = 0; i < d; i++) dm[i] = m2[i] - m1[i];
    org.ejml.dense.row.decomposition.TriangularSolver_DDRM.solveL(l2.data, dm, d);
    double q = 0;
    for (double v : dm) q += v * v;
    return Math.max(0, 0.5 * (tr + q - d + ld2 - ld1));
  }

  /**
   * W2² = ‖m1 − m2‖² + tr(C1 + C2 − 2 (C1^{½} C2 C1^{½})^{½}), with symmetric square roots from
   * EJML's symmetric eigen-decomposition (rounding-level negative eigenvalues taken as 0).
   */
  public static double w2(double[] m1, double[][] c1, double[] m2, double[][] c2) {
    int d = checkGeneral(m1, c1, m2, c2);
    DMatrixRMaj r1 = sqrtm(new DMatrixRMaj(c1));
    DMatrixRMaj t = new DMatrixRMaj(d, d), mid = new DMatrixRMaj(d, d);
    CommonOps_DDRM.mult(r1, new DMatrixRMaj(c2), t);
    CommonOps_DDRM.mult(t, r1, mid);
    symmetrise(mid);
    DMatrixRMaj cross = sqrtm(mid);
    double s = 0;
    for (int i = 0; i < d; i++) {
      double dm = m1[i] - m2[i];
      s += dm * dm + c1[i][i] + c2[i][i] - 2 * cross.get(i, i);
    }
    return Math.sqrt(Math.max(0, s));
  }

  /** TV bracket for general covariances: 1-D marginals along the eigenvectors of C2, and Pinsker. */
  public static Bracket tvBracket(double[] m1, double[][] c1, double[] m2, double[][] c2) {
    int d = checkGeneral(m1, c1, m2, c2);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(new DMatrixRMaj(c2))) throw new ArithmeticException("eigen-decomposition failed");
    double lo = 0;
    for (int k = 0; k < d; k++) {
      DMatrixRMaj u = eig.getEigenVector(k);
      double p1 = 0, p2 = 0, q1 = 0, q2 = 0;
      for (int i = 0; i < d; i++) {
        p1 += u.get(i) * m1[i];
        p2 += u.get(i) * m2[i];
        for (int j = 0; j < d; j++) {
          q1 += u.get(i) * c1[i][j] * u.get(j);
          q2 += u.get(i) * c2[i][j] * u.get(j);
        }
      }
      lo = Math.max(lo, tv1d(p1, Math.max(0, q1), p2, Math.max(0, q2)));
    }
    double kl = Math.min(kl(m1, c1, m2, c2), kl(m2, c2, m1, c1));
    double hi = Math.min(1, Math.sqrt(kl / 2));
    return new Bracket(lo, Math.max(lo, hi));
  }

  static DMatrixRMaj sqrtm(DMatrixRMaj sym) {
    int d = sym.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(sym.copy())) throw new ArithmeticException("eigen-decomposition failed");
    DMatrixRMaj out = new DMatrixRMaj(d, d);
    for (int k = 0; k < d; k++) {
      double s = Math.sqrt(Math.max(0, eig.getEigenvalue(k).getReal()));
      DMatrixRMaj v = eig.getEigenVector(k);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) out.add(i, j, s * v.get(i) * v.get(j));
      }
    }
    return out;
  }

  private static void symmetrise(DMatrixRMaj m) {
    for (int i = 0; i < m.numRows; i++) {
      for (int j = i + 1; j < m.numCols; j++) {
        double v = 0.5 * (m.get(i, j) + m.get(j, i));
        m.set(i, j, v);
        m.set(j, i, v);
      }
    }
  }

  private static int checkGeneral(double[] m1, double[][] c1, double[] m2, double[][] c2) {
    if (m1 == null || m2 == null || c1 == null || c2 == null) {
      throw new IllegalArgumentException("means and covariances must not be null");
    }
    int d = m1.length;
    if (d == 0 || m2.length != d || c1.length != d || c2.length != d) {
      throw new IllegalArgumentException("dimensions differ: m1 " + m1.length + ", m2 " + m2.length
          + ", C1 " + c1.length + ", C2 " + c2.length);
    }
    return d;
  }
}
