package org.mixproof.claim;

import java.util.Map;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * The verdict on one claim, with what the report shows: tries that met the hypotheses, cases skipped
 * (hypotheses unmet) and refused (double precision declined them), the measure ({@code measureName}:
 * worst tightness, or the empirical constant Ĉ for rate claims) and where it was worst, the seed that
 * reproduces it, a one-line detail, and for FALSIFIED the shrunk witness (the fields of
 * {@code counterexamples/<id>.json}), and the box certificates' tally of a claim checked with
 * {@code certify = box} (e.g. "PROVED 18/20", "" for none).
 */
public record ClaimResult(ClaimSpec spec, Verdict verdict, long tries, long skipped, long refused,
    String measureName, double measure, String where, long seed, String detail, Map<String, Object> witness,
    String certificate) {

  /** A result without box certificates. */
  public ClaimResult(ClaimSpec spec, Verdict verdict, long tries, long skipped, long refused, String measureName,
      double measure, String where, long seed, String detail, Map<String, Object> witness) {
    this(spec, verdict, tries, skipped, refused, measureName, measure, where, seed, detail, witness, "");
  }

  /** Whether the verdict is the one the claim file expects. */
  public boolean asExpected() {
    return spec.expectsHolds() ? verdict == Verdict.HOLDS : verdict == Verdict.FALSIFIED;
  }

  /** A claim the run's budget never reached. */
  public static ClaimResult notRun(ClaimSpec spec, long seed, String reason) {
    return new ClaimResult(spec, Verdict.NOT_RUN, 0, 0, 0, "", Double.NaN, "", seed, reason, null);
  }

  public static ClaimResult error(ClaimSpec spec, long seed, String reason) {
    return new ClaimResult(spec, Verdict.ERROR, 0, 0, 0, "", Double.NaN, "", seed, reason, null);
  }
}
