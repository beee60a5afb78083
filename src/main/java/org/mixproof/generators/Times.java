package org.mixproof.generators;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Arbitraries;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VeLinear;
import org.mixproof.schedule.VpOu;

/**
 * Times t &gt; 0 for a schedule: log-uniform (reaching 1e−8), uniform, or both mixed. Every arbitrary
 * here shrinks towards t = 1 (or the range end nearest 1), a time with no numerical extremes.
 */
public final class Times {

  /** The smallest generated time. */
  public static final double SMALLEST = 1e-8;
  /** Upper end of {@link #small()}. */
  public static final double SMALL_END = 1e-3;
  /** Horizon used for vp-ou (whose range is unbounded). */
  public static final double VP_OU_HORIZON = 10;
  /** Horizon used for ve-linear (EDM's σ_max = 80). */
  public static final double VE_LINEAR_HORIZON = 80;
  /** Decimal places of log10 t. */
  public static final int LOG_SCALE = 4;
  /** Decimal places of uniform times. */
  public static final int UNIFORM_SCALE = 6;

  private enum Mode { LOG_UNIFORM, UNIFORM }

  private Times() {}

  /** The largest time generated for {@code s}: tMax when finite, else 10 (vp-ou) or 80 (ve-linear). */
  public static double horizon(NoiseSchedule s) {
    if (Double.isFinite(s.tMax())) return s.tMax();
    if (s instanceof VeLinear) return VE_LINEAR_HORIZON;
    if (s instanceof VpOu) return VP_OU_HORIZON;
    return VP_OU_HORIZON;
  }

  /** t = anchor × 10^x log-uniform in [lo, hi], anchor = the point of [lo, hi] nearest 1. */
  public static Arbitrary<Double> logUniform(double lo, double hi) {
    return Parts.logUniform(lo, hi, nearestToOne(lo, hi), LOG_SCALE);
  }

  /** t uniform on a 10⁻⁶ grid in [lo, hi] (lo rounded up to the grid), shrinking towards 1. */
  public static Arbitrary<Double> uniform(double lo, double hi) {
    return Parts.decimals(lo, hi, UNIFORM_SCALE, nearestToOne(lo, hi));
  }

  /** Very small times, log-uniform in [1e−8, 1e−3], shrinking to 1e−3. */
  public static Arbitrary<Double> small() { return logUniform(SMALLEST, SMALL_END); }

  /** Log-uniform over the whole range (0, horizon]: [1e−8, horizon]. */
  public static Arbitrary<Double> logUniform(NoiseSchedule s) { return logUniform(SMALLEST, horizon(s)); }

  /**
   * Times for {@code s}: half log-uniform in [1e−8, horizon] (so more than half of those are below
   * 1e−3 for the horizons here), half uniform in [1e−6, horizon] (large times). One
   * {@code combine}: the mode shrinks to log-uniform, the times to 1.
   */
  public static Arbitrary<Double> forSchedule(NoiseSchedule s) {
    double h = horizon(s);
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(1, Mode.LOG_UNIFORM), Tuple.of(1, Mode.UNIFORM)),
            logUniform(SMALLEST, h),
            uniform(SMALLEST, h))
        .as((mode, logT, uniformT) -> mode == Mode.LOG_UNIFORM ? logT : uniformT);
  }

  private static double nearestToOne(double lo, double hi) {
    if (!(lo > 0) || !(hi >= lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("time range must satisfy 0 < lo <= hi < inf, was [" + lo + ", " + hi + "]");
    }
    return Math.min(Math.max(1.0, lo), hi);
  }
}
