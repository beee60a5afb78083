package org.mixproof.mixture;

/** A mixture rejected by validation; the message names the parameter, component index and value. */
public class InvalidMixtureException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidMixtureException(String message) { super(message); }

  public InvalidMixtureException(String message, Throwable cause) { super(message, cause); }
}
