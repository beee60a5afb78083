package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The two ways the exact Gaussian law reads a step off the scheme code — stacked lanes and
 * polynomial probing — give the same variances, for every one-evaluation scheme, with and without
 * a score error, on CIFAR-10's spectrum (ε = 1e-3, 200 steps) and on vp-ou.
 */
class GaussianLawMethodsTest {

  @Test
  void lanesAndProbingAgree() {
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.cifar10());
    for (String spec : new String[] {"vp-linear:0.1,20", "vp-ou"}) {
      NoiseSchedule s = Schedules.parse(spec);
      TimeGrid grid = TimeGrid.uniform(1, 1e-3, 200);
      ScorePerturbation e = new ScorePerturbation(s, new double[law.dimension()], sum(law.eigenvalues()), law.dimension());
      for (String name : new String[] {"em", "ei", "ddpm", "ode-euler", "ode-ei"}) {
        for (double eps : new double[] {0, 0.2}) {
          Scheme scheme = Schemes.parse(name);
          double[][] v1 = {filled(law.dimension(), 1.0)}, v2 = {filled(law.dimension(), 1.0)};
          law.runLanes(scheme, s, grid, eps, e, 0, scheme.noiseDrawsPerStep(), new double[1][law.dimension()], v1);
          law.runProbed(scheme, s, grid, eps, e, scheme.noiseDrawsPerStep(), v2);
          for (int j = 0; j < law.dimension(); j++) {
            // each step's multiplier c_∅ + c_0 q differs by a few roundings between the two reads,
            // relative 8u(1 + |c_0 q|/|A|); over 200 steps at most 200× that — bounded here by 1e-11
            assertEquals(v1[0][j], v2[0][j], 1e-11 * v1[0][j], spec + " " + name + " eps_score " + eps + " j " + j);
          }
        }
      }
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }
}
