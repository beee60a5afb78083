package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.mixproof.rounding.RoundingModel;
import org.apfloat.Apfloat;
import org.mixproof.density.PointEvaluation;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.Mixtures;

/**
 * The oracle checked on its own terms (docs/claims.md §6): against the double code where that code is
 * accurate to 1e−13, and against itself at twice the precision.
 */
class OracleSelfProperties {

  /**
   * Well-conditioned: cond(Σ_i) ≤ 2, d ≤ 4, no singular data, so c·u·κ ≤ 400 · 1.11e−16 · 2 =
   * 8.9e−14 ≤ 1e−13 — the double code is then within 1e−13 of the terms' size, and an oracle that
   * disagrees by more is wrong.
   */
  @Provide
  Arbitrary<Case> wellConditioned() {
    return IllConditionedCases.of(Mixtures.builder().dimensions(1, 4).components(1, 4)
        .families(CovarianceFamily.FULL, CovarianceFamily.DIAGONAL, CovarianceFamily.ISOTROPIC, CovarianceFamily.SHARED)
        .conditionNumber(1, 2).scale(0.1, 10).meanRadius(5));
  }

  @Provide
  Arbitrary<Case> anything() { return IllConditionedCases.of(IllConditionedCases.fullRange()); }

  @Property(tries = 200, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void oracleMatchesTheDoubleCodeTo1e13WhereItIsWellConditioned(@ForAll("wellConditioned") Case c) {
    OracleDensity o = c.oracle(OracleDensity.DEFAULT_DIGITS);
    double[] x = c.point(o);
    PointEvaluation e = c.density().evaluate(x);
    Agreement a = Agreement.of(o.evaluate(x), e.logDensity(), e.weights(), e.score(), e.hessian());
    double worst = Math.max(Math.max(a.weightsError(), a.logDensityError()), Math.max(a.scoreError(), a.hessianError()));
    double bound = RoundingModel.constantTimesU(x.length) * a.kappa(); // c(d) u κ ≤ 400 u · 2 = 8.9e-14 here
    assertTrue(worst <= bound, () -> "oracle and double differ by " + worst + " of the terms (bound " + bound + "): " + a
        + " at " + Arrays.toString(x));
  }

  /**
   * 60 and 120 digits agree to 55 digits of the terms' size: each result is within c·10^{1−W}·κ of
   * the sizes ({@link RoundingBound} with apfloat's unit), and W ≥ 70 + log10 κ makes that
   * ≤ 16·25·10^{−69} ≪ 10^{−55}.
   */
  @Property(tries = 60, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void oracleIsStableFrom60To120Digits(@ForAll("anything") Case c) {
    OracleDensity o60 = c.oracle(60);
    double[] x = c.point(o60);
    OracleEvaluation e60 = o60.evaluate(x);
    OracleEvaluation e120 = c.oracle(120).evaluate(x);
    RoundingBound b = RoundingBound.of(e120);
    double tol = 1e-55;
    double dw = 0;
    for (int i = 0; i < e60.weights().length; i++) dw += Math.abs(diff(e60.weights()[i], e120.weights()[i]));
    assertTrue(dw <= tol * b.weightsScale(), "weights differ by " + dw);
    double dl = Math.abs(diff(e60.logDensity(), e120.logDensity()));
    assertTrue(dl <= tol * b.logDensityScale(), "log p differs by " + dl);
    double ds = 0;
    for (int j = 0; j < x.length; j++) ds += square(diff(e60.score()[j], e120.score()[j]));
    assertTrue(Math.sqrt(ds) <= tol * b.scoreScale(), "score differs by " + Math.sqrt(ds));
    double dh = 0;
    for (int r = 0; r < x.length; r++) for (int q = 0; q < x.length; q++) dh += square(diff(e60.hessian()[r][q], e120.hessian()[r][q]));
    assertTrue(Math.sqrt(dh) <= tol * b.hessianScale(), "Hessian differs by " + Math.sqrt(dh));
  }

  static double diff(Apfloat a, Apfloat b) { return DoubleConversion.nearest(a.subtract(b)); }

  static double square(double v) { return v * v; }
}
