package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.EPS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@link ErrorTable} on the discrete grids (LY24, CLW25) and its row order, with data N((1.5, 0), I)
 * under vp-ou as in {@link ErrorTableTest}: p_t = N(a_t m, I), s_t(y) = −(y − a_t m), and em's step
 * from t by h is y' = (1 − h) y + 2h a_t m + √(2h) ξ, so mean and variance follow
 * μ' = (1 − h) μ + 2h a_t m, v' = (1 − h)² v + 2h on any grid.
 */
class ErrorTableDiscreteTest {

  static final double[] M = {1.5, 0};

  @Test
  void discreteKindsPlaceTheirOwnSchedules() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    // LY24 with T = 64 levels: ᾱ_1 = 1 − β_1 = 1 − 64^{−c0} and a_t² = e^{−2t}, so t_1 = −½ log(1 − 1/4096)
    TimeGrid ly = ErrorTable.GridKind.LY24.grid(ou, 2, 0, 63, 2, 4);
    // the placement solves a_t² = ᾱ through a log and an exp: a few roundings, 8 EPS relative
    assertEquals(-0.5 * Math.log1p(-1.0 / 4096), ly.delta(), 8 * EPS * ly.delta());
    // CLW25 with T = 64: ᾱ_T = 64^{−c0}, so t_T = ½ c0 log 64 = log 64 (8 EPS relative, as above)
    TimeGrid clw = ErrorTable.GridKind.CLW25.grid(ou, 2, 0, 63, 2, 10);
    assertEquals(Math.log(64), clw.horizon(), 8 * EPS * Math.log(64));
    // and each is its TimeGrid factory's grid with steps + 1 levels (not the other's)
    assertEquals(TimeGrid.ly24(ou, 64, 2, 4), ly);
    assertEquals(TimeGrid.clw25(ou, 64, 2, 10), clw);
  }

  @Test
  void aDiscreteGridRefusesANonZeroEpsNamingIt() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ErrorTable.GridKind.LY24.grid(ou, 2, 0.25, 8, 2, 4));
    assertEquals("eps must be 0 for the ly24 grid (it ends at t_1, the law of X_1), was 0.25", e.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> new ErrorTable.Config(ou, 2, List.of(Schemes.EM), List.of(4), ErrorTable.Budget.POINTS, List.of(0.125),
            List.of(StartLaw.EXACT), 0, ErrorTable.GridKind.CLW25));
    assertEquals("eps must be 0 for the clw25 grid (it ends at t_1, the law of X_1), was 0.125", c.getMessage());
  }

  /** W2 to p_{t_1}, W2 to p_0 of em's output on {@code g} from N(μ0, 1) per coordinate. */
  static double[] emOnGrid(TimeGrid g, double[] mu0) {
    double t1 = g.delta(), a1 = Math.exp(-t1), w2 = 0, w2zero = 0;
    for (int j = 0; j < 2; j++) {
      double mu = mu0[j], v = 1;
      for (int i = 0; i < g.steps(); i++) {
        double t = g.time(i), h = t - g.time(i + 1), at = Math.exp(-t);
        mu = (1 - h) * mu + 2 * h * at * M[j];
        v = (1 - h) * (1 - h) * v + 2 * h;
      }
      double dm = mu - a1 * M[j], dm0 = mu - M[j], ds = Math.sqrt(v) - 1;
      w2 += dm * dm + ds * ds;
      w2zero += dm0 * dm0 + ds * ds;
    }
    return new double[] {Math.sqrt(w2), Math.sqrt(w2zero)};
  }

  @Test
  void aDiscreteGridTargetsItsOwnFirstLevel() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    GaussianLaw law = GaussianLaw.ofDiagonal(M, new double[] {1, 1});
    ErrorTable.Config c = new ErrorTable.Config(ou, 2, List.of(Schemes.EM), List.of(64), ErrorTable.Budget.POINTS,
        List.of(0.0), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0, ErrorTable.GridKind.LY24, 2, 4);
    TimeGrid g = c.timeGrid(0, 63);
    assertEquals(TimeGrid.ly24(ou, 64, 2, 4), g);
    // the target time is the grid's t_1 > 0, not the configured eps = 0
    assertEquals(g.delta(), c.targetTime(0, g));
    assertTrue(g.delta() > 0);
    List<ErrorTable.Row> rows = ErrorTable.gaussian(law, c);
    assertEquals(2, rows.size());
    double aT = Math.exp(-g.horizon()), a1 = Math.exp(-g.delta());
    for (ErrorTable.Row row : rows) {
      boolean exact = row.start() == StartLaw.EXACT;
      assertNull(row.undefined());
      assertEquals(63, row.steps());
      double[] want = emOnGrid(g, exact ? new double[] {aT * M[0], 0} : new double[2]);
      // 63 steps of ≤ 6 roundings (u each) on O(1) values through contractions |1 − h| < 1: ≤ 378u per
      // coordinate on μ and v, so ≤ 2·378u ≈ 378 EPS on W2 (two coordinates); 512 EPS
      assertEquals(want[0], row.w2Eps(), 512 * EPS, "W2 to p_{t_1}, " + row.start());
      assertEquals(want[1], row.w2Zero(), 512 * EPS, "W2 to p_0, " + row.start());
      // the two targets differ by (1 − a_{t_1}) m ≈ 1.8e-4, far above the tolerance
      assertTrue(Math.abs(row.w2Eps() - row.w2Zero()) > 1e-6);
      // continuous columns at (t_T, t_1): exact start exact; from N(0, I) the SDE mean is a_1 m − a_T² m/a_1
      // and the ODE mean (a_1 − a_T) m, variance 1 (ErrorTableTest); a handful of roundings: 8 EPS
      assertEquals(exact ? 0 : aT * aT * M[0] / a1, row.w2SdeContinuous(), 8 * EPS, "SDE");
      assertEquals(exact ? 0 : aT * M[0], row.w2OdeContinuous(), 8 * EPS, "ODE");
    }
  }

  static ErrorTable.Row row(StartLaw st, double eps, String scheme, int budget) {
    return new ErrorTable.Row(st, eps, scheme, budget, budget, budget, null, null, null, null, null, 0, 0, "x");
  }

  static String key(ErrorTable.Row r) { return r.start() + "/" + r.eps() + "/" + r.scheme() + "/" + r.budget(); }

  @Test
  void rowsSortByStartEpsSchemeAndBudgetInTheConfiguredOrder() {
    NoiseSchedule ou = Schedules.parse("vp-ou");
    List<Scheme> schemes = List.of(Schemes.EM, Schemes.DDPM);
    // configured orders that are not the natural ones: eps 0.5 before 0.25, budget 8 before 4
    ErrorTable.Config c = new ErrorTable.Config(ou, 2, schemes, List.of(8, 4), ErrorTable.Budget.NFE,
        List.of(0.5, 0.25), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0, ErrorTable.GridKind.UNIFORM);
    List<String> want = new ArrayList<>();
    List<ErrorTable.Row> rows = new ArrayList<>();
    for (StartLaw st : List.of(StartLaw.PRIOR, StartLaw.EXACT)) {
      for (double e : c.eps()) for (Scheme s : schemes) for (int b : c.budgets()) {
        want.add(key(row(st, e, s.name(), b)));
        rows.add(0, row(st, e, s.name(), b)); // reversed
      }
    }
    List<String> got = new ArrayList<>();
    for (ErrorTable.Row r : ErrorTable.sorted(rows, c)) got.add(key(r));
    assertEquals(want, got);
    // a scheme the configuration does not list has index −1: it sorts before the listed ones
    List<ErrorTable.Row> odd = new ArrayList<>(List.of(row(StartLaw.PRIOR, 0.5, "em", 8),
        row(StartLaw.PRIOR, 0.5, "ei", 4)));
    List<String> oddGot = new ArrayList<>();
    for (ErrorTable.Row r : ErrorTable.sorted(odd, c)) oddGot.add(r.scheme());
    assertEquals(List.of("ei", "em"), oddGot);
  }
}
