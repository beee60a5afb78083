package org.mixproof.smoothness;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.Mixtures;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VpOu;

/** docs/claims.md §3.5 ({@code blowup.*}): singular data as t → 0 ([LWB23]). */
class BlowupProperties {
  static final double[] SMALL_TIMES = {1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
  static final NoiseSchedule OU = new VpOu();

  /** A line through the origin along e_0 in R², variance 1 along it: Σ = diag(1, 0). */
  static final double[][] LINE = {{1, 0}, {0, 0}};

  static double kappaRounding(MixtureDensity p) {
    double kappa = 1;
    for (int i = 0; i < p.components(); i++) kappa = Math.max(kappa, p.conditionNumber(i));
    return RoundingModel.hessianNormMargin(p.dimension(), kappa, 1); // the search's own margin, 16 d ε κ
  }

  @Example
  void singularDataIsRejectedAtTimeZeroAndAcceptedAfter() {
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0, 0}, LINE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MixtureDensity.at(line, OU, 0));
    assertTrue(e.getMessage().contains("singular"), e.getMessage());
    assertTrue(Double.isFinite(MixtureDensity.at(line, OU, 1e-8).logDensity(new double[] {0.3, 0.1})));
  }

  /** blowup.rate, k = 1: λmin(t) = b_t², so L_t b_t² = 1 exactly, for t = 1e-2 … 1e-6 and at 1e-8. */
  @Example
  void blowupRateIsOneForOneSingularComponent() {
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0.5, -1}, LINE);
    for (double t : new double[] {1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8}) {
      MixtureDensity p = MixtureDensity.at(line, OU, t);
      LipschitzResult r = new LipschitzSearch(1).search(p, Domain.global());
      assertEquals(1.0, Blowup.rate(r, p), kappaRounding(p), "L_t b_t² at t = " + t);
    }
  }

  @Provide
  Arbitrary<Object[]> singularMixtures() {
    return Combinators.combine(
            Mixtures.builder().dimensions(2, 3).components(1, 3).family(CovarianceFamily.SINGULAR)
                .conditionNumber(1, 100).meanRadius(3).build(),
            Arbitraries.of(1e-2, 1e-3, 1e-4, 1e-5, 1e-6))
        .as((m, t) -> new Object[] {m, t});
  }

  /** blowup.rate, every singular mixture sharing a null direction: L_t b_t² ≥ 1. */
  @Property(tries = 60, seed = "20261122")
  void blowupRateIsAtLeastOne(@ForAll("singularMixtures") Object[] in) {
    GaussianMixture m = (GaussianMixture) in[0];
    double t = (Double) in[1];
    Assume.that(m.isSingular());
    MixtureDensity p;
    try {
      p = MixtureDensity.at(m, OU, t);
    } catch (IllConditionedException e) {
      Assume.that(false);
      return;
    }
    LipschitzResult r = new LipschitzSearch(1).search(p, Domain.global());
    assertTrue(Blowup.rate(r, p) >= 1 - kappaRounding(p), () -> "L_t b_t² = " + Blowup.rate(r, p));
  }

  /**
   * blowup.rate, two parallel lines (Σ = diag(1, 0) at μ = (0, ±1)): at the tie y = 0,
   * H_yy = −1/b² + a²/b⁴, so L_t b_t² = a_t²/b_t² − 1 grows like 1/b_t²; the ratio between two times
   * is checked against that closed form.
   */
  @Example
  void blowupRateGrowsForParallelLines() {
    GaussianMixture lines = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, -1}, {0, 1}},
        new double[][][] {LINE, LINE});
    double[] rates = new double[2];
    double[] exact = new double[2];
    double[] times = {1e-3, 1e-5};
    for (int n = 0; n < 2; n++) {
      MixtureDensity p = MixtureDensity.at(lines, OU, times[n]);
      LipschitzResult r = new LipschitzSearch(1).search(p, Domain.global());
      rates[n] = Blowup.rate(r, p);
      exact[n] = p.a() * p.a() / p.b2() - 1;
      // ‖H‖ sums terms of size a²/b⁴: 16 d ε κ of it
      assertEquals(exact[n], rates[n], kappaRounding(p) * (exact[n] + 1), "L_t b_t² at t = " + times[n]);
    }
    // each rate within kappaRounding(p)·(exact + 1) of its value (above): relative errors add in a quotient
    double rel = 0;
    for (int n = 0; n < 2; n++) {
      rel += kappaRounding(MixtureDensity.at(lines, OU, times[n])) * (exact[n] + 1) / exact[n];
    }
    assertEquals(exact[1] / exact[0], rates[1] / rates[0], (rel + EPS) * exact[1] / exact[0]);
    assertTrue(rates[1] / rates[0] > 90, "grows like 1/b²: b² shrank 100-fold");
  }

  @Provide
  Arbitrary<double[]> offsets() {
    // (x along the line, r = distance from the line)
    return Combinators.combine(Arbitraries.doubles().between(-3, 3).ofScale(3),
            Arbitraries.doubles().between(0.01, 5).ofScale(3))
        .as((x, r) -> new double[] {x, r});
  }

  /**
   * blowup.score-norm: at distance r from the line, ‖s_t‖ b_t² → r; for this line
   * s = (−x/(a² + b²), −r/b²), so |‖s‖ b² − r| ≤ |x| b²/(a² + b²) + rounding.
   */
  @Property(tries = 100, seed = "20261122")
  void blowupScoreNorm(@ForAll("offsets") double[] xr) {
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0, 0}, LINE);
    for (double t : SMALL_TIMES) {
      MixtureDensity p = MixtureDensity.at(line, OU, t);
      double[] x = {xr[0], xr[1]};
      double v = Blowup.scoreNorm(p, x);
      double limitGap = Math.abs(xr[0]) * p.b2() / (p.a() * p.a() + p.b2());
      assertEquals(xr[1], v, limitGap + kappaRounding(p) * (Math.abs(xr[0]) + xr[1]), "t = " + t);
    }
  }

  /** blowup.bounded-target: ‖E[X_0 | X_t = x]‖ ≤ 2R + β/a_t for ‖x‖ ≤ β, uniformly as t → 0. */
  @Property(tries = 60, seed = "20261122")
  void blowupBoundedTarget(@ForAll("singularMixtures") Object[] in, @ForAll("directions") double[] dir) {
    GaussianMixture m = (GaussianMixture) in[0];
    double beta = 4;
    int d = m.dimension();
    double[] x = new double[d];
    double n = 0;
    for (int j = 0; j < d; j++) n += dir[j] * dir[j];
    n = Math.sqrt(n);
    for (int j = 0; j < d; j++) x[j] = n == 0 ? 0 : beta * dir[d] * dir[j] / n; // radius β·dir[d] ∈ [0, β]
    for (double t : SMALL_TIMES) {
      MixtureDensity p;
      try {
        p = MixtureDensity.at(m, OU, t);
      } catch (IllConditionedException e) {
        continue;
      }
      double[] e = Blowup.denoiser(p, x);
      double norm = 0;
      for (double v : e) norm += v * v;
      norm = Math.sqrt(norm);
      double bound = Blowup.denoiserBound(p, beta);
      // x + b² s cancels to the denoiser: rounding κ·u of ‖x‖ + b²‖s‖ ≤ 2‖x‖ + ...
      double rounding = kappaRounding(p) * (beta + bound);
      assertTrue(norm <= bound + rounding, "‖E[X_0 | x]‖ = " + norm + " > " + bound + " at t = " + t);
    }
  }

  @Provide
  Arbitrary<double[]> directions() {
    return Arbitraries.doubles().between(-1, 1).ofScale(3).array(double[].class).ofSize(4)
        .map(a -> { a[3] = Math.abs(a[3]); return a; });
  }
}
