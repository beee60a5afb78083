package org.mixproof.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Points as comma-separated rows; blank lines and lines starting with '#' are skipped. */
final class PointsCsv {

  private PointsCsv() {}

  static List<double[]> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--points " + file + ": cannot read: " + e.getMessage(), e);
    }
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      rows.add(parseRow(line, "--points " + file + ":" + (i + 1)));
    }
    if (rows.isEmpty()) throw new IllegalArgumentException("--points " + file + ": no points in file");
    return rows;
  }

  /** One point; {@code where} names the option (and file:line) in error messages. */
  static double[] parseRow(String text, String where) {
    String[] parts = text.split(",", -1);
    double[] x = new double[parts.length];
    for (int j = 0; j < parts.length; j++) {
      String p = parts[j].strip();
      try {
        x[j] = Double.parseDouble(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": coordinate " + (j + 1) + " is not a number: '" + p + "'");
      }
      if (!Double.isFinite(x[j])) {
        throw new IllegalArgumentException(where + ": coordinate " + (j + 1) + " must be finite, was " + p);
      }
    }
    return x;
  }
}
