package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.EPS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.MixtureScore;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@link GridLaws}: the boxes and ranges against hand values (the sd of p_t on vp-ou is
 * √(e^{−2t}λ + 1 − e^{−2t}), largest at the smallest t when λ &gt; 1, at the largest when λ &lt; 1), the
 * refusals, the score-evaluation counts, and the perturbed score and the ve prior against the exact
 * Gaussian law (k = 1), to the run's own quadrature-error estimate as in {@link GridLawProperties}.
 */
class GridLawsTest {

  /** sd of p_t for centred data of variance λ on vp-ou. */
  static double sd(double lambda, double t) { return Math.sqrt(Math.exp(-2 * t) * lambda - Math.expm1(-2 * t)); }

  @Test
  void boxHoldsThePriorAndEveryMarginal() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0.1, 4);
    // data N(0, 0.25 I): every p_t has sd ≤ 1, so the prior N(0, I) at ±8 sd decides: ±8 exactly
    GaussianMixture narrow = GaussianMixture.gaussian(new double[2], new double[][] {{0.25, 0}, {0, 0.25}});
    assertArrayEquals(new double[] {-8, 8, -8, 8}, GridLaws.box(narrow, ou, grid, 1), 0);
    // data N(0, 4 I), no prior: sd² = 1 + 3e^{−2t} is largest at the last grid time δ = 0.1
    GaussianMixture wide = GaussianMixture.gaussian(new double[2], new double[][] {{4, 0}, {0, 4}});
    double r = 8 * sd(4, 0.1);
    // the two evaluations of sd differ in ≤ 8 roundings of quantities ≤ sd: 8ε relative
    double tol = 8 * EPS * r;
    assertArrayEquals(new double[] {-r, r, -r, r}, GridLaws.box(wide, ou, grid, 0), tol);
  }

  @Test
  void rangeHoldsTheStartAndEveryMarginal() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0.1, 4);
    GaussianMixture wide = GaussianMixture.gaussian(new double[] {0}, new double[][] {{4}});
    // start N(0, 1) (±12) inside p_δ's ±12 sd, sd² = 1 + 3e^{−0.2} at the last grid time
    double r = 12 * sd(4, 0.1), tol = 8 * EPS * r; // as in the box: ≤ 8 roundings, 8ε relative
    assertArrayEquals(new double[] {-r, r}, GridLaws.range(wide, ou, grid, Mixture1D.gaussian(0, 1)), tol);
    // a start wider than every marginal decides: ±12·3
    assertArrayEquals(new double[] {-36, 36}, GridLaws.range(wide, ou, grid, Mixture1D.gaussian(0, 9)), 0);
  }

  /**
   * run2d's box is the prior's ±8 for a prior start and only the marginals' for an exact one: data
   * N(0, 0.25 I) on vp-ou, T = 0.5, so ±8 for the prior and ±8·sd(T) = ±8√(0.25e^{−1} + 1 − e^{−1}) for p_T.
   * Eight cells per axis are enough (the minimum); ode-heun takes 2 evaluations per step: 4·2 = 8.
   */
  @Test
  void run2dBoxCellsAndEvaluations() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(0.5, 0.1, 4);
    GaussianMixture m = GaussianMixture.gaussian(new double[2], new double[][] {{0.25, 0}, {0, 0.25}});
    GridLaws.Run2D prior = GridLaws.run2d(m, Schemes.ODE_HEUN, ou, grid, 0, StartLaw.PRIOR, 8);
    assertEquals(8, prior.fine().cellsPerAxis());
    assertEquals(4, prior.coarse().cellsPerAxis());
    assertEquals(4, prior.steps());
    assertEquals(8, prior.scoreEvaluations());
    // box() returns lo + n·(hi − lo)/n: exact for ±8 (dyadic)
    assertArrayEquals(new double[] {-8, 8, -8, 8}, prior.fine().box(), 0);
    GridLaws.Run2D exact = GridLaws.run2d(m, Schemes.ODE_HEUN, ou, grid, 0, StartLaw.EXACT, 8);
    double r = 8 * sd(0.25, 0.5);
    // 8 roundings in sd (8ε relative) plus two in lo + n·((hi − lo)/n) (2ε of 2r)
    double tol = 8 * EPS * r + 4 * EPS * r;
    assertArrayEquals(new double[] {-r, r, -r, r}, exact.fine().box(), tol);
  }

  @Test
  void runCellsAndEvaluations() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0.1, 4);
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.5}, new double[][] {{0.8}});
    Mixture1D start = GridLaws.start(StartLaw.PRIOR, m, ou, 1);
    double[] range = GridLaws.range(m, ou, grid, start);
    GridLaws.Run run = GridLaws.run(new MixtureScore(m, ou), Schemes.ODE_HEUN, ou, grid, start, range, 8);
    assertEquals(8, run.fine().cells());
    assertEquals(4, run.coarse().cells());
    assertEquals(4, run.steps());
    assertEquals(8, run.scoreEvaluations(), "4 ode-heun steps × 2 evaluations");
  }

  @Test
  void refusalsNameTheValue() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0.1, 4);
    GaussianMixture one = GaussianMixture.gaussian(new double[] {0}, new double[][] {{1}});
    GaussianMixture two = GaussianMixture.gaussian(new double[2], new double[][] {{1, 0}, {0, 1}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridLaws.run(one, Schemes.EM, ou, grid, 0, StartLaw.PRIOR, 7));
    assertTrue(e.getMessage().contains("cells must be at least 8, was 7"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridLaws.run2d(two, Schemes.EM, ou, grid, 0, StartLaw.PRIOR, 7));
    assertTrue(e.getMessage().contains("cells must be at least 8, was 7"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridLaws.run(two, Schemes.EM, ou, grid, 0, StartLaw.PRIOR, 64));
    assertTrue(e.getMessage().contains("d = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridLaws.run2d(one, Schemes.EM, ou, grid, 0, StartLaw.PRIOR, 64));
    assertTrue(e.getMessage().contains("d = 1"), e.getMessage());
  }

  /**
   * The TV between two runs on the same grids is the fine grids' TV with error |TV_n − TV_{n/2}| (its
   * definition); a run against itself is at TV 0 with error 0, to the rounding of the sums.
   */
  @Test
  void tvBetweenRuns() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(1, 0.1, 10);
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.5}, new double[][] {{0.8}});
    GridLaws.Run em = GridLaws.run(m, Schemes.EM, ou, grid, 0, StartLaw.PRIOR, 200);
    GridLaws.Run ei = GridLaws.run(m, Schemes.EI, ou, grid, 0, StartLaw.PRIOR, 200);
    GridLaws.Estimate self = em.tv(em);
    // a sum over n = 200 cells of total mass ≤ 1 rounds by ≤ n ε (n/2 ε on the coarse grid)
    assertEquals(0, self.value(), 200 * EPS);
    assertEquals(0, self.error(), 300 * EPS);
    GridLaws.Estimate t = em.tv(ei);
    double f = em.fine().tv(ei.fine()), c = em.coarse().tv(ei.coarse());
    assertEquals(f, t.value(), 0);
    assertEquals(Math.abs(f - c), t.error(), 0);
    assertTrue(t.value() > 0, "different schemes give different laws");
  }

  /**
   * ŝ = s + ε e_t with ε = 0.3 in d = 1: the grid law matches the exact Gaussian law of the perturbed
   * recursion to |D_n − D_{n/2}| + 1e-9 (the bound derived in {@link GridLawProperties}); the unperturbed
   * score's law is farther from it than that.
   */
  @Test
  void perturbedScoreMatchesTheExactPerturbedLawIn1D() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    double T = 2, delta = 0.04, eps = 0.3;
    TimeGrid grid = TimeGrid.uniform(T, delta, 20);
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.5}, new double[][] {{0.8}});
    GaussianLaw law = GaussianLaw.of(m);
    DiagonalGaussian out = law.propagate(Schemes.EM, ou, grid, eps, List.of(law.start(StartLaw.PRIOR, ou, T))).law(0);
    DiagonalGaussian pd = law.marginal(ou, delta);
    double klExact = Divergences.kl(out, pd);
    Mixture1D target = Mixture1D.at(m, ou, delta);
    GridLaws.Estimate kl = GridLaws.run(m, Schemes.EM, ou, grid, eps, StartLaw.PRIOR, 2000).kl(target);
    assertTrue(Math.abs(kl.value() - klExact) <= kl.error() + 1e-9, "grid KL " + kl + " vs exact " + klExact);
    double klUnperturbed = Divergences.kl(law.propagate(Schemes.EM, ou, grid, StartLaw.PRIOR).law(0), pd);
    assertTrue(Math.abs(klUnperturbed - klExact) > 2 * (kl.error() + 1e-9), "ε must matter here");
  }

  /**
   * The same in d = 2 (64 cells per axis, as in GridLaw2DProperties), with an anisotropic Gaussian: the
   * grid KL matches the exact perturbed law's to its quadrature estimate + 1e-9.
   */
  @Test
  void perturbedScoreMatchesTheExactPerturbedLawIn2D() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    double T = 2, delta = 0.05, eps = 0.3;
    TimeGrid grid = TimeGrid.uniform(T, delta, 20);
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.3, -0.2}, new double[][] {{0.5, 0.1}, {0.1, 0.8}});
    GaussianLaw law = GaussianLaw.of(m);
    DiagonalGaussian out = law.propagate(Schemes.EM, ou, grid, eps, List.of(law.start(StartLaw.PRIOR, ou, T))).law(0);
    DiagonalGaussian pd = law.marginal(ou, delta);
    double klExact = Divergences.kl(out, pd);
    GridLaws.Estimate kl = GridLaws.run2d(m, Schemes.EM, ou, grid, eps, StartLaw.PRIOR, 64).kl(MixtureDensity.at(m, ou, delta));
    assertTrue(Math.abs(kl.value() - klExact) <= kl.error() + 1e-9, "grid KL " + kl + " vs exact " + klExact);
    double klUnperturbed = Divergences.kl(law.propagate(Schemes.EM, ou, grid, StartLaw.PRIOR).law(0), pd);
    assertTrue(Math.abs(klUnperturbed - klExact) > 2 * (kl.error() + 1e-9), "ε must matter here");
  }

  /**
   * The 2-D prior start on ve-linear, N(0, T² I) with T = 2 (variance 4 ≠ 1, so both the normalising
   * constant 2π·4 and the exponent's 2·4 are tested): the grid KL of the ode-ei output matches the exact
   * Gaussian law's to its quadrature estimate + 1e-9.
   */
  @Test
  void vePriorStartIn2DMatchesTheExactLaw() {
    NoiseSchedule ve = Schedules.parse("ve-linear");
    double T = 2, delta = 0.1;
    TimeGrid grid = TimeGrid.uniform(T, delta, 20);
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.3, -0.2}, new double[][] {{0.5, 0.1}, {0.1, 0.8}});
    GaussianLaw law = GaussianLaw.of(m);
    DiagonalGaussian out = law.propagate(Schemes.ODE_EI, ve, grid, StartLaw.PRIOR).law(0);
    double klExact = Divergences.kl(out, law.marginal(ve, delta));
    GridLaws.Run2D run = GridLaws.run2d(m, Schemes.ODE_EI, ve, grid, 0, StartLaw.PRIOR, 64);
    GridLaws.Estimate kl = run.kl(MixtureDensity.at(m, ve, delta));
    assertTrue(Math.abs(kl.value() - klExact) <= kl.error() + 1e-9, "grid KL " + kl + " vs exact " + klExact);
  }
}
