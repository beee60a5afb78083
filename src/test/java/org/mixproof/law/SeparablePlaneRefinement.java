package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** A separable law with means spanning a plane in d = 4, its errors on three grids n, 2n, 4n. */
final class SeparablePlaneRefinement {

  private SeparablePlaneRefinement() {}

  /** {KL, TV lower, W2 lower, W2 upper} × {n, 2n, 4n} against p_δ. */
  static double[][] errors(String scheme, int n) {
    double[][] means = {{-1.5, 0, 0.4, 0}, {1.5, 0.5, 0.4, 0}, {0.2, -1.8, 0.4, 0}};
    SeparableLaw sep = SeparableLaw.of(new double[] {0.3, 0.3, 0.4}, means, 0.4);
    NoiseSchedule s = Schedules.parse("vp-ou");
    TimeGrid grid = TimeGrid.uniform(2, 0.05, 20);
    double[][] d = new double[4][3];
    for (int i = 0; i < 3; i++) {
      SeparableLaw.Errors e = sep.errors(sep.propagate(Schemes.parse(scheme), s, grid, 0, StartLaw.PRIOR, n << i), s, 0.05);
      d[0][i] = e.kl();
      d[1][i] = e.tvLower();
      d[2][i] = e.w2Lower();
      d[3][i] = e.w2Upper();
    }
    return d;
  }

  /** The change over the second doubling is at most half the first (order ≥ 1), above 1e-9. */
  static void converges(String what, double[] d) {
    double first = Math.abs(d[1] - d[0]), last = Math.abs(d[2] - d[1]);
    assertTrue(last <= first / 2 + 1e-9, what + ": " + java.util.Arrays.toString(d));
  }
}
