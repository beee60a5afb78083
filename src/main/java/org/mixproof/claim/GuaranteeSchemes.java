package org.mixproof.claim;

import java.util.Arrays;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StepContext;

/**
 * Schemes the §5.4 guarantee checks need beyond {@link Schemes}: [CLW25]'s discrete sampler, and an
 * adapter that lets the 1-D grid law carry a scheme with several additive draws per step (dpum).
 */
public final class GuaranteeSchemes {

  private GuaranteeSchemes() {}

  /** A scheme by name: those of {@link Schemes}, {@code clw25}, and {@code dpum} collapsed to one draw. */
  public static Scheme parse(String name) {
    return switch (name) {
      case "clw25" -> CLW25;
      case "dpum" -> collapsed(Schemes.parse("dpum"));
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

  /**
   * The same law as {@code inner} when its R draws enter additively (y' = F(y) + Σ_r B_r ξ_r with B_r not
   * depending on y, as for dpum with one corrector step): one step runs {@code inner} with the draws
   * switched off (F) and with draw r set to ones (F + B_r), and returns F + √(Σ_r B_r²) ξ with one draw —
   * equal in law, since Σ_r B_r ξ_r ~ N(0, Σ_r B_r²) per coordinate. The map is read off the scheme code,
   * not rewritten. It evaluates the score (R + 1) times per inner evaluation; its NFE for reporting is
   * {@link #innerEvaluations}.
   */
  public static Scheme collapsed(Scheme inner) {
    int r = inner.noiseDrawsPerStep();
    if (r <= 1) return inner;
    return new Scheme() {
      @Override public String name() { return inner.name(); }
      @Override public int scoreEvaluationsPerStep() { return (r + 1) * inner.scoreEvaluationsPerStep(); }
      @Override public int noiseDrawsPerStep() { return 1; }
      @Override public void step(double t, double tNext, double[] y, StepContext c) {
        int n = y.length;
        double[] f = y.clone();
        inner.step(t, tNext, f, new StepContext(c.schedule(), c::score, xi -> Arrays.fill(xi, 0.0)));
        double[] var = new double[n];
        for (int k = 0; k < r; k++) {
          double[] g = y.clone();
          int[] draw = {0};
          final int which = k;
          inner.step(t, tNext, g, new StepContext(c.schedule(), c::score,
              xi -> Arrays.fill(xi, draw[0]++ == which ? 1.0 : 0.0)));
          for (int i = 0; i < n; i++) {
            double b = g[i] - f[i];
            var[i] += b * b;
          }
        }
        double[] xi = c.scratch(7, n);
        c.noise(xi);
        for (int i = 0; i < n; i++) y[i] = f[i] + Math.sqrt(var[i]) * xi[i];
      }
      @Override public String toString() { return name(); }
    };
  }

  /** NFE per step as the scheme itself counts it (the inner scheme's for a collapsed one). */
  public static int innerEvaluations(String name) {
    return switch (name) {
      case "clw25" -> 1;
      default -> Schemes.parse(name).scoreEvaluationsPerStep();
    };
  }
}
