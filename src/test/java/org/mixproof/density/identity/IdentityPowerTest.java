package org.mixproof.density.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.Points;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/** The statistical identities have power: a wrong law and a wrong score are rejected, the true ones pass. */
class IdentityPowerTest {

  /**
   * Power: samples of N(0, 1) data (vp-ou keeps N(0, 1) at every t) against a claimed law shifted by
   * one standard deviation. sup|F − G| = 2Φ(½) − 1 = 0.383, so √n·D ≥ √1000 · 0.38 ≈ 12 and the
   * Kolmogorov p-value is below 2e^{−2·12²} ≈ 1e−125, far below properties/preservation.sampling's
   * α/(tries·projections) = 1e-3/(60·3).
   */
  @Test
  void samplingRejectsAShiftedLaw() {
    DiffusionCases.Case c = gaussianCase(1, 0.5);
    MixtureDensity shifted = MixtureDensity.at(
        GaussianMixture.of(new double[] {1}, new double[][] {{1 / new VpOu().a(0.5)}}, new double[][][] {{{1}}}), new VpOu(), 0.5);
    Residual m = PreservationIdentities.sampling(c, shifted, 7, 1000, 3);
    assertTrue(m.value() < 1e-3 / (60 * 3), "p = " + m.value());
    // the true law passes but with probability 3 · 1e-3/180 (the smallest of three uniform p-values)
    Residual right = PreservationIdentities.sampling(c, 7, 1000, 3);
    assertTrue(right.value() >= 1e-3 / (60 * 3), "the true law passes: p = " + right.value());
  }

  /**
   * Power: N(0, 4) data under vp-ou at t = ½ has p_t = N(0, λ), λ = 4e^{−1} + 1 − e^{−1}. Scoring its
   * samples with a Gaussian of variance v = 2λ gives ‖s‖² + H = x²/v² − 1/v with mean (λ − v)/v² =
   * −1/(4λ) and standard deviation √2 λ/v² = 1/(2√2 λ): with n = 4000 the z-score is
   * √4000 · 2√2/4 ≈ 44.7 and the p-value ≈ 0, far below properties/score.stein's
   * α/tries = 1e-3/40 = 2.5e−5.
   */
  @Test
  void steinRejectsAWrongScore() {
    double t = 0.5, e = Math.exp(-2 * t);
    double lambda = 4 * e + 1 - e;
    double wrongData = (2 * lambda - (1 - e)) / e; // its time-t variance is 2λ
    DiffusionCases.Case c = gaussianCase(4, t);
    MixtureDensity wrong = MixtureDensity.at(
        GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{wrongData}}}), new VpOu(), t);
    Residual m = ScoreIdentities.stein(c, wrong, 42, 4000);
    assertTrue(m.value() < 1e-3 / 40, "p = " + m.value());
    Residual right = ScoreIdentities.stein(c, 42, 4000);
    assertTrue(right.value() >= 1e-3 / 40, "the true score passes: p = " + right.value());
  }

  /** One-component N(0, σ²) data in d = 1 under vp-ou at time t, a near point. */
  static DiffusionCases.Case gaussianCase(double variance, double t) {
    GaussianMixture m = GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{variance}}});
    return new DiffusionCases.Case(m, new VpOu(), t,
        new Points.Recipe(Points.Kind.NEAR, 0, 0, new double[] {0.5}, 0.5, new double[] {1}, 100));
  }
}
