package org.mixproof.certify;

import org.mixproof.schedule.NoiseSchedule;

/**
 * Enclosures of a_t and b_t² at a double time t (exact input) from the schedule's closed form
 * (docs/claims.md §0, written once in {@link ForwardProcess}), evaluated in intervals: the
 * coefficients of the real forward process, not the doubles the schedule code returns.
 * {@link #asComputed} instead takes those doubles as exact inputs — the density the double code and
 * the oracle both evaluate.
 */
public record ScheduleEnclosure(Interval a, Interval b2, boolean exact) {

  /** The real a_t and b_t² of a bundled schedule; refuses a schedule without a closed form here. */
  public static ScheduleEnclosure of(NoiseSchedule schedule, double t) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    schedule.checkTime(t);
    ForwardProcess process = ForwardProcess.of(schedule);
    Interval time = Interval.of(t);
    return new ScheduleEnclosure(process.a(time), process.b2(time), true);
  }

  /** The schedule's own doubles a(t), b2(t) taken as exact: the density the double code evaluates. */
  public static ScheduleEnclosure asComputed(NoiseSchedule schedule, double t) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    return new ScheduleEnclosure(Interval.of(schedule.a(t)), Interval.of(schedule.b2(t)), false);
  }
}
