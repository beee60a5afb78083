package org.mixproof.sampler;

import java.util.List;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The schemes of docs/claims.md §5, each written once against f(t), g(t)² and a score. Notation: a step
 * goes from forward time t to t' = tNext &lt; t, h = t − t', and the reverse drifts are
 * SDE: −f(t) y + g(t)² s_t(y), ODE (probability flow): F(t, y) = −f(t) y + ½ g(t)² s_t(y).
 * <ul>
 *   <li>{@code em}: y' = y + h(−f y + g² s_t(y)) + √(g² h) ξ.
 *   <li>{@code ei}: y' = Φ y + I_s s_t(y) + √I_n ξ ({@link ExponentialIntegrals}; vp-ou:
 *       e^h y + 2(e^h − 1)s + √(e^{2h} − 1) ξ).
 *   <li>{@code ddpm}: β = g(t)² h, y' = (1 + 2f(t)h)^{−½} (y + β s_t(y)) + √β ξ; for a vp schedule
 *       2f = −g², so this is Ho et al.'s ancestral step (1 − β)^{−½}(y + β s) + √β ξ with the
 *       first-order discrete β of [PG24]. Undefined when 1 + 2fh ≤ 0 (β ≥ 1).
 *   <li>{@code ode-euler}: y' = y + h F(t, y). {@code ode-heun}: y' = y + (h/2)(F(t, y) +
 *       F(t', y + h F(t, y))). {@code ode-rk4}: the classical four stages at t, t − h/2, t − h/2, t'.
 *   <li>{@code ode-ei}: y' = Φ y + ½ I_s s_t(y) (DDIM-like).
 *   <li>{@code dpom}: an {@code ode-ei} predictor step, then M overdamped Langevin corrector steps
 *       at t': y ← y + η s_{t'}(y) + √(2η) ξ, η = κ h g(t')²/2 (vp-ou: η = κ h). Defaults M = 1, κ = 1.
 *   <li>{@code dpum}: an {@code ode-ei} predictor, then an underdamped corrector at t' with a fresh
 *       velocity v ~ N(0, I) and M steps v ← v + η(s_{t'}(y) − γ v) + √(2γη) ξ, y ← y + η v
 *       (semi-implicit Euler), same η. Defaults M = 1, κ = 1, γ = 2.
 *   <li>The discrete DDPM samplers of docs/claims.md §5.4, with α = a_t²/a_{t'}² the exact discrete
 *       step of the forward chain (on {@code TimeGrid.ly24}/{@code clw25} grids α_t = ᾱ_t/ᾱ_{t−1}) and
 *       β = 1 − α (both from log α = 2(log a_t − log a_{t'}), so β keeps its digits where a_t rounds to 1):
 *       {@code ly24} ([LY24] eq. 2.4, noise inside the rescaling)
 *       y' = α^{−½}(y + β s_t(y) + √β ξ); {@code clw25} ([CLW25] eq. 9, noise outside)
 *       y' = α^{−½}(y + β s_t(y)) + √β ξ. On a coordinate whose data law is N(0, 1) (score −y) the
 *       clw25 step is N(√α y, β), the forward chain's exact reverse, and the ly24 step adds
 *       variance β/α instead.
 * </ul>
 */
public final class Schemes {

  /** The names accepted by {@link #parse}. */
  public static final List<String> NAMES =
      List.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4", "ode-ei", "dpom", "dpum", "ly24", "clw25");

  private Schemes() {}

  /** A scheme by name (defaults for dpom and dpum); an unknown name is rejected, naming it. */
  public static Scheme parse(String name) {
    String n = name == null ? null : name.strip();
    if (n != null) {
      switch (n) {
        case "em": return EM;
        case "ei": return EI;
        case "ddpm": return DDPM;
        case "ode-euler": return ODE_EULER;
        case "ode-heun": return ODE_HEUN;
        case "ode-rk4": return ODE_RK4;
        case "ode-ei": return ODE_EI;
        case "dpom": return dpom(1, 1);
        case "dpum": return dpum(1, 1, 2);
        case "ly24": return LY24;
        case "clw25": return CLW25;
        default: break;
      }
    }
    throw new IllegalArgumentException("scheme must be one of " + NAMES + ", was '" + name + "'");
  }

  /** Comma-separated names, each parsed by {@link #parse}; at least one. */
  public static List<Scheme> parseList(String names) {
    if (names == null || names.isBlank()) {
      throw new IllegalArgumentException("schemes must name at least one of " + NAMES + ", was '" + names + "'");
    }
    List<Scheme> out = new java.util.ArrayList<>();
    for (String s : names.split(",", -1)) out.add(parse(s));
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ helpers shared by the schemes

  /** out = F(t, y) = −f(t) y + ½ g(t)² s_t(y). */
  static void flow(StepContext c, double t, double[] y, double[] out) {
    NoiseSchedule s = c.schedule();
    c.score(t, y, out);
    double mf = -s.f(t), hg = 0.5 * s.g2(t);
    for (int i = 0; i < y.length; i++) out[i] = mf * y[i] + hg * out[i];
  }

  private abstract static class Base implements Scheme {
    private final String name;
    private final int evals, draws;

    Base(String name, int evals, int draws) {
      this.name = name;
      this.evals = evals;
      this.draws = draws;
    }

    @Override public String name() { return name; }
    @Override public int scoreEvaluationsPerStep() { return evals; }
    @Override public int noiseDrawsPerStep() { return draws; }
    @Override public String toString() { return name; }
  }

  public static final Scheme EM = new Base("em", 1, 1) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      NoiseSchedule s = c.schedule();
      double h = t - tNext, g2 = s.g2(t);
      double[] sc = c.scratch(0, y.length), xi = c.scratch(1, y.length);
      c.score(t, y, sc);
      c.noise(xi);
      double lin = 1 - h * s.f(t), hs = h * g2, sd = Math.sqrt(g2 * h);
      for (int i = 0; i < y.length; i++) y[i] = lin * y[i] + hs * sc[i] + sd * xi[i];
    }
  };

  public static final Scheme EI = new Base("ei", 1, 1) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      ExponentialIntegrals e = ExponentialIntegrals.of(c.schedule(), t, tNext);
      double[] sc = c.scratch(0, y.length), xi = c.scratch(1, y.length);
      c.score(t, y, sc);
      c.noise(xi);
      double phi = e.phi(), is = e.scoreCoefficient(), sd = Math.sqrt(e.noiseVariance());
      for (int i = 0; i < y.length; i++) y[i] = phi * y[i] + is * sc[i] + sd * xi[i];
    }
  };

  public static final Scheme DDPM = new Base("ddpm", 1, 1) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      NoiseSchedule s = c.schedule();
      double h = t - tNext, beta = s.g2(t) * h, keep = 1 + 2 * s.f(t) * h;
      if (!(keep > 0)) {
        throw new UndefinedStepException("ddpm step from t = " + t + " to " + tNext
            + " has 1 + 2 f h = " + keep + " ≤ 0 (discrete β ≥ 1)");
      }
      double scale = 1 / Math.sqrt(keep), sd = Math.sqrt(beta);
      double[] sc = c.scratch(0, y.length), xi = c.scratch(1, y.length);
      c.score(t, y, sc);
      c.noise(xi);
      for (int i = 0; i < y.length; i++) y[i] = scale * (y[i] + beta * sc[i]) + sd * xi[i];
    }
  };

  /** [LY24]'s sampler (their eq. 2.4): y' = α^{−½}(y + β s_t(y) + √β ξ), noise inside the rescaling. */
  public static final Scheme LY24 = new Base("ly24", 1, 1) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      discreteStep(t, tNext, y, c, true);
    }
  };

  /** [CLW25]'s sampler (their eq. 9): y' = α^{−½}(y + β s_t(y)) + √β ξ, noise outside the rescaling. */
  public static final Scheme CLW25 = new Base("clw25", 1, 1) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      discreteStep(t, tNext, y, c, false);
    }
  };

  /**
   * α = (a_t/a_{t'})², β = 1 − α; the two samplers differ only in where √β ξ enters. Both from
   * log α = 2(log a_t − log a_{t'}) ({@link NoiseSchedule#logA}): 1 − α in double would be exactly 0 once
   * a_t = e^{−t} rounds to 1 (t ≲ 1e-16, the first levels of a [CLW25] grid), while the real β ≈ 2h is
   * of the order of b_t² there.
   */
  private static void discreteStep(double t, double tNext, double[] y, StepContext c, boolean noiseInside) {
    double logAlpha = 2 * (c.schedule().logA(t) - c.schedule().logA(tNext));
    double alpha = Math.exp(logAlpha), beta = -Math.expm1(logAlpha);
    if (!(alpha > 0 && alpha <= 1)) {
      throw new UndefinedStepException("discrete step from t = " + t + " to " + tNext + " has α = " + alpha
          + " outside (0, 1]");
    }
    double[] sc = c.scratch(0, y.length), xi = c.scratch(1, y.length);
    c.score(t, y, sc);
    c.noise(xi);
    double scale = 1 / Math.sqrt(alpha), sd = Math.sqrt(beta), noiseScale = noiseInside ? scale * sd : sd;
    for (int i = 0; i < y.length; i++) y[i] = scale * (y[i] + beta * sc[i]) + noiseScale * xi[i];
  }

  public static final Scheme ODE_EULER = new Base("ode-euler", 1, 0) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      double h = t - tNext;
      double[] k1 = c.scratch(0, y.length);
      flow(c, t, y, k1);
      for (int i = 0; i < y.length; i++) y[i] += h * k1[i];
    }
  };

  public static final Scheme ODE_HEUN = new Base("ode-heun", 2, 0) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      double h = t - tNext;
      double[] k1 = c.scratch(0, y.length), k2 = c.scratch(1, y.length), ye = c.scratch(2, y.length);
      flow(c, t, y, k1);
      for (int i = 0; i < y.length; i++) ye[i] = y[i] + h * k1[i];
      flow(c, tNext, ye, k2);
      double hh = 0.5 * h;
      for (int i = 0; i < y.length; i++) y[i] += hh * (k1[i] + k2[i]);
    }
  };

  public static final Scheme ODE_RK4 = new Base("ode-rk4", 4, 0) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      double h = t - tNext, tm = t - 0.5 * h, hh = 0.5 * h;
      int n = y.length;
      double[] k1 = c.scratch(0, n), k2 = c.scratch(1, n), k3 = c.scratch(2, n), k4 = c.scratch(3, n);
      double[] w = c.scratch(4, n);
      flow(c, t, y, k1);
      for (int i = 0; i < n; i++) w[i] = y[i] + hh * k1[i];
      flow(c, tm, w, k2);
      for (int i = 0; i < n; i++) w[i] = y[i] + hh * k2[i];
      flow(c, tm, w, k3);
      for (int i = 0; i < n; i++) w[i] = y[i] + h * k3[i];
      flow(c, tNext, w, k4);
      double h6 = h / 6;
      for (int i = 0; i < n; i++) y[i] += h6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
  };

  public static final Scheme ODE_EI = new Base("ode-ei", 1, 0) {
    @Override public void step(double t, double tNext, double[] y, StepContext c) {
      odeEi(t, tNext, y, c);
    }
  };

  static void odeEi(double t, double tNext, double[] y, StepContext c) {
    ExponentialIntegrals e = ExponentialIntegrals.of(c.schedule(), t, tNext);
    double[] sc = c.scratch(0, y.length);
    c.score(t, y, sc);
    double phi = e.phi(), is = 0.5 * e.scoreCoefficient();
    for (int i = 0; i < y.length; i++) y[i] = phi * y[i] + is * sc[i];
  }

  /** Langevin step size η = κ h g(t')²/2. */
  static double eta(StepContext c, double t, double tNext, double kappa) {
    return kappa * (t - tNext) * 0.5 * c.schedule().g2(tNext);
  }

  /** DPOM with M corrector steps of size η = κ h g(t')²/2. */
  public static Scheme dpom(int correctorSteps, double kappa) {
    checkCorrector(correctorSteps, kappa);
    return new Base("dpom", 1 + correctorSteps, correctorSteps) {
      @Override public void step(double t, double tNext, double[] y, StepContext c) {
        odeEi(t, tNext, y, c);
        double eta = eta(c, t, tNext, kappa), sd = Math.sqrt(2 * eta);
        double[] sc = c.scratch(0, y.length), xi = c.scratch(1, y.length);
        for (int m = 0; m < correctorSteps; m++) {
          c.score(tNext, y, sc);
          c.noise(xi);
          for (int i = 0; i < y.length; i++) y[i] += eta * sc[i] + sd * xi[i];
        }
      }
    };
  }

  /** DPUM with M underdamped corrector steps of size η = κ h g(t')²/2 and friction γ. */
  public static Scheme dpum(int correctorSteps, double kappa, double friction) {
    checkCorrector(correctorSteps, kappa);
    if (!(friction > 0) || !Double.isFinite(friction)) {
      throw new IllegalArgumentException("friction must be positive and finite, was " + friction);
    }
    return new Base("dpum", 1 + correctorSteps, 1 + correctorSteps) {
      @Override public void step(double t, double tNext, double[] y, StepContext c) {
        odeEi(t, tNext, y, c);
        double eta = eta(c, t, tNext, kappa), sd = Math.sqrt(2 * friction * eta);
        int n = y.length;
        double[] sc = c.scratch(0, n), xi = c.scratch(1, n), v = c.scratch(2, n);
        c.noise(v); // fresh velocity ~ N(0, I)
        for (int m = 0; m < correctorSteps; m++) {
          c.score(tNext, y, sc);
          c.noise(xi);
          for (int i = 0; i < n; i++) {
            v[i] += eta * (sc[i] - friction * v[i]) + sd * xi[i];
            y[i] += eta * v[i];
          }
        }
      }
    };
  }

  private static void checkCorrector(int m, double kappa) {
    if (m < 1) throw new IllegalArgumentException("correctorSteps must be at least 1, was " + m);
    if (!(kappa > 0) || !Double.isFinite(kappa)) {
      throw new IllegalArgumentException("kappa (corrector step factor) must be positive and finite, was " + kappa);
    }
  }
}
