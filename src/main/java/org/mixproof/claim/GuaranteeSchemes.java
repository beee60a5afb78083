package org.mixproof.claim;

import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StepContext;

/**
 * Schemes the §5.4 guarantee checks need beyond {@link Schemes}: [CLW25]'s discrete sampler. (dpum's
 * two additive draws per step are read by the grid laws themselves, {@code law.AdditiveNoise}.)
 */
public final class GuaranteeSchemes {

  private GuaranteeSchemes() {}

  /** A scheme by name: those of {@link Schemes} and {@code clw25}. */
  public static Scheme parse(String name) {
    return switch (name) {
      case "clw25" -> CLW25;
      default -> Schemes.parse(name);
    };
  }

  /**
   * [CLW25]'s sampler (CLAIMS §5.4): Y_{n−1} = (1 − β_n)^{−1/2}(Y_n + β_n s_n(Y_n) + √β_n Z_n) with the
   * discrete β_n = 1 − ᾱ_n/ᾱ_{n−1} = 1 − a_t²/a_{t'}² of the step from t = t_n to t' = t_{n−1} (on
   * {@code TimeGrid.clw25} the a_{t_n}² are the schedule's ᾱ_n) and s_n the score at t_n. Note the
   * noise inside the scaling, unlike {@code ddpm}'s (1 − β)^{−½}(y + β s) + √β ξ.
   */
  public static final Scheme CLW25 = new Scheme() {
    @Override public String name() { return "clw25"; }
    @Override public int scoreEvaluationsPerStep() { return 1; }
    @Override public int noiseDrawsPerStep() { return 1; }
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      double at = c.schedule().a(t), an = c.schedule().a(tNext);
      double keep = (at / an) * (at / an), beta = 1 - keep;
      double[] sc = c.scratch(0, y.length), xi = c.scratch(1, y.length);
      c.score(t, y, sc);
      c.noise(xi);
      double scale = 1 / Math.sqrt(keep), sd = Math.sqrt(beta);
      for (int i = 0; i < y.length; i++) y[i] = scale * (y[i] + beta * sc[i] + sd * xi[i]);
    }
    @Override public String toString() { return name(); }
  };

  /** NFE per step as the scheme counts it. */
  public static int innerEvaluations(String name) {
    return switch (name) {
      case "clw25" -> 1;
      default -> Schemes.parse(name).scoreEvaluationsPerStep();
    };
  }
}
