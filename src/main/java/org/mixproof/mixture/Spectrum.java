package org.mixproof.mixture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The eigenvalues of a covariance Σ (data N(0, Σ) given by its spectrum, as in [PG24]), read from
 * a text file: one value per line; blank lines and lines starting with '#' are skipped. Values
 * must be finite and ≥ 0; −0.0 is read as 0 (a singular direction). Errors name the file and line.
 *
 * <p>{@code cifar10} names the bundled spectrum of CIFAR-10 (d = 3072, nine zero eigenvalues;
 * provenance in the file's header, {@code src/main/resources/data/cifar10-covariance-eigenvalues.txt}).
 */
public final class Spectrum {

  /** The name of the bundled CIFAR-10 spectrum. */
  public static final String CIFAR10 = "cifar10";
  private static final String CIFAR10_RESOURCE = "/data/cifar10-covariance-eigenvalues.txt";
  /**
   * The same values as IEEE doubles (big-endian), written from the text at build time by
   * {@link BundledSpectra}: the text stays the one source, and a run reads 3072 doubles instead of
   * parsing 3072 decimals (whose cold parsing, and its compilation by the JIT, cost a whole-process
   * {@code errors} run 0.03-0.09 s). Absent (a build that skipped the step), the text is parsed.
   */
  static final String CIFAR10_BINARY = "/data/cifar10-covariance-eigenvalues.f64";

  private final double[] eigenvalues;
  private final String source;

  private Spectrum(double[] eigenvalues, String source) {
    this.eigenvalues = eigenvalues;
    this.source = source;
  }

  /** Validated eigenvalues (finite, ≥ 0, at least one); −0.0 becomes 0. */
  public static Spectrum of(double[] eigenvalues, String source) {
    if (eigenvalues == null || eigenvalues.length == 0) {
      throw new IllegalArgumentException("eigenvalues must hold at least one value (d ≥ 1)");
    }
    double[] v = new double[eigenvalues.length];
    for (int j = 0; j < v.length; j++) {
      double e = eigenvalues[j];
      if (!(e >= 0) || !Double.isFinite(e)) {
        throw new IllegalArgumentException("eigenvalues[" + j + "] must be finite and >= 0, was " + e);
      }
      v[j] = e + 0.0; // −0.0 → 0.0
    }
    return new Spectrum(v, source == null ? "array" : source);
  }

  /** {@code cifar10} (the bundled file) or a path. */
  public static Spectrum read(String fileOrName) {
    if (fileOrName == null || fileOrName.isBlank()) {
      throw new IllegalArgumentException("spectrum must be a file or '" + CIFAR10 + "', was '" + fileOrName + "'");
    }
    if (fileOrName.strip().equals(CIFAR10)) return cifar10();
    return read(Path.of(fileOrName));
  }

  public static Spectrum read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("spectrum file " + file + " does not exist or is not a file");
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("spectrum file " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The bundled CIFAR-10 spectrum (d = 3072). */
  public static Spectrum cifar10() { return cifar10(CIFAR10_BINARY); }

  /** The bundled spectrum from {@code binary} when that resource exists, else from the text. */
  static Spectrum cifar10(String binary) {
    try (InputStream b = Spectrum.class.getResourceAsStream(binary)) {
      if (b != null) return of(readDoubles(b.readAllBytes(), binary), CIFAR10 + " (" + CIFAR10_RESOURCE + ")");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled " + binary, e);
    }
    return cifar10Text();
  }

  /** The bundled CIFAR-10 spectrum parsed from its text file. */
  static Spectrum cifar10Text() {
    InputStream in = Spectrum.class.getResourceAsStream(CIFAR10_RESOURCE);
    if (in == null) throw new IllegalStateException("bundled resource " + CIFAR10_RESOURCE + " is missing");
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r, CIFAR10 + " (" + CIFAR10_RESOURCE + ")");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled " + CIFAR10_RESOURCE, e);
    }
  }

  /** Big-endian IEEE doubles; a length that is not a whole number of them is a broken build. */
  static double[] readDoubles(byte[] bytes, String name) {
    if (bytes.length == 0 || bytes.length % Double.BYTES != 0) {
      throw new IllegalStateException("bundled " + name + " has " + bytes.length + " bytes, not a whole number of doubles");
    }
    double[] v = new double[bytes.length / Double.BYTES];
    java.nio.ByteBuffer.wrap(bytes).asDoubleBuffer().get(v); // big-endian, as DataOutputStream writes
    return v;
  }

  /** Parses text; {@code name} is used in error messages as name:line. */
  public static Spectrum parse(String text, String name) {
    try {
      return parse(new StringReader(text), name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Spectrum parse(Reader reader, String name) throws IOException {
    BufferedReader br = new BufferedReader(reader);
    double[] v = new double[256];
    int n = 0, lineNo = 0;
    for (String line; (line = br.readLine()) != null; ) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) continue;
      double e;
      try {
        e = Double.parseDouble(s);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": eigenvalue is not a number: '" + s + "'");
      }
      if (!Double.isFinite(e)) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": eigenvalue must be finite, was '" + s + "'");
      }
      if (e < 0) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": eigenvalue must be >= 0, was " + s);
      }
      if (n == v.length) v = Arrays.copyOf(v, 2 * n);
      v[n++] = e + 0.0; // −0.0 → 0.0
    }
    if (n == 0) throw new IllegalArgumentException(name + ": no eigenvalues in file");
    return new Spectrum(Arrays.copyOf(v, n), name);
  }

  public int dimension() { return eigenvalues.length; }

  public double[] eigenvalues() { return eigenvalues.clone(); }

  public String source() { return source; }

  /** Number of zero eigenvalues (the singular directions). */
  public int zeros() {
    int z = 0;
    for (double e : eigenvalues) if (e == 0) z++;
    return z;
  }

  @Override public String toString() { return "Spectrum{" + source + ", d=" + dimension() + ", zeros=" + zeros() + "}"; }
}
