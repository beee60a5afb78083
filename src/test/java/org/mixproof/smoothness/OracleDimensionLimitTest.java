package org.mixproof.smoothness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.Schedules;

/**
 * The oracle confirms violations up to {@link Rounding#ORACLE_MAX_DIMENSION} and is not run above it:
 * N(0, I) under vp-ou has H = −I at every point (a_t² + b_t² = 1), so ‖H(0)‖₂ = 1 exceeds a bound of ½
 * far beyond double rounding in any dimension; at d = 2 the oracle confirms it, at the limit + 1 the
 * violation is reported as beyond double rounding only.
 */
class OracleDimensionLimitTest {

  static MixtureDensity standardNormal(int d) {
    double[][] cov = new double[d][d];
    for (int i = 0; i < d; i++) cov[i][i] = 1;
    return MixtureDensity.at(GaussianMixture.gaussian(new double[d], cov), Schedules.parse("vp-ou"), 0.3);
  }

  @Test
  void confirmedUpToTheLimitAndOnlyExceededAboveIt() {
    for (int d : new int[] {2, Rounding.ORACLE_MAX_DIMENSION + 1}) {
      MixtureDensity p = standardNormal(d);
      LipschitzResult r = new LipschitzResult(1, new double[d], 1, 1, Domain.global());
      assertTrue(Rounding.exceeds(p, r.value(), 0.5), "d = " + d);
      if (d <= Rounding.ORACLE_MAX_DIMENSION) {
        assertTrue(Rounding.confirmedViolation(p, r, 0.5), "the oracle confirms ‖H‖ = 1 > ½ at d = " + d);
      } else {
        assertFalse(Rounding.confirmedViolation(p, r, 0.5), "no oracle above the limit, d = " + d);
      }
    }
  }
}
