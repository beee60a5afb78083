package org.mixproof.law;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.mixproof.generators.SpdMatrices;

/** Divergences between Gaussians (docs/claims.md §5.1): KL, W2, TV and the Pinsker bracket. */
class DivergenceProperties {

  record Normal1(double m, double v) {}

  record Gauss(double[] m, double[][] c) {}

  @Provide
  Arbitrary<Normal1> normals() {
    return Combinators.combine(Arbitraries.doubles().between(-3, 3).ofScale(3),
        Arbitraries.doubles().between(-1.5, 1.5).ofScale(3)).as((m, lv) -> new Normal1(m, Math.pow(10, lv)));
  }

  @Provide
  Arbitrary<Gauss> gaussians() {
    return Combinators.combine(SpdMatrices.of(3), Arbitraries.doubles().between(-2, 2).ofScale(3).array(double[].class).ofSize(3))
        .as((c, m) -> new Gauss(m, c));
  }

  /** KL ≥ 0 with equality iff equal (1-D closed form, diagonal and general forms). */
  @Property(seed = "20261122")
  void klIsNonNegativeAndZeroExactlyForEqualLaws(@ForAll("gaussians") Gauss p, @ForAll("gaussians") Gauss q) {
    net.jqwik.api.Assume.that(!same(p, q));
    double kl = Divergences.kl(p.m(), p.c(), q.m(), q.c());
    assertTrue(kl >= 0, "KL(P‖Q) ≥ 0, was " + kl);
    // KL ≥ ½ Δmᵀ C_Q⁻¹ Δm ≥ ½ ‖Δm‖²/λmax(C_Q) (the covariance part is ≥ 0): positive when means differ
    double dm2 = 0;
    for (int j = 0; j < 3; j++) dm2 += (p.m()[j] - q.m()[j]) * (p.m()[j] - q.m()[j]);
    double lmax = org.mixproof.mixture.GaussianMixture.symmetricEigenvalues(q.c())[2];
    assertTrue(kl >= 0.5 * dm2 / lmax * (1 - 1e-12) - 16 * 9 * EPS, "KL ≥ ½‖Δm‖²/λmax(C_Q)");
    // KL(P‖P): the trace and log-det terms cancel to the rounding of d Cholesky-based sums: 16 d² u
    assertEquals(0.0, Divergences.kl(p.m(), p.c(), p.m(), p.c()), 16 * 9 * EPS);
    DiagonalGaussian a = new DiagonalGaussian(p.m(), diag(p.c())), b = new DiagonalGaussian(q.m(), diag(q.c()));
    boolean equal = java.util.Arrays.equals(a.mean(), b.mean()) && java.util.Arrays.equals(a.variance(), b.variance());
    assertEquals(equal, Divergences.kl(a, b) == 0, "diagonal KL is 0 iff the laws are equal");
    assertEquals(0.0, Divergences.kl(a, a), 0.0, "diagonal KL(P‖P) is exactly 0");
    // the diagonal form equals the general form on diagonal covariances, to 64u of the terms
    double general = Divergences.kl(p.m(), diagMatrix(diag(p.c())), q.m(), diagMatrix(diag(q.c())));
    // both sum d terms of size ≤ v_p/v_q + Δm²/v_q + 1 + |log v_p| + |log v_q|: 64u of that sum
    assertEquals(general, Divergences.kl(a, b), 64 * EPS * termSize(a, b));
  }

  private static boolean same(Gauss a, Gauss b) {
    return java.util.Arrays.equals(a.m(), b.m()) && java.util.Arrays.deepEquals(a.c(), b.c());
  }

  private static double termSize(DiagonalGaussian a, DiagonalGaussian b) {
    double r = 0;
    for (int j = 0; j < a.dimension(); j++) {
      double dm = a.mean()[j] - b.mean()[j], vp = a.variance()[j], vq = b.variance()[j];
      r += vp / vq + dm * dm / vq + 1 + Math.abs(Math.log(vp)) + Math.abs(Math.log(vq));
    }
    return r;
  }

  /** W2 is a metric on random triples of general (non-commuting) Gaussians in R³. */
  @Property(seed = "20261122")
  void w2IsAMetric(@ForAll("gaussians") Gauss a, @ForAll("gaussians") Gauss b, @ForAll("gaussians") Gauss c) {
    double ab = Divergences.w2(a.m(), a.c(), b.m(), b.c());
    double ba = Divergences.w2(b.m(), b.c(), a.m(), a.c());
    double bc = Divergences.w2(b.m(), b.c(), c.m(), c.c());
    double ac = Divergences.w2(a.m(), a.c(), c.m(), c.c());
    // W2² = tr(C1 + C2 − 2(C1^½ C2 C1^½)^½): the inner square root of a matrix whose smallest
    // eigenvalue may be λmin² carries an absolute error ≈ u‖C‖²/λmin = u κ ‖C‖ per eigenvalue, so W2²
    // is known to 64 d u κ ‖C‖ and W2 to its square root
    double kappaNorm = 0;
    for (Gauss g : new Gauss[] {a, b, c}) {
      double[] e = org.mixproof.mixture.GaussianMixture.symmetricEigenvalues(g.c());
      kappaNorm = Math.max(kappaNorm, e[2] * e[2] / e[0]);
    }
    double tol = Math.sqrt(64 * 3 * EPS * kappaNorm);
    assertEquals(ab, ba, tol, "symmetry");
    assertTrue(ac <= ab + bc + tol, "triangle inequality: " + ac + " > " + ab + " + " + bc);
    assertEquals(0.0, Divergences.w2(a.m(), a.c(), a.m(), a.c()), tol, "W2(P, P) = 0");
    double dm = 0;
    for (int j = 0; j < 3; j++) dm += (a.m()[j] - b.m()[j]) * (a.m()[j] - b.m()[j]);
    assertTrue(ab >= Math.sqrt(dm) - tol, "W2 ≥ ‖m_a − m_b‖ (so W2 > 0 when the means differ)");
  }

  /** Pinsker's bracket contains the exact 1-D TV: TV ≤ √(KL/2) in both directions; TV ∈ [0, 1]. */
  @Property(seed = "20261122")
  void pinskerBracketContainsTheExact1dTv(@ForAll("normals") Normal1 p, @ForAll("normals") Normal1 q) {
    double tv = Divergences.tv1d(p.m(), p.v(), q.m(), q.v());
    assertTrue(tv >= 0 && tv <= 1, "TV in [0, 1], was " + tv);
    DiagonalGaussian a = new DiagonalGaussian(new double[] {p.m()}, new double[] {p.v()});
    DiagonalGaussian b = new DiagonalGaussian(new double[] {q.m()}, new double[] {q.v()});
    double kl = Math.min(Divergences.kl(a, b), Divergences.kl(b, a));
    assertTrue(tv <= Math.sqrt(kl / 2) + 4 * EPS, "Pinsker: TV " + tv + " > √(KL/2) = " + Math.sqrt(kl / 2));
    // in d = 3 with this pair in one coordinate and equal laws elsewhere, TV is the 1-D TV exactly,
    // and the bracket [max marginal TV, Pinsker] must contain it
    DiagonalGaussian a3 = new DiagonalGaussian(new double[] {p.m(), 0, 1}, new double[] {p.v(), 1, 2});
    DiagonalGaussian b3 = new DiagonalGaussian(new double[] {q.m(), 0, 1}, new double[] {q.v(), 1, 2});
    Divergences.Bracket br = Divergences.tvBracket(a3, b3);
    assertTrue(br.lower() <= tv + 4 * EPS && tv <= br.upper() + 4 * EPS, "bracket " + br + " must contain " + tv);
    assertEquals(tv, br.lower(), 4 * EPS, "the lower end is the only differing marginal's TV");
  }

  /** KL, TV and W2 closed forms against adaptive Gauss–Legendre quadrature in 1-D. */
  @Property(seed = "20261122", tries = 200)
  void closedFormsMatchQuadratureIn1d(@ForAll("normals") Normal1 p, @ForAll("normals") Normal1 q) {
    NormalDistribution np = NormalDistribution.of(p.m(), Math.sqrt(p.v()));
    NormalDistribution nq = NormalDistribution.of(q.m(), Math.sqrt(q.v()));
    double lo = Math.min(p.m() - 40 * Math.sqrt(p.v()), q.m() - 40 * Math.sqrt(q.v()));
    double hi = Math.max(p.m() + 40 * Math.sqrt(p.v()), q.m() + 40 * Math.sqrt(q.v()));
    // KL(P‖Q) = ∫ p (log p − log q)
    double kl = integrate(x -> np.density(x) * (np.logDensity(x) - nq.logDensity(x)), lo, hi);
    DiagonalGaussian a = new DiagonalGaussian(new double[] {p.m()}, new double[] {p.v()});
    DiagonalGaussian b = new DiagonalGaussian(new double[] {q.m()}, new double[] {q.v()});
    // quadrature to 1e-9 relative + 1e-12 absolute (the integrator's accuracy settings below)
    assertEquals(kl, Divergences.kl(a, b), 1e-8 * Math.abs(kl) + 1e-10, "KL");
    double tv = 0.5 * integrateAbs(x -> np.density(x) - nq.density(x), lo, hi);
    assertEquals(tv, Divergences.tv1d(p.m(), p.v(), q.m(), q.v()), 1e-8 * tv + 1e-10, "TV");
    // W2² = ∫_0^1 (Q_p − Q_q)² du = ∫ (Δm + Δσ z)² φ(z) dz
    double dm = p.m() - q.m(), ds = Math.sqrt(p.v()) - Math.sqrt(q.v());
    NormalDistribution std = NormalDistribution.of(0, 1);
    double w22 = integrate(z -> (dm + ds * z) * (dm + ds * z) * std.density(z), -40, 40);
    assertEquals(Math.sqrt(w22), Divergences.w2(a, b), 1e-8 * Math.sqrt(w22) + 1e-10, "W2");
  }

  private static double integrate(UnivariateFunction f, double lo, double hi) {
    // split into 64 panels so that each integrand is smooth on a panel except at ≤ 2 TV kinks
    IterativeLegendreGaussIntegrator in = new IterativeLegendreGaussIntegrator(8, 1e-11, 1e-14, 2, 64);
    double s = 0, h = (hi - lo) / 64;
    for (int i = 0; i < 64; i++) s += in.integrate(Integer.MAX_VALUE, f, lo + i * h, lo + (i + 1) * h);
    return s;
  }

  /**
   * ∫ |f| with the sign changes of f located independently (a scan on 20 000 points refined by
   * Brent's method), so each piece is a smooth integral.
   */
  private static double integrateAbs(UnivariateFunction f, double lo, double hi) {
    java.util.List<Double> cuts = new java.util.ArrayList<>();
    cuts.add(lo);
    int n = 20000;
    double h = (hi - lo) / n, prev = f.value(lo);
    org.apache.commons.math3.analysis.solvers.BrentSolver brent = new org.apache.commons.math3.analysis.solvers.BrentSolver(1e-15);
    for (int i = 1; i <= n; i++) {
      double x = lo + i * h, v = f.value(x);
      if (v == 0 && i < n) cuts.add(x);
      else if (prev * v < 0) cuts.add(brent.solve(1000, f, x - h, x));
      if (v != 0) prev = v;
    }
    cuts.add(hi);
    double s = 0;
    for (int i = 0; i + 1 < cuts.size(); i++) {
      if (cuts.get(i + 1) > cuts.get(i)) s += Math.abs(integrate(f, cuts.get(i), cuts.get(i + 1)));
    }
    return s;
  }

  private static double[] diag(double[][] c) {
    double[] v = new double[c.length];
    for (int i = 0; i < c.length; i++) v[i] = c[i][i];
    return v;
  }

  private static double[][] diagMatrix(double[] v) {
    double[][] m = new double[v.length][v.length];
    for (int i = 0; i < v.length; i++) m[i][i] = v[i];
    return m;
  }

  private static double trace(double[][] c) {
    double t = 0;
    for (int i = 0; i < c.length; i++) t += c[i][i];
    return t;
  }
}
