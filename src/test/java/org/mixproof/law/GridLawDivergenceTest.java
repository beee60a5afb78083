package org.mixproof.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.mixproof.rounding.RoundingModel;

/**
 * The 1-D grid law's divergences from a mixture, against closed forms: TV of the uniform law on [0, 1]
 * from N(½, 0.3²) (crossings of the densities solved by hand), KL of normalised cell masses written
 * out, W2 from a point mass (where the linear interpolation of Q − Q_p is exact, with and without a
 * cell of no mass), and the mass that left the grid.
 */
class GridLawDivergenceTest {

  static final double EPS = RoundingModel.EPS;

  static GridLaw uniform(int n) {
    double[] y = new double[n + 1], m = new double[n];
    for (int i = 0; i <= n; i++) y[i] = (double) i / n;
    for (int i = 0; i < n; i++) m[i] = 1.0 / n;
    return GridLaw.ofMasses(y, m, 0, 0);
  }

  @Test
  void tvOfTheUniformLawFromANormalIsTheClosedForm() {
    NormalDistribution std = NormalDistribution.of(0, 1);
    double s = 0.3;
    // the densities cross where φ(z)/s = 1, z = ±a, a = √(2 log(1/(s√(2π)))) (inside [0, 1] for s = 0.3);
    // TV = ∫(g − f)₊ = (mass of N beyond [0, 1]) + (2Φ(a) − 1 − 2as) (its excess over 1 between the crossings)
    double a = Math.sqrt(2 * Math.log(1 / (s * Math.sqrt(2 * Math.PI))));
    double exact = 2 * std.cumulativeProbability(-0.5 / s) + (2 * std.cumulativeProbability(a) - 1 - 2 * a * s);
    double[] est = uniform(50).tvEstimate(Mixture1D.gaussian(0.5, s * s));
    double correction = est[1];
    assertTrue(correction > 0, "two interior extrema of G, two corrections");
    // the nodal sum alone misses part of each crossing's excess, so it is below the truth ...
    assertTrue(est[0] - correction < exact, est[0] + " − " + correction + " vs " + exact);
    // ... and the parabola through three nodes leaves O(Δ) of the excess it restores (Δ = 1/50 here):
    // a quarter of the correction is 6× the O(Δ)·correction this leaves
    assertEquals(exact, est[0], correction / 4);
    assertEquals(est[0], uniform(50).tv(Mixture1D.gaussian(0.5, s * s)), 0);
  }

  /**
   * The same normal against 0.8·U[0, 1] with 0.1 off the grid on each side (counted as disjoint from
   * everything): TV = ½(∫₀¹|0.8 − g| + mass of N beyond [0, 1] + 0.2), and with the crossings of g and 0.8
   * at ½ ± aσ, a = √(2 log(1/(0.8σ√(2π)))), that is (mass of N beyond [0, 1]) + (2Φ(a) − 1 − 0.8·2aσ).
   */
  @Test
  void tvCountsTheLawsOffGridMass() {
    NormalDistribution std = NormalDistribution.of(0, 1);
    double s = 0.3;
    double a = Math.sqrt(2 * Math.log(1 / (0.8 * s * Math.sqrt(2 * Math.PI))));
    double exact = 2 * std.cumulativeProbability(-0.5 / s) + (2 * std.cumulativeProbability(a) - 1 - 0.8 * 2 * a * s);
    int n = 50;
    double[] y = new double[n + 1], m = new double[n];
    for (int i = 0; i <= n; i++) y[i] = (double) i / n;
    for (int i = 0; i < n; i++) m[i] = 0.8 / n;
    double[] est = GridLaw.ofMasses(y, m, 0.1, 0.1).tvEstimate(Mixture1D.gaussian(0.5, s * s));
    assertEquals(exact, est[0], est[1] / 4); // as for the uniform law above
  }

  @Test
  void klUsesTheNormalisedCellMassesAndIsInfiniteWhereTheTargetHasNone() {
    double[] y = {0, 1, 3, 4};
    GridLaw law = GridLaw.ofMasses(y, new double[] {0.1, 0.3, 0.4}, 0.05, 0.15);
    NormalDistribution p = NormalDistribution.of(2, 1);
    double expected = 0;
    double[] m = {0.1, 0.3, 0.4};
    for (int i = 0; i < 3; i++) {
      double mi = m[i] / 0.8, pi = p.cumulativeProbability(y[i + 1]) - p.cumulativeProbability(y[i]);
      expected += mi * Math.log(mi / pi);
    }
    // three terms, each a log of a ratio within a few ε: 16ε absolute on a value of order 0.3
    assertEquals(expected, law.kl(Mixture1D.gaussian(2, 1)), 16 * EPS);
    // a point mass at 5 puts nothing on [0, 4]: every cell is impossible under p
    assertEquals(Double.POSITIVE_INFINITY, law.kl(Mixture1D.gaussian(5, 0)));
    // a cell with no mass under the law adds nothing, even where p has none
    GridLaw partial = GridLaw.ofMasses(y, new double[] {0, 0, 1}, 0, 0);
    assertEquals(-Math.log(0.5), partial.kl(new Mixture1D(new double[] {0.5, 0.5}, new double[] {3.5, 9}, new double[] {0, 0})), 4 * EPS);
  }

  @Test
  void w2FromAPointMassIsExact() {
    // W2(U[0,1], δ_c)² = ∫(u − c)² du = 1/12 + (½ − c)²; Q − Q_p = u − c is linear, so the interpolant is exact
    // and only the quantile solves (two ulps each) and the sums round: 16ε
    double c = 0.3;
    assertEquals(Math.sqrt(1.0 / 12 + 0.04), uniform(10).w2(Mixture1D.gaussian(c, 0)), 16 * EPS);
  }

  @Test
  void w2NormalisesTheGridMassAndHasNoneWithout() {
    // 0.5 on the grid and 0.25 off it on each side: W2 is that of the normalised law, U[0, 1], from δ_0.3
    double[] y = new double[11], m = new double[10];
    for (int i = 0; i <= 10; i++) y[i] = i / 10.0;
    java.util.Arrays.fill(m, 0.05);
    assertEquals(Math.sqrt(1.0 / 12 + 0.04), GridLaw.ofMasses(y, m, 0.25, 0.25).w2(Mixture1D.gaussian(0.3, 0)), 16 * EPS);
    assertTrue(Double.isNaN(GridLaw.ofMasses(y, new double[10], 0.5, 0.5).w2(Mixture1D.gaussian(0.3, 0))),
        "no mass on the grid: no quantile function to compare");
  }

  @Test
  void w2AcrossACellWithoutMassJumps() {
    // ½ U[0,1] + ½ U[2,3]: Q(u) = 2u below ½ and 2u + 1 above; from δ_0.3:
    // ∫_0^½ (2u − 0.3)² du + ∫_½^1 (2u + 0.7)² du = (0.7³ + 0.3³)/6 + (2.7³ − 1.7³)/6 = 0.37/6 + 14.77/6
    GridLaw gap = GridLaw.ofMasses(new double[] {0, 1, 2, 3}, new double[] {0.5, 0, 0.5}, 0, 0);
    assertEquals(Math.sqrt(15.14 / 6), gap.w2(Mixture1D.gaussian(0.3, 0)), 16 * EPS);
  }

  @Test
  void massThatLeftTheGridIsOutside() {
    // 0.8 on the grid, 0.05 below, 0.05 above: 0.1 went nowhere, so 0.2 is outside
    GridLaw law = GridLaw.ofMasses(new double[] {0, 1, 3, 4}, new double[] {0.1, 0.3, 0.4}, 0.05, 0.05);
    assertEquals(0.2, law.outsideMass(), 4 * EPS);
    // more than 1 in all: nothing is lost, the off-grid masses alone
    GridLaw over = GridLaw.ofMasses(new double[] {0, 1}, new double[] {1}, 0.25, 0.125);
    assertEquals(0.375, over.outsideMass(), 0);
  }
}
