package org.mixproof.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a directory may receive a report, decided before any computing: mixproof writes into a
 * directory only if it is absent, empty, or a report directory mixproof wrote — one that holds its
 * marker file {@value #MARKER} and nothing but mixproof's own files (and a user's top-level
 * {@code README.md}, which every rewrite keeps). Anything else would lose files mixproof did not write,
 * so it is refused, naming the directory and those files.
 */
public final class ReportDirectory {

  /** The marker every report directory carries. */
  public static final String MARKER = ".mixproof-report";

  /** The marker's text (no date or path: the reports stay byte for byte reproducible). */
  static final String MARKER_TEXT = "This directory was written by `mixproof check`; the next run into it replaces"
      + " everything but README.md.\n";

  /** The record of the last run's unexpected claims ({@code check --rerun-failures}). */
  public static final String LAST_RUN = "last-run.json";

  /** Top-level names a report directory may hold. */
  static final Set<String> OWN = Set.of(ReportWriter.CLAIMS_MD, ReportWriter.INDEX_HTML, ReportWriter.FIGURES,
      ReportWriter.COUNTEREXAMPLES, ReportWriter.README, MARKER, LAST_RUN);

  /** How many of the files that would be lost a refusal names. */
  static final int SHOWN = 10;

  private ReportDirectory() {}

  /** A directory that must not be written. */
  public static final class UnsafeOutputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsafeOutputException(String message) { super(message); }
  }

  /**
   * Checks that {@code dir} may receive a report and that it can be written (its nearest existing
   * ancestor is a writable directory); throws {@link UnsafeOutputException} otherwise.
   */
  public static void check(Path dir) throws IOException {
    if (dir == null) throw new IllegalArgumentException("--out must not be null");
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(abs)) throw new UnsafeOutputException("--out " + dir + " is a symbolic link; give the real directory");
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeOutputException("--out " + dir + " exists and is not a directory");
      }
      List<String> foreign = foreign(abs);
      boolean empty;
      try (Stream<Path> s = Files.list(abs)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.isRegularFile(abs.resolve(MARKER))) {
        throw refusal(dir, "it is not a report directory mixproof wrote (no " + MARKER + " marker)", all(abs));
      }
      if (!foreign.isEmpty()) throw refusal(dir, "it holds files mixproof did not write", foreign);
    }
    Path probe = abs;
    while (probe != null && !Files.exists(probe)) probe = probe.getParent();
    if (probe == null || !Files.isDirectory(probe) || !Files.isWritable(probe)) {
      throw new UnsafeOutputException("--out " + dir + " cannot be written: " + (probe == null ? "no existing parent"
          : probe + " is not a writable directory"));
    }
    Path parent = abs.getParent();
    if (parent != null && Files.exists(parent) && !Files.isWritable(parent)) {
      throw new UnsafeOutputException("--out " + dir + " cannot be replaced: its parent " + parent + " is not writable");
    }
  }

  private static UnsafeOutputException refusal(Path dir, String why, List<String> files) {
    StringBuilder b = new StringBuilder("refusing to write the report into " + dir + ": " + why + ", and writing it"
        + " would delete " + files.size() + (files.size() == 1 ? " file" : " files") + " there: ");
    for (int i = 0; i < Math.min(SHOWN, files.size()); i++) b.append(i > 0 ? ", " : "").append(files.get(i));
    if (files.size() > SHOWN) b.append(", … (").append(files.size() - SHOWN).append(" more)");
    b.append(". Give --out a new or empty directory.");
    return new UnsafeOutputException(b.toString());
  }

  /** Every file under {@code dir} (relative paths, sorted), README.md excepted: what a rewrite would delete. */
  private static List<String> all(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted().toList()) {
        if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
        String rel = dir.relativize(p).toString();
        if (!rel.equals(ReportWriter.README)) out.add(rel);
      }
    }
    return out;
  }

  /** Files in a report directory that are not mixproof's: unknown top-level names, non-PNG figures, non-JSON witnesses. */
  private static List<String> foreign(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String rel : all(dir)) {
      String[] parts = rel.split(java.util.regex.Pattern.quote(dir.getFileSystem().getSeparator()));
      boolean own = parts.length == 1 ? OWN.contains(parts[0])
          : parts.length == 2 && (parts[0].equals(ReportWriter.FIGURES) && parts[1].endsWith(".png")
              || parts[0].equals(ReportWriter.COUNTEREXAMPLES) && parts[1].endsWith(".json"));
      if (!own) out.add(rel);
    }
    return out;
  }
}
