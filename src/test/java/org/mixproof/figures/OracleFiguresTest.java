package org.mixproof.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.U;

import org.junit.jupiter.api.Test;

class OracleFiguresTest {

  /**
   * Same seed, same figure; every drawn error lies under the tolerance line c·u·κ with c = 16·3² = 144
   * (the oracle.ill-conditioned claim: accepted cases agree), the line is exactly 144·2⁻⁵³·κ, and the
   * cases reach κ ≥ 1e8 (the range goes to 1e12). Within the 10 s a report figure may take.
   */
  @Test
  void errorVsConditioningIsDeterministicAndUnderItsTolerance() {
    long t0 = System.nanoTime();
    Figure f = OracleFigures.errorVsConditioning(3);
    assertTrue((System.nanoTime() - t0) / 1e9 < 10, "took " + (System.nanoTime() - t0) / 1e9 + " s");
    Figure g = OracleFigures.errorVsConditioning(3);
    assertEquals(2, f.series().size());
    Series errors = f.series().get(0), line = f.series().get(1);
    assertArrayEquals(errors.x(), g.series().get(0).x());
    assertArrayEquals(errors.y(), g.series().get(0).y());
    assertEquals(f.caption(), g.caption());
    assertTrue(errors.x().length >= OracleFigures.CASES / 2, "points drawn: " + errors.x().length);
    double maxKappa = 0;
    for (int i = 0; i < errors.x().length; i++) {
      assertTrue(errors.y()[i] > 0 && errors.y()[i] <= 144 * U * errors.x()[i], "point " + i);
      maxKappa = Math.max(maxKappa, errors.x()[i]);
    }
    assertTrue(maxKappa >= 1e8, "largest κ drawn " + maxKappa);
    for (int i = 0; i < line.x().length; i++) assertEquals(144 * U * line.x()[i], line.y()[i], 0.0);
    assertTrue(f.logX() && f.logY());
    // one generated case per point: markers, nothing joins them; the tolerance is a dashed line
    assertEquals(Series.Style.MARKERS, errors.style());
    assertEquals(Series.Style.DASHED, line.style());
  }
}
