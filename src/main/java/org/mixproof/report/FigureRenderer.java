package org.mixproof.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Figure} as a PNG of fixed size with XChart: lines with markers, a legend, log axes
 * on request, every text in the bundled font, numbers in {@link Locale#ROOT}. The same figure gives
 * the same bytes on every run (on the same JDK): nothing depends on time, on the machine's fonts or
 * on hash order, and the PNG encoder writes no timestamp.
 *
 * <p>Points that cannot be drawn — a non-finite coordinate, or a non-positive one on a log axis —
 * are dropped and counted in the caption ({@link Prepared#caption()}); a series left with no point is
 * left out of the plot and named in the caption; a figure with no drawable point renders its axes
 * and title with a "no data" note.
 */
final class FigureRenderer {

  /** Width of every PNG, in pixels. */
  static final int WIDTH = 800;

  /** Height of every PNG, in pixels. */
  static final int HEIGHT = 500;

  private FigureRenderer() {}

  /**
   * A figure ready to draw: its drawable series and its full caption.
   *
   * @param figure the figure as given
   * @param drawn the series with at least one drawable point, with only those points
   * @param caption the figure's caption followed by what was dropped, if anything
   */
  record Prepared(Figure figure, List<Series> drawn, String caption) {}

  /**
   * Drops the undrawable points of every series and writes the caption.
   *
   * @throws IllegalArgumentException if a series' x and y differ in length
   */
  static Prepared prepare(Figure figure) {
    List<Series> drawn = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Series> series = figure.series();
    for (int s = 0; s < series.size(); s++) {
      Series in = series.get(s);
      double[] x = in.x();
      double[] y = in.y();
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "figures[" + figure.fileName() + "].series[" + s + "] (\"" + in.name() + "\"): x has "
                + x.length + " values but y has " + y.length);
      }
      int nonFinite = 0;
      int nonPositive = 0;
      double[] keptX = new double[x.length];
      double[] keptY = new double[y.length];
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
          nonFinite++;
        } else if ((figure.logX() && x[i] <= 0) || (figure.logY() && y[i] <= 0)) {
          nonPositive++;
        } else {
          keptX[n] = x[i];
          keptY[n] = y[i];
          n++;
        }
      }
      List<String> dropped = new ArrayList<>();
      if (nonPositive > 0) dropped.add(points(nonPositive) + " with a non-positive value on a log axis");
      if (nonFinite > 0) dropped.add(points(nonFinite) + " with a non-finite value");
      String name = "\u201c" + in.name() + "\u201d: ";
      if (n == 0) {
        notes.add(name + "no point to draw, left out of the plot"
            + (dropped.isEmpty() ? "" : " (" + String.join(", ", dropped) + ")"));
      } else {
        if (!dropped.isEmpty()) notes.add(name + String.join(", ", dropped) + " not shown");
        drawn.add(new Series(in.name(), Arrays.copyOf(keptX, n), Arrays.copyOf(keptY, n)));
      }
    }
    String caption = figure.caption().strip();
    if (!notes.isEmpty()) {
      caption = (caption.isEmpty() ? "" : caption + " ") + "(" + String.join("; ", notes) + ".)";
    }
    return new Prepared(figure, List.copyOf(drawn), caption);
  }

  private static String points(int n) {
    return n == 1 ? "1 point" : n + " points";
  }

  /** The PNG of a prepared figure, {@link #WIDTH} × {@link #HEIGHT}. */
  static byte[] png(Prepared prepared) throws IOException {
    XYChart chart = chart(prepared);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      chart.paint(g, WIDTH, HEIGHT);
      if (prepared.drawn().isEmpty()) {
        g.setColor(Color.DARK_GRAY);
        g.setFont(ReportFont.get(Font.PLAIN, 16f));
        String text = "no data";
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (WIDTH - w) / 2, HEIGHT / 2);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available in ImageIO");
    return out.toByteArray();
  }

  /** At most this many labelled decades on a log x axis, so that labels do not overlap. */
  private static final int MAX_X_LABELS = 8;

  /** At most this many labelled decades on a log y axis. */
  private static final int MAX_Y_LABELS = 12;

  /** Past this many decades a log axis draws grid lines at decades only. */
  private static final int MAX_MINOR_DECADES = 12;

  /** {min, max} of the x (or y) values of the series, which are all positive and finite. */
  private static double[] range(List<Series> series, boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : x ? s.x() : s.y()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return new double[] {min, max};
  }

  private static int decades(double[] range) {
    return (int) (Math.ceil(Math.log10(range[1])) - Math.floor(Math.log10(range[0])));
  }

  /**
   * Tick labels for a log axis: decades only, every {@code step}-th one when the axis spans more than
   * {@code maxLabels} of them (XChart would label every decade, overlapping), written as in the
   * tables ({@link Numbers#format}); every tick is labelled when fewer than two decades are in range.
   */
  private static Function<Double, String> decadeLabels(double[] range, int maxLabels) {
    double inside = Math.floor(Math.log10(range[1])) - Math.ceil(Math.log10(range[0])) + 1;
    if (inside < 2) return v -> Numbers.format(v); // less than two decades to label: label every tick
    int step = Math.max(1, (decades(range) + maxLabels - 1) / maxLabels);
    return v -> {
      double e = Math.log10(v);
      long k = Math.round(e);
      if (Math.abs(e - k) > 1e-9 || k % step != 0) return "";
      return Numbers.format(Math.pow(10, k));
    };
  }

  private static XYChart chart(Prepared prepared) {
    Figure figure = prepared.figure();
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(figure.title());
    chart.setXAxisTitle(figure.xLabel());
    chart.setYAxisTitle(figure.yLabel());
    XYStyler styler = chart.getStyler();
    styler.setLocale(Locale.ROOT);
    styler.setBaseFont(ReportFont.get(Font.PLAIN, 12f));
    styler.setChartTitleFont(ReportFont.get(Font.PLAIN, 16f));
    styler.setLegendFont(ReportFont.get(Font.PLAIN, 12f));
    styler.setAxisTitleFont(ReportFont.get(Font.PLAIN, 13f));
    styler.setAxisTickLabelsFont(ReportFont.get(Font.PLAIN, 11f));
    styler.setAnnotationTextFont(ReportFont.get(Font.PLAIN, 11f));
    styler.setAnnotationTextPanelFont(ReportFont.get(Font.PLAIN, 11f));
    styler.setToolTipFont(ReportFont.get(Font.PLAIN, 11f));
    styler.setCursorFont(ReportFont.get(Font.PLAIN, 11f));
    styler.setAntiAlias(true);
    styler.setTextAntiAlias(true);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendVisible(!prepared.drawn().isEmpty());
    styler.setMarkerSize(6);
    styler.setXAxisLogarithmic(figure.logX() && !prepared.drawn().isEmpty());
    styler.setYAxisLogarithmic(figure.logY() && !prepared.drawn().isEmpty());
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    if (styler.isXAxisLogarithmic()) {
      double[] range = range(prepared.drawn(), true);
      chart.setCustomXAxisTickLabelsFormatter(decadeLabels(range, MAX_X_LABELS));
      styler.setXAxisLogarithmicDecadeOnly(decades(range) > MAX_MINOR_DECADES);
    }
    if (styler.isYAxisLogarithmic()) {
      double[] range = range(prepared.drawn(), false);
      chart.setCustomYAxisTickLabelsFormatter(decadeLabels(range, MAX_Y_LABELS));
      styler.setYAxisLogarithmicDecadeOnly(decades(range) > MAX_MINOR_DECADES);
    }
    for (Series s : prepared.drawn()) {
      XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
      xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      if (xy.getMarker() == null) xy.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }
}
