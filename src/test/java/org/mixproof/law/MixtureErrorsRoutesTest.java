package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;

/**
 * The routes of {@link MixtureErrors#table} not covered by {@link MixtureErrorsTest}: the direct 2-D grid law
 * (d = 2, anisotropic), checked against the exact Gaussian law (k = 1, {@link MixtureErrorsTest#agree}) and
 * against its definition in terms of {@link GridLaws#run2d} (W2 printed as the bracket's midpoint ± its
 * half-width + quadrature error, W2 to p₀ as the midpoint of the fine grid's bracket); the separable law on a
 * plane; the score-evaluation count of a two-evaluation scheme; the smallest grids allowed and the refusals.
 */
class MixtureErrorsRoutesTest {

  static GaussianMixture anisotropic2d() {
    return GaussianMixture.gaussian(new double[] {0.8, -0.3}, new double[][] {{0.6, 0.1}, {0.1, 0.3}});
  }

  @Test
  void twoDimensionalGridLawAgreesWithTheExactGaussianLaw() {
    GaussianMixture m = anisotropic2d();
    MixtureErrors.Result r = MixtureErrors.table(m, MixtureErrorsTest.config(), 8, 64);
    assertTrue(r.method().startsWith("2-D grid law (64² cells; error from 32²)"), r.method());
    MixtureErrorsTest.agree(m, r);
  }

  /**
   * Each row of the 2-D route is the bracket of a {@link GridLaws#run2d} with the same arguments: the
   * midpoint ½(lower + upper) ± ½(upper − lower) + error, KL and TV with their estimates, W2 to p₀ the
   * midpoint of the fine grid's bracket; ode-heun's NFE is 2 per step (budget 6: 3 steps, 6 evaluations).
   * The same deterministic computation: equal to the last bit.
   */
  @Test
  void twoDimensionalRowsAreTheRunsBrackets() {
    GaussianMixture m = anisotropic2d();
    List<Scheme> schemes = List.of(Schemes.EM, Schemes.ODE_HEUN);
    ErrorTable.Config c = new ErrorTable.Config(MixtureErrorsTest.OU, 2, schemes, List.of(6), ErrorTable.Budget.NFE,
        List.of(0.05), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0, ErrorTable.GridKind.UNIFORM);
    int cells = 32;
    MixtureErrors.Result r = MixtureErrors.table(m, c, 8, cells);
    assertEquals(4, r.rows().size());
    MixtureDensity p0 = MixtureDensity.at(m, c.schedule(), 0);
    for (ErrorTable.Row row : r.rows()) {
      Scheme s = Schemes.parse(row.scheme());
      int steps = 6 / s.scoreEvaluationsPerStep();
      assertEquals(steps, row.steps(), row.scheme());
      assertEquals(6, row.nfe(), row.scheme() + ": " + steps + " steps × " + s.scoreEvaluationsPerStep());
      TimeGrid g = c.timeGrid(row.eps(), steps);
      MixtureDensity pe = MixtureDensity.at(m, c.schedule(), c.targetTime(row.eps(), g));
      GridLaws.Run2D run = GridLaws.run2d(m, s, c.schedule(), g, 0, row.start(), cells);
      GridLaws.Bracket w2 = run.w2(pe);
      GridLaws.Estimate kl = run.kl(pe), tv = run.tv(pe);
      double[] b0 = run.fine().w2Bracket(p0);
      String at = row.scheme() + " " + row.start();
      assertEquals(0.5 * (w2.lower() + w2.upper()), row.w2Eps(), 0, "W2 midpoint " + at);
      assertEquals(0.5 * (w2.upper() - w2.lower()) + w2.error(), row.w2EpsError(), 0, "W2 half-width + error " + at);
      assertEquals(0.5 * (b0[0] + b0[1]), row.w2Zero(), 0, "W2 to p0 " + at);
      assertEquals(kl.value(), row.klEps(), 0, "KL " + at);
      assertEquals(kl.error(), row.klEpsError(), 0, "KL error " + at);
      assertEquals(tv.value(), row.tvLower(), 0, "TV " + at);
      assertEquals(tv.value(), row.tvUpper(), 0, "TV " + at);
      assertEquals(tv.error(), row.tvEpsError(), 0, "TV error " + at);
      assertTrue(row.w2Eps() > 0 && row.w2EpsError() < row.w2Eps(), "a bracket narrower than its midpoint " + at);
    }
  }

  /** Isotropic in d = 3 with means spanning a plane: the separable law with a 2-D grid ⊗ a 1-D Gaussian. */
  @Test
  void separableLawOnAPlaneNamesItsGrid() {
    GaussianMixture m = GaussianMixture.of(new double[] {0.4, 0.3, 0.3},
        new double[][] {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}},
        new double[][][] {iso(0.5), iso(0.5), iso(0.5)});
    ErrorTable.Config c = new ErrorTable.Config(MixtureErrorsTest.OU, 2, List.of(Schemes.EM), List.of(6),
        ErrorTable.Budget.NFE, List.of(0.05), List.of(StartLaw.PRIOR), 0, ErrorTable.GridKind.UNIFORM);
    MixtureErrors.Result r = MixtureErrors.table(m, c, 8, 16);
    assertTrue(r.method().startsWith("separable law (2-D grid 16² cells ⊗ exact Gaussian in d − 2 = 1)"), r.method());
    assertEquals(1, r.rows().size());
  }

  static double[][] iso(double s2) { return new double[][] {{s2, 0, 0}, {0, s2, 0}, {0, 0, s2}}; }

  /** 8 cells (and 8 per axis) are the smallest grids allowed; 7 is refused, naming the value. */
  @Test
  void smallestGridsAndRefusals() {
    GaussianMixture one = GaussianMixture.gaussian(new double[] {0.8}, new double[][] {{0.6}});
    MixtureErrors.Result r = MixtureErrors.table(one, MixtureErrorsTest.config(), 8, 8);
    assertTrue(r.method().startsWith("1-D grid law (8 cells; error from 4)"), r.method());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MixtureErrors.table(one, MixtureErrorsTest.config(), 7, 8));
    assertTrue(e.getMessage().contains("grid cells must be at least 8, was 7"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MixtureErrors.table(one, MixtureErrorsTest.config(), 8, 7));
    assertTrue(e.getMessage().contains("2-D grid cells per axis must be at least 8, was 7"), e.getMessage());
    GaussianMixture aniso3 = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0, 0}, {1, 0, 0}},
        new double[][][] {{{1, 0, 0}, {0, 2, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 2, 0}, {0, 0, 1}}});
    e = assertThrows(IllegalArgumentException.class, () -> MixtureErrors.table(aniso3, MixtureErrorsTest.config(), 64));
    assertTrue(e.getMessage().contains("no exact law for this mixture"), e.getMessage());
  }
}
