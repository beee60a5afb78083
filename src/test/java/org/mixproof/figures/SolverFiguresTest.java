package org.mixproof.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mixproof.claim.rate.GuaranteeCheck;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;

/** Figure data is deterministic and fast (each < 15 s), and shows the claimed slopes. */
class SolverFiguresTest {

  @Test
  void errorVsNfeIsDeterministicWithHeunSlopeTwo() {
    Figure a = SolverFigures.errorVsNfe(1, 4), b = SolverFigures.errorVsNfe(1, 4);
    assertEquals(a.series().size(), b.series().size());
    for (int i = 0; i < a.series().size(); i++) assertTrue(java.util.Arrays.equals(a.series().get(i).y(), b.series().get(i).y()));
    Series heun = a.series().stream().filter(l -> l.name().equals("ode-heun")).findFirst().orElseThrow();
    int n = heun.x().length;
    double slope = Math.log(heun.y()[n - 1] / heun.y()[n - 2]) / Math.log(heun.x()[n - 1] / heun.x()[n - 2]);
    assertEquals(-2, slope, 0.15); // second order, the tolerance of solver.gaussian.order
  }

  @Test
  void slopesAreDashedInTheirSchemesColourAndNfeIsTicked() {
    Figure a = SolverFigures.errorVsNfe(1, 2);
    for (Series l : a.series()) {
      boolean slope = l.name().contains(" slope ");
      assertEquals(slope ? Series.Style.DASHED : Series.Style.LINE_MARKERS, l.style(), l.name());
      assertEquals(l.name().split(" ")[0], l.group(), "a slope shares its scheme's colour: " + l.name());
    }
    assertEquals(List.of(8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0), a.xTicks());
  }

  @Test
  void cifarTableAndSweepsRender() throws Exception {
    Figure c = SolverFigures.cifarTable();
    assertEquals(12, c.series().size()); // 6 schemes × 2 starts
    // one panel per start, each scheme once per panel under one legend entry, ticked at the table's NFE columns
    assertEquals(List.of("start N(0, I) (prior)", "start p_T (exact)"), c.series().stream().map(Series::panel).distinct().toList());
    for (String panel : List.of("start N(0, I) (prior)", "start p_T (exact)")) {
      assertEquals(List.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4"),
          c.series().stream().filter(l -> l.panel().equals(panel)).map(Series::legend).toList());
    }
    assertEquals(List.of(50.0, 100.0, 250.0, 500.0, 1000.0), c.xTicks());
    List<Figure> clw = SolverFigures.guaranteeSweeps(Path.of("properties/solver.clw25.dimension-free.properties"));
    assertTrue(clw.stream().anyMatch(f -> f.fileName().endsWith("-n-tv.png")));
  }

  /**
   * Each sweep's figure is ticked at the swept values and draws the allowed growth where the verdict puts
   * it: growth × the largest Ĉ over the lower range, the first ⌊n/2⌋ values — checked against
   * {@link GuaranteeCheck.Envelope#growth()}, the ratio the verdict judges, so a change of the envelope's
   * lower range that the figure does not follow fails here.
   */
  @Test
  void sweepsAreTickedAtTheSweptValuesWithTheAllowedGrowthLine() throws Exception {
    Path file = Path.of("properties/solver.ly24.dimension-free.properties");
    ClaimSpec spec = ClaimFiles.parse(java.nio.file.Files.readString(file), file);
    long seed = spec.longValue("seed", 1);
    double growth = spec.number("growth", 2);
    List<GuaranteeCheck.Sweep> sweeps = GuaranteeCheck.sweeps(spec, BoundExpression.of(spec, "bound", GuaranteeCheck.NAMES), seed, 0);
    for (GuaranteeCheck.Sweep sw : sweeps) {
      Figure f = SolverFigures.sweepFigure(spec, sw, growth, seed);
      int n = sw.points().size();
      List<Double> swept = sw.points().stream().map(GuaranteeCheck.Point::x).toList();
      assertEquals(swept, f.xTicks(), f.fileName());
      Series upper = f.series().get(0);
      Series allowed = f.series().stream().filter(l -> l.name().startsWith("allowed")).findFirst().orElseThrow();
      assertEquals(Series.Style.DASHED, allowed.style());
      double reference = allowed.y()[0] / growth;
      double largestUpper = 0;
      for (int j = n / 2; j < n; j++) largestUpper = Math.max(largestUpper, upper.y()[j]);
      assertEquals(sw.growth(), largestUpper / reference, 1e-12 * sw.growth(), "the line is growth × the envelope's reference: " + f.fileName());
      double lo = swept.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double hi = swept.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertEquals(lo, allowed.x()[0]);
      assertEquals(hi, allowed.x()[1]);
    }
    // ly24 is not dimension-free: along d the lower-bracket Ĉ crosses the allowed line (the figure shows the verdict)
    Figure d = SolverFigures.sweepFigure(spec, sweeps.stream().filter(s -> s.parameter().equals("dimension")).findFirst().orElseThrow(), growth, seed);
    Series lower = d.series().stream().filter(l -> l.name().contains("lower")).findFirst().orElseThrow();
    Series allowed = d.series().stream().filter(l -> l.name().startsWith("allowed")).findFirst().orElseThrow();
    assertEquals(Series.Style.MARKERS, lower.style());
    assertTrue(lower.y()[lower.y().length - 1] > allowed.y()[0], "lower bracket above the allowed growth at d = 1e5");
  }
}
