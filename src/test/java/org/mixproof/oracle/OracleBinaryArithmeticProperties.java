package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apfloat.Apfloat;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;

/**
 * The oracle's binary per-point arithmetic against {@link ApfloatReferenceEvaluation} — the same
 * algorithm in apfloat, at 120 digits — across the whole ill-conditioned generator range (cond up to
 * 1e12, far points, ties): the two must agree to 55 digits of the terms' size, as 60 and 120 digits
 * of the oracle must ({@link OracleSelfProperties}).
 */
class OracleBinaryArithmeticProperties {

  @Provide
  Arbitrary<Case> anything() { return IllConditionedCases.of(IllConditionedCases.fullRange()); }

  /**
   * Each side is within c·10^{1−W}·κ of the terms' sizes (RoundingBound; the binary side's unit
   * 2^{1−bits} ≤ 2·10^{−W} is below apfloat's 10^{1−W}), W ≥ 70 + log10 κ, so the difference is
   * ≤ 2 · 16 · 25 · 10^{−69} ≪ 10^{−55} of them.
   */
  @Property(tries = 60, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void binaryOracleAgreesWithApfloatAtTwiceTheDigits(@ForAll("anything") Case c) {
    OracleDensity o60 = c.oracle(60);
    double[] x = c.point(o60);
    OracleEvaluation e = o60.evaluate(x);
    ApfloatReferenceEvaluation ref = ApfloatReferenceEvaluation.of(c.oracle(120), x);
    RoundingBound b = RoundingBound.of(e);
    double tol = 1e-55;
    double dw = 0;
    for (int i = 0; i < ref.weights().length; i++) dw += Math.abs(diff(e.weights()[i], ref.weights()[i]));
    assertTrue(dw <= tol * b.weightsScale(), "weights differ by " + dw);
    double dl = Math.abs(diff(e.logDensity(), ref.logDensity()));
    assertTrue(dl <= tol * b.logDensityScale(), "log p differs by " + dl);
    double ds = 0;
    for (int j = 0; j < x.length; j++) ds += square(diff(e.score()[j], ref.score()[j]));
    assertTrue(Math.sqrt(ds) <= tol * b.scoreScale(), "score differs by " + Math.sqrt(ds));
    double dh = 0;
    Apfloat[][] h = e.hessian();
    for (int r = 0; r < x.length; r++) for (int q = 0; q < x.length; q++) dh += square(diff(h[r][q], ref.hessian()[r][q]));
    assertTrue(Math.sqrt(dh) <= tol * b.hessianScale(), "Hessian differs by " + Math.sqrt(dh));
  }

  static double diff(Apfloat a, Apfloat b) { return DoubleConversion.nearest(a.subtract(b)); }

  static double square(double v) { return v * v; }
}
