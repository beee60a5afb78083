package org.mixproof.smoothness;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.DiffusionCases.Case;
import org.mixproof.generators.Mixtures;

/** docs/claims.md §4 ({@code moment.*}). */
class MomentProperties {

  static final int TRIES = 50;
  static final int SAMPLES = 20_000;
  static final double ALPHA = 1e-3; // family-wise over the tries (Bonferroni)

  @Provide
  Arbitrary<Case> cases() {
    return DiffusionCases.of(Mixtures.builder().dimensions(1, 6).components(1, 5)
        .families(Mixtures.allFamilies()).conditionNumber(1, 1e4).meanRadius(5));
  }


  /** moment.exact: the closed form lies in a seeded Monte Carlo interval at level 1 − α/tries. */
  @Property(tries = TRIES, seed = "20261122")
  void momentExact(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    double exact = SecondMoment.exact(p);
    SecondMoment.Estimate e = SecondMoment.monteCarlo(p, SAMPLES, 20261122L, 1 - ALPHA / TRIES);
    assertTrue(e.contains(exact), () -> "m2 = " + exact + " outside " + e);
  }

  /** moment.bound (k-independent, reconstructed form): m2(t) ≤ a²(R² + dλmax) + b²d (and ≤ max(m2(0), d) for vp-ou). */
  @Property(seed = "20261122")
  void momentBound(@ForAll("cases") Case c) {
    MixtureDensity p = c.densityOrSkip();
    double exact = SecondMoment.exact(p);
    double bound = Bound.MOMENT_BOUND.value(p, Domain.global());
    // m2 and the bound are sums of ≤ k(d + 1) + d positive terms: rounding 4(kd + k + d)u of them
    double rounding = 4 * (p.components() * (p.dimension() + 1) + p.dimension()) * EPS * bound;
    assertTrue(exact <= bound + rounding, () -> "m2 = " + exact + " > " + bound);
    double ratio = exact / bound;
    Statistics.label("moment.bound").collect(ratio >= 0.999 ? "≥ 0.999" : ratio >= 0.9 ? "0.9–0.999"
        : ratio >= 0.5 ? "0.5–0.9" : "< 0.5");
  }
}
