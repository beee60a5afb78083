package org.mixproof.sampler;

/**
 * A scheme step that is not defined for its input: the score of singular data at a time where
 * b_t² = 0 (division by a zero eigenvalue), or a DDPM step with β ≥ 1. Reported as "undefined", not
 * as a number.
 */
public final class UndefinedStepException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  public UndefinedStepException(String message) { super(message); }
}
