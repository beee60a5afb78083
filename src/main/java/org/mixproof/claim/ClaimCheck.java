package org.mixproof.claim;

/** Checks one claim. {@link BoundSearch} is the generic one; rate claims (§5.4) have their own. */
public interface ClaimCheck {

  /** Keys this check reads beyond {@link ClaimSpec#COMMON}; any other key in the file is an error. */
  java.util.Set<String> keys();

  /** The names the file's expressions ({@code bound}, {@code tolerance}, {@code requires}) may use. */
  java.util.Set<String> variables();

  /**
   * Checks the file's own keys without computing anything heavy (profiles, enumerations, ranges), so
   * that a malformed file is reported before any claim runs; throws {@link ClaimFormatException}.
   */
  default void validate(ClaimSpec spec) {}

  /** Runs the claim; never throws for a failed check (that is an ERROR result) but may for a malformed file. */
  ClaimResult run(ClaimSpec spec, RunOptions options);
}
