package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VpOu;

/**
 * docs/claims.md §6: a Lipschitz violation ‖H(x)‖₂ &gt; B is reported only when the oracle confirms it, and a
 * violation within rounding of the bound is not confirmed. The reference norm is the oracle's at
 * 120 digits; confirmations run at 60.
 */
class OracleConfirmationProperties {

  static final int DIGITS = 60;

  @Provide
  Arbitrary<Case> anything() { return IllConditionedCases.of(IllConditionedCases.fullRange()); }

  /** ‖H(x)‖₂ from the 120-digit oracle. */
  static Apfloat referenceNorm(Case c, double[] x) {
    OracleDensity o = c.oracle(120);
    return JacobiEigenvalues.of(o.evaluate(x).hessian(), o.workingPrecision()).spectralNorm();
  }

  /**
   * Bounds 1e−20 above and below the reference norm: the one above is never confirmed; the one below
   * is confirmed whenever the 60-digit oracle's rounding is under 1e−20 of the norm, which must be
   * almost always (its rounding is ~1e−58 of the terms' size; only a Hessian cancelling to below
   * 1e−38 of its terms escapes).
   */
  @Property(tries = 60, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void aBoundWithin1e20OfTheNormIsDecidedCorrectly(@ForAll("anything") Case c) {
    OracleDensity o = c.oracle(DIGITS);
    double[] x = c.point(o);
    Apfloat h = referenceNorm(c, x);
    Apfloat tiny = ApfloatMath.scale(h, -20);
    assertFalse(OracleConfirmation.check(o, x, h.add(tiny)).confirmed(), "‖H‖(1 + 1e−20) confirmed as exceeded");
    OracleConfirmation.Confirmation below = OracleConfirmation.check(o, x, h.subtract(tiny));
    boolean resolvable = below.rounding().compareTo(ApfloatMath.scale(tiny, -1)) < 0;
    Statistics.label("rounding").collect(resolvable ? "below 1e−21 ‖H‖" : "above 1e−21 ‖H‖");
    if (resolvable) assertTrue(below.confirmed(), "‖H‖(1 − 1e−20) not confirmed as exceeded");
    Statistics.label("rounding").coverage(cov -> cov.check("below 1e−21 ‖H‖").percentage(p -> p >= 90));
  }

  /**
   * What the Lipschitz search sees: the double code's ‖H‖₂ (EJML on its Hessian) against a bound B =
   * the reference norm rounded up to a double. Whenever the double norm exceeds B it does so only by
   * rounding, and the oracle must not confirm it; the largest double below the norm is a true (if
   * sub-ulp) violation and must be confirmed. Both situations must occur.
   */
  @Property(tries = 100, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void aDoubleNormAboveTheBoundOnlyByRoundingIsNotConfirmed(@ForAll("anything") Case c) {
    OracleDensity o = c.oracle(DIGITS);
    double[] x = c.point(o);
    Apfloat h = referenceNorm(c, x);
    double up = DoubleConversion.nearest(h);
    if (DoubleConversion.exact(up, 150).compareTo(h) < 0) up = Math.nextUp(up);
    double down = Math.nextDown(up);
    double doubleNorm;
    try {
      MixtureDensity p = c.density();
      double[] eig = GaussianMixture.symmetricEigenvalues(p.hessian(x));
      doubleNorm = Math.max(Math.abs(eig[0]), Math.abs(eig[eig.length - 1]));
    } catch (IllConditionedException refused) {
      doubleNorm = Double.NaN; // the search gets no double value here and must ask the oracle anyway
    }
    Statistics.label("double ‖H‖").collect(Double.isNaN(doubleNorm) ? "refused"
        : doubleNorm > up ? "above the bound by rounding" : "within the bound");
    assertFalse(OracleConfirmation.confirmsExceeds(c.mixture(), c.schedule(), c.t(), x, up, DIGITS),
        "bound ≥ ‖H‖ confirmed as exceeded (double said " + doubleNorm + ")");
    OracleConfirmation.Confirmation below = OracleConfirmation.check(o, x, down);
    if (below.rounding().compareTo(h.subtract(DoubleConversion.exact(down, 150))) < 0) {
      assertTrue(below.confirmed(), "a true violation by less than an ulp was not confirmed");
    }
    Statistics.label("double ‖H‖").coverage(cov -> {
      cov.check("above the bound by rounding").count(n -> n >= 1);
      cov.check("within the bound").count(n -> n >= 1);
    });
  }

  /**
   * lipschitz.gaussian: for k = 1, ‖H‖₂ = 1/λmin(t) exactly (λmin(t) = a² σ² + b², computed here in
   * apfloat). A bound one ulp below it is exceeded, one ulp above it is not.
   */
  @Test
  void aSingleGaussianIsDecidedToTheUlp() {
    GaussianMixture g = GaussianMixture.gaussian(new double[] {1, -2}, new double[][] {{0.3, 0}, {0, 5}});
    NoiseSchedule s = new VpOu();
    double t = 0.2;
    OracleDensity o = OracleDensity.at(g, s, t, DIGITS);
    long w = o.workingPrecision();
    Apfloat a = DoubleConversion.exact(o.a(), w);
    Apfloat lambda = a.multiply(a).multiply(DoubleConversion.exact(0.3, w)).add(DoubleConversion.exact(o.b2(), w));
    Apfloat norm = Apfloat.ONE.divide(lambda);
    double near = DoubleConversion.nearest(norm);
    double above = DoubleConversion.exact(near, w).compareTo(norm) > 0 ? near : Math.nextUp(near);
    double below = Math.nextDown(above);
    double[] x = {3, 3};
    assertFalse(OracleConfirmation.confirmsExceeds(g, s, t, x, above, DIGITS));
    assertTrue(OracleConfirmation.confirmsExceeds(g, s, t, x, below, DIGITS));
    // the oracle's H = −P(t) from Cholesky solves is within 10^{−55} of 1/λmin(t) (OracleSelfProperties' margin)
    double err = Math.abs(DoubleConversion.nearest(OracleConfirmation.check(o, x, below).hessianNorm().subtract(norm)));
    assertTrue(err <= 1e-55 * DoubleConversion.nearest(norm), "‖H‖ − 1/λmin(t) = " + err);
  }

  /**
   * lipschitz.global-unequal's witness (d = 2, Σ₁ = diag(1, 4), Σ₂ = diag(4, 1), x = (r, r)): ‖H‖ grows
   * like r², so at r = 100 it is far above 100 (confirmed) and far below 1e12 (not).
   */
  @Test
  void theGlobalUnequalWitnessIsConfirmedFarOut() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {0, 0}},
        new double[][][] {{{1, 0}, {0, 4}}, {{4, 0}, {0, 1}}});
    double[] x = {100, 100};
    OracleConfirmation.Confirmation c = OracleConfirmation.check(m, new VpOu(), 0.01, x, 100, DIGITS);
    assertTrue(c.confirmed(), "‖H‖ = " + c.hessianNormValue());
    assertFalse(OracleConfirmation.confirmsExceeds(m, new VpOu(), 0.01, x, 1e12, DIGITS));
  }
}
