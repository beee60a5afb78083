package org.mixproof.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/**
 * Writes a {@link Report} to a directory: {@code claims.md}, {@code index.html},
 * {@code figures/<fileName>} (PNG, {@value FigureRenderer#WIDTH}×{@value FigureRenderer#HEIGHT}) and
 * {@code counterexamples/<id>.json}.
 *
 * <p><b>Reproducible.</b> The same report gives the same bytes in every file on every run: numbers
 * are formatted in {@link java.util.Locale#ROOT}, text is written as UTF-8 with {@code \n} line ends,
 * nothing records a time, a duration or an absolute path, everything is written in list or sorted
 * order, and the plots use the bundled DejaVu Sans font rather than the machine's fonts. (PNG pixels
 * come from Java2D's rasteriser, so byte identity across JDK builds is not promised.) Render headless:
 * {@code -Djava.awt.headless=true}.
 *
 * <p><b>Safe.</b> {@link ReportDirectory#check} runs first: only an absent or empty directory, or one
 * that carries mixproof's marker and nothing but mixproof's files, is replaced; every report directory
 * gets the marker.
 *
 * <p><b>Atomic.</b> Everything is written to a fresh temporary sibling of {@code outDir} (same parent,
 * so renames stay on one file system); the old {@code outDir} is then renamed aside, the new one
 * renamed into place and the old one deleted. If anything fails before the swap, {@code outDir} is
 * untouched and the temporary directory removed. A top-level {@code README.md} of the old
 * {@code outDir} is copied into the new one first, so a user's notes survive.
 *
 * <p><b>Validated.</b> Bad input fails before anything is written, with an
 * {@link IllegalArgumentException} naming the parameter and the value: null or blank ids, an unknown
 * expect or verdict, duplicate claim ids or figure file names, a file name or id that is not a plain
 * file name (path separator, {@code ..}), a finding that names a missing claim, figure or
 * counterexample. A series whose {@code x} and {@code y} differ in length fails while its figure is
 * rendered — also with an {@link IllegalArgumentException}, and also leaving {@code outDir} untouched.
 */
public final class ReportWriter {

  /** The Markdown report's file name. */
  public static final String CLAIMS_MD = "claims.md";

  /** The HTML report's file name. */
  public static final String INDEX_HTML = "index.html";

  /** The sub-directory of the plots. */
  public static final String FIGURES = "figures";

  /** The sub-directory of the counterexamples. */
  public static final String COUNTEREXAMPLES = "counterexamples";

  /** The user's file kept across rewrites. */
  public static final String README = "README.md";

  private ReportWriter() {}

  /**
   * Writes {@code report} to {@code outDir}, replacing what was there (except a top-level
   * {@code README.md}, which is kept). Creates {@code outDir}'s parent directories if needed.
   *
   * @throws IllegalArgumentException on invalid input (see the class comment); nothing is written
   * @throws IOException if writing fails; {@code outDir} is then left as it was, unless the failure is
   *     in deleting the old directory after the swap (the message then names what is left)
   */
  public static void write(Report report, Path outDir) throws IOException {
    validate(report);
    if (outDir == null) throw new IllegalArgumentException("outDir must not be null");
    Path target = outDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null || target.getFileName() == null) {
      throw new IllegalArgumentException("outDir must have a parent directory, was " + outDir);
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(
          "outDir exists and is not a directory (or is a symbolic link): " + outDir);
    }
    ReportDirectory.check(outDir);
    Files.createDirectories(parent);
    String name = target.getFileName().toString();
    Path temp = freshSibling(parent, "." + name + ".new-");
    try {
      writeTree(report, temp);
      Path readme = target.resolve(README);
      if (Files.isRegularFile(readme)) {
        Files.copy(readme, temp.resolve(README), StandardCopyOption.COPY_ATTRIBUTES);
      }
      swap(temp, target, parent.resolve(temp.getFileName() + ".old"));
    } catch (IOException | RuntimeException | Error e) {
      try {
        deleteTree(temp);
      } catch (IOException | UncheckedIOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * Creates an empty directory {@code parent/prefix<random>}. Unlike
   * {@link Files#createTempDirectory}, which makes it private (0700 on POSIX), it gets the usual
   * permissions of the user's umask, as it becomes the reports' directory.
   */
  private static Path freshSibling(Path parent, String prefix) throws IOException {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; ; attempt++) {
      Path candidate = parent.resolve(prefix + Long.toUnsignedString(random.nextLong(), 36));
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) throw e;
      }
    }
  }

  /** Writes every file of the report under {@code dir}, which exists and is empty. */
  private static void writeTree(Report report, Path dir) throws IOException {
    Path counterexamples = Files.createDirectory(dir.resolve(COUNTEREXAMPLES));
    for (Map.Entry<String, String> e : report.counterexamples().entrySet()) {
      Files.writeString(counterexamples.resolve(e.getKey() + ".json"), e.getValue(), StandardCharsets.UTF_8);
    }
    Path figures = Files.createDirectory(dir.resolve(FIGURES));
    Map<String, FigureRenderer.Prepared> prepared = new LinkedHashMap<>();
    for (Figure f : report.figures()) {
      FigureRenderer.Prepared p = FigureRenderer.prepare(f);
      Files.write(figures.resolve(f.fileName()), FigureRenderer.png(p));
      prepared.put(f.fileName(), p);
    }
    Files.writeString(dir.resolve(CLAIMS_MD), MarkdownDocument.render(report, prepared), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(INDEX_HTML), HtmlDocument.render(report, prepared), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(ReportDirectory.MARKER), ReportDirectory.MARKER_TEXT, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(ReportDirectory.LAST_RUN), lastRun(report), StandardCharsets.UTF_8);
  }

  private static String jsonString(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The claims this report checked and those with an unexpected verdict (read by check --rerun-failures). */
  static String lastRun(Report report) {
    StringBuilder checked = new StringBuilder(), unexpected = new StringBuilder();
    for (ClaimRow r : report.rows()) {
      checked.append(checked.length() > 0 ? ", " : "").append(jsonString(r.id()));
      if (!r.asExpected()) unexpected.append(unexpected.length() > 0 ? ", " : "").append(jsonString(r.id()));
    }
    return "{\n  \"checked\" : [" + checked + "],\n  \"unexpected\" : [" + unexpected + "]\n}\n";
  }

  /**
   * Puts {@code fresh} at {@code target}: renames an existing {@code target} to {@code aside}, renames
   * {@code fresh} into place (restoring {@code aside} if that fails), then deletes {@code aside}.
   */
  private static void swap(Path fresh, Path target, Path aside) throws IOException {
    boolean hadOld = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (hadOld) move(target, aside);
    try {
      move(fresh, target);
    } catch (IOException | RuntimeException e) {
      if (hadOld) {
        try {
          move(aside, target);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
    if (hadOld) {
      try {
        deleteTree(aside);
      } catch (IOException e) {
        throw new IOException("the new report is in place at " + target
            + ", but the previous one, renamed to " + aside + ", could not be deleted", e);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Deletes {@code root} and everything under it, not following links; nothing if it is absent. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) Files.deleteIfExists(p);
  }

  // ---- validation -------------------------------------------------------------------------------

  /** Checks everything that can be checked before writing; see the class comment. */
  static void validate(Report report) {
    if (report == null) throw new IllegalArgumentException("report must not be null");
    nonNull("report.title", report.title());
    nonNull("report.command", report.command());
    nonNull("report.rows", report.rows());
    nonNull("report.findings", report.findings());
    nonNull("report.figures", report.figures());
    nonNull("report.counterexamples", report.counterexamples());

    Set<String> ids = new HashSet<>();
    for (int i = 0; i < report.rows().size(); i++) {
      ClaimRow r = report.rows().get(i);
      String at = "rows[" + i + "]";
      nonNull(at, r);
      fileName(at + ".id", r.id());
      unique(ids, at + ".id", r.id());
      nonNull(at + ".title", r.title());
      nonNull(at + ".source", r.source());
      nonNull(at + ".statement", r.statement());
      oneOf(at + ".expect", r.expect(), Summary.EXPECTS);
      oneOf(at + ".verdict", r.verdict(), Summary.VERDICTS);
      if (r.tries() < 0) throw new IllegalArgumentException(at + ".tries must be ≥ 0, was " + r.tries());
      nonNull(at + ".measureName", r.measureName());
      nonNull(at + ".where", r.where());
      nonNull(at + ".detail", r.detail());
    }

    Set<String> figureFiles = new HashSet<>();
    for (int i = 0; i < report.figures().size(); i++) {
      Figure f = report.figures().get(i);
      String at = "figures[" + i + "]";
      nonNull(at, f);
      fileName(at + ".fileName", f.fileName());
      if (!f.fileName().endsWith(".png")) {
        throw new IllegalArgumentException(at + ".fileName must end in .png, was " + quote(f.fileName()));
      }
      unique(figureFiles, at + ".fileName", f.fileName());
      nonNull(at + ".title", f.title());
      nonNull(at + ".xLabel", f.xLabel());
      nonNull(at + ".yLabel", f.yLabel());
      nonNull(at + ".caption", f.caption());
      nonNull(at + ".series", f.series());
      Set<String> names = new HashSet<>();
      for (int s = 0; s < f.series().size(); s++) {
        Series series = f.series().get(s);
        String sat = at + ".series[" + s + "]";
        nonNull(sat, series);
        nonBlank(sat + ".name", series.name());
        unique(names, sat + ".name", series.name());
        nonNull(sat + ".x", series.x());
        nonNull(sat + ".y", series.y());
      }
    }

    for (Map.Entry<String, String> e : report.counterexamples().entrySet()) {
      fileName("counterexamples key", e.getKey());
      nonNull("counterexamples[" + quote(e.getKey()) + "]", e.getValue());
    }

    for (int i = 0; i < report.findings().size(); i++) {
      Finding f = report.findings().get(i);
      String at = "findings[" + i + "]";
      nonNull(at, f);
      nonBlank(at + ".claimId", f.claimId());
      if (!ids.contains(f.claimId())) {
        throw new IllegalArgumentException(at + ".claimId names no claim of the report: " + quote(f.claimId()));
      }
      nonNull(at + ".markdown", f.markdown());
      if (f.figureFile() != null && !figureFiles.contains(f.figureFile())) {
        throw new IllegalArgumentException(at + ".figureFile names no figure of the report: " + quote(f.figureFile()));
      }
      String cx = f.counterexampleFile();
      if (cx != null) {
        String prefix = COUNTEREXAMPLES + "/";
        String key = cx.startsWith(prefix) && cx.endsWith(".json")
            ? cx.substring(prefix.length(), cx.length() - ".json".length())
            : null;
        if (key == null || !report.counterexamples().containsKey(key)) {
          throw new IllegalArgumentException(at + ".counterexampleFile must be " + prefix
              + "<id>.json for an id in report.counterexamples, was " + quote(cx));
        }
      }
    }
  }

  private static void nonNull(String parameter, Object value) {
    if (value == null) throw new IllegalArgumentException(parameter + " must not be null");
  }

  private static void nonBlank(String parameter, String value) {
    nonNull(parameter, value);
    if (value.isBlank()) throw new IllegalArgumentException(parameter + " must not be blank, was " + quote(value));
  }

  /** Adds {@code value} to {@code seen}, failing if it was there already. */
  private static void unique(Set<String> seen, String parameter, String value) {
    if (!seen.add(value)) throw new IllegalArgumentException(parameter + " is a duplicate: " + quote(value));
  }

  private static void oneOf(String parameter, String value, List<String> allowed) {
    nonNull(parameter, value);
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(parameter + " must be one of " + allowed + ", was " + quote(value));
    }
  }

  /** A single path segment we can create: no separator, no "..", no control character. */
  private static void fileName(String parameter, String value) {
    nonBlank(parameter, value);
    boolean bad = value.contains("/") || value.contains("\\") || value.contains("..")
        || !value.strip().equals(value) || value.chars().anyMatch(Character::isISOControl);
    if (bad) {
      throw new IllegalArgumentException(parameter
          + " must be a plain file name (no path separator, no \"..\", no control character,"
          + " no surrounding blank), was " + quote(value));
    }
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
