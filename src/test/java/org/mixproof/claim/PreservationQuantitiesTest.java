package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.claim.PreservationScoreMutations.assertFalsified;
import static org.mixproof.claim.PreservationScoreMutations.run;
import static org.mixproof.claim.PreservationScoreMutations.tooTight;
import static org.mixproof.claim.PreservationScoreMutations.with;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.Points;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/** The preservation checks can fail: wrong bounds are falsified, a wrong law is rejected. */
class PreservationQuantitiesTest {

  /**
   * Every residual here is a rounding (or truncation) error of order u of its terms, not 0 in
   * general: a bound 1e-6 times the derived tolerance (≈ 1e-20 of the terms) must be violated.
   */
  @ParameterizedTest
  @ValueSource(strings = {"preservation.characteristic-function", "preservation.fokker-planck", "preservation.moments"})
  void aBoundAMillionTimesTooTightIsFalsified(String id) throws IOException {
    assertFalsified(tooTight(id));
  }

  /**
   * Under the claim the KS p-values are uniform, so each try's smallest of three is below ½ with
   * probability 1 − (½)³ = 7/8: demanding p ≥ ½ fails within the file's tries but with probability
   * (1/8)^60 (200 samples a try, so that shrinking stays quick; uniformity holds for any n).
   */
  @Test
  void samplingDemandingLargePValuesIsFalsified() throws IOException {
    assertFalsified(run(with("preservation.sampling", Map.of("bound", b -> "1/2", "samples", n -> "200"))));
  }

  /**
   * Power: samples of N(0, 1) data (vp-ou keeps N(0, 1) at every t) against a claimed law shifted by
   * one standard deviation. sup|F − G| = 2Φ(½) − 1 = 0.383, so √n·D ≥ √1000 · 0.38 ≈ 12 and the
   * Kolmogorov p-value is below 2e^{−2·12²} ≈ 1e−125, far below the file's α/(tries·projections).
   */
  @Test
  void samplingRejectsAShiftedLaw() {
    DiffusionCases.Case c = gaussianCase(1, 0.5);
    MixtureDensity shifted = MixtureDensity.at(
        GaussianMixture.of(new double[] {1}, new double[][] {{1 / new VpOu().a(0.5)}}, new double[][][] {{{1}}}), new VpOu(), 0.5);
    Measurement m = PreservationQuantities.sampling(c, shifted, 7, 1000, 3, Map.of());
    assertTrue(m.value() < 1e-3 / (60 * 3), "p = " + m.value());
    // the true law passes but with probability 3 · 1e-3/180 (the smallest of three uniform p-values)
    Measurement right = PreservationQuantities.sampling(c, 7, 1000, 3, Map.of());
    assertTrue(right.value() >= 1e-3 / (60 * 3), "the true law passes: p = " + right.value());
  }

  /** One-component N(0, σ²) data in d = 1 under vp-ou at time t, a near point. */
  static DiffusionCases.Case gaussianCase(double variance, double t) {
    GaussianMixture m = GaussianMixture.of(new double[] {1}, new double[][] {{0}}, new double[][][] {{{variance}}});
    return new DiffusionCases.Case(m, new VpOu(), t,
        new Points.Recipe(Points.Kind.NEAR, 0, 0, new double[] {0.5}, 0.5, new double[] {1}, 100));
  }
}
