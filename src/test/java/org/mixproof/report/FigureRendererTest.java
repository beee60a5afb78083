package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/** The PNGs: valid, of the fixed size, not blank, headless; undrawable points noted in the caption. */
class FigureRendererTest {

  @Test
  void rendersHeadless() {
    assertTrue(GraphicsEnvironment.isHeadless(), "the build runs tests with -Djava.awt.headless=true");
  }

  @Test
  void everyFigureIsAValidNonBlankImageOfTheFixedSize() throws IOException {
    for (Figure f : SampleReports.figures()) {
      byte[] png = FigureRenderer.png(FigureRenderer.prepare(f));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(image, f.fileName() + " is not a readable image");
      assertEquals(FigureRenderer.WIDTH, image.getWidth(), f.fileName());
      assertEquals(FigureRenderer.HEIGHT, image.getHeight(), f.fileName());
      assertTrue(colours(image) > 1, f.fileName() + " is blank");
    }
  }

  @Test
  void aPlotWithDataHasMoreColoursThanOneWithout() throws IOException {
    Figure withData = SampleReports.figures().get(0);
    Figure without = new Figure("e.png", withData.title(), withData.xLabel(), withData.yLabel(),
        withData.logX(), withData.logY(), List.of(), "");
    int full = colours(ImageIO.read(new ByteArrayInputStream(FigureRenderer.png(FigureRenderer.prepare(withData)))));
    int empty = colours(ImageIO.read(new ByteArrayInputStream(FigureRenderer.png(FigureRenderer.prepare(without)))));
    assertTrue(full > empty, "series colours add to the image: " + full + " vs " + empty);
  }

  @Test
  void nonPositivePointsOnLogAxesAreDroppedAndNoted() {
    Figure f = new Figure("f.png", "t", "x", "y", true, true, List.of(
        new Series("a", new double[] {1, 2, 3, -1}, new double[] {1, 0, 2, 5}),
        new Series("b", new double[] {1, 2}, new double[] {Double.NaN, 4})), "Caption.");
    FigureRenderer.Prepared p = FigureRenderer.prepare(f);
    assertEquals(2, p.drawn().size());
    assertEquals(2, p.drawn().get(0).x().length);
    for (Series s : p.drawn()) {
      for (int i = 0; i < s.x().length; i++) assertTrue(s.x()[i] > 0 && s.y()[i] > 0);
    }
    assertTrue(p.caption().startsWith("Caption."), p.caption());
    assertTrue(p.caption().contains("\u201ca\u201d: 2 points with a non-positive value on a log axis"), p.caption());
    assertTrue(p.caption().contains("\u201cb\u201d: 1 point with a non-finite value"), p.caption());
  }

  @Test
  void seriesWithoutDrawablePointsAreLeftOutAndNamed() throws IOException {
    Figure f = new Figure("f.png", "t", "x", "y", false, true, List.of(
        new Series("gone", new double[] {1, 2}, new double[] {-1, 0}),
        new Series("void", new double[0], new double[0])), "");
    FigureRenderer.Prepared p = FigureRenderer.prepare(f);
    assertTrue(p.drawn().isEmpty());
    assertTrue(p.caption().contains("\u201cgone\u201d: no point to draw"), p.caption());
    assertTrue(p.caption().contains("\u201cvoid\u201d: no point to draw"), p.caption());
    assertNotNull(ImageIO.read(new ByteArrayInputStream(FigureRenderer.png(p))));
  }

  @Test
  void degenerateRangesRender() throws IOException {
    List<Figure> figures = List.of(
        new Figure("one.png", "one point, log-log", "x", "y", true, true,
            List.of(new Series("p", new double[] {3}, new double[] {7})), ""),
        new Figure("flat.png", "constant y", "x", "y", false, true,
            List.of(new Series("c", new double[] {1, 2, 3}, new double[] {5, 5, 5})), ""),
        new Figure("wide.png", "24 decades", "x", "y", true, true,
            List.of(new Series("w", new double[] {1e-12, 1, 1e12}, new double[] {1e12, 1, 1e-12})), ""),
        new Figure("tiny.png", "tiny differences", "x", "y", false, false,
            List.of(new Series("t", new double[] {1, 1 + 1e-15, 1 + 2e-15}, new double[] {0, -1e-300, 1e-300})), ""));
    for (Figure f : figures) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(FigureRenderer.png(FigureRenderer.prepare(f))));
      assertEquals(FigureRenderer.WIDTH, image.getWidth(), f.fileName());
      assertTrue(colours(image) > 1, f.fileName());
    }
  }

  @Test
  void mismatchedLengthsThrowNamingFigureAndSeries() {
    Figure f = new Figure("odd.png", "t", "x", "y", false, false,
        List.of(new Series("short y", new double[] {1, 2}, new double[] {1})), "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FigureRenderer.prepare(f));
    assertTrue(e.getMessage().contains("odd.png") && e.getMessage().contains("short y"), e.getMessage());
  }

  @Test
  void theBundledFontIsDejaVuSans() {
    assertEquals("DejaVu Sans", ReportFont.get(java.awt.Font.PLAIN, 12f).getFamily(java.util.Locale.ROOT));
  }

  @Test
  void seriesAreImmutable() {
    double[] x = {1, 2};
    Series s = new Series("s", x, new double[] {3, 4});
    x[0] = 99;
    s.x()[1] = 99;
    assertEquals(new Series("s", new double[] {1, 2}, new double[] {3, 4}), s);
    assertFalse(s.equals(new Series("s", new double[] {1, 2}, new double[] {3, 5})));
  }

  /** Pixels of the first group's colour: how much of the first series is drawn. */
  private static int seriesPixels(Figure f) {
    BufferedImage image = FigureRenderer.image(FigureRenderer.prepare(f));
    int colour = FigureRenderer.PALETTE[0].getRGB();
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) if (image.getRGB(x, y) == colour) n++;
    }
    return n;
  }

  @Test
  void scatteredPointsAreMarkersThatNothingJoins() {
    double[] x = {1, 1e6};
    double[] y = {1, 1e6};
    int markers = seriesPixels(new Figure("m.png", "t", "x", "y", true, true,
        List.of(new Series("cases", x, y, Series.Style.MARKERS)), ""));
    int line = seriesPixels(new Figure("l.png", "t", "x", "y", true, true,
        List.of(new Series("cases", x, y, Series.Style.LINE_MARKERS)), ""));
    int dashed = seriesPixels(new Figure("d.png", "t", "x", "y", true, true,
        List.of(new Series("cases", x, y, Series.Style.DASHED)), ""));
    assertTrue(markers > 0, "the markers are drawn");
    assertTrue(line > 4 * markers, "a line joins the points only when asked: " + line + " vs " + markers);
    assertTrue(dashed < line && dashed > markers, "a dashed line is lighter than a solid one: " + dashed + " vs " + line);
  }

  @Test
  void panelsShareOneLegendEntryPerSchemeAndAreWider() throws IOException {
    double[] x = {50, 100, 250, 500, 1000};
    List<Series> series = new java.util.ArrayList<>();
    for (String start : List.of("prior", "exact")) {
      for (String scheme : List.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4")) {
        series.add(new Series(scheme + " (" + start + ")", x, new double[] {5, 2, 1, 0.5, 0.1},
            Series.Style.LINE_MARKERS, "start " + start, scheme, null));
      }
    }
    Figure f = new Figure("cifar.png", "table", "NFE", "W2", true, true, series, "", List.of(50.0, 100.0, 250.0, 500.0, 1000.0));
    FigureRenderer.Prepared p = FigureRenderer.prepare(f);
    assertEquals(List.of("start prior", "start exact"), p.panels());
    assertEquals(List.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4"), FigureRenderer.legend(p));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(FigureRenderer.png(p)));
    assertEquals(FigureRenderer.WIDTH + FigureRenderer.PANEL_WIDTH, image.getWidth());
    assertEquals(FigureRenderer.HEIGHT, image.getHeight());
    // the x axis is ticked at the table's columns
    assertEquals(List.of("50", "100", "250", "500", "1000"),
        FigureRenderer.xAxis(p, 8).major().stream().map(AxisTicks.Tick::label).toList());
  }

  @Test
  void aLogAxisOverManyDecadesKeepsAFewLabelledGridLines() {
    Figure f = new Figure("wide.png", "54 decades", "t", "ratio", true, true,
        List.of(new Series("r", new double[] {0.01, 0.1, 1, 3}, new double[] {4e56, 1e40, 1e15, 3e11})), "");
    AxisTicks y = FigureRenderer.yAxis(FigureRenderer.prepare(f));
    assertTrue(y.major().size() <= FigureRenderer.MAX_Y_LABELS, y.major().toString());
    assertTrue(y.minor().size() <= AxisTicks.MAX_MINOR, "faint lines: " + y.minor().size());
  }

  @Test
  void theSameFigureGivesTheSameBytes() throws IOException {
    for (Figure f : SampleReports.figures()) {
      assertTrue(java.util.Arrays.equals(FigureRenderer.png(FigureRenderer.prepare(f)),
          FigureRenderer.png(FigureRenderer.prepare(f))), f.fileName());
    }
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) seen.add(image.getRGB(x, y));
    }
    return seen.size();
  }
}
