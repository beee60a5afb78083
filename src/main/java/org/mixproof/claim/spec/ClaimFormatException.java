package org.mixproof.claim.spec;

import java.nio.file.Path;

/** A claim file that cannot be used: names the file, the line (0 when unknown) and the key. */
public final class ClaimFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ClaimFormatException(Path file, int line, String key, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": key '" + key + "': " + message);
  }
}
