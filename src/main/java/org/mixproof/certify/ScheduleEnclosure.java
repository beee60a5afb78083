package org.mixproof.certify;

import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VeGeometric;
import org.mixproof.schedule.VeLinear;
import org.mixproof.schedule.VpLinear;
import org.mixproof.schedule.VpOu;

/**
 * Enclosures of a_t and b_t² at a double time t (exact input) from the schedule's closed form
 * (docs/claims.md §0), evaluated in intervals: the coefficients of the real forward process, not the
 * doubles the schedule code returns. {@link #asComputed} instead takes those doubles as exact inputs —
 * the density the double code and the oracle both evaluate.
 */
public record ScheduleEnclosure(Interval a, Interval b2, boolean exact) {

  /** The real a_t and b_t² of a bundled schedule; refuses a schedule without a closed form here. */
  public static ScheduleEnclosure of(NoiseSchedule schedule, double t) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    schedule.checkTime(t);
    Interval time = Interval.of(t);
    if (schedule instanceof VpOu) {
      return new ScheduleEnclosure(time.negate().exp(), time.multiply(-2).expm1().negate(), true);
    }
    if (schedule instanceof VpLinear v) {
      // B(t) = β_min t + ½(β_max − β_min) t²; a = e^{−B/2}, b² = −expm1(−B)
      Interval slope = Interval.of(v.betaMax()).subtract(v.betaMin());
      Interval b = Interval.of(v.betaMin()).multiply(time).add(slope.multiply(0.5).multiply(time.square()));
      return new ScheduleEnclosure(b.multiply(-0.5).exp(), b.negate().expm1().negate(), true);
    }
    if (schedule instanceof VeGeometric v) {
      // b² = σ_min² (e^{2t log(σ_max/σ_min)} − 1)
      Interval logRatio = Interval.of(v.sigmaMax()).divide(Interval.of(v.sigmaMin())).log();
      Interval b2 = Interval.of(v.sigmaMin()).square().multiply(logRatio.multiply(time).multiply(2).expm1());
      return new ScheduleEnclosure(Interval.ONE, b2, true);
    }
    if (schedule instanceof VeLinear) {
      return new ScheduleEnclosure(Interval.ONE, time.square(), true);
    }
    throw new IllegalArgumentException("schedule " + schedule.spec() + " has no certified closed form "
        + "(bundled: vp-ou, vp-linear, ve-geometric, ve-linear)");
  }

  /** The schedule's own doubles a(t), b2(t) taken as exact: the density the double code evaluates. */
  public static ScheduleEnclosure asComputed(NoiseSchedule schedule, double t) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    return new ScheduleEnclosure(Interval.of(schedule.a(t)), Interval.of(schedule.b2(t)), false);
  }
}
