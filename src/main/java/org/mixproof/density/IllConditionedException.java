package org.mixproof.density;

/**
 * A time-t covariance too ill-conditioned for double precision to factor (docs/claims.md §6
 * {@code oracle.ill-conditioned}): raised instead of returning a silently wrong value.
 */
public class IllConditionedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public IllConditionedException(String message) { super(message); }
}
