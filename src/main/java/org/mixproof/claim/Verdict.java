package org.mixproof.claim;

/** The outcome of checking one claim (issue 6). */
public enum Verdict {
  /** No confirmed violation in the tries made; the result carries the worst tightness and where. */
  HOLDS,
  /** A confirmed violation, shrunk to a minimal witness. */
  FALSIFIED,
  /** The claim's hypotheses were never met by a generated case: nothing was checked. */
  VACUOUS,
  /** The check could not be carried out; the result says why. */
  ERROR,
  /** The run's budget ended before the claim started: nothing was checked, and the claim is not judged. */
  NOT_RUN
}
