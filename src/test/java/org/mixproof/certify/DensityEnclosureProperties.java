package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.Mixtures;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.oracle.OracleEvaluation;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The interval density's enclosures contain the 60-digit oracle's values (docs/claims.md §8: "every
 * enclosure contains the oracle's value"), on generated mixtures, times and points — near the means,
 * between them, many deviations out and at ties. The oracle evaluates the density defined by the
 * schedule's doubles a(t), b2(t), so the enclosure is built from the same ({@link
 * ScheduleEnclosure#asComputed}); the schedule's real coefficients are checked separately against
 * apfloat. Relative widths are collected as statistics (the tightness is measured, not assumed).
 */
class DensityEnclosureProperties {

  static final int DIGITS = 60;

  @Provide
  Arbitrary<Case> cases() {
    return IllConditionedCases.of(Mixtures.builder().dimensions(1, 3).components(1, 3)
        .families(CovarianceFamily.FULL, CovarianceFamily.DIAGONAL, CovarianceFamily.ISOTROPIC, CovarianceFamily.SHARED)
        .conditionNumber(1, 1e4).scale(0.1, 10).meanRadius(5));
  }

  /**
   * Whether v lies in the interval up to the oracle's own error: 60 digits carry about 1e-55 of the
   * terms' size, so 1e-45·scale is far below the ulp-sized distances an enclosure keeps.
   */
  static boolean contains(Interval i, Apfloat v, double scale) {
    BigDecimal x = new BigDecimal(v.toString(true));
    BigDecimal slack = new BigDecimal(1e-45 * Math.max(1, scale));
    boolean above = i.lo() == Double.NEGATIVE_INFINITY || new BigDecimal(i.lo()).subtract(slack).compareTo(x) <= 0;
    boolean below = i.hi() == Double.POSITIVE_INFINITY || x.compareTo(new BigDecimal(i.hi()).add(slack)) <= 0;
    return above && below;
  }

  static String bucket(double relativeWidth) {
    if (relativeWidth == 0) return "0";
    if (!Double.isFinite(relativeWidth)) return "contains 0";
    return "1e" + (int) Math.ceil(Math.log10(relativeWidth));
  }

  @Property(tries = 150, seed = "20261202")
  void enclosuresContainTheOracleValues(@ForAll("cases") Case c) {
    OracleDensity o = c.oracle(DIGITS);
    double[] x = c.point(o);
    OracleEvaluation e = o.evaluate(x);
    DensityEnclosure.Enclosure<Interval> en = new DensityEnclosure<>(c.mixture(), ScheduleEnclosure.asComputed(c.schedule(), c.t())).at(x);
    int d = x.length, k = c.mixture().components();
    Apfloat[] w = e.weights();
    for (int i = 0; i < k; i++) {
      assertTrue(contains(en.weights()[i], w[i], 1), "w_" + i + " " + en.weights()[i] + " misses " + w[i]);
      if (en.logTerms()[i] != null) {
        Apfloat ell = e.logTerm(i);
        assertTrue(contains(en.logTerms()[i], ell, Math.abs(ell.doubleValue())),
            "ℓ_" + i + " " + en.logTerms()[i] + " misses " + ell);
      }
    }
    Apfloat[] s = e.score();
    Apfloat[][] h = e.hessian();
    double hScale = 0;
    for (Apfloat[] row : h) for (Apfloat v : row) hScale = Math.max(hScale, Math.abs(v.doubleValue()));
    for (int r = 0; r < d; r++) {
      assertTrue(contains(en.score()[r], s[r], Math.abs(s[r].doubleValue())), "s_" + r + " " + en.score()[r] + " misses " + s[r]);
      for (int q = 0; q < d; q++) {
        assertTrue(contains(en.hessian()[r][q], h[r][q], hScale), "H_" + r + q + " " + en.hessian()[r][q] + " misses " + h[r][q]);
      }
    }
    double worst = 0;
    for (Interval[] row : en.hessian()) for (Interval v : row) worst = Math.max(worst, v.width() / Math.max(hScale, Double.MIN_NORMAL));
    Statistics.label("Hessian width / max |H|").collect(bucket(worst));
  }

  /**
   * The decimal fallback (40 digits) runs the same enclosure: it contains the oracle's values, and its
   * Hessian is far tighter than the double one's 1e-14 … 1e-10 of max |H| (κ ≤ 1e4 here, so κ²·1e-39
   * relative leaves it below 1e-28; asserted below 1e-25).
   */
  @Property(tries = 30, seed = "20261202")
  void decimalEnclosuresContainTheOracleValuesAndAreTight(@ForAll("cases") Case c) {
    OracleDensity o = c.oracle(DIGITS);
    double[] x = c.point(o);
    OracleEvaluation e = o.evaluate(x);
    RealInterval.Arithmetic<DecimalInterval> ar = DecimalInterval.arithmetic(40);
    ScheduleEnclosure<DecimalInterval> coefficients =
        new ScheduleEnclosure<>(ar.of(c.schedule().a(c.t())), ar.of(c.schedule().b2(c.t())), false);
    DensityEnclosure.Enclosure<DecimalInterval> en = new DensityEnclosure<>(c.mixture(), coefficients).at(x);
    Apfloat[][] h = e.hessian();
    double hScale = 0;
    for (Apfloat[] row : h) for (Apfloat v : row) hScale = Math.max(hScale, Math.abs(v.doubleValue()));
    BigDecimal slack = new BigDecimal(1e-45 * Math.max(1, hScale));
    for (int r = 0; r < x.length; r++) {
      for (int q = 0; q < x.length; q++) {
        DecimalInterval v = en.hessian()[r][q];
        BigDecimal exact = new BigDecimal(h[r][q].toString(true));
        assertTrue(v.lower().subtract(slack).compareTo(exact) <= 0 && exact.compareTo(v.upper().add(slack)) <= 0,
            "H_" + r + q + " " + v + " misses " + exact);
        assertTrue(v.width() <= 1e-25 * Math.max(hScale, Double.MIN_NORMAL), "H_" + r + q + " " + v + " too wide");
      }
    }
  }

  /** The schedule's real a_t and b_t² (not its doubles) are enclosed: against apfloat's 60-digit closed forms. */
  @Test
  void scheduleEnclosuresContainTheRealCoefficients() {
    for (double t : new double[] {0, 1e-12, 1e-6, 0.01, 0.3, 0.999, 1}) {
      Apfloat at = new Apfloat(new BigDecimal(t), DIGITS), one = new Apfloat(1, DIGITS);
      check("vp-ou", t, ApfloatMath.exp(at.negate()), one.subtract(ApfloatMath.exp(at.multiply(new Apfloat(-2, DIGITS)))));
      Apfloat bmin = new Apfloat(new BigDecimal(0.1), DIGITS), bmax = new Apfloat(20, DIGITS);
      Apfloat big = bmin.multiply(at).add(bmax.subtract(bmin).multiply(at).multiply(at).divide(new Apfloat(2, DIGITS)));
      check("vp-linear:0.1,20", t, ApfloatMath.exp(big.divide(new Apfloat(-2, DIGITS))), one.subtract(ApfloatMath.exp(big.negate())));
      Apfloat smin = new Apfloat(new BigDecimal(0.01), DIGITS), smax = new Apfloat(50, DIGITS);
      Apfloat ratio = ApfloatMath.log(smax.divide(smin));
      check("ve-geometric:0.01,50", t, one,
          smin.multiply(smin).multiply(ApfloatMath.exp(ratio.multiply(at).multiply(new Apfloat(2, DIGITS))).subtract(one)));
      check("ve-linear", t, one, at.multiply(at));
    }
  }

  static void check(String spec, double t, Apfloat a, Apfloat b2) {
    NoiseSchedule s = Schedules.parse(spec);
    ScheduleEnclosure<Interval> e = ScheduleEnclosure.of(s, t);
    assertTrue(contains(e.a(), a, 1), spec + " a at t = " + t + ": " + e.a() + " misses " + a);
    assertTrue(contains(e.b2(), b2, 0), spec + " b² at t = " + t + ": " + e.b2() + " misses " + b2);
    assertTrue(e.exact());
    // the decimal fallback's coefficients: inside, and within 1e-30 relative (40 digits less the guard)
    ScheduleEnclosure<DecimalInterval> dec = ScheduleEnclosure.of(s, t, DecimalInterval.arithmetic(40));
    for (Object[] pair : new Object[][] {{dec.a(), a}, {dec.b2(), b2}}) {
      DecimalInterval v = (DecimalInterval) pair[0];
      BigDecimal exact = new BigDecimal(((Apfloat) pair[1]).toString(true));
      BigDecimal slack = exact.abs().multiply(new BigDecimal("1e-50"));
      assertTrue(v.lower().subtract(slack).compareTo(exact) <= 0 && exact.compareTo(v.upper().add(slack)) <= 0,
          spec + " at t = " + t + ": " + v + " misses " + exact);
      assertTrue(v.relativeWidth() <= 1e-30, spec + " at t = " + t + ": " + v);
    }
  }

  /** The guard fires: a covariance whose pivot enclosure reaches 0 is refused, not enclosed by nonsense. */
  @Test
  void aSingularCovarianceAtTimeZeroIsRefused() {
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0, 0}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DensityEnclosure<>(line, ScheduleEnclosure.of(Schedules.parse("vp-ou"), 0)));
    assertTrue(e.getMessage().contains("covariances[0]") && e.getMessage().contains("pivot 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ScheduleEnclosure.of(CustomSchedule.INSTANCE, 0.5));
  }
}
