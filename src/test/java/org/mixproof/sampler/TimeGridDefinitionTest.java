package org.mixproof.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mixproof.schedule.Schedules;

/** The uniform and exponential grids against their javadoc definitions, and the grid's own contract. */
class TimeGridDefinitionTest {

  @Test
  void uniformGridIsEquallySpaced() {
    TimeGrid g = TimeGrid.uniform(2, 0.5, 3);
    assertArrayEquals(new double[] {2, 1.5, 1, 0.5}, g.times(), 1e-15);
    assertEquals(3, g.steps());
    assertEquals(2, g.horizon());
    assertEquals(0.5, g.delta());
    assertEquals(1.5, g.time(1), 1e-15);
  }

  /** φ(t) = t − 1 for t ≥ 1 and ln t below; equal steps in φ from φ(T) to φ(δ). */
  @Test
  void exponentialGridIsUniformInPhi() {
    double T = 3, delta = 0.01;
    int n = 4;
    TimeGrid g = TimeGrid.exponential(T, delta, n);
    double p0 = T - 1, p1 = Math.log(delta);
    for (int i = 0; i <= n; i++) {
      double p = p0 + (p1 - p0) * i / n;
      double want = p >= 0 ? p + 1 : Math.exp(p);
      assertEquals(want, g.time(i), 1e-14 * want, "t_" + i);
    }
    // t = 1 exactly where φ crosses 0: T = 2, δ = e^{−1}, 2 steps has φ = 1, 0, −1
    TimeGrid h = TimeGrid.exponential(2, Math.exp(-1), 2);
    assertEquals(1.0, h.time(1), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.exponential(2, 0, 4));
  }

  @Test
  void explicitGridsAreCheckedAndCopied() {
    double[] t = {1, 0.5, 0};
    TimeGrid g = TimeGrid.of(t);
    t[1] = 0.7;
    assertEquals(0.5, g.time(1));
    double[] out = g.times();
    out[0] = 9;
    assertEquals(1, g.horizon());
    assertEquals(g, TimeGrid.of(new double[] {1, 0.5, 0}));
    assertEquals(g.hashCode(), TimeGrid.of(new double[] {1, 0.5, 0}).hashCode());
    assertNotEquals(g, TimeGrid.of(new double[] {1, 0.4, 0}));
    assertNotEquals(g, "explicit");
    assertEquals("explicit[1.0 → 0.0, 2 steps]", g.toString());
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(null));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(new double[] {1, -0.5}));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(new double[] {Double.POSITIVE_INFINITY, 1}));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(1, 1, 3));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(1, -0.1, 2));
    // the grid must lie in the schedule's range: vp-linear lives on [0, 1]
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(2, 0, 4).checkFor(Schedules.parse("vp-linear")));
    TimeGrid ok = TimeGrid.uniform(1, 0, 4);
    assertTrue(ok == ok.checkFor(Schedules.parse("vp-linear")));
  }

  @Test
  void discreteGridsRefuseWhatTheyCannotPlace() {
    // not variance-preserving
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(Schedules.parse("ve-linear"), 50, 2, 4));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(null, 50, 2, 4));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(Schedules.parse("vp-ou"), 1, 2, 4));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(Schedules.parse("vp-ou"), 50, 0, 4));
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.clw25(Schedules.parse("vp-ou"), 50, 2, 0));
    // vp-linear:0.1,20 reaches only a² = e^{−10.05} at t = 1; [CLW25]'s ᾱ_T = 1000^{−6} is below it
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.clw25(Schedules.parse("vp-linear"), 1000, 6, 10));
    // a β ≥ 1: c1 log T / T ≥ 1 at T = 8, c1 = 5 (rate = 1.3)
    assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(Schedules.parse("vp-ou"), 8, 0.5, 5));
    TimeGrid g = TimeGrid.ly24(Schedules.parse("vp-ou"), 50, 2, 4);
    assertEquals("ly24:2.0,4.0[" + g.horizon() + " → " + g.delta() + ", 49 steps]", g.toString());
  }
}
