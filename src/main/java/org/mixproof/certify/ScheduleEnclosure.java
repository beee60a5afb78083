package org.mixproof.certify;

import org.mixproof.schedule.NoiseSchedule;

/**
 * Enclosures of a_t and b_t² at a double time t (exact input) from the schedule's closed form
 * (docs/claims.md §0, written once in {@link ForwardProcess}), evaluated in intervals: the
 * coefficients of the real forward process, not the doubles the schedule code returns.
 * {@link #asComputed} instead takes those doubles as exact inputs — the density the double code and
 * the oracle both evaluate.
 */
public record ScheduleEnclosure<T extends RealInterval<T>>(T a, T b2, boolean exact) {

  /** The real a_t and b_t² of a bundled schedule in double intervals; refuses a schedule without a closed form here. */
  public static ScheduleEnclosure<Interval> of(NoiseSchedule schedule, double t) {
    return of(schedule, t, Interval.ARITHMETIC);
  }

  /** The real a_t and b_t² of a bundled schedule in the given arithmetic. */
  public static <T extends RealInterval<T>> ScheduleEnclosure<T> of(NoiseSchedule schedule, double t,
      RealInterval.Arithmetic<T> arithmetic) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    schedule.checkTime(t);
    ForwardProcess<T> process = ForwardProcess.of(schedule, arithmetic);
    T time = arithmetic.of(t);
    return new ScheduleEnclosure<>(process.a(time), process.b2(time), true);
  }

  /** The schedule's own doubles a(t), b2(t) taken as exact: the density the double code evaluates. */
  public static ScheduleEnclosure<Interval> asComputed(NoiseSchedule schedule, double t) {
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    return new ScheduleEnclosure<>(Interval.of(schedule.a(t)), Interval.of(schedule.b2(t)), false);
  }

  /** The arithmetic of the enclosures. */
  public RealInterval.Arithmetic<T> arithmetic() { return a.arithmetic(); }
}
