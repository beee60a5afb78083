package org.mixproof.law;

import java.util.Arrays;
import org.mixproof.sampler.Noise;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.StepContext;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Reads one step of a scheme as y' = F(y) + Σ_k σ_k ξ_k (draws ξ_k independent N(0, I)), so that
 * y' = F(y) + σ ξ with σ² = Σ σ_k²: F is the step with every draw zero; σ_k is the step with
 * draw k equal to the all-ones vector (the others zero) minus F, checked to be the same at every
 * point and in every coordinate; and the step with all draws equal to ones must be F + Σ σ_k (the
 * draws enter additively). Schemes with one draw (em, ei, ddpm, dpom with one corrector step) pass,
 * and so does dpum with one corrector step: its fresh velocity v and its draw ξ enter after the
 * only score evaluation, y' = C(y) + η(1 − ηγ) v + η√(2γη) ξ. A scheme whose draws reach a score
 * evaluation (more corrector steps, a non-affine score) fails the check and is rejected.
 */
final class AdditiveNoise {

  private AdditiveNoise() {}

  /** The step's F at {@code points} (written to {@code f}) and σ. */
  static double sigma(Scheme scheme, NoiseSchedule s, Score score, double t, double tn, double[] points, double[] f) {
    int draws = scheme.noiseDrawsPerStep(), len = points.length;
    System.arraycopy(points, 0, f, 0, len);
    scheme.step(t, tn, f, new StepContext(s, score, Noise.none()));
    double scale = 0;
    for (int i = 0; i < len; i++) {
      if (!Double.isFinite(f[i])) {
        throw new ArithmeticException("step " + t + " → " + tn + " of " + scheme.name() + " is not finite at " + points[i]);
      }
      scale = Math.max(scale, Math.abs(f[i]));
    }
    double[] g = new double[len];
    double sum = 0, sum2 = 0;
    for (int k = 0; k <= draws; k++) {
      int only = k; // k == draws: every draw is ones
      int[] call = {0};
      Noise unit = xi -> Arrays.fill(xi, only == draws || call[0]++ == only ? 1.0 : 0.0);
      System.arraycopy(points, 0, g, 0, len);
      scheme.step(t, tn, g, new StepContext(s, score, unit));
      double sk = g[0] - f[0];
      double expected = k == draws ? sum : sk;
      for (int i = 0; i < len; i++) scale = Math.max(scale, Math.abs(g[i]));
      for (int i = 0; i < len; i++) {
        // the same σ_k everywhere, to 1e-8 relative and the rounding (64u) of the values subtracted
        if (!(Math.abs(g[i] - f[i] - expected) <= 1e-8 * Math.abs(expected) + 64 * Math.ulp(scale))) {
          throw new IllegalArgumentException("scheme " + scheme.name() + " is not of the form F(y) + Σ σ_k ξ_k at"
              + " t = " + t + (k == draws ? ": its draws do not add up" : ": draw " + k + " has σ " + sk + " at "
              + points[0] + " but " + (g[i] - f[i]) + " at " + points[i]));
        }
      }
      if (k < draws) {
        sum += sk;
        sum2 += sk * sk;
      }
    }
    return Math.sqrt(sum2);
  }
}
