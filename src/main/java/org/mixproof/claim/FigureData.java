package org.mixproof.claim;

import java.util.List;

/**
 * The data of one report figure, computed by the claim layer (seeded, deterministic) and rendered by
 * {@code report/}: a file name ({@code something.png}, no directories), title, axis labels and
 * scales, named series, and a caption that says what the figure shows and how it was computed.
 */
public record FigureData(String fileName, String title, String xLabel, String yLabel, boolean logX, boolean logY,
    List<Line> series, String caption) {

  /** One named series of points. */
  public record Line(String name, double[] x, double[] y) {
    public Line {
      if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " points, y has " + y.length);
    }
  }

  public FigureData {
    series = List.copyOf(series);
    if (!fileName.matches("[a-z0-9][a-z0-9.-]*\\.png")) {
      throw new IllegalArgumentException("fileName must be a bare lower-case .png name, was '" + fileName + "'");
    }
  }
}
