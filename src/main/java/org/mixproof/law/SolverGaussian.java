package org.mixproof.law;

import java.util.List;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The measurements behind docs/claims.md §5.1 {@code solver.gaussian.*} on the exact Gaussian law, shared by
 * the claim checks ({@code claim.rate.SolverGaussianCheck}) and the jqwik properties of {@code law/}: one copy.
 */
public final class SolverGaussian {

  /** ε = ulp(1) = 2u, the unit of this class's tolerances (RoundingModel.EPS). */
  public static final double EPS = RoundingModel.EPS;

  private SolverGaussian() {}

  /** The horizon used for a schedule: its tMax where finite (vp-linear: 1), else 1.5. */
  public static double horizon(NoiseSchedule s) { return Double.isFinite(s.tMax()) ? s.tMax() : 1.5; }

  /** True when every λ is 1: N(0, I) is stationary for vp schedules, so several schemes are exact there. */
  public static boolean allOne(double[] lambda) {
    for (double l : lambda) if (l != 1) return false;
    return true;
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }

  /** W2(output, p_δ) of {@code scheme} from p_T exactly on a uniform grid of {@code steps}. */
  public static double discretisationError(GaussianLaw law, Scheme scheme, NoiseSchedule s, double T, double delta,
      int steps, DiagonalGaussian target) {
    GaussianLaw.Propagation p = law.propagate(scheme, s, TimeGrid.uniform(T, delta, steps), StartLaw.EXACT);
    return Divergences.w2(p.law(0), target);
  }

  /**
   * A settled log-log slope of the discretisation error: {@code slope} is NaN when the refinement
   * reached its rounding floor before two consecutive slopes agreed.
   */
  public record Order(double slope, double coarse, double fine, int steps) {
    public boolean settled() { return !Double.isNaN(slope); }
  }

  /**
   * solver.gaussian.order: from p_T exactly (so the only error is discretisation), δ = 0.1·T away from
   * the stiff t → 0, on a refinement sequence n, 2n, 4n, … the slopes log₂(e_N/e_{2N}) of W2(output, p_δ)
   * settle: refine until three consecutive slopes agree within {@code agree} (0.05: two consecutive
   * differences), then the last slope is the order. For e = C₁h^p(1 + c h) the slope is
   * p + c h/(2 ln 2) + O(h²) and consecutive slopes differ by ≈ c h/(4 ln 2), halving with h, so once
   * they agree within 0.05 the remaining offset is ≤ 0.1 + O(h²): a tolerance of 0.15. Two agreements,
   * not one: W2 sums eigen-coordinates whose h-corrections may differ in sign, so the pre-asymptotic
   * slopes need not be monotone and one agreement can be a turning point (seed 17 of the catalog:
   * ode-rk4 slopes 4.61, 3.80, 3.80, 3.89, 3.94, 3.97 on the way to 4).
   * The refinement stops where the error reaches 100× its rounding floor N·u·√(Σλ + d); a case that has
   * not settled by then (exact to rounding, or C₁ ≈ 0) is returned unsettled.
   *
   * @param perUnitTime initial steps per unit time (64 for p = 1, 16 for p = 2, 4 for p = 4)
   */
  public static Order order(GaussianLaw law, Scheme scheme, NoiseSchedule s, int perUnitTime, double agree, int maxSteps) {
    double T = horizon(s), delta = 0.1 * T;
    int n = (int) Math.ceil(T * perUnitTime);
    DiagonalGaussian target = law.marginal(s, delta);
    double[] lambda = law.eigenvalues();
    double scale = Math.sqrt(sum(lambda) + lambda.length);
    double e = discretisationError(law, scheme, s, T, delta, n, target), lastSlope = Double.NaN, lastDiff = Double.NaN;
    for (int steps = 2 * n; steps <= maxSteps; steps *= 2) {
      double next = discretisationError(law, scheme, s, T, delta, steps, target);
      if (!(next > 100 * steps * EPS * scale)) break;
      double slope = Math.log(e / next) / Math.log(2), diff = Math.abs(slope - lastSlope);
      if (diff <= agree && lastDiff <= agree) return new Order(slope, e, next, steps);
      lastSlope = slope;
      lastDiff = diff;
      e = next;
    }
    return new Order(Double.NaN, e, Double.NaN, 0);
  }

  /** The initial steps per unit time for a scheme of order p. */
  public static int perUnitTime(int p) { return p == 1 ? 64 : p == 2 ? 16 : 4; }

  /**
   * solver.gaussian.continuous-limit on a refinement sequence from N(0, I): the gaps e_N = W2(output_N,
   * continuous) for N = first, 2·first, … ≤ last, the errors W2(output_N, p_δ), the continuous error, and
   * the rounding floor below which a gap is not judged (100× the rounding of a 4096-step run).
   */
  public record Limit(int[] steps, double[] gaps, double[] errors, double continuousError, double floor) {

    /** The smallest ratio gap_{N/2}/gap_N over judged refinements (+∞ when none is judged). */
    public double worstContraction() {
      double worst = Double.POSITIVE_INFINITY;
      for (int i = 1; i < gaps.length; i++) if (gaps[i - 1] > floor) worst = Math.min(worst, gaps[i - 1] / gaps[i]);
      return worst;
    }

    /** The largest |W2(out, p_δ) − W2(cont, p_δ)| − W2(out, cont) beyond the rounding of three W2 sums. */
    public double worstTriangleExcess() {
      double worst = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < gaps.length; i++) {
        worst = Math.max(worst, Math.abs(errors[i] - continuousError) - gaps[i] - 8 * EPS * (continuousError + gaps[i] + 1));
      }
      return worst;
    }
  }

  /**
   * The discrete output tends to the continuous-time output (SDE schemes to the reverse SDE's closed form,
   * ODE schemes to the flow's). First order gives a factor 2 per halving of h, less an O(h) correction; by
   * the triangle inequality the reported error W2(output_N, p_δ) is within e_N of the continuous error,
   * which therefore is its limit. δ = 0.05·T.
   */
  public static Limit continuousLimit(GaussianLaw law, Scheme scheme, NoiseSchedule s, int first, int last) {
    double T = horizon(s), delta = 0.05 * T;
    DiagonalGaussian start = law.start(StartLaw.PRIOR, s, T);
    DiagonalGaussian cont = scheme.deterministic() ? law.continuousOde(s, T, delta, start)
        : law.continuousSde(s, T, delta, start);
    DiagonalGaussian target = law.marginal(s, delta);
    double contError = Divergences.w2(cont, target);
    int count = 0;
    for (int n = first; n <= last; n *= 2) count++;
    int[] steps = new int[count];
    double[] gaps = new double[count], errors = new double[count];
    int i = 0;
    for (int n = first; n <= last; n *= 2, i++) {
      DiagonalGaussian out = law.propagate(scheme, s, TimeGrid.uniform(T, delta, n), 0, List.of(start)).law(0);
      steps[i] = n;
      gaps[i] = Divergences.w2(out, cont);
      errors[i] = Divergences.w2(out, target);
    }
    double floor = 100 * 4096 * EPS * Math.sqrt(sum(law.eigenvalues()) + law.dimension());
    return new Limit(steps, gaps, errors, contError, floor);
  }

  /** The continuous-time initialisation errors W2(·, p_δ) from N(0, I) at horizon T: SDE and ODE (vp schedules). */
  public record InitError(double sde, double ode) {}

  public static InitError initialisationError(GaussianLaw law, NoiseSchedule s, double T, double delta) {
    DiagonalGaussian target = law.marginal(s, delta);
    DiagonalGaussian start = law.start(StartLaw.PRIOR, s, T);
    return new InitError(Divergences.w2(law.continuousSde(s, T, delta, start), target),
        Divergences.w2(law.continuousOde(s, T, delta, start), target));
  }

  /**
   * solver.gaussian.sde-beats-ode-init at forward time t: per eigenvalue, with e = (a_T/a_t)², the
   * factor e λ_t/λ_T (claimed in (0, 1)), the identity v_S/λ_t − 1 = (e λ_t/λ_T)(v_O/λ_t − 1) checked to
   * the rounding of its terms (16ε of their size), the per-eigenvalue gaps and both W2 errors.
   */
  public record SdeVsOde(double minFactor, double maxFactor, double worstIdentityExcess, boolean strictEverywhere,
      double w2Sde, double w2Ode, boolean anyStrict) {}

  public static SdeVsOde sdeVsOde(GaussianLaw law, NoiseSchedule s, double T, double t) {
    DiagonalGaussian start = law.start(StartLaw.PRIOR, s, T);
    DiagonalGaussian sde = law.continuousSde(s, T, t, start), ode = law.continuousOde(s, T, t, start);
    DiagonalGaussian pt = law.marginal(s, t), pT = law.marginal(s, T);
    double a = s.a(T) / s.a(t), e = a * a;
    double minF = Double.POSITIVE_INFINITY, maxF = Double.NEGATIVE_INFINITY, excess = Double.NEGATIVE_INFINITY;
    boolean strictAll = true, any = false;
    for (int j = 0; j < law.dimension(); j++) {
      double lt = pt.variance()[j], lT = pT.variance()[j];
      double factor = e * lt / lT;
      minF = Math.min(minF, factor);
      maxF = Math.max(maxF, factor);
      double left = sde.variance()[j] / lt - 1, right = factor * (ode.variance()[j] / lt - 1);
      double tol = 16 * EPS * (1 + Math.abs(ode.variance()[j] / lt) + sde.variance()[j] / lt);
      excess = Math.max(excess, Math.abs(left - right) - tol);
      if (Math.abs(lT - 1) > 1e-6) { // λ_T = 1: the prior is exact for this eigenvalue, both gaps vanish
        any = true;
        double gapS = Math.abs(sde.variance()[j] - lt), gapO = Math.abs(ode.variance()[j] - lt);
        strictAll &= gapS < gapO;
      }
    }
    return new SdeVsOde(minF, maxF, excess, strictAll, Divergences.w2(sde, pt), Divergences.w2(ode, pt), any);
  }
}
