package org.mixproof.generators;

import static org.mixproof.rounding.RoundingModel.U;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.IllConditionedCases.Where;
import org.mixproof.oracle.DoubleConversion;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.oracle.OracleEvaluation;
import org.mixproof.schedule.NoiseSchedule;

/** {@link IllConditionedCases} produces what it says: noise levels, distances in standard deviations, ties. */
class IllConditionedCasesProperties {

  @Provide
  Arbitrary<Double> noise() {
    return Parts.logUniform(IllConditionedCases.MIN_NOISE, IllConditionedCases.MAX_NOISE, IllConditionedCases.MAX_NOISE, 4);
  }

  /** Bisection to adjacent doubles: b² at the returned t is within its own slope × ulp(t) of the target, plus b²'s rounding. */
  @Property(seed = "20261122")
  void noiseClockHitsItsTarget(@ForAll("noise") double target, @ForAll("schedules") NoiseSchedule s) {
    double t = IllConditionedCases.timeForNoise(s, target);
    double got = s.b2(t);
    double slope = Math.abs(s.b2Prime(t));
    assertTrue(Math.abs(got - target) <= 2 * slope * Math.ulp(t) + 8 * U * target,
        s.spec() + ": b²(" + t + ") = " + got + " for target " + target);
  }

  @Provide
  Arbitrary<NoiseSchedule> schedules() { return ScheduleArbitraries.all(); }

  /**
   * Moderate condition (κ ≤ 1e6) so the double-precision square root is accurate: a DEVIATIONS point
   * lies ρ standard deviations out, i.e. q_i = ρ² (the oracle's), within 8(d+1)u(√κ + ‖μ‖/(ρ√λmin))
   * relative — the root's backward error and the rounding of x — which is below 1e−6 here.
   */
  @Property(tries = 200, seed = "20261122")
  void deviationsAreMahalanobisDistances(@ForAll("deviations") Case c) {
    OracleDensity o = c.oracle(OracleDensity.MIN_DIGITS);
    double[] x = c.point(o);
    int i = c.pair()[0];
    double q = DoubleConversion.nearest(o.evaluate(x).quadraticForm(i));
    double rho = c.where().deviations();
    assertTrue(Math.abs(q / (rho * rho) - 1) <= 1e-6, "q = " + q + " for ρ = " + rho);
  }

  @Provide
  Arbitrary<Case> deviations() {
    return IllConditionedCases.of(Mixtures.builder().dimensions(1, 4).components(1, 4)
            .families(CovarianceFamily.FULL, CovarianceFamily.DIAGONAL, CovarianceFamily.ISOTROPIC)
            .conditionNumber(1, 1e6).scale(0.1, 10).meanRadius(5),
        ScheduleArbitraries.all(), Arbitraries.just(Where.DEVIATIONS));
  }

  /**
   * A TIE point has ℓ_i = ℓ_j up to the rounding of x to double: |ℓ_i − ℓ_j| ≤ ‖s_i − s_j‖ · 4u‖x‖
   * (the gradient of ℓ_i − ℓ_j is s_i − s_j) plus 10^−15 of |ℓ_i| for the root's own rounding. A
   * line need not cross a tie within reach; at least a quarter of the TIE cases must be ties (about
   * 40 % are), or the ill-conditioned properties would hardly see any.
   */
  @Property(tries = 300, seed = "20261122")
  void tiesTie(@ForAll("ties") Case c) {
    OracleDensity o = c.oracle(OracleDensity.MIN_DIGITS);
    Optional<double[]> tie = c.tiePoint(o);
    Statistics.collect(tie.isPresent() ? "tie found" : "no tie within reach");
    Statistics.coverage(cov -> cov.check("tie found").percentage(p -> p >= 25));
    if (tie.isEmpty()) return;
    double[] x = tie.get();
    int[] ij = c.pair();
    OracleEvaluation e = o.evaluate(x);
    double gap = Math.abs(DoubleConversion.nearest(e.logTerm(ij[0]).subtract(e.logTerm(ij[1]))));
    double[] si = DoubleConversion.nearest(e.componentScore(ij[0]));
    double[] sj = DoubleConversion.nearest(e.componentScore(ij[1]));
    double spread = 0, xn = 0;
    for (int k = 0; k < x.length; k++) {
      spread += (si[k] - sj[k]) * (si[k] - sj[k]);
      xn += x[k] * x[k];
    }
    double allowed = Math.sqrt(spread) * 4 * U * Math.sqrt(xn) * x.length
        + 1e-15 * Math.abs(DoubleConversion.nearest(e.logTerm(ij[0])));
    assertTrue(gap <= allowed, "ℓ_i − ℓ_j = " + gap + " > " + allowed);
  }

  @Provide
  Arbitrary<Case> ties() {
    return IllConditionedCases.of(Mixtures.builder().dimensions(1, 4).components(2, 4)
            .families(Mixtures.allFamilies()).conditionNumber(1, 1e12).scale(0.1, 10).meanRadius(5),
        ScheduleArbitraries.all(), Arbitraries.just(Where.TIE));
  }
}
