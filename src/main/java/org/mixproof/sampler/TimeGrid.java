package org.mixproof.sampler;

import java.util.Arrays;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The forward times a sampler visits, strictly decreasing from T to the early-stopping time δ ≥ 0:
 * {@code times[0] = T > times[1] > … > times[steps] = δ}. A grid of N points has N − 1 steps.
 */
public final class TimeGrid {

  private final double[] times;
  private final String description;

  private TimeGrid(double[] times, String description) {
    this.times = times;
    this.description = description;
  }

  /** An explicit grid; must be strictly decreasing, finite, ≥ 0, with at least two points. */
  public static TimeGrid of(double[] forwardTimes) {
    if (forwardTimes == null || forwardTimes.length < 2) {
      throw new IllegalArgumentException("a time grid needs at least 2 points (1 step), was "
          + (forwardTimes == null ? "null" : forwardTimes.length));
    }
    for (int i = 0; i < forwardTimes.length; i++) {
      double v = forwardTimes[i];
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("times[" + i + "] must be finite and >= 0, was " + v);
      }
      if (i > 0 && !(v < forwardTimes[i - 1])) {
        throw new IllegalArgumentException("times must decrease strictly: times[" + i + "] = " + v
            + " after " + forwardTimes[i - 1]);
      }
    }
    return new TimeGrid(forwardTimes.clone(), "explicit");
  }

  /**
   * Uniform: t_i = T − (T − δ) i / steps. This is [PG24]'s grid t_k = (T − ε) k/(N − 1) in reverse
   * time with N = steps + 1 points, read as forward times T − t_k.
   */
  public static TimeGrid uniform(double horizon, double delta, int steps) {
    checkEnds(horizon, delta, steps);
    double[] t = new double[steps + 1];
    for (int i = 0; i <= steps; i++) t[i] = horizon - (horizon - delta) * i / steps;
    t[steps] = delta;
    return new TimeGrid(t, "uniform");
  }

  /**
   * Exponentially decaying near t = 0 (docs/claims.md §5, h_n ∝ min(h, h·t_n)): uniform in φ(t) = t − 1 for
   * t ≥ 1 and log t for t &lt; 1 (so dt/dφ = min(1, t)), from φ(T) to φ(δ) in {@code steps} equal
   * steps. Needs δ &gt; 0.
   */
  public static TimeGrid exponential(double horizon, double delta, int steps) {
    checkEnds(horizon, delta, steps);
    if (!(delta > 0)) {
      throw new IllegalArgumentException("delta must be > 0 for the exponential grid (log t), was " + delta);
    }
    double p0 = phi(horizon), p1 = phi(delta);
    double[] t = new double[steps + 1];
    for (int i = 0; i <= steps; i++) t[i] = phiInverse(p0 + (p1 - p0) * i / steps);
    t[0] = horizon;
    t[steps] = delta;
    for (int i = 1; i <= steps; i++) {
      if (!(t[i] < t[i - 1])) {
        throw new IllegalArgumentException("exponential grid from " + horizon + " to " + delta + " with "
            + steps + " steps is not strictly decreasing in double precision");
      }
    }
    return new TimeGrid(t, "exponential");
  }

  private static double phi(double t) { return t >= 1 ? t - 1 : Math.log(t); }

  private static double phiInverse(double p) { return p >= 0 ? p + 1 : Math.exp(p); }

  /**
   * [LY24]'s discrete schedule (their eq. 2.3, docs/claims.md §5.4) with {@code levels} = T noise
   * levels: β_1 = T^{−c0}, β_{t+1} = (c1 log T / T) · min(β_1 (1 + c1 log T / T)^t, 1), ᾱ_t = Π_{s ≤ t}
   * (1 − β_s). The grid holds the T times t_T &gt; … &gt; t_1 where the schedule's a_t² = ᾱ_t, so a
   * run goes from Y_T down to Y_1 in T − 1 steps and its target is p_{t_1}, the law of X_1. Rejected
   * when some β_t ≥ 1.
   */
  public static TimeGrid ly24(NoiseSchedule schedule, int levels, double c0, double c1) {
    checkDiscrete(schedule, levels, c0, c1);
    int n = levels;
    double rate = c1 * Math.log(n) / n;
    double beta1 = Math.pow(n, -c0);
    double[] logAlphaBar = new double[n + 1], oneMinus = new double[n + 1];
    double beta = beta1;
    for (int i = 1; i <= n; i++) {
      if (i > 1) beta = rate * Math.min(beta1 * Math.pow(1 + rate, i - 1), 1);
      if (!(beta < 1)) {
        throw new IllegalArgumentException("LY24 schedule with T = " + n + ", c1 = " + c1 + " has β_" + i + " = "
            + beta + " ≥ 1");
      }
      logAlphaBar[i] = logAlphaBar[i - 1] + Math.log1p(-beta);
      oneMinus[i] = -Math.expm1(logAlphaBar[i]);
    }
    return placed(schedule, logAlphaBar, oneMinus, "ly24:" + c0 + "," + c1);
  }

  /**
   * [CLW25]'s discrete schedule (their eq. 14, docs/claims.md §5.4) with {@code levels} = T noise
   * levels: ᾱ_T = T^{−c0}, ᾱ_{t−1} = ᾱ_t + r ᾱ_t (1 − ᾱ_t) with r = c1 log T / T, for t = T … 2, and
   * ᾱ_0 = 1, so α_t = ᾱ_t/ᾱ_{t−1} = 1/(1 + r(1 − ᾱ_t)). Both ᾱ and u = 1 − ᾱ are carried by their own
   * products (ᾱ' = ᾱ(1 + r u), u' = u(1 − r ᾱ)), so neither loses digits when it is small; u falls
   * geometrically to ~ T^{−c1/2}-ish values far below 2^{−53}. The recursion overshoots (some ᾱ_t ≥ 1,
   * so some α_t leaves (0, 1]) exactly when r ᾱ_t ≥ 1 at some step, which needs r ≥ 1 (c0 = 2,
   * c1 = 10 at T = 32: r = 1.08); such a T is rejected, naming the step. Placed as {@link #ly24} is.
   */
  public static TimeGrid clw25(NoiseSchedule schedule, int levels, double c0, double c1) {
    checkDiscrete(schedule, levels, c0, c1);
    int n = levels;
    double rate = c1 * Math.log(n) / n;
    double[] alphaBar = new double[n + 1], oneMinus = new double[n + 1], logAlphaBar = new double[n + 1];
    alphaBar[n] = Math.pow(n, -c0);
    oneMinus[n] = -Math.expm1(-c0 * Math.log(n));
    for (int t = n; t >= 2; t--) {
      if (!(rate * alphaBar[t] < 1)) {
        throw new IllegalArgumentException("CLW25 schedule with T = " + n + ", c0 = " + c0 + ", c1 = " + c1
            + " overshoots: r ᾱ_" + t + " = " + rate * alphaBar[t] + " ≥ 1 (r = c1 log T / T = " + rate
            + "), so ᾱ_" + (t - 1) + " ≥ 1 and some α_t is outside (0, 1]");
      }
      alphaBar[t - 1] = alphaBar[t] * (1 + rate * oneMinus[t]);
      oneMinus[t - 1] = oneMinus[t] * (1 - rate * alphaBar[t]);
    }
    for (int t = 1; t <= n; t++) {
      logAlphaBar[t] = alphaBar[t] < 0.5 ? Math.log(alphaBar[t]) : Math.log1p(-oneMinus[t]);
    }
    return placed(schedule, logAlphaBar, oneMinus, "clw25:" + c0 + "," + c1);
  }

  private static void checkDiscrete(NoiseSchedule schedule, int levels, double c0, double c1) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    if (levels < 2) throw new IllegalArgumentException("levels T must be at least 2 (one step), was " + levels);
    if (!(c0 > 0) || !Double.isFinite(c0)) throw new IllegalArgumentException("c0 must be positive, was " + c0);
    if (!(c1 > 0) || !Double.isFinite(c1)) throw new IllegalArgumentException("c1 must be positive, was " + c1);
  }

  /**
   * The times t_T &gt; … &gt; t_1 where a_t² = ᾱ_t, by bisection: on log a² while ᾱ &lt; ½, on
   * b_t² = 1 − a_t² = 1 − ᾱ (a vp schedule; b² is computed with expm1) where ᾱ ≥ ½, so that times
   * whose 1 − ᾱ is far below 2^{−53} stay distinct. Rejected when the schedule is not vp (a² + b² ≠ 1),
   * when ᾱ_T is below a(tMax)², or when two times coincide in double precision.
   */
  private static TimeGrid placed(NoiseSchedule schedule, double[] logAlphaBar, double[] oneMinus, String label) {
    int n = logAlphaBar.length - 1;
    double probe = 0.3;
    double a2 = schedule.a(probe) * schedule.a(probe);
    if (!(Math.abs(a2 + schedule.b2(probe) - 1) <= 1e-12)) { // 1e-12: a few thousand ulps of 1, far above rounding
      throw new IllegalArgumentException(label + " grid needs a variance-preserving schedule (a² + b² = 1), not "
          + schedule.spec());
    }
    double tMax = Double.isFinite(schedule.tMax()) ? schedule.tMax() : 1e3;
    double logA2Max = 2 * schedule.logA(tMax); // log a, not log of a: a(tMax) underflows for vp-ou (e^{−1000})
    if (logAlphaBar[n] < logA2Max) {
      throw new IllegalArgumentException(label + " schedule needs log ᾱ_T = " + logAlphaBar[n]
          + " but " + schedule.spec() + " reaches only log a² = " + logA2Max + " at t = " + tMax);
    }
    double[] t = new double[n];
    for (int i = 1; i <= n; i++) t[n - i] = timeOf(schedule, logAlphaBar[i], oneMinus[i], tMax);
    for (int i = 1; i < n; i++) {
      if (!(t[i] < t[i - 1])) {
        throw new IllegalArgumentException(label + " grid with T = " + n + " has two equal times " + t[i]);
      }
    }
    if (!(t[n - 1] > 0)) throw new IllegalArgumentException(label + " grid with T = " + n + " has t_1 = 0 (β_1 underflows)");
    return new TimeGrid(t, label);
  }

  private static double timeOf(NoiseSchedule s, double logAlphaBar, double oneMinus, double tMax) {
    boolean small = logAlphaBar < Math.log(0.5);
    double lo = 0, hi = tMax;
    for (int it = 0; it < 2000 && hi - lo > 0; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid == lo || mid == hi) break;
      boolean before = small ? 2 * s.logA(mid) > logAlphaBar : s.b2(mid) < oneMinus;
      if (before) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }



  private static void checkEnds(double horizon, double delta, int steps) {
    if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, was " + steps);
    if (!(delta >= 0) || !Double.isFinite(delta)) {
      throw new IllegalArgumentException("delta (early stopping) must be finite and >= 0, was " + delta);
    }
    if (!(horizon > delta) || !Double.isFinite(horizon)) {
      throw new IllegalArgumentException("T must be finite and greater than delta = " + delta + ", was " + horizon);
    }
  }

  /** Number of steps (points − 1). */
  public int steps() { return times.length - 1; }

  /** Forward time of point i (0 = T). */
  public double time(int i) { return times[i]; }

  public double horizon() { return times[0]; }

  /** The early-stopping time δ (the last point). */
  public double delta() { return times[times.length - 1]; }

  public double[] times() { return times.clone(); }

  /** Checks that the grid lies in the schedule's range; returns this. */
  public TimeGrid checkFor(NoiseSchedule s) {
    s.checkTime(times[0]);
    s.checkTime(times[times.length - 1]);
    return this;
  }

  @Override public String toString() {
    return description + "[" + times[0] + " → " + delta() + ", " + steps() + " steps]";
  }

  @Override public boolean equals(Object o) {
    return o instanceof TimeGrid g && Arrays.equals(times, g.times);
  }

  @Override public int hashCode() { return Arrays.hashCode(times); }
}
