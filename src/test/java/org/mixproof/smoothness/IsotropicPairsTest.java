package org.mixproof.smoothness;

import static org.mixproof.rounding.RoundingModel.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/**
 * The closed form sup_x e^{−|ℓ_1 − ℓ_2|} ‖s_1 − s_2‖² behind lipschitz.isotropic, against a direct
 * numerical maximisation over x (d = 1, k = 2), so the algebra of {@link IsotropicPairs} is checked by
 * an independent method.
 */
class IsotropicPairsTest {

  /** Brent's relative tolerance on the maximiser. */
  static final double BRENT_RELATIVE = 1e-14;

  @ParameterizedTest(name = "π₁ = {0}, μ = ({1}, {2}), σ² = ({3}, {4})")
  @CsvSource({
      "0.5, 0, 0, 1, 4",
      "0.5, -1, 2, 1, 1.5",
      "0.1, 0, 3, 0.2, 3",
      "0.9, 1, -1, 5, 0.3",
      "0.5, 0, 0.5, 1, 1.0001",
      "0.3, -2, 2, 1, 1"})
  void pairTermEqualsTheNumericalSupremum(double w1, double m1, double m2, double v1, double v2) {
    GaussianMixture g = GaussianMixture.normalized(new double[] {w1, 1 - w1}, new double[][] {{m1}, {m2}},
        new double[][][] {{{v1}}, {{v2}}});
    MixtureDensity p = MixtureDensity.at(g, new VpOu(), 0.2);
    double a = p.a(), b2 = p.b2();
    double s1 = a * a * v1 + b2, s2 = a * a * v2 + b2, c1 = a * m1, c2 = a * m2;
    UnivariateFunction term = x -> {
      double l1 = Math.log(w1) - 0.5 * Math.log(2 * Math.PI * s1) - (x - c1) * (x - c1) / (2 * s1);
      double l2 = Math.log(1 - w1) - 0.5 * Math.log(2 * Math.PI * s2) - (x - c2) * (x - c2) / (2 * s2);
      double ds = -(x - c1) / s1 + (x - c2) / s2;
      return Math.exp(-Math.abs(l1 - l2)) * ds * ds;
    };
    // a dense grid finds the basin; Brent polishes it (the term is smooth away from the tie points)
    double lo = -60, hi = 60, step = 1e-3, bestX = lo, best = -1;
    for (double x = lo; x <= hi; x += step) {
      double v = term.value(x);
      if (v > best) { best = v; bestX = x; }
    }
    UnivariatePointValuePair polished = new BrentOptimizer(BRENT_RELATIVE, 1e-300).optimize(new MaxEval(10_000),
        new UnivariateObjectiveFunction(term), GoalType.MAXIMIZE,
        new SearchInterval(bestX - step, bestX + step, bestX));
    double numeric = Math.max(best, polished.getValue());
    double xs = polished.getPoint();
    // At a tie (a kink of e^{−|ℓ₁−ℓ₂|}) the value moves by |(ℓ₁ − ℓ₂)'| times Brent's final bracket
    // 2·1e-14·|x| relative; at a smooth maximum only to second order. Add 64 ε for the rounding of the
    // log-terms and of the closed form (each a few dozen operations on numbers of size ≤ 1).
    double slope = Math.abs(-(xs - c1) / s1 + (xs - c2) / s2);
    double tol = 2 * BRENT_RELATIVE * Math.abs(xs) * slope + 64 * EPS;
    double closed = IsotropicPairs.covarianceBound(p);
    if (v1 == v2) {
      // equal variances: the formula uses w_1 w_2 ≤ ¼ instead, a different (smaller) bound
      // the same formula on both sides, up to the association of a few operations: 4 ε
      assertEquals(0.25 * Math.pow(c1 / s1 - c2 / s2, 2), closed, 4 * EPS * closed);
    } else {
      assertEquals(numeric, closed, tol * closed);
    }
  }
}
