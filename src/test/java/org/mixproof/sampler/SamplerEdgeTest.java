package org.mixproof.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** The edges of the sampler's inputs: the smallest legal values, exact boundaries (docs/mutation.md). */
class SamplerEdgeTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");

  @Test
  void smallestLegalGridsAndStarts() {
    assertEquals(1, TimeGrid.of(new double[] {1, 0}).steps());
    assertEquals(1, TimeGrid.uniform(1, 0, 1).steps());
    assertEquals(1, TimeGrid.ly24(OU, 2, 2, 1).steps()); // T = 2 levels: one step
    GaussianMixture g = GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
    assertEquals(2, Sampler.start(StartLaw.PRIOR, g, OU, 1, 1, RandomSource.SPLIT_MIX_64.create(1)).length);
    assertEquals(1, new ScorePerturbation(OU, new double[] {0}, 1, 1).coordinates());
    assertThrows(IllegalArgumentException.class, () -> Schemes.dpum(0, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> Schemes.dpum(1, 0, 2));
  }

  @Test
  void accessorsAndSizes() {
    GaussianMixture g = GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
    MixtureScore s = new MixtureScore(g, OU);
    assertSame(g, s.mixture());
    assertSame(OU, s.schedule());
    assertEquals(2, new PerturbedScore(s, 0.1, ScorePerturbation.of(g, OU)).dimension());
    assertEquals(3, new Sampler.Run(new double[6], 2, 1, 1).size());
    double[] xi = {3, -4};
    Noise.none().fill(xi);
    assertArrayEquals(new double[] {0, 0}, xi);
    StepContext c = new StepContext(OU, s, Noise.none());
    assertEquals(2, c.scratch(0, 2).length);
    assertEquals(3, c.scratch(0, 3).length);
  }

  @Test
  void exactStepBoundaries() {
    double[] y = {0.8, -1.3};
    // ddpm on vp-ou from t = 1 to 0.5: 1 + 2 f h = 1 − 2·0.5 = 0 exactly, undefined
    assertThrows(UndefinedStepException.class, () -> SchemeStepTest.step(Schemes.DDPM, OU, 1.0, 0.5));
    // clw25 on ve-linear: a ≡ 1, so α = 1 exactly and β = 0: the step keeps y (the score enters times β = 0)
    assertArrayEquals(y, SchemeStepTest.step(Schemes.CLW25, Schedules.parse("ve-linear"), 0.6, 0.52), 0);
  }
}
