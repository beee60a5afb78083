package org.mixproof.mixture;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (exec-maven-plugin, process-classes): writes the bundled CIFAR-10 spectrum, parsed from
 * its text file by {@link Spectrum}'s own parser, as big-endian IEEE doubles next to it in the
 * classes directory ({@link Spectrum#CIFAR10_BINARY}), so that a run reads it without parsing.
 *
 * <pre>java -cp target/classes org.mixproof.mixture.BundledSpectra target/classes</pre>
 */
public final class BundledSpectra {

  private BundledSpectra() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) throw new IllegalArgumentException("usage: BundledSpectra CLASSES_DIR, was " + args.length + " arguments");
    Path out = Path.of(args[0], Spectrum.CIFAR10_BINARY.substring(1));
    double[] v = Spectrum.cifar10Text().eigenvalues();
    Files.createDirectories(out.getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp"); // then one rename: never half a file
    try (OutputStream os = Files.newOutputStream(tmp); DataOutputStream d = new DataOutputStream(os)) {
      for (double x : v) d.writeDouble(x);
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
