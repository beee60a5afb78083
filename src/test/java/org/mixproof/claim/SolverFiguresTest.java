package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Figure data is deterministic and fast (each < 15 s), and shows the claimed slopes. */
class SolverFiguresTest {

  @Test
  void errorVsNfeIsDeterministicWithHeunSlopeTwo() {
    FigureData a = SolverFigures.errorVsNfe(1, 4), b = SolverFigures.errorVsNfe(1, 4);
    assertEquals(a.series().size(), b.series().size());
    for (int i = 0; i < a.series().size(); i++) assertTrue(java.util.Arrays.equals(a.series().get(i).y(), b.series().get(i).y()));
    FigureData.Line heun = a.series().stream().filter(l -> l.name().equals("ode-heun")).findFirst().orElseThrow();
    int n = heun.x().length;
    double slope = Math.log(heun.y()[n - 1] / heun.y()[n - 2]) / Math.log(heun.x()[n - 1] / heun.x()[n - 2]);
    assertEquals(-2, slope, 0.15); // second order, the tolerance of solver.gaussian.order
  }

  @Test
  void cifarTableAndSweepsRender() throws Exception {
    FigureData c = SolverFigures.cifarTable();
    assertEquals(12, c.series().size()); // 6 schemes × 2 starts
    List<FigureData> clw = SolverFigures.guaranteeSweeps(Path.of("properties/solver.clw25.dimension-free.properties"));
    assertTrue(clw.stream().anyMatch(f -> f.fileName().endsWith("-n-tv.png")));
  }
}
