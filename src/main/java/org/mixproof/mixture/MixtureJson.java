package org.mixproof.mixture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON form of a mixture: {@code {"weights": [...], "means": [[...]], "covariances": [[[...]]]}}.
 *
 * <p><b>Reading</b> accepts what scikit-learn's {@code GaussianMixture} holds, for every
 * {@code covariance_type} ({@link CovarianceLayout}: {@code full} k×d×d, {@code tied} d×d,
 * {@code diag} k×d, {@code spherical} k), under mixproof's keys or sklearn's attribute names
 * ({@code weights_}, {@code means_}, {@code covariances_}), with an optional
 * {@code "covariance_type"}. Without it the layout is read off the shapes; when they fit two
 * layouts (a d×d array with k = d is both tied and diag) the error asks for the key. From Python:
 * <pre>
 * json.dump({"covariance_type": g.covariance_type, "weights_": g.weights_.tolist(),
 *            "means_": g.means_.tolist(), "covariances_": g.covariances_.tolist()}, f)
 * </pre>
 * A document whose mixture is an object under {@code "mixture"} (a witness file of
 * {@code reports/counterexamples/}) is read through that object. {@link #read} and {@link #parse}
 * are strict: a key that is not a mixture key is an error. {@link #load} and {@link #loadText}
 * return such keys instead ({@link Loaded#ignoredKeys()}), for the command line to warn about.
 *
 * <p>Syntax errors, missing keys, wrong types, shapes that fit no layout and non-finite numbers
 * (bare {@code NaN}, {@code Infinity}, {@code -Infinity}, as Python's {@code json.dump} writes
 * them) are {@link MixtureFormatException}s giving file:line:column and the key and index as the
 * file spells them, e.g. {@code m.json:3:15: means[1][0] is NaN; a mixture needs finite numbers}.
 * A well-formed file describing an invalid mixture is rejected by {@link GaussianMixture}'s
 * validation, prefixed with the file name.
 *
 * <p><b>Writing</b> ({@link #toJson}, {@link #tree}, {@link #write}) always uses mixproof's keys and
 * full matrices.
 */
public final class MixtureJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private MixtureJson() {}

  /** The file's three keys, as written. */
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({"weights", "means", "covariances"})
  private record Form(double[] weights, double[][] means, double[][][] covariances) {}

  /**
   * A mixture read leniently, with what the reader saw on the way.
   *
   * @param layout the covariance layout the file used
   * @param layoutInferred whether it was read off the shapes (no {@code "covariance_type"} key)
   * @param sklearnNames whether the file used scikit-learn's attribute names ({@code weights_}, …)
   * @param ignoredKeys keys beside the mixture's that were not read (metadata), in file order
   * @param witness the whole document when the mixture was its {@code "mixture"} object (a witness
   *     file), else null
   */
  public record Loaded(GaussianMixture mixture, CovarianceLayout layout, boolean layoutInferred,
      boolean sklearnNames, List<String> ignoredKeys, JsonNode witness) {

    /** Whether the mixture was read from the {@code "mixture"} object of a larger document. */
    public boolean fromWitness() { return witness != null; }
  }

  /** Reads a mixture file; any key that is not a mixture key is an error (see {@link #load}). */
  public static GaussianMixture read(Path file) {
    return parse(text(file), file.toString());
  }

  /** Parses JSON text strictly; {@code source} names it in error messages (a file name, or "stdin"). */
  public static GaussianMixture parse(String json, String source) {
    return new MixtureReader(json, source).read(true).mixture();
  }

  /** Reads a mixture file, returning the keys it did not read instead of failing on them. */
  public static Loaded load(Path file) {
    return loadText(text(file), file.toString());
  }

  /** Parses JSON text leniently; {@code source} names it in error messages. */
  public static Loaded loadText(String json, String source) {
    return new MixtureReader(json, source).read(false);
  }

  /** The file's text, decoded as UTF-8 (a byte-order mark is dropped); a named error otherwise. */
  private static String text(Path file) {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) throw new MixtureFormatException(file + ": is a directory, not a mixture file");
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new MixtureFormatException(file + ": mixture file does not exist", e);
    } catch (IOException e) {
      throw new MixtureFormatException(file + ": cannot read mixture file: " + e, e);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
      throw new MixtureFormatException(String.format(java.util.Locale.ROOT,
          "%s:%d: byte 0x%02X (offset %d) is not UTF-8; save the file as UTF-8 (Python's json.dump does)",
          file, line, bytes[at] & 0xff, at));
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  public static String toJson(GaussianMixture m) {
    try {
      return MAPPER.writeValueAsString(new Form(m.weights(), m.means(), m.covariances()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a mixture", e); // doubles and arrays always serialise
    }
  }

  /** The mixture's JSON form as a tree, to embed in a larger document (e.g. a counterexample). */
  public static com.fasterxml.jackson.databind.JsonNode tree(GaussianMixture m) {
    return MAPPER.valueToTree(new Form(m.weights(), m.means(), m.covariances()));
  }

  /** Reads a mixture from its JSON form embedded in a larger document; {@code source} names it in errors. */
  public static GaussianMixture fromTree(com.fasterxml.jackson.databind.JsonNode node, String source) {
    return parse(node.toString(), source);
  }

  /** Writes the mixture to a temporary sibling and moves it into place, so no half-written file remains. */
  public static void write(GaussianMixture m, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.writeString(tmp, toJson(m) + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write mixture: " + e.getMessage(), e);
    }
  }
}
