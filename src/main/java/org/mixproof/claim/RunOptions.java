package org.mixproof.claim;

import org.mixproof.claim.spec.ClaimSpec;

/**
 * How a claim is run: the seed (null: the claim file's {@code seed}, else 1), a multiplier on the
 * file's {@code tries}, and a wall-clock deadline ({@link System#nanoTime()}; a run that reaches it
 * stops early and says so, since its result then depends on the machine's speed).
 */
public record RunOptions(Long seed, double triesScale, long deadlineNanos) {

  public RunOptions {
    if (!(triesScale > 0) || !Double.isFinite(triesScale)) {
      throw new IllegalArgumentException("triesScale must be positive and finite, was " + triesScale);
    }
  }

  /** The file's own tries and seed, no deadline. */
  public static RunOptions standard() { return new RunOptions(null, 1, Long.MAX_VALUE); }

  public static RunOptions scaled(double triesScale) { return new RunOptions(null, triesScale, Long.MAX_VALUE); }

  public long seedFor(ClaimSpec spec) { return seed != null ? seed : spec.longValue("seed", 1); }

  /** The tries a claim makes: {@code tries} (default {@code fallback}) times the scale, at least 1. */
  public int triesFor(ClaimSpec spec, int fallback) {
    int base = spec.integer("tries", fallback);
    if (base < 1) throw spec.error("tries", "must be >= 1, was " + base);
    return (int) Math.max(1, Math.round(base * triesScale));
  }

  /**
   * The options for one claim that starts now: its file's {@code deadline} key (seconds, optional)
   * brings the deadline forward, never back.
   */
  public RunOptions forClaim(ClaimSpec spec) {
    double seconds = spec.deadlineSeconds();
    if (Double.isNaN(seconds)) return this;
    long own = System.nanoTime() + (long) (seconds * 1e9);
    return new RunOptions(seed, triesScale, deadlineNanos == Long.MAX_VALUE || own - deadlineNanos < 0 ? own : deadlineNanos);
  }

  public boolean pastDeadline() { return System.nanoTime() - deadlineNanos > 0 && deadlineNanos != Long.MAX_VALUE; }
}
