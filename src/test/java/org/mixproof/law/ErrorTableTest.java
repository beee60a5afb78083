package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@link ErrorTable} on data N((1.5, 0), I) under vp-ou, where every row has a closed form
 * (docs/mutation.md): p_t = N(a_t m, I) and s_t(y) = −(y − a_t m), so per coordinate
 * <ul>
 *   <li>em (f = −1, g² = 2): y' = (1 − h) y + 2h a_t m + √(2h) ξ;
 *   <li>ddpm (β = 2h, 1 + 2fh = 1 − 2h): y' = √(1 − 2h) y + 2h a_t m/√(1 − 2h) + √(2h) ξ;
 *   <li>continuous SDE and ODE from p_T: exact (W2 = 0); from N(0, I): the SDE mean is
 *       a_t m − a_T² m/a_t with variance 1, the ODE mean (a_t − a_T) m with variance 1.
 * </ul>
 * The recursions below are written from these formulas, not read off the code.
 */
class ErrorTableTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");
  static final double[] M = {1.5, 0};
  static final double T = 2, EPS = 0.05;
  static final GaussianLaw LAW = GaussianLaw.ofDiagonal(M, new double[] {1, 1});

  /** W2, W2 to p_0 and KL to p_ε of the law after n steps of em or ddpm from N(a_T m·exact, I). */
  static double[] expected(boolean ddpm, boolean exactStart, int n) {
    double h = (T - EPS) / n, w2 = 0, w2zero = 0, kl = 0;
    double aEps = Math.exp(-EPS);
    for (int j = 0; j < 2; j++) {
      double mu = exactStart ? Math.exp(-T) * M[j] : 0, v = 1;
      for (int i = 0; i < n; i++) {
        double t = T - i * h, at = Math.exp(-t);
        if (ddpm) {
          double r = Math.sqrt(1 - 2 * h);
          mu = r * mu + 2 * h * at * M[j] / r;
          v = (1 - 2 * h) * v + 2 * h;
        } else {
          mu = (1 - h) * mu + 2 * h * at * M[j];
          v = (1 - h) * (1 - h) * v + 2 * h;
        }
      }
      double dm = mu - aEps * M[j], dm0 = mu - M[j], ds = Math.sqrt(v) - 1;
      w2 += dm * dm + ds * ds;
      w2zero += dm0 * dm0 + ds * ds;
      kl += 0.5 * (v + dm * dm - 1 - Math.log(v));
    }
    return new double[] {Math.sqrt(w2), Math.sqrt(w2zero), kl};
  }

  @Test
  void rowsAgreeWithTheClosedFormRecursions() {
    ErrorTable.Config c = new ErrorTable.Config(OU, T, List.of(Schemes.DDPM, Schemes.EM), List.of(8, 1),
        ErrorTable.Budget.NFE, List.of(EPS), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0, ErrorTable.GridKind.UNIFORM);
    List<ErrorTable.Row> rows = ErrorTable.gaussian(LAW, c);
    assertEquals(8, rows.size());
    String[] order = {"ddpm/8", "ddpm/1", "em/8", "em/1"};
    double aT = Math.exp(-T), aE = Math.exp(-EPS);
    for (int r = 0; r < 8; r++) {
      ErrorTable.Row row = rows.get(r);
      boolean exact = r >= 4;
      assertEquals(exact ? StartLaw.EXACT : StartLaw.PRIOR, row.start());
      assertEquals(order[r % 4], row.scheme() + "/" + row.budget(), "row order");
      assertEquals(EPS, row.eps());
      assertEquals(row.budget(), row.steps());
      assertEquals(row.budget(), row.nfe());
      // continuous-time columns (only coordinate 1 has a mean)
      assertEquals(exact ? 0 : aT * aT * M[0] / aE, row.w2SdeContinuous(), 1e-12, "SDE");
      assertEquals(exact ? 0 : aT * M[0], row.w2OdeContinuous(), 1e-12, "ODE");
      if (row.scheme().equals("ddpm") && row.budget() == 1) { // h = 1.95: 1 − 2h < 0
        assertNotNull(row.undefined());
        assertNull(row.w2Eps());
        assertNull(row.klEps());
        continue;
      }
      assertNull(row.undefined());
      double[] want = expected(row.scheme().equals("ddpm"), exact, row.steps());
      assertEquals(want[0], row.w2Eps(), 1e-12 * Math.max(1, want[0]), "W2 " + r);
      assertEquals(want[1], row.w2Zero(), 1e-12 * Math.max(1, want[1]), "W2 to p0 " + r);
      assertEquals(want[2], row.klEps(), 1e-12 * Math.max(1, want[2]), "KL " + r);
      assertTrue(0 <= row.tvLower() && row.tvLower() <= row.tvUpper() && row.tvUpper() <= 1, "TV bracket " + r);
    }
  }

  @Test
  void pointBudgetsCountGridPointsForEveryScheme() {
    ErrorTable.Config c = new ErrorTable.Config(OU, T, List.of(Schemes.ODE_HEUN), List.of(5),
        ErrorTable.Budget.POINTS, List.of(EPS), List.of(StartLaw.EXACT), 0, ErrorTable.GridKind.EXPONENTIAL);
    ErrorTable.Row row = ErrorTable.gaussian(LAW, c).get(0);
    assertEquals(4, row.steps());
    assertEquals(8, row.nfe());
    assertEquals(4, c.steps(Schemes.ODE_RK4, 5));
    ErrorTable.Config nfe = new ErrorTable.Config(OU, T, List.of(Schemes.ODE_RK4), List.of(9),
        ErrorTable.Budget.NFE, List.of(EPS), List.of(StartLaw.EXACT), 0, ErrorTable.GridKind.UNIFORM);
    assertEquals(2, nfe.steps(Schemes.ODE_RK4, 9));
    assertThrows(IllegalArgumentException.class, () -> nfe.steps(Schemes.ODE_RK4, 3));
    assertEquals(8, nfe.timeGrid(EPS, 8).steps());
    assertEquals(EPS, nfe.targetTime(EPS, nfe.timeGrid(EPS, 8)));
  }

  @Test
  void gridKinds() {
    for (ErrorTable.GridKind g : ErrorTable.GridKind.values()) assertEquals(g, ErrorTable.GridKind.parse(g.label()));
    assertThrows(IllegalArgumentException.class, () -> ErrorTable.GridKind.parse("Uniform"));
    assertTrue(ErrorTable.GridKind.LY24.discrete());
    assertTrue(ErrorTable.GridKind.CLW25.discrete());
    assertFalse(ErrorTable.GridKind.EXPONENTIAL.discrete());
    assertThrows(IllegalArgumentException.class, () -> ErrorTable.GridKind.LY24.grid(2, 0, 4));
    assertThrows(IllegalArgumentException.class, () -> ErrorTable.GridKind.CLW25.grid(OU, 2, 0.1, 4, 2, 10));
    // a discrete grid has steps + 1 levels and ends at its own t_1
    assertEquals(63, ErrorTable.GridKind.CLW25.grid(OU, 2, 0, 63, 2, 10).steps());
    assertEquals(63, ErrorTable.GridKind.LY24.grid(OU, 2, 0, 63, 2, 4).steps());
    assertEquals(0.5, ErrorTable.GridKind.UNIFORM.grid(OU, 2, 0.5, 3, 2, 10).delta());
    assertTrue(ErrorTable.GridKind.EXPONENTIAL.grid(2, 0.5, 3).time(1) < 2);
  }

  @Test
  void badConfigurationsAreRejected() {
    List<StartLaw> st = List.of(StartLaw.EXACT);
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(0),
        ErrorTable.Budget.NFE, List.of(EPS), st, 0, ErrorTable.GridKind.UNIFORM));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(1),
        ErrorTable.Budget.POINTS, List.of(EPS), st, 0, ErrorTable.GridKind.UNIFORM));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(4),
        ErrorTable.Budget.NFE, List.of(T), st, 0, ErrorTable.GridKind.UNIFORM));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(4),
        ErrorTable.Budget.NFE, List.of(0.0), st, 0, ErrorTable.GridKind.LY24));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(4),
        ErrorTable.Budget.POINTS, List.of(0.1), st, 0, ErrorTable.GridKind.CLW25));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(4),
        ErrorTable.Budget.POINTS, List.of(0.0), st, 0, ErrorTable.GridKind.CLW25, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(4),
        ErrorTable.Budget.POINTS, List.of(0.0), st, 0, ErrorTable.GridKind.CLW25, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(Schemes.EM), List.of(4),
        ErrorTable.Budget.NFE, List.of(EPS), st, Double.NaN, ErrorTable.GridKind.UNIFORM));
    assertThrows(IllegalArgumentException.class, () -> new ErrorTable.Config(OU, T, List.of(), List.of(4),
        ErrorTable.Budget.NFE, List.of(EPS), st, 0, ErrorTable.GridKind.UNIFORM));
  }
}
