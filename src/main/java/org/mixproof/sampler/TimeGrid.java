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
   * Exponentially decaying near t = 0 (CLAIMS §5, h_n ∝ min(h, h·t_n)): uniform in φ(t) = t − 1 for
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
   * [CLW25]'s discrete schedule with {@code steps} = N: β_1 = N^{−c0}, β_{n+1} = (c1 log N / N) ·
   * min(β_1 (1 + c1 log N / N)^n, 1), ᾱ_n = Π_{i ≤ n}(1 − β_i). Forward time t_n is where the
   * schedule's a_t² = ᾱ_n (bisection; a must decrease, so a vp schedule), so the grid runs from
   * t_N down to t_0 = 0. Rejected when ᾱ_N is below a(tMax)² or the times are not distinct.
   */
  public static TimeGrid clw25(NoiseSchedule schedule, int steps, double c0, double c1) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, was " + steps);
    if (!(c0 > 0) || !Double.isFinite(c0)) throw new IllegalArgumentException("c0 must be positive, was " + c0);
    if (!(c1 > 0) || !Double.isFinite(c1)) throw new IllegalArgumentException("c1 must be positive, was " + c1);
    int n = steps;
    double rate = c1 * Math.log(Math.max(n, 2)) / n;
    double beta1 = Math.pow(n, -c0);
    double[] logAlphaBar = new double[n + 1];
    double beta = beta1;
    for (int i = 1; i <= n; i++) {
      if (i > 1) beta = rate * Math.min(beta1 * Math.pow(1 + rate, i - 1), 1);
      if (!(beta < 1)) {
        throw new IllegalArgumentException("CLW25 schedule with N = " + n + ", c1 = " + c1 + " has β_" + i + " = "
            + beta + " ≥ 1");
      }
      logAlphaBar[i] = logAlphaBar[i - 1] + Math.log1p(-beta);
    }
    double tMax = Double.isFinite(schedule.tMax()) ? schedule.tMax() : 1e3;
    double logA2Max = 2 * Math.log(schedule.a(tMax));
    if (logAlphaBar[n] < logA2Max) {
      throw new IllegalArgumentException("CLW25 schedule needs ᾱ_N = " + Math.exp(logAlphaBar[n])
          + " but " + schedule.spec() + " reaches only a² = " + Math.exp(logA2Max) + " at t = " + tMax);
    }
    double[] t = new double[n + 1];
    for (int i = 0; i <= n; i++) t[n - i] = i == 0 ? 0 : timeOfLogA2(schedule, logAlphaBar[i], tMax);
    for (int i = 1; i <= n; i++) {
      if (!(t[i] < t[i - 1])) {
        throw new IllegalArgumentException("CLW25 grid with N = " + n + " has two equal times " + t[i]);
      }
    }
    return new TimeGrid(t, "clw25:" + c0 + "," + c1);
  }

  private static double timeOfLogA2(NoiseSchedule s, double target, double tMax) {
    double lo = 0, hi = tMax;
    for (int it = 0; it < 200 && hi - lo > 0; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid == lo || mid == hi) break;
      if (2 * Math.log(s.a(mid)) > target) lo = mid;
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
