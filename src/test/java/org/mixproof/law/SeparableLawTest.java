package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.EPS;

import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.MixtureScore;
import org.mixproof.sampler.PerturbedScore;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@link SeparableLaw}: its refusals, the subspace it finds (tolerance 1e-10 relative to the spread
 * and the size of the means), and its output and errors against the factors computed by hand. The
 * Gaussian factor is checked against em's closed-form recursion under vp-ou: for a coordinate with
 * data N(m, σ²), p_t = N(a_t m, V_t) with V_t = a_t² σ² + b_t², the (perturbed) score is
 * ŝ = −κ_t (y − a_t m) and em's step from t by h is y' = (1 + h) y + 2h ŝ(y) + √(2h) ξ, so
 * μ' = (1 + h) μ − 2h κ_t (μ − a_t m), v' = (1 + h − 2h κ_t)² v + 2h.
 */
class SeparableLawTest {

  static NoiseSchedule ou() { return Schedules.parse("vp-ou"); }

  static void refused(String fragment, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
  }

  @Test
  void refusals() {
    double[][] two = {{0, 1}, {1, 1}};
    refused("one mean per weight", () -> SeparableLaw.of(null, two, 1));
    refused("one mean per weight", () -> SeparableLaw.of(new double[] {1}, two, 1));
    refused("one mean per weight", () -> SeparableLaw.of(new double[] {0.5, 0.5}, null, 1));
    refused("weights[1] must be finite and >= 0, was -0.25", () -> SeparableLaw.of(new double[] {1.25, -0.25}, two, 1));
    refused("weights[0] must be finite and >= 0, was NaN", () -> SeparableLaw.of(new double[] {Double.NaN, 0.5}, two, 1));
    refused("weights[0] must be finite and >= 0, was Infinity",
        () -> SeparableLaw.of(new double[] {Double.POSITIVE_INFINITY, 0.5}, two, 1));
    refused("weights must sum to 1, sum was 1.25", () -> SeparableLaw.of(new double[] {0.5, 0.75}, two, 1));
    refused("sigma2 must be finite and >= 0, was -1.0", () -> SeparableLaw.of(new double[] {0.5, 0.5}, two, -1));
    refused("sigma2 must be finite and >= 0, was NaN", () -> SeparableLaw.of(new double[] {0.5, 0.5}, two, Double.NaN));
    refused("sigma2 must be finite and >= 0, was Infinity",
        () -> SeparableLaw.of(new double[] {0.5, 0.5}, two, Double.POSITIVE_INFINITY));
    refused("dimension d must be at least 1", () -> SeparableLaw.of(new double[] {1}, new double[][] {{}}, 1));
    refused("means[1] must have length d = 2", () -> SeparableLaw.of(new double[] {0.5, 0.5}, new double[][] {{0, 1}, {1}}, 1));
    refused("means[1] must have length d = 2", () -> SeparableLaw.of(new double[] {0.5, 0.5}, new double[][] {{0, 1}, null}, 1));
    refused("means[1] must be finite",
        () -> SeparableLaw.of(new double[] {0.5, 0.5}, new double[][] {{0, 1}, {1, Double.NaN}}, 1));
    // the vertices of the unit simplex in R³ span 3 dimensions: all residuals have length 1, the third
    // direction is taken from means[3]
    refused("dimension ≥ 3 (means[3] is 1.0 off the plane through means[0])", () -> SeparableLaw.of(
        new double[] {0.25, 0.25, 0.25, 0.25}, new double[][] {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 1));
  }

  @Test
  void boundaryValuesAreAccepted() {
    // a zero weight, σ² = 0 (point masses) and d = 1 are all allowed
    SeparableLaw z = SeparableLaw.of(new double[] {0, 1}, new double[][] {{-1}, {2}}, 0);
    assertEquals(1, z.dimension());
    assertEquals(1, z.subspaceDimension());
    assertEquals(0, z.zeroMeanCopies());
    GaussianMixture line = z.lineMixture();
    assertEquals(0.0, line.weight(0));
    // the line through −1 and 2 has direction +1: coordinates are the means themselves
    assertEquals(-1.0, line.meanEntry(0, 0));
    assertEquals(2.0, line.meanEntry(1, 0));
  }

  @Test
  void structureOfALineInThreeDimensions() {
    // means (−1, ½, 0) and (3, ½, 0): direction e_1, coordinates −1 and 3, common offset ‖(0, ½, 0)‖ = ½
    SeparableLaw sep = SeparableLaw.of(new double[] {0.25, 0.75}, new double[][] {{-1, 0.5, 0}, {3, 0.5, 0}}, 0.5);
    assertEquals(3, sep.dimension());
    assertEquals(1, sep.subspaceDimension());
    assertEquals(1, sep.zeroMeanCopies());
    GaussianMixture line = sep.lineMixture();
    assertEquals(1, line.dimension());
    assertEquals(-1.0, line.meanEntry(0, 0));
    assertEquals(3.0, line.meanEntry(1, 0));
    assertEquals(0.5, line.covarianceEntry(1, 0, 0));
    DiagonalGaussian p = sep.perpendicular().marginal(ou(), 0);
    assertArrayEquals(new double[] {0.5, 0}, p.mean(), 0.0);
    assertArrayEquals(new double[] {0.5, 0.5}, p.variance(), 0.0);
    // all means equal: carried as a line with zero coordinates, the whole mean perpendicular (‖(3, 4)‖ = 5)
    SeparableLaw same = SeparableLaw.of(new double[] {0.5, 0.5}, new double[][] {{3, 4}, {3, 4}}, 1);
    assertEquals(1, same.subspaceDimension());
    assertEquals(0.0, same.lineMixture().meanEntry(1, 0));
    assertEquals(5.0, same.perpendicular().marginal(ou(), 0).mean()[0]);
  }

  @Test
  void aPlaneIsNotALine() {
    SeparableLaw plane = SeparableLaw.of(new double[] {0.25, 0.25, 0.5}, new double[][] {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}}, 1);
    assertEquals(2, plane.subspaceDimension());
    IllegalStateException e = assertThrows(IllegalStateException.class, plane::lineMixture);
    assertTrue(e.getMessage().contains("plane (m = 2)"), e.getMessage());
    // equal residuals (both of length 1): the first basis vector comes from the first of them, means[1] = e_1,
    // so the coordinates are (0, 0), (1, 0), (0, 1)
    GaussianMixture sub = plane.subspaceMixture();
    assertEquals(1.0, sub.meanEntry(1, 0));
    assertEquals(0.0, sub.meanEntry(1, 1));
    assertEquals(0.0, sub.meanEntry(2, 0));
    assertEquals(1.0, sub.meanEntry(2, 1));
  }

  static int m(double[][] means) {
    double[] w = new double[means.length];
    java.util.Arrays.fill(w, 1.0 / means.length);
    return SeparableLaw.of(w, means, 1).subspaceDimension();
  }

  @Test
  void theOffPlaneToleranceIsRelativeToTheSpreadAndTheMeans() {
    // spread 2 (means ∓1 on e_1), size of the means 1: a third mean 1.5e-10 off the line is within 1e-10 · 2
    assertEquals(1, m(new double[][] {{-1, 0}, {1, 0}, {0, 1.5e-10}}));
    assertEquals(2, m(new double[][] {{-1, 0}, {1, 0}, {0, 2.5e-10}}));
    // spread and size 4: 2e-10 off is within 4e-10
    assertEquals(1, m(new double[][] {{0, 0}, {4, 0}, {2, 2e-10}}));
    assertEquals(2, m(new double[][] {{0, 0}, {4, 0}, {2, 5e-10}}));
    // exactly at the tolerance: spread and size 1, residual √fl(1e-10²) = 1e-10 exactly (the square root of a
    // correctly rounded square returns the number), not "more than 1e-10": still a line
    assertEquals(1, m(new double[][] {{0, 0}, {1, 0}, {0, 1e-10}}));
  }

  /** Per coordinate {μ, v} of em's output on {@code g} from N(0, 1), data N(m, σ²), score ŝ = −κ_t (y − a_t m). */
  static double[] emGaussian(TimeGrid g, double m, double sigma2, double epsScore, double traceCov0, int d) {
    double mu = 0, v = 1;
    for (int i = 0; i < g.steps(); i++) {
      double t = g.time(i), h = t - g.time(i + 1), a = Math.exp(-t), b2 = -Math.expm1(-2 * t);
      // κ_t = 1/V_t − ε_score / √(a_t² tr Cov(p_0) + d b_t²) (ScorePerturbation's e_t)
      double kappa = 1 / (a * a * sigma2 + b2) - epsScore / Math.sqrt(a * a * traceCov0 + d * b2);
      double lin = 1 + h - 2 * h * kappa;
      mu = lin * mu + 2 * h * kappa * a * m;
      v = lin * lin * v + 2 * h;
    }
    return new double[] {mu, v};
  }

  /** {KL, W2², TV} of N(μ, v) against p_t = N(a_t m, V_t). */
  static double[] gaussianErrors(double[] q, double m, double sigma2, double t) {
    double a = Math.exp(-t), mp = a * m, vp = a * a * sigma2 - Math.expm1(-2 * t), dm = q[0] - mp;
    double kl = 0.5 * (q[1] / vp - 1 - Math.log(q[1] / vp) + dm * dm / vp);
    double ds = Math.sqrt(q[1]) - Math.sqrt(vp);
    return new double[] {kl, dm * dm + ds * ds, Divergences.tv1d(q[0], q[1], mp, vp)};
  }

  /**
   * Checks {@code sep.errors} against its definition from the factors: the line factor's estimates
   * (from an independently built 1-D mixture) and the Gaussian factor's closed forms {@code g}
   * ({KL, W2², TV} per coordinate, each with its multiplicity {@code mult}). Returns {tvL + √(KL_G/2), √(KL/2)}.
   */
  static double[] checkErrors(SeparableLaw sep, SeparableLaw.Output out, GaussianMixture line, NoiseSchedule s, double t,
      double[][] g, int[] mult) {
    double klG = 0, w2G = 0, tvG = 0;
    for (int j = 0; j < g.length; j++) {
      klG += mult[j] * g[j][0];
      w2G += mult[j] * g[j][1];
      if (mult[j] > 0) tvG = Math.max(tvG, g[j][2]);
    }
    Mixture1D pl = Mixture1D.at(line, s, t);
    GridLaws.Estimate kl = out.line().kl(pl), tv = out.line().tv(pl), w2 = out.line().w2(pl);
    SeparableLaw.Errors e = sep.errors(out, s, t);
    // the hand factor values carry ≤ 128 EPS from the recursion (KL, W2², TV are O(1)-Lipschitz in μ, v near
    // v ≈ 1), times at most 3 coordinates, plus a few roundings of the sums and roots (÷ 2·W2 ≥ 0.1): 2048 EPS
    double tol = 2048 * EPS;
    double klTotal = kl.value() + klG, w2Total = Math.sqrt(w2.value() * w2.value() + w2G);
    assertEquals(klTotal, e.kl(), tol, "KL adds over the factors");
    assertEquals(kl.error(), e.klError(), 0.0, "KL error is the grid factor's");
    assertEquals(w2Total, e.w2(), tol, "W2² adds");
    assertEquals(w2Total, e.w2Lower(), tol);
    assertEquals(w2Total, e.w2Upper(), tol);
    // m = 1: the bracket has width 0; ∂W2/∂W2_grid = W2_grid/W2 scales the grid's error
    assertEquals(w2.value() / w2Total * w2.error(), e.w2Error(), tol * w2.error());
    double lower = Math.max(tv.value(), tvG);
    double[] branches = {tv.value() + Math.sqrt(klG / 2), Math.sqrt(klTotal / 2)};
    assertEquals(lower, e.tvLower(), tol, "TV ≥ the largest factor's");
    assertEquals(Math.max(lower, Math.min(1, Math.min(branches[0], branches[1]))), e.tvUpper(), tol, "TV upper");
    assertEquals(tv.error(), e.tvError(), 0.0);
    return branches;
  }

  @Test
  void errorsWhereTheGaussianFactorDominates() {
    NoiseSchedule s = ou();
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 20);
    double t = 0.05, offset = 5;
    // d = 3: line e_1 with coordinates −1, 3; perpendicular offset (0, 5, 0); one zero-mean copy
    SeparableLaw sep = SeparableLaw.of(new double[] {0.25, 0.75}, new double[][] {{-1, offset, 0}, {3, offset, 0}}, 1);
    SeparableLaw.Output out = sep.propagate(Schemes.EM, s, grid, 0, StartLaw.PRIOR, 256);
    assertEquals(20, out.steps());
    assertEquals(20, out.scoreEvaluations());
    // the Gaussian factor against the recursion: 20 steps of ≤ 8 roundings (u each) on O(1)-relative values
    // through contractions |1 + h − 2hκ| ≤ 1: ≤ 160u = 80 EPS relative; 128 EPS · max(1, |μ|)
    double[] c0 = emGaussian(grid, offset, 1, 0, 0, 3), c1 = emGaussian(grid, 0, 1, 0, 0, 3);
    assertArrayEquals(new double[] {c0[0], c1[0]}, out.perpendicular().mean(), 128 * EPS * offset);
    assertArrayEquals(new double[] {c0[1], c1[1]}, out.perpendicular().variance(), 128 * EPS);
    double[][] g = {gaussianErrors(c0, offset, 1, t), gaussianErrors(c1, 0, 1, t)};
    GaussianMixture line = GaussianMixture.of(new double[] {0.25, 0.75}, new double[][] {{-1}, {3}},
        new double[][][] {{{1}}, {{1}}});
    double[] b = checkErrors(sep, out, line, s, t, g, new int[] {1, 1});
    // in this case the offset coordinate's TV is the largest and Pinsker on the total KL is the tighter upper bound
    Mixture1D pl = Mixture1D.at(line, s, t);
    assertTrue(g[0][2] > out.line().tv(pl).value() + 0.01, "Gaussian factor's TV dominates");
    assertTrue(b[1] < b[0] - 0.01, "√(KL/2) is the upper bound");
  }

  @Test
  void errorsWhereTheLineFactorDominates() {
    NoiseSchedule s = ou();
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 80);
    double t = 0.05;
    // d = 2, no offset, no zero-mean copy: the Gaussian factor is N(0, 1) data, whose p_T the prior is, so only
    // its (small, 80 steps) discretisation error; the line factor keeps its prior-start error
    SeparableLaw sep = SeparableLaw.of(new double[] {0.25, 0.75}, new double[][] {{-1, 0}, {3, 0}}, 1);
    assertEquals(0, sep.zeroMeanCopies());
    SeparableLaw.Output out = sep.propagate(Schemes.EM, s, grid, 0, StartLaw.PRIOR, 256);
    double[] c0 = emGaussian(grid, 0, 1, 0, 0, 2);
    // 80 steps as above: ≤ 320u = 160 EPS; 256 EPS
    assertEquals(c0[1], out.perpendicular().variance()[0], 256 * EPS);
    // the zero-mean copy (multiplicity 0) is left out of every sum and of the TV bound
    double[][] g = {gaussianErrors(c0, 0, 1, t), gaussianErrors(c0, 0, 1, t)};
    GaussianMixture line = GaussianMixture.of(new double[] {0.25, 0.75}, new double[][] {{-1}, {3}},
        new double[][][] {{{1}}, {{1}}});
    double[] b = checkErrors(sep, out, line, s, t, g, new int[] {1, 0});
    assertTrue(b[0] < b[1] - 1e-3, "TV_line + √(KL_G/2) is the upper bound: " + b[0] + " vs " + b[1]);
  }

  @Test
  void withoutAPerpendicularSpaceTheErrorsAreTheLineFactors() {
    NoiseSchedule s = ou();
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 20);
    SeparableLaw sep = SeparableLaw.of(new double[] {0.25, 0.75}, new double[][] {{-1}, {3}}, 1);
    SeparableLaw.Output out = sep.propagate(Schemes.EM, s, grid, 0, StartLaw.PRIOR, 256);
    GaussianMixture line = GaussianMixture.of(new double[] {0.25, 0.75}, new double[][] {{-1}, {3}},
        new double[][][] {{{1}}, {{1}}});
    Mixture1D pl = Mixture1D.at(line, s, 0.05);
    SeparableLaw.Errors e = sep.errors(out, s, 0.05);
    // d = m = 1: nothing is added (x + 0, √(x²) = x and x/x = 1 are exact)
    assertEquals(out.line().kl(pl).value(), e.kl(), 0.0);
    assertEquals(out.line().w2(pl).value(), e.w2(), 0.0);
    assertEquals(out.line().w2(pl).error(), e.w2Error(), 0.0);
    assertEquals(out.line().tv(pl).value(), e.tvLower(), 0.0);
  }

  @Test
  void aTwoEvaluationSchemeCountsTwiceTheSteps() {
    SeparableLaw sep = SeparableLaw.of(new double[] {0.5, 0.5}, new double[][] {{-1, 1}, {1, 1}}, 1);
    SeparableLaw.Output out = sep.propagate(Schemes.ODE_HEUN, ou(), TimeGrid.uniform(2, 0.05, 6), 0, StartLaw.EXACT, 64);
    assertEquals(6, out.steps());
    assertEquals(12, out.scoreEvaluations());
  }

  @Test
  void aPerturbedScoreUsesTheWholeSpacesMeanAndTrace() {
    NoiseSchedule s = ou();
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 20);
    double eps = 0.5, sigma2 = 0.5;
    // d = 3, coordinates −1, 3 (weights ¼, ¾) on e_1, offset ½ on e_2: m_0 on the line = −¼ + 9/4 = 2,
    // tr Cov(p_0) = d σ² + ¼·9 + ¾·1 = 1.5 + 3 = 4.5 (all exact in binary)
    SeparableLaw sep = SeparableLaw.of(new double[] {0.25, 0.75}, new double[][] {{-1, 0.5, 0}, {3, 0.5, 0}}, sigma2);
    SeparableLaw.Output out = sep.propagate(Schemes.EM, s, grid, eps, StartLaw.PRIOR, 128);
    // the line factor: the same grid run with ŝ = s + ε e_t built from these hand values (bit for bit)
    GaussianMixture line = GaussianMixture.of(new double[] {0.25, 0.75}, new double[][] {{-1}, {3}},
        new double[][][] {{{sigma2}}, {{sigma2}}});
    Mixture1D start = GridLaws.start(StartLaw.PRIOR, line, s, 2);
    GridLaws.Run direct = GridLaws.run(new PerturbedScore(new MixtureScore(line, s), eps,
        new ScorePerturbation(s, new double[] {2}, 4.5, 3)), Schemes.EM, s, grid, start,
        GridLaws.range(line, s, grid, start), 128);
    assertEquals(direct.fine(), out.line().fine());
    assertEquals(direct.coarse(), out.line().coarse());
    // the Gaussian factor against the recursion with κ_t = 1/V_t − ε/√(a_t² 4.5 + 3 b_t²) (128 EPS as above)
    double[] c0 = emGaussian(grid, 0.5, sigma2, eps, 4.5, 3), c1 = emGaussian(grid, 0, sigma2, eps, 4.5, 3);
    assertArrayEquals(new double[] {c0[0], c1[0]}, out.perpendicular().mean(), 128 * EPS);
    assertArrayEquals(new double[] {c0[1], c1[1]}, out.perpendicular().variance(), 128 * EPS);
  }
}
