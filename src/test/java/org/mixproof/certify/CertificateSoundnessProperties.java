package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apfloat.Apfloat;
import org.mixproof.certify.BoxCertifier.Result;
import org.mixproof.certify.BoxCertifier.Verdict;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.Mixtures;
import org.mixproof.oracle.OracleConfirmation;
import org.mixproof.oracle.OracleConfirmation.Confirmation;
import org.mixproof.oracle.OracleDensity;

/**
 * docs/claims.md §8, soundness over random instances in d ≤ 2: PROVED never coincides with a violation
 * that the double code finds and the 60-digit oracle confirms; a FALSIFIED verdict's witness is
 * confirmed by the oracle; the certified enclosure of the supremum is never below a value the oracle
 * computes inside the box. Verdict shares are collected as statistics.
 */
class CertificateSoundnessProperties {

  static final int SAMPLES = 48;

  @Provide
  Arbitrary<Case> cases() {
    return IllConditionedCases.of(Mixtures.builder().dimensions(1, 2).components(1, 3)
        .families(CovarianceFamily.FULL, CovarianceFamily.DIAGONAL, CovarianceFamily.ISOTROPIC, CovarianceFamily.SHARED)
        .conditionNumber(1, 100).scale(0.2, 5).meanRadius(3));
  }

  /** ‖S‖₂ of a symmetric 1×1 or 2×2 double matrix by its closed form |m| + √(h² + b²). */
  static double norm(double[][] s) {
    if (s.length == 1) return Math.abs(s[0][0]);
    double m = 0.5 * (s[0][0] + s[1][1]), h = 0.5 * (s[0][0] - s[1][1]);
    return Math.abs(m) + Math.hypot(h, s[0][1]);
  }

  @Property(tries = 60, seed = "20261202")
  void provedNeverMeetsAConfirmedViolation(@ForAll("cases") Case c) {
    MixtureDensity p;
    try {
      p = c.density();
    } catch (IllConditionedException e) {
      Statistics.label("verdict").collect("refused by double");
      return;
    }
    int d = c.mixture().dimension();
    double[] centre = c.mixture().overallMean();
    double half = 0;
    for (int j = 0; j < d; j++) half = Math.max(half, Math.sqrt(c.mixture().overallCovariance()[j][j]));
    Interval[] box = new Interval[d];
    for (int j = 0; j < d; j++) box[j] = Interval.of(centre[j] - half, centre[j] + half);
    SplittableRandom rnd = new SplittableRandom(c.hashCode());
    double best = -1;
    double[] bestX = null;
    for (int n = 0; n < SAMPLES; n++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) x[j] = box[j].lo() + rnd.nextDouble() * (box[j].hi() - box[j].lo());
      double v;
      try {
        v = norm(p.hessian(x));
      } catch (IllConditionedException e) {
        continue;
      }
      if (v > best) {
        best = v;
        bestX = x;
      }
    }
    if (bestX == null) return;
    DensityEnclosure<Interval> enclosure;
    try {
      enclosure = new DensityEnclosure<>(c.mixture(), ScheduleEnclosure.asComputed(c.schedule(), c.t()));
    } catch (IllegalArgumentException e) {
      Statistics.label("verdict").collect("not certifiably definite");
      return;
    }
    OracleDensity oracle = c.oracle(OracleDensity.DEFAULT_DIGITS);
    double violated = best * (1 - 1e-6);
    Confirmation seen = OracleConfirmation.check(oracle, bestX, violated);
    BoxCertifier certifier = new BoxCertifier(enclosure);
    Result low = certifier.certify(box, violated, 1, 2000);
    if (seen.confirmed()) {
      assertNotEquals(Verdict.PROVED, low.verdict(), "PROVED against a confirmed violation at " + java.util.Arrays.toString(bestX));
    }
    // the certified upper end of the supremum is never below the oracle's ‖H‖ at a point of the box
    assertTrue(new Apfloat(new java.math.BigDecimal(low.upper())).compareTo(seen.hessianNorm().subtract(seen.rounding())) >= 0,
        "upper " + low.upper() + " below the oracle's " + seen.hessianNorm());
    if (low.verdict() == Verdict.FALSIFIED) {
      Confirmation at = OracleConfirmation.check(oracle, low.witness().point(), violated);
      assertTrue(at.confirmed(), "the witness of FALSIFIED is confirmed by the oracle: " + low);
      assertTrue(at.hessianNorm().add(at.rounding()).compareTo(new Apfloat(new java.math.BigDecimal(low.lower()))) >= 0,
          "the oracle's ‖H‖ at the witness is at least the certified lower bound");
    }
    Result high = certifier.certify(box, 1.5 * best, 1, 2000);
    Statistics.label("verdict").collect("violated: " + low.verdict() + ", 1.5×: " + high.verdict());
    if (high.verdict() == Verdict.PROVED) assertTrue(high.upper() <= 1.5 * best && high.lower() <= high.upper());
  }
}
