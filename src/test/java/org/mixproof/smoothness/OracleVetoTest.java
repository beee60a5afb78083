package org.mixproof.smoothness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The oracle's veto fires (a former blind spot): a violation the double search reports beyond its
 * rounding margin — here a measured ‖H‖₂ inflated by 10⁻⁶, as a double slip would make it — is not a
 * counterexample when the 60-digit oracle finds ‖H(x)‖₂ below the bound. For Gaussian data ‖H(x)‖₂ =
 * 1/λmin(Σ_t) at every x exactly, so the truth is known on either side of the bound.
 */
class OracleVetoTest {

  @Test
  void aDoubleViolationTheOracleRefutesIsNotReported() {
    NoiseSchedule s = Schedules.parse("vp-linear");
    double t = 0.3, a = s.a(t), b2 = s.b2(t);
    double[] lambda = {0.4, 2.5};
    GaussianMixture g = GaussianMixture.gaussian(new double[] {1, -2}, new double[][] {{lambda[0], 0}, {0, lambda[1]}});
    MixtureDensity p = MixtureDensity.at(g, s, t);
    double truth = 1 / (a * a * lambda[0] + b2); // ‖Σ_t^{-1}‖₂ = 1/λmin(Σ_t)
    double[] x = {3.7, -0.2};
    LipschitzResult slipped = new LipschitzResult(truth * (1 + 1e-6), x, 1, 1, Domain.global());
    double above = truth * (1 + 1e-9);
    // stage 1 (double margin 32 d u κ ≈ 1e-13 relative) lets the slip through: only the oracle can veto it
    assertTrue(Rounding.exceeds(p, slipped.value(), above), "the slip is beyond the double rounding margin");
    assertFalse(Rounding.confirmedViolation(p, slipped, above), "the oracle finds ‖H‖₂ = truth < bound: vetoed");
    // and the same machinery confirms a true violation: the bound 10⁻⁹ below the truth
    assertTrue(Rounding.confirmedViolation(p, slipped, truth * (1 - 1e-9)), "a real violation is confirmed");
  }
}
