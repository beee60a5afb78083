package org.mixproof.mixture;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON form of a mixture: {@code {"weights": [...], "means": [[...]], "covariances": [[[...]]]}}
 * with full covariance matrices — what scikit-learn's {@code GaussianMixture(covariance_type="full")}
 * exports in one line:
 * {@code json.dump({"weights": g.weights_.tolist(), "means": g.means_.tolist(), "covariances": g.covariances_.tolist()}, f)}.
 *
 * <p>Syntax errors, unknown or missing keys and wrong types are reported as
 * {@link MixtureFormatException} with file, line and column; a well-formed file describing an
 * invalid mixture is rejected by {@link GaussianMixture}'s validation, prefixed with the file name.
 */
public final class MixtureJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private MixtureJson() {}

  /** The file's three keys, all required. */
  private record Form(double[] weights, double[][] means, double[][][] covariances) {
    @JsonCreator
    Form(@JsonProperty(value = "weights", required = true) double[] weights,
         @JsonProperty(value = "means", required = true) double[][] means,
         @JsonProperty(value = "covariances", required = true) double[][][] covariances) {
      this.weights = weights;
      this.means = means;
      this.covariances = covariances;
    }
  }

  public static GaussianMixture read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new MixtureFormatException(file + ": mixture file does not exist", e);
    } catch (IOException e) {
      throw new MixtureFormatException(file + ": cannot read mixture file: " + e, e);
    }
    return parse(text, file.toString());
  }

  /** Parses JSON text; {@code source} names it in error messages (a file name, or "stdin"). */
  public static GaussianMixture parse(String json, String source) {
    Form form;
    try {
      form = MAPPER.readValue(json, Form.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new MixtureFormatException(where + ": " + e.getOriginalMessage(), e);
    }
    if (form == null) throw new MixtureFormatException(source + ": empty mixture file");
    try {
      return GaussianMixture.of(form.weights, form.means, form.covariances);
    } catch (InvalidMixtureException e) {
      throw new InvalidMixtureException(source + ": " + e.getMessage(), e);
    }
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
