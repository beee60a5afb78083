package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.Mixtures;
import org.mixproof.generators.Parts;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/**
 * The oracle against closed forms that share none of its algorithm (no Cholesky, no ExpLog): one
 * diagonal Gaussian in any dimension, one full Gaussian in d = 2 (adjugate inverse), and the README's
 * symmetric two-component mixture in d = 1 (tanh). All in apfloat from the same exact inputs.
 *
 * <p>Tolerance: 10^−55 of the size of the terms ({@link RoundingBound}'s scales). The oracle's error
 * is within c·10^{1−W}·κ of those sizes (the double code's analysis with apfloat's unit), and
 * W = 60 + 10 + ⌈log10 κ⌉ makes that ≤ 16(d+1)²·10^{−69} ≪ 10^{−55}; the closed forms take a few
 * ApfloatMath operations at W digits, each within 10^{1−W} of its terms.
 */
class OracleClosedFormProperties {

  static final double AGREE = 1e-55;

  @Provide
  Arbitrary<Case> diagonal() {
    return IllConditionedCases.of(Mixtures.builder().dimensions(1, 6).components(1, 1)
        .families(CovarianceFamily.DIAGONAL, CovarianceFamily.ISOTROPIC).conditionNumber(1, 1e12)
        .scale(1e-3, 1e3).meanRadius(5));
  }

  @Provide
  Arbitrary<Case> full2d() {
    return IllConditionedCases.of(Mixtures.builder().dimension(2).components(1, 1)
        .families(CovarianceFamily.FULL, CovarianceFamily.SINGULAR).conditionNumber(1, 1e12)
        .scale(1e-3, 1e3).meanRadius(5));
  }

  /** k = 1, Σ diagonal: log p = Σ_j −½ log(2π σ_j²) − r_j²/(2σ_j²), s_j = −r_j/σ_j², H = −diag(1/σ_j²). */
  @Property(tries = 100, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void oneDiagonalGaussian(@ForAll("diagonal") Case c) {
    OracleDensity o = c.oracle(OracleDensity.DEFAULT_DIGITS);
    double[] x = c.point(o);
    OracleEvaluation e = o.evaluate(x);
    long w = o.workingPrecision();
    int d = x.length;
    Apfloat a = DoubleConversion.exact(o.a(), w), b2 = DoubleConversion.exact(o.b2(), w);
    Apfloat half = new Apfloat("0.5", w);
    Apfloat twoPi = ApfloatMath.pi(w).multiply(new Apfloat(2, w));
    Apfloat logp = Apfloat.ZERO;
    Apfloat[] s = new Apfloat[d];
    Apfloat[][] h = zeros(d, w);
    GaussianMixture m = c.mixture();
    for (int j = 0; j < d; j++) {
      Apfloat v = a.multiply(a).multiply(DoubleConversion.exact(m.covarianceEntry(0, j, j), w)).add(b2);
      Apfloat r = DoubleConversion.exact(x[j], w).subtract(a.multiply(DoubleConversion.exact(m.meanEntry(0, j), w)));
      logp = logp.subtract(half.multiply(ApfloatMath.log(twoPi.multiply(v)))).subtract(half.multiply(r).multiply(r).divide(v));
      s[j] = r.negate().divide(v);
      h[j][j] = Apfloat.ONE.negate().divide(v);
    }
    assertAgrees(e, logp, s, h);
  }

  /**
   * k = 1, d = 2, Σ(t) = [[p, q], [q, r]]: P = [[r, −q], [−q, p]]/δ with δ = pr − q²,
   * log p = −log 2π − ½ log δ − ½ zᵀPz, s = −Pz, H = −P.
   */
  @Property(tries = 100, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void oneFullGaussianInTheDimensionTwo(@ForAll("full2d") Case c) {
    OracleDensity o = c.oracle(OracleDensity.DEFAULT_DIGITS);
    double[] x = c.point(o);
    OracleEvaluation e = o.evaluate(x);
    long w = o.workingPrecision();
    GaussianMixture m = c.mixture();
    Apfloat a = DoubleConversion.exact(o.a(), w), b2 = DoubleConversion.exact(o.b2(), w);
    Apfloat a2 = a.multiply(a);
    Apfloat p = a2.multiply(DoubleConversion.exact(m.covarianceEntry(0, 0, 0), w)).add(b2);
    Apfloat q = a2.multiply(DoubleConversion.exact(m.covarianceEntry(0, 0, 1), w));
    Apfloat r = a2.multiply(DoubleConversion.exact(m.covarianceEntry(0, 1, 1), w)).add(b2);
    Apfloat det = p.multiply(r).subtract(q.multiply(q));
    Apfloat z0 = DoubleConversion.exact(x[0], w).subtract(a.multiply(DoubleConversion.exact(m.meanEntry(0, 0), w)));
    Apfloat z1 = DoubleConversion.exact(x[1], w).subtract(a.multiply(DoubleConversion.exact(m.meanEntry(0, 1), w)));
    Apfloat[][] prec = {{r.divide(det), q.negate().divide(det)}, {q.negate().divide(det), p.divide(det)}};
    Apfloat[] pz = {prec[0][0].multiply(z0).add(prec[0][1].multiply(z1)), prec[1][0].multiply(z0).add(prec[1][1].multiply(z1))};
    Apfloat quad = z0.multiply(pz[0]).add(z1.multiply(pz[1]));
    Apfloat half = new Apfloat("0.5", w);
    Apfloat logp = ApfloatMath.log(ApfloatMath.pi(w).multiply(new Apfloat(2, w))).negate()
        .subtract(half.multiply(ApfloatMath.log(det))).subtract(half.multiply(quad));
    Apfloat[] s = {pz[0].negate(), pz[1].negate()};
    Apfloat[][] h = {{prec[0][0].negate(), prec[0][1].negate()}, {prec[1][0].negate(), prec[1][1].negate()}};
    assertAgrees(e, logp, s, h);
  }

  @Provide
  Arbitrary<Double> positions() { return Parts.decimals(-30, 30, 4, 0.5); }

  @Provide
  Arbitrary<Double> separations() { return Parts.decimals(0.1, 5, 3, 2); }

  @Provide
  Arbitrary<Double> variances() { return Parts.logUniform(1e-2, 10, 1, 3); }

  @Provide
  Arbitrary<Double> times() { return Parts.logUniform(1e-6, 5, 1, 3); }

  /**
   * The README's mixture ½N(−m, v₀) + ½N(m, v₀) under vp-ou: with c = a m, v = a² v₀ + b² and
   * y = c x/v, log p = −½ log(2πv) − (x² + c²)/(2v) + log cosh y, s = −x/v + (c/v) tanh y,
   * H = −1/v + (c/v)²(1 − tanh² y), w₊ = (1 + tanh y)/2.
   */
  @Property(tries = 100, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void symmetricPairMatchesTanh(@ForAll("positions") double x, @ForAll("separations") double sep,
      @ForAll("variances") double v0, @ForAll("times") double t) {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-sep}, {sep}},
        new double[][][] {{{v0}}, {{v0}}});
    OracleDensity o = OracleDensity.at(m, new VpOu(), t);
    OracleEvaluation e = o.evaluate(new double[] {x});
    long w = o.workingPrecision();
    Apfloat a = DoubleConversion.exact(o.a(), w), b2 = DoubleConversion.exact(o.b2(), w);
    Apfloat xa = DoubleConversion.exact(x, w);
    Apfloat cc = a.multiply(DoubleConversion.exact(sep, w));
    Apfloat v = a.multiply(a).multiply(DoubleConversion.exact(v0, w)).add(b2);
    Apfloat y = cc.multiply(xa).divide(v);
    Apfloat th = ApfloatMath.tanh(y);
    Apfloat half = new Apfloat("0.5", w);
    Apfloat logp = half.multiply(ApfloatMath.log(ApfloatMath.pi(w).multiply(new Apfloat(2, w)).multiply(v))).negate()
        .subtract(xa.multiply(xa).add(cc.multiply(cc)).multiply(half).divide(v)).add(ApfloatMath.log(ApfloatMath.cosh(y)));
    Apfloat s = xa.negate().divide(v).add(cc.divide(v).multiply(th));
    Apfloat cv = cc.divide(v);
    Apfloat h = Apfloat.ONE.negate().divide(v).add(cv.multiply(cv).multiply(Apfloat.ONE.subtract(th.multiply(th))));
    assertAgrees(e, logp, new Apfloat[] {s}, new Apfloat[][] {{h}});
    RoundingBound bound = RoundingBound.of(e);
    Apfloat wPlus = Apfloat.ONE.add(th).multiply(half);
    assertClose(wPlus, e.weights()[1], AGREE * bound.weightsScale(), "w₊");
  }

  static void assertAgrees(OracleEvaluation e, Apfloat logp, Apfloat[] s, Apfloat[][] h) {
    RoundingBound bound = RoundingBound.of(e);
    assertClose(logp, e.logDensity(), AGREE * bound.logDensityScale(), "log p");
    double ds = 0;
    for (int j = 0; j < s.length; j++) ds += square(DoubleConversion.nearest(s[j].subtract(e.score()[j])));
    assertTrue(Math.sqrt(ds) <= AGREE * bound.scoreScale(), "‖δs‖ = " + Math.sqrt(ds) + " > " + AGREE * bound.scoreScale());
    double dh = 0;
    for (int r = 0; r < h.length; r++) {
      for (int c = 0; c < h.length; c++) dh += square(DoubleConversion.nearest(h[r][c].subtract(e.hessian()[r][c])));
    }
    assertTrue(Math.sqrt(dh) <= AGREE * bound.hessianScale(), "‖δH‖ = " + Math.sqrt(dh) + " > " + AGREE * bound.hessianScale());
  }

  static void assertClose(Apfloat expected, Apfloat got, double allowed, String what) {
    double err = Math.abs(DoubleConversion.nearest(expected.subtract(got)));
    assertTrue(err <= allowed, what + ": error " + err + " > " + allowed);
  }

  static Apfloat[][] zeros(int d, long w) {
    Apfloat[][] z = new Apfloat[d][d];
    for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) z[r][c] = new Apfloat(0, w);
    return z;
  }

  static double square(double v) { return v * v; }

}
