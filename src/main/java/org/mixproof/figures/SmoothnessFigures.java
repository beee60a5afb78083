package org.mixproof.figures;

import java.util.ArrayList;
import java.util.List;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;
import org.mixproof.smoothness.Blowup;
import org.mixproof.smoothness.Bound;
import org.mixproof.smoothness.Domain;
import org.mixproof.smoothness.LipschitzSearch;
import org.mixproof.smoothness.SecondMoment;

/**
 * Figure data for §3–§4 on fixed, documented example mixtures under vp-ou (deterministic: the
 * search is seeded): the measured Lipschitz constant against the bounds over t, the second moment
 * against its bound, and the singular-data blow-up L_t b_t² over t.
 */
public final class SmoothnessFigures {

  /** Ball radius of the Lipschitz figure. */
  public static final double BETA = 5;

  private SmoothnessFigures() {}

  /** d = 2, k = 3, one shared covariance [[1, .3], [.3, .5]], means (2, 0), (−1, ±1.5), equal weights. */
  public static GaussianMixture sharedExample() {
    double[][] s = {{1, 0.3}, {0.3, 0.5}};
    return GaussianMixture.normalized(new double[] {1, 1, 1}, new double[][] {{2, 0}, {-1, 1.5}, {-1, -1.5}},
        new double[][][] {s, s, s});
  }

  /** Data on two parallel lines: d = 2, Σ = diag(0, 1) for both, means (±1/2, 0), equal weights. */
  public static GaussianMixture parallelLines() {
    double[][] s = {{0, 0}, {0, 1}};
    return GaussianMixture.normalized(new double[] {1, 1}, new double[][] {{0.5, 0}, {-0.5, 0}}, new double[][][] {s, s});
  }

  /** One line: d = 2, Σ = diag(0, 1), mean 0. */
  public static GaussianMixture oneLine() {
    return GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{0, 0}, {0, 1}});
  }

  static double[] logspace(double lo, double hi, int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) t[i] = lo * Math.pow(hi / lo, i / (double) (n - 1));
    return t;
  }

  /** The Lipschitz bounds of the example on the ball, over t: L̂, shared-covariance, ball, lssz24. */
  record LipschitzSweep(double[] t, double[] measured, double[] shared, double[] ball, double[] lssz24) {}

  static LipschitzSweep lipschitzSweep() {
    GaussianMixture m = sharedExample();
    double[] t = logspace(1e-2, 3, 16);
    Domain ball = Domain.ball(BETA);
    LipschitzSweep s = new LipschitzSweep(t, new double[t.length], new double[t.length], new double[t.length], new double[t.length]);
    for (int i = 0; i < t.length; i++) {
      MixtureDensity p = MixtureDensity.at(m, new VpOu(), t[i]);
      s.measured()[i] = new LipschitzSearch(1).search(p, ball).value();
      s.shared()[i] = Bound.LIPSCHITZ_SHARED_COVARIANCE.value(p, ball);
      s.ball()[i] = Bound.LIPSCHITZ_BALL.value(p, ball);
      s.lssz24()[i] = Bound.LIPSCHITZ_LSSZ24.value(p, ball);
    }
    return s;
  }

  private static final String EXAMPLE = "Example: d = 2, k = 3, shared covariance [[1, .3], [.3, .5]], means (2, 0), (−1, ±1.5), "
      + "equal weights; L̂ is the seeded search's maximum of ‖H(x)‖₂ on the ball ‖x‖ ≤ 5 (search seed 1).";

  public static Figure lipschitzVsTime() {
    LipschitzSweep s = lipschitzSweep();
    return new Figure("lipschitz-vs-t.png", "Lipschitz constant of the score vs t (vp-ou)", "t", "L_t on ‖x‖ ≤ 5",
        true, true, List.of(new Series("measured L̂ (search)", s.t(), s.measured()),
            new Series("lipschitz.shared-covariance", s.t(), s.shared(), Series.Style.DASHED),
            new Series("lipschitz.ball", s.t(), s.ball(), Series.Style.DASHED)),
        EXAMPLE + " Dashed: the bounds. The shared-covariance bound is nearly attained; the k-independent ball bound is 10–30 times larger.");
  }

  public static Figure lssz24VsBall() {
    LipschitzSweep s = lipschitzSweep();
    double[] ratio = new double[s.t().length];
    for (int i = 0; i < ratio.length; i++) ratio[i] = s.lssz24()[i] / s.ball()[i];
    return new Figure("lssz24-vs-ball.png", "[LSSZ24]'s bound (reconstructed) over the ball bound, vs t", "t",
        "lipschitz.lssz24 / lipschitz.ball", true, true, List.of(new Series("lssz24 / ball", s.t(), ratio)),
        EXAMPLE + " The quotient-rule form divides by the density floor γ on the ball, so it is never below the ball bound "
            + "(docs/claims.md §3) and here exceeds it by up to 54 orders of magnitude at small t.");
  }

  public static Figure momentVsTime() {
    GaussianMixture m = sharedExample();
    double[] t = logspace(1e-3, 5, 20);
    double[] exact = new double[t.length], bound = new double[t.length], mc = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      MixtureDensity p = MixtureDensity.at(m, new VpOu(), t[i]);
      exact[i] = SecondMoment.exact(p);
      bound[i] = Bound.MOMENT_BOUND.value(p, Domain.global());
      mc[i] = SecondMoment.monteCarlo(p, 20_000, i + 1, 0.999).mean();
    }
    return new Figure("moment-vs-t.png", "Second moment of p_t vs t (vp-ou)", "t", "E‖X_t‖²", true, false,
        List.of(new Series("m2(t) exact", t, exact, Series.Style.LINE),
            new Series("Monte Carlo (20 000 samples, seed = index)", t, mc, Series.Style.MARKERS),
            new Series("moment.bound: a²(R² + d λmax) + b² d", t, bound, Series.Style.DASHED)),
        "Same example mixture as the Lipschitz figure. The bound (dashed) is k-independent; the exact value (line) and the"
            + " Monte Carlo estimates (markers, one independent estimate per t) agree.");
  }

  public static Figure blowupVsTime() {
    double[] t = logspace(1e-5, 1, 16);
    List<Series> lines = new ArrayList<>();
    for (GaussianMixture m : List.of(oneLine(), parallelLines())) {
      double[] rate = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        MixtureDensity p = MixtureDensity.at(m, new VpOu(), t[i]);
        rate[i] = Blowup.rate(new LipschitzSearch(1).search(p, Domain.global()), p);
      }
      lines.add(new Series(m.components() == 1 ? "one line (k = 1): L b² = 1" : "two parallel lines 1 apart: grows like 1/b²", t, rate));
    }
    return new Figure("blowup-vs-t.png", "Singular data: L_t · b_t² vs t (vp-ou)", "t", "L_t b_t² on R^d", true, true, lines,
        "Data on the line {x_1 = 0} (Σ = diag(0, 1)), and on the two lines x_1 = ±1/2. For one line L_t b_t² = 1 exactly; "
            + "for the parallel lines the covariance term at the tie point is of order ‖Δμ‖²/b_t⁴, so L_t b_t² grows like 1/b_t² (docs/claims.md §3.5).");
  }
}
