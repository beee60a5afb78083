package org.mixproof.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The exact and perturbed scores and the start laws against closed forms (docs/mutation.md): for data
 * N(m, σ²) under vp-ou, p_t = N(a_t m, a_t² σ² + b_t²) and s_t(y) = −(y − a_t m)/(a_t² σ² + b_t²);
 * e_t(x) = (x − a_t m_0)/√(a_t² tr Cov p_0 + d b_t²) (docs/claims.md §5).
 */
class ScoreAndStartTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");

  @Test
  void mixtureScoreOfOneGaussianIsLinear() {
    double m = 1.2, s2 = 0.3;
    MixtureScore score = new MixtureScore(GaussianMixture.gaussian(new double[] {m}, new double[][] {{s2}}), OU);
    assertEquals(1, score.dimension());
    // five distinct times: more than the cache holds, each must still give its own score
    for (double t : new double[] {0.1, 0.4, 0.9, 1.7, 2.5, 0.1}) {
      double a = Math.exp(-t), v = a * a * s2 + (1 - Math.exp(-2 * t));
      double[] y = {0.3, -1, 2.2}, out = new double[3], one = new double[1];
      score.evaluate(t, y, out); // a batch of three rows
      for (int i = 0; i < 3; i++) assertEquals(-(y[i] - a * m) / v, out[i], 1e-14, "t = " + t);
      score.evaluate(t, new double[] {0.3}, one); // one row
      assertEquals(-(0.3 - a * m) / v, one[0], 1e-14);
    }
    assertThrows(IllegalArgumentException.class, () -> score.evaluate(0.5, new double[2], new double[3]));
  }

  @Test
  void singularDataHasNoScoreWhereThereIsNoNoise() {
    GaussianMixture point = GaussianMixture.gaussian(new double[] {1, 0}, new double[][] {{0, 0}, {0, 1}});
    MixtureScore score = new MixtureScore(point, OU);
    assertThrows(UndefinedStepException.class, () -> score.evaluate(0, new double[2], new double[2]));
    double[] out = new double[2];
    score.evaluate(0.5, new double[] {0, 0}, out);
    double a = Math.exp(-0.5), b2 = 1 - Math.exp(-1);
    assertArrayEquals(new double[] {a / b2, 0}, out, 1e-14); // −(0 − a·1)/(0 + b²), −0/(a² + b²)
  }

  @Test
  void perturbedScoreAddsTheNormalisedAffineError() {
    double[] m0 = {1, -2};
    double tr = 3;
    ScorePerturbation e = new ScorePerturbation(OU, m0, tr, 2);
    Score zero = (t, y, out) -> java.util.Arrays.fill(out, 0.0);
    double t = 0.5, a = Math.exp(-t), b2 = 1 - Math.exp(-2 * t), scale = 1 / Math.sqrt(a * a * tr + 2 * b2);
    assertEquals(scale, e.scale(t), 1e-15);
    assertEquals(a * -2, e.center(t, 1), 1e-15);
    assertEquals(2, e.coordinates());
    double eps = 0.25;
    PerturbedScore p = new PerturbedScore(zero, eps, e);
    double[] y = {0.4, 0.7, -1.1, 3}, out = new double[4]; // two rows of d = 2
    p.evaluate(t, y, out);
    for (int i = 0; i < 4; i++) assertEquals(eps * scale * (y[i] - a * m0[i % 2]), out[i], 1e-15, "entry " + i);
    PerturbedScore none = new PerturbedScore((tt, yy, o) -> java.util.Arrays.fill(o, 7.0), 0, e);
    none.evaluate(t, y, out);
    assertArrayEquals(new double[] {7, 7, 7, 7}, out);
    assertThrows(IllegalArgumentException.class, () -> new PerturbedScore(zero, Double.NaN, e));
    assertThrows(IllegalArgumentException.class, () -> new ScorePerturbation(OU, m0, -1, 2));
    assertThrows(IllegalArgumentException.class, () -> new ScorePerturbation(OU, m0, 1, 0));
  }

  /** ScorePerturbation.of: m_0 and tr Cov of the mixture, so E‖e_t‖² = 1 exactly. */
  @Test
  void perturbationOfAMixtureUsesItsMeanAndTotalVariance() {
    // ½ N(−1, 0.5) + ½ N(1, 0.5): mean 0, variance 0.5 + 1 = 1.5
    GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-1}, {1}},
        new double[][][] {{{0.5}}, {{0.5}}});
    ScorePerturbation e = ScorePerturbation.of(m, OU);
    double t = 0.8, a = Math.exp(-t), b2 = 1 - Math.exp(-2 * t);
    assertEquals(1 / Math.sqrt(a * a * 1.5 + b2), e.scale(t), 1e-15);
    assertEquals(0, e.mean0(0), 1e-15);
  }

  @Test
  void startLaws() {
    assertEquals(1.0, StartLaw.priorVariance(OU, 2));
    assertEquals(9.0, StartLaw.priorVariance(Schedules.parse("ve-linear"), 3));
    assertEquals(StartLaw.PRIOR, StartLaw.parse(" prior "));
    assertEquals(StartLaw.EXACT, StartLaw.parse("exact"));
    assertEquals("exact", StartLaw.EXACT.label());
    assertThrows(IllegalArgumentException.class, () -> StartLaw.parse("Prior"));
    assertThrows(IllegalArgumentException.class, () -> StartLaw.parse(null));
  }

  @Test
  void aSchemeThatDrawsMoreThanItDeclaresIsCaught() {
    Scheme liar = new Scheme() {
      @Override public String name() { return "liar"; }
      @Override public int scoreEvaluationsPerStep() { return 1; }
      @Override public int noiseDrawsPerStep() { return 0; }
      @Override public void step(double t, double tNext, double[] y, StepContext c) {
        c.score(t, y, c.scratch(0, y.length));
        c.noise(c.scratch(1, y.length));
      }
    };
    assertThrows(IllegalStateException.class, () -> Sampler.run(liar, OU, TimeGrid.uniform(1, 0.1, 2),
        (t, y, out) -> {}, new double[] {0}, 1, Noise.none()));
    Sampler.Run r = Sampler.run(Schemes.ODE_HEUN, OU, TimeGrid.uniform(1, 0.1, 3), (t, y, out) -> {
      for (int i = 0; i < y.length; i++) out[i] = -y[i];
    }, new double[] {1, 2}, 1, Noise.none());
    assertEquals(3, r.steps());
    assertEquals(6, r.scoreEvaluations());
    assertEquals(2, r.size());
    // data N(0, 1): the flow is F = y − y = 0, so every ODE step keeps y
    assertArrayEquals(new double[] {1, 2}, r.samples(), 1e-15);
  }
}
