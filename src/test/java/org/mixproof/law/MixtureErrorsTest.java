package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@link MixtureErrors} picks the exact law by the mixture's shape; on one Gaussian (k = 1) every route
 * must agree with {@link ErrorTable#gaussian}, whose rows are checked against closed forms in
 * {@link ErrorTableTest} — an independent computation (grid quadrature against the affine Gaussian
 * recursion). Tolerance: the row's own stated quadrature error plus 1e-6.
 */
class MixtureErrorsTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");

  static ErrorTable.Config config() {
    return new ErrorTable.Config(OU, 2, List.of(Schemes.EM, Schemes.ODE_EI), List.of(6), ErrorTable.Budget.NFE,
        List.of(0.05), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0, ErrorTable.GridKind.UNIFORM);
  }

  static void agree(GaussianMixture m, MixtureErrors.Result r) {
    List<ErrorTable.Row> exact = ErrorTable.gaussian(GaussianLaw.of(m), config());
    assertEquals(exact.size(), r.rows().size());
    for (int i = 0; i < exact.size(); i++) {
      ErrorTable.Row e = exact.get(i), g = r.rows().get(i);
      assertEquals(e.start(), g.start());
      assertEquals(e.scheme(), g.scheme());
      assertEquals(e.steps(), g.steps());
      assertEquals(e.nfe(), g.nfe());
      assertNull(g.undefined());
      assertNotNull(g.w2EpsError());
      assertEquals(e.w2Eps(), g.w2Eps(), g.w2EpsError() + 1e-6, "W2 row " + i + " " + r.method());
      assertEquals(e.klEps(), g.klEps(), g.klEpsError() + 1e-6, "KL row " + i + " " + r.method());
      assertTrue(g.w2Zero() > 0, "W2 to p0");
    }
  }

  @Test
  void oneDimensionalGridLawAgreesWithTheExactGaussianLaw() {
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.8}, new double[][] {{0.6}});
    MixtureErrors.Result r = MixtureErrors.table(m, config(), 256);
    assertTrue(r.method().startsWith("1-D grid law (256 cells; error from 128)"), r.method());
    agree(m, r);
  }

  @Test
  void separableLawAgreesWithTheExactGaussianLaw() {
    // σ² I covariance in d = 3: the separable route (grid along the means' line ⊗ exact Gaussian)
    GaussianMixture m = GaussianMixture.gaussian(new double[] {0.8, 0, 0},
        new double[][] {{0.6, 0, 0}, {0, 0.6, 0}, {0, 0, 0.6}});
    assertEquals(0.6, MixtureErrors.isotropicVariance(m));
    MixtureErrors.Result r = MixtureErrors.table(m, config(), 256);
    assertTrue(r.method().startsWith("separable law (grid 256 cells ⊗ exact Gaussian in d − 1 = 2)"), r.method());
    agree(m, r);
  }

  @Test
  void shapesWithoutAnExactLawAreRejected() {
    GaussianMixture aniso3 = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0, 0}, {1, 0, 0}},
        new double[][][] {{{1, 0, 0}, {0, 2, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 2, 0}, {0, 0, 1}}});
    assertTrue(Double.isNaN(MixtureErrors.isotropicVariance(aniso3)));
    assertThrows(IllegalArgumentException.class, () -> MixtureErrors.table(aniso3, config(), 64));
    GaussianMixture one = GaussianMixture.gaussian(new double[] {0}, new double[][] {{1}});
    assertThrows(IllegalArgumentException.class, () -> MixtureErrors.table(one, config(), 7));
    assertThrows(IllegalArgumentException.class, () -> MixtureErrors.table(one, config(), 64, 7));
  }
}
