package org.mixproof.mixture;

/** A mixture file that is not well-formed JSON of the expected shape; the message gives file:line:column. */
public class MixtureFormatException extends InvalidMixtureException {
  private static final long serialVersionUID = 1L;

  public MixtureFormatException(String message) { super(message); }

  public MixtureFormatException(String message, Throwable cause) { super(message, cause); }
}
