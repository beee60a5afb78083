package org.mixproof.sampler;

import org.mixproof.schedule.NoiseSchedule;

/**
 * Where a sampler starts at time T (docs/claims.md §5): {@code PRIOR} is N(0, I) for a variance-preserving
 * schedule (a_T² + b_T² = 1, as [PG24] and [CCLLSZ23] do) and N(0, b_T² I) otherwise (ve);
 * {@code EXACT} is p_T itself, which isolates the discretisation error.
 */
public enum StartLaw {
  PRIOR, EXACT;

  /** The prior's variance at T: 1 for vp schedules, b_T² otherwise. */
  public static double priorVariance(NoiseSchedule s, double horizon) {
    return ExponentialIntegrals.isVariancePreserving(s, horizon) ? 1.0 : s.b2(horizon);
  }

  public static StartLaw parse(String text) {
    if (text != null) {
      switch (text.strip()) {
        case "prior": return PRIOR;
        case "exact": return EXACT;
        default: break;
      }
    }
    throw new IllegalArgumentException("start must be 'prior' or 'exact', was '" + text + "'");
  }

  public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
