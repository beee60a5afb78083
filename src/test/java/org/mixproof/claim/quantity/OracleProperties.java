package org.mixproof.claim.quantity;

import static org.mixproof.claim.PreservationScoreOracleClaims.assertHolds;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.mixproof.claim.Measurement;
import org.mixproof.claim.Quantity;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.IllConditionedCases.Where;
import org.mixproof.generators.Mixtures;
import org.mixproof.generators.ScheduleArbitraries;
import org.mixproof.oracle.ThoroughTries;

/**
 * docs/claims.md §6 {@code oracle.agreement}, {@code oracle.finite} and {@code oracle.ill-conditioned}: the
 * double code against the oracle on jqwik's own cases, measured by the production quantities
 * ({@link OracleQuantities}) and judged by the claim files' bounds. The constant c = 16(d+1)² and the
 * term scales are derived once, in {@code oracle.RoundingBound}. The oracle runs at 20 digits
 * ({@code OracleDensity.MIN_DIGITS}): its own error (≤ c·10^{−29} of the terms) is then far below the
 * smallest tolerance c·u ≥ 7e−15 of them.
 */
class OracleProperties {

  static final Quantity<Case> AGREEMENT = OracleQuantities.agreement();
  static final Quantity<Case> ILL_CONDITIONED = OracleQuantities.illConditioned();
  static final Quantity<Case> FINITE = OracleQuantities.finite();

  /**
   * Where double precision is expected to cope: cond(Σ_i) ≤ 1e4 with smallest eigenvalue ≥ 0.1, no
   * singular data, points up to 1e3 standard deviations from a component and ties between components
   * (within 4 steps of the line's direction, so ≤ 1e3 + 4 · 2.1e3 ≈ 9.1e3 standard deviations: the
   * direction is at most ‖μ_j − μ_i‖ + 2√λmax ≤ 10 + 2√1e5 long, over √λmin ≥ √0.1). There every
   * competing component's log-term is within c u (κ (q + d) + ρ √(q/λ) + L) ≤ 400 · 1.11e−16 ·
   * (1e4 · 8.3e7 + 2.9e6 · 2.9e4 + 60) < 0.05 of exact (d ≤ 4), below the refusal threshold ½, and a
   * component uncertain by more than ½ has q ≥ 1e9, so lies ≥ 4e8 below the others and is
   * negligible: no point may be refused.
   */
  @Provide
  Arbitrary<Case> moderate() {
    return IllConditionedCases.of(Mixtures.builder().dimensions(1, 4).components(1, 4)
            .families(CovarianceFamily.FULL, CovarianceFamily.DIAGONAL, CovarianceFamily.ISOTROPIC, CovarianceFamily.SHARED)
            .conditionNumber(1, 1e4).scale(0.1, 10).meanRadius(5),
        ScheduleArbitraries.all(), Arbitraries.of(Where.NEAR, Where.BETWEEN, Where.DEVIATIONS, Where.TIE));
  }

  /** The whole range of {@link IllConditionedCases#fullRange()}. */
  @Provide
  Arbitrary<Case> anything() { return IllConditionedCases.of(IllConditionedCases.fullRange()); }

  /** oracle.agreement: normalised errors within c·u·κ, and nothing in the moderate range refused. */
  @Property(tries = 500, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void oracleAgreement(@ForAll("moderate") Case c) {
    assertHolds(AGREEMENT, "oracle.agreement", c); // a refusal measures +∞ and fails
  }

  /**
   * oracle.ill-conditioned: across the whole generator range the double code either refuses (an
   * IllConditionedException, at construction or at the point) or returns values within c·u·κ —
   * never a silently wrong value. Both outcomes must occur (so the range reaches where double
   * fails), and accepted cases with κ ≥ 1e8 must occur (so refusing is not all it does).
   */
  @Property(tries = 1000, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void oracleIllConditioned(@ForAll("anything") Case c) {
    Measurement m = assertHolds(ILL_CONDITIONED, "oracle.ill-conditioned", c);
    Statistics.label("outcome").collect(m.variables().get("refused") == 1 ? "refused"
        : m.variables().get("kappa") >= 1e8 ? "accepted, κ ≥ 1e8" : "accepted, κ < 1e8");
    Statistics.label("outcome").coverage(cov -> {
      cov.check("refused").count(n -> n >= 1);
      cov.check("accepted, κ ≥ 1e8").count(n -> n >= 1);
    });
  }

  /**
   * oracle.finite: for finite valid input the double code returns finite numbers or refuses — never
   * NaN or ±∞, and log p (never refused at a point) stays finite even where every component density
   * underflows.
   */
  @Property(tries = 1000, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void oracleFinite(@ForAll("anything") Case c) {
    assertHolds(FINITE, "oracle.finite", c);
  }

}
