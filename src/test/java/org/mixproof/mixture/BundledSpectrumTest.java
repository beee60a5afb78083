package org.mixproof.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled CIFAR-10 spectrum is read from the doubles the build writes beside its text file; those
 * must be the text's values to the bit (the text is the source), and without them the text is parsed.
 */
class BundledSpectrumTest {

  @Test
  void theBuildWroteTheDoublesAndTheyAreTheTextToTheBit() {
    // present on the test class path, so cifar10() below reads them and not the text
    assertNotNull(Spectrum.class.getResource(Spectrum.CIFAR10_BINARY), "process-classes writes " + Spectrum.CIFAR10_BINARY);
    Spectrum fast = Spectrum.cifar10(), text = Spectrum.cifar10Text();
    assertEquals(3072, fast.dimension());
    assertEquals(9, fast.zeros()); // the file's -0.0 and 0.0 lines, all read as +0
    assertArrayEquals(text.eigenvalues(), fast.eigenvalues()); // bit patterns (Double.equals semantics)
    for (double e : fast.eigenvalues()) assertTrue(Double.doubleToRawLongBits(e) != Long.MIN_VALUE, "no -0.0 left");
    assertEquals(text.source(), fast.source());
  }

  @Test
  void withoutTheDoublesTheTextIsParsed() {
    Spectrum s = Spectrum.cifar10("/data/no-such-spectrum.f64");
    assertArrayEquals(Spectrum.cifar10Text().eigenvalues(), s.eigenvalues());
  }

  @Test
  void aFileThatIsNotWholeDoublesIsABrokenBuild() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Spectrum.readDoubles(new byte[7], "x.f64"));
    assertTrue(e.getMessage().contains("x.f64") && e.getMessage().contains("7 bytes"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Spectrum.readDoubles(new byte[0], "x.f64"));
  }

  /** The writer's bytes, read back by an independent reader (DataInputStream, big-endian). */
  @Test
  void theWriterWritesTheTextsValuesBigEndian(@TempDir Path dir) throws Exception {
    BundledSpectra.main(new String[] {dir.toString()});
    Path f = dir.resolve(Spectrum.CIFAR10_BINARY.substring(1));
    double[] text = Spectrum.cifar10Text().eigenvalues();
    assertEquals(8L * text.length, Files.size(f));
    try (InputStream in = Files.newInputStream(f); DataInputStream d = new DataInputStream(in)) {
      for (int j = 0; j < text.length; j++) {
        assertEquals(Double.doubleToRawLongBits(text[j]), Double.doubleToRawLongBits(d.readDouble()), "value " + j);
      }
    }
    try (var files = Files.list(f.getParent())) {
      assertEquals(1, files.count(), "no temporary file left");
    }
    assertThrows(IllegalArgumentException.class, () -> BundledSpectra.main(new String[0]));
  }
}
