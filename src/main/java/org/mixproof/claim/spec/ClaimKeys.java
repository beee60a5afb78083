package org.mixproof.claim.spec;

import java.util.Set;

/**
 * What a claim check reads from its file beyond {@link ClaimSpec#COMMON}: its own keys, the names its
 * expressions ({@code bound}, {@code tolerance}, {@code requires}) may use, and a check of its own keys
 * that computes nothing heavy. The preflight ({@link CatalogValidation}) needs no more of a check.
 */
public interface ClaimKeys {

  /** Keys this check reads beyond {@link ClaimSpec#COMMON}; any other key in the file is an error. */
  Set<String> keys();

  /** The names the file's expressions ({@code bound}, {@code tolerance}, {@code requires}) may use. */
  Set<String> variables();

  /**
   * Checks the file's own keys without computing anything heavy (profiles, enumerations, ranges), so
   * that a malformed file is reported before any claim runs; throws {@link ClaimFormatException}.
   */
  default void validate(ClaimSpec spec) {}
}
