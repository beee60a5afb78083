package org.mixproof.claim;

import org.mixproof.claim.spec.ClaimKeys;
import org.mixproof.claim.spec.ClaimSpec;

/** Checks one claim. {@link BoundSearch} is the generic one; rate claims (§5.4) have their own. */
public interface ClaimCheck extends ClaimKeys {

  /** Runs the claim; never throws for a failed check (that is an ERROR result) but may for a malformed file. */
  ClaimResult run(ClaimSpec spec, RunOptions options);
}
