package org.mixproof.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/**
 * Draws a {@link Figure} as a PNG: a title, one plot or a row of panels on one y scale, and one legend
 * for the whole figure. XChart draws the series (lines, dashes, markers) inside each plot's frame;
 * the frame, the grid, the ticks and their labels are drawn here from {@link AxisTicks}, so that a
 * log axis over many decades keeps a readable grid, and a figure can ask for ticks at given values
 * (the values a sweep visits). Every text is in the bundled font, every number in {@link Locale#ROOT}.
 * The same figure gives the same bytes on every run (on the same JDK): nothing depends on time, on
 * the machine's fonts or on hash order, and the PNG encoder writes no timestamp.
 *
 * <p>A series is drawn in its {@link Series#style() style}; series of one {@link Series#group() group}
 * share a colour (a colour-blind-safe palette) and a marker shape, and each {@link Series#legend()
 * legend entry} is listed once, so a scheme drawn in two panels has one colour and one entry.
 *
 * <p>Points that cannot be drawn — a non-finite coordinate, or a non-positive one on a log axis —
 * are dropped and counted in the caption ({@link Prepared#caption()}); a series left with no point is
 * left out of the plot and named in the caption; a figure with no drawable point renders its frame
 * and title with a "no data" note.
 */
final class FigureRenderer {

  /** Width of a figure of one plot, in pixels. */
  static final int WIDTH = 800;

  /** Height of every PNG, in pixels. */
  static final int HEIGHT = 500;

  /** Width added by each panel after the first, in pixels. */
  static final int PANEL_WIDTH = 400;

  private FigureRenderer() {}

  /**
   * A figure ready to draw: its drawable series and its full caption.
   *
   * @param figure the figure as given
   * @param drawn the series with at least one drawable point, with only those points
   * @param caption the figure's caption followed by what was dropped, if anything
   */
  record Prepared(Figure figure, List<Series> drawn, String caption) {

    /** The figure's panels, in order of first appearance among its series; one ("") when it has none. */
    List<String> panels() {
      List<String> panels = new ArrayList<>();
      for (Series s : figure.series()) if (!panels.contains(s.panel())) panels.add(s.panel());
      if (panels.isEmpty()) panels.add("");
      return panels;
    }

    /** The PNG's width: {@link #WIDTH}, plus {@link #PANEL_WIDTH} for each panel after the first. */
    int width() {
      return WIDTH + PANEL_WIDTH * (panels().size() - 1);
    }

    /** The PNG's height, {@link #HEIGHT}. */
    int height() {
      return HEIGHT;
    }
  }

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
        drawn.add(in.withPoints(java.util.Arrays.copyOf(keptX, n), java.util.Arrays.copyOf(keptY, n)));
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

  // ---- drawing ----------------------------------------------------------------------------------

  /** Okabe and Ito's colour-blind-safe palette (yellow left out: it does not show on white), then more. */
  static final Color[] PALETTE = {
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7), new Color(0xE69F00),
      new Color(0x56B4E9), new Color(0x000000), new Color(0x8C564B), new Color(0x7F7F7F), new Color(0x9A9A00)};

  /** Marker shapes, in the order groups take them. */
  private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
      SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS};

  private static final BasicStroke SOLID = new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final BasicStroke DASHED =
      new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);
  private static final int MARKER_SIZE = 7;

  private static final Color MAJOR_GRID = new Color(0xD9, 0xD9, 0xD9);
  private static final Color MINOR_GRID = new Color(0xF0, 0xF0, 0xF0);
  private static final Color FRAME = new Color(0x80, 0x80, 0x80);
  private static final Color TEXT = new Color(0x22, 0x22, 0x22);

  private static final int MARGIN = 10;
  private static final int TICK = 5;
  private static final int PANEL_GAP = 22;
  private static final int LEGEND_SAMPLE = 30;
  private static final int LEGEND_ROW = 18;
  private static final int LEGEND_PAD = 7;

  /** At most this many labelled ticks on a y axis chosen from the range. */
  static final int MAX_Y_LABELS = 8;

  /** Pixels per labelled tick on an x axis chosen from the range (at least 3, at most 10 labels). */
  private static final int X_LABEL_SPACING = 75;

  /** How a group is drawn: its colour and marker. */
  private record Look(Color colour, Marker marker) {}

  /** A legend entry: its text, and the first series that has it. */
  private record Entry(String text, Series series) {}

  /** The PNG of a prepared figure, {@link Prepared#width()} × {@link Prepared#height()}. */
  static byte[] png(Prepared prepared) throws IOException {
    BufferedImage image = image(prepared);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available in ImageIO");
    return out.toByteArray();
  }

  /** The figure as an image. */
  static BufferedImage image(Prepared prepared) {
    int w = prepared.width();
    int h = prepared.height();
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      draw(g, prepared, w, h);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void draw(Graphics2D g, Prepared prepared, int w, int h) {
    Figure figure = prepared.figure();
    List<Series> drawn = prepared.drawn();
    boolean empty = drawn.isEmpty();
    Font titleFont = ReportFont.get(Font.PLAIN, 16f);
    Font axisFont = ReportFont.get(Font.PLAIN, 13f);
    Font tickFont = ReportFont.get(Font.PLAIN, 12f);
    Font legendFont = ReportFont.get(Font.PLAIN, 12f);

    // colours and markers by group, over every series of the figure (a dropped series keeps its colour)
    Map<String, Look> looks = new LinkedHashMap<>();
    for (Series s : figure.series()) {
      if (s.group() == null || looks.containsKey(s.group())) continue;
      int i = looks.size();
      looks.put(s.group(), new Look(PALETTE[i % PALETTE.length], MARKERS[i % MARKERS.length]));
    }
    List<Entry> entries = entries(drawn);

    // title
    int top = MARGIN;
    g.setColor(TEXT);
    g.setFont(titleFont);
    FontMetrics tm = g.getFontMetrics();
    String title = Text.oneLine(figure.title());
    g.drawString(title, Math.max(MARGIN, (w - tm.stringWidth(title)) / 2), top + tm.getAscent());
    top += tm.getHeight() + 8;

    // legend: on the right when narrow enough, else in rows under the plots
    g.setFont(legendFont);
    FontMetrics lm = g.getFontMetrics();
    int entryWidth = 0;
    for (Entry e : entries) entryWidth = Math.max(entryWidth, LEGEND_SAMPLE + 6 + lm.stringWidth(e.text()));
    int right = w - MARGIN;
    int bottom = h - MARGIN;
    boolean legendRight = entryWidth + 2 * LEGEND_PAD <= 0.3 * w;
    List<List<Entry>> legendRows = new ArrayList<>();
    if (!entries.isEmpty()) {
      if (legendRight) {
        right -= entryWidth + 2 * LEGEND_PAD + 14;
      } else {
        int avail = w - 2 * MARGIN - 2 * LEGEND_PAD;
        List<Entry> row = new ArrayList<>();
        int used = 0;
        for (Entry e : entries) {
          int ew = LEGEND_SAMPLE + 6 + lm.stringWidth(e.text()) + 18;
          if (!row.isEmpty() && used + ew > avail) {
            legendRows.add(row);
            row = new ArrayList<>();
            used = 0;
          }
          row.add(e);
          used += ew;
        }
        legendRows.add(row);
        bottom -= legendRows.size() * LEGEND_ROW + 2 * LEGEND_PAD + 8;
      }
    }

    // the y axis, shared by the panels; its labels' width decides where the plots begin
    List<String> panels = prepared.panels();
    boolean titled = panels.size() > 1 || !panels.get(0).isEmpty();
    AxisTicks ya = yAxis(prepared);
    g.setFont(tickFont);
    FontMetrics km = g.getFontMetrics();
    int yLabels = 0;
    if (!empty) for (AxisTicks.Tick t : ya.major()) yLabels = Math.max(yLabels, labelWidth(g, t.label()));
    g.setFont(axisFont);
    FontMetrics am = g.getFontMetrics();
    int left = MARGIN + am.getHeight() + 6;
    int labelBlock = yLabels + 4 + TICK;
    int n = panels.size();
    int pw = Math.max(40, (right - left - n * labelBlock - (n - 1) * PANEL_GAP) / n);
    int y0 = top + (titled ? am.getHeight() + 4 : 0);
    int y1 = bottom - (TICK + 3 + km.getHeight() + 6 + am.getHeight());
    int ph = Math.max(40, y1 - y0);
    y1 = y0 + ph;
    AxisTicks xa = xAxis(prepared, Math.max(3, Math.min(10, pw / X_LABEL_SPACING)));

    // y axis title, rotated, once at the left
    g.setFont(axisFont);
    g.setColor(TEXT);
    String yTitle = Text.oneLine(figure.yLabel());
    AffineTransform saved = g.getTransform();
    g.translate(MARGIN + am.getAscent(), y0 + ph / 2.0 + am.stringWidth(yTitle) / 2.0);
    g.rotate(-Math.PI / 2);
    g.drawString(yTitle, 0, 0);
    g.setTransform(saved);

    for (int p = 0; p < n; p++) {
      int x0 = left + labelBlock + p * (pw + PANEL_GAP + labelBlock);
      String panel = panels.get(p);
      List<Series> inPanel = new ArrayList<>();
      for (Series s : drawn) if (s.panel().equals(panel)) inPanel.add(s);
      Rect plot = new Rect(x0, y0, pw, ph);
      if (!empty) grid(g, plot, xa, ya);
      if (!inPanel.isEmpty()) series(g, plot, xa, ya, inPanel, looks);
      g.setColor(FRAME);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(x0, y0, pw, ph);
      if (!empty) ticks(g, plot, xa, ya, tickFont);
      g.setColor(TEXT);
      g.setFont(axisFont);
      String xTitle = Text.oneLine(figure.xLabel());
      g.drawString(xTitle, x0 + (pw - am.stringWidth(xTitle)) / 2, y1 + TICK + 3 + km.getHeight() + 6 + am.getAscent());
      if (titled) {
        String pt = Text.oneLine(panel);
        g.drawString(pt, x0 + (pw - am.stringWidth(pt)) / 2, y0 - 4 - am.getDescent());
      }
    }

    if (empty) {
      g.setColor(Color.DARK_GRAY);
      g.setFont(ReportFont.get(Font.PLAIN, 16f));
      String text = "no data";
      int tw = g.getFontMetrics().stringWidth(text);
      g.drawString(text, (w - tw) / 2, h / 2);
    }

    if (!entries.isEmpty()) {
      if (legendRight) {
        int lx = w - MARGIN - entryWidth - 2 * LEGEND_PAD;
        legendBox(g, lx, y0, entryWidth + 2 * LEGEND_PAD, entries.size() * LEGEND_ROW + 2 * LEGEND_PAD);
        for (int i = 0; i < entries.size(); i++) {
          legendEntry(g, entries.get(i), lx + LEGEND_PAD, y0 + LEGEND_PAD + i * LEGEND_ROW, looks, legendFont);
        }
      } else {
        int ly = h - MARGIN - legendRows.size() * LEGEND_ROW - 2 * LEGEND_PAD;
        int widest = 0;
        for (List<Entry> row : legendRows) {
          int rw = 0;
          for (Entry e : row) rw += LEGEND_SAMPLE + 6 + lm.stringWidth(e.text()) + 18;
          widest = Math.max(widest, rw - 18);
        }
        int lx = (w - widest) / 2 - LEGEND_PAD;
        legendBox(g, lx, ly, widest + 2 * LEGEND_PAD, legendRows.size() * LEGEND_ROW + 2 * LEGEND_PAD);
        for (int r = 0; r < legendRows.size(); r++) {
          int ex = lx + LEGEND_PAD;
          for (Entry e : legendRows.get(r)) {
            legendEntry(g, e, ex, ly + LEGEND_PAD + r * LEGEND_ROW, looks, legendFont);
            ex += LEGEND_SAMPLE + 6 + lm.stringWidth(e.text()) + 18;
          }
        }
      }
    }
  }

  /** The legend entries, each once, in order of first appearance among the drawn series. */
  private static List<Entry> entries(List<Series> drawn) {
    List<Entry> entries = new ArrayList<>();
    for (Series s : drawn) {
      if (entries.stream().noneMatch(e -> e.text().equals(s.legend()))) entries.add(new Entry(s.legend(), s));
    }
    return entries;
  }

  /** The legend's texts, in order: each entry once however many series (panels) share it. */
  static List<String> legend(Prepared prepared) {
    return entries(prepared.drawn()).stream().map(Entry::text).toList();
  }

  /** The x axis shared by the panels: ticked at the figure's x ticks when it has some in range. */
  static AxisTicks xAxis(Prepared prepared, int maxLabels) {
    boolean empty = prepared.drawn().isEmpty();
    return AxisTicks.of(values(prepared.drawn(), true), prepared.figure().logX() && !empty, prepared.figure().xTicks(),
        maxLabels);
  }

  /** The y axis shared by the panels. */
  static AxisTicks yAxis(Prepared prepared) {
    boolean empty = prepared.drawn().isEmpty();
    return AxisTicks.of(values(prepared.drawn(), false), prepared.figure().logY() && !empty, List.of(), MAX_Y_LABELS);
  }

  /** A plot's frame in pixels, and the map from plot coordinates into it. */
  private record Rect(int x, int y, int w, int h) {
    double sx(AxisTicks a, double u) {
      return x + (u - a.min()) / (a.max() - a.min()) * w;
    }

    double sy(AxisTicks a, double u) {
      return y + h - (u - a.min()) / (a.max() - a.min()) * h;
    }
  }

  /** The drawable values of every series on one axis. */
  private static double[] values(List<Series> series, boolean x) {
    int n = 0;
    for (Series s : series) n += s.x().length;
    double[] v = new double[n];
    int i = 0;
    for (Series s : series) for (double d : x ? s.x() : s.y()) v[i++] = d;
    return v;
  }

  private static void grid(Graphics2D g, Rect r, AxisTicks xa, AxisTicks ya) {
    g.setStroke(new BasicStroke(1f));
    g.setColor(MINOR_GRID);
    for (double u : xa.minor()) g.draw(new Line2D.Double(r.sx(xa, u), r.y(), r.sx(xa, u), r.y() + r.h()));
    for (double u : ya.minor()) g.draw(new Line2D.Double(r.x(), r.sy(ya, u), r.x() + r.w(), r.sy(ya, u)));
    g.setColor(MAJOR_GRID);
    for (AxisTicks.Tick t : xa.major()) {
      g.draw(new Line2D.Double(r.sx(xa, t.at()), r.y(), r.sx(xa, t.at()), r.y() + r.h()));
    }
    for (AxisTicks.Tick t : ya.major()) {
      g.draw(new Line2D.Double(r.x(), r.sy(ya, t.at()), r.x() + r.w(), r.sy(ya, t.at())));
    }
  }

  /** Tick marks and labels; a label that would overlap the previous one is left out (its tick stays). */
  private static void ticks(Graphics2D g, Rect r, AxisTicks xa, AxisTicks ya, Font tickFont) {
    g.setFont(tickFont);
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    double lastRight = Double.NEGATIVE_INFINITY;
    int base = r.y() + r.h();
    for (AxisTicks.Tick t : xa.major()) {
      double px = r.sx(xa, t.at());
      g.setColor(FRAME);
      g.draw(new Line2D.Double(px, base, px, base + TICK));
      int tw = labelWidth(g, t.label());
      double lx = px - tw / 2.0;
      if (lx < lastRight + 8) continue;
      g.setColor(TEXT);
      drawLabel(g, t.label(), lx, base + TICK + 4 + fm.getAscent());
      lastRight = lx + tw;
    }
    double lastTop = Double.POSITIVE_INFINITY;
    for (AxisTicks.Tick t : ya.major()) {
      double py = r.sy(ya, t.at());
      g.setColor(FRAME);
      g.draw(new Line2D.Double(r.x() - TICK, py, r.x(), py));
      double ly = py + (fm.getAscent() - fm.getDescent()) / 2.0;
      if (ly > lastTop - 2) continue;
      g.setColor(TEXT);
      drawLabel(g, t.label(), r.x() - TICK - 3 - labelWidth(g, t.label()), ly);
      lastTop = ly - fm.getAscent() - (AxisTicks.superscriptExponent(t.label()) == null ? 0 : fm.getAscent() / 3);
    }
  }

  /** The size of a decade's exponent beside its "10", relative to the tick font. */
  private static final float EXPONENT_SCALE = 0.78f;

  /** A tick label's width in the current font: "10" and a raised, smaller exponent for 10ⁿ. */
  private static int labelWidth(Graphics2D g, String label) {
    String exponent = AxisTicks.superscriptExponent(label);
    FontMetrics fm = g.getFontMetrics();
    if (exponent == null) return fm.stringWidth(label);
    FontMetrics small = g.getFontMetrics(g.getFont().deriveFont(g.getFont().getSize2D() * EXPONENT_SCALE));
    return fm.stringWidth("10") + 1 + small.stringWidth(exponent);
  }

  /** Draws a tick label at (x, baseline) in the current font: 10ⁿ as "10" and a raised exponent. */
  private static void drawLabel(Graphics2D g, String label, double x, double baseline) {
    String exponent = AxisTicks.superscriptExponent(label);
    if (exponent == null) {
      g.drawString(label, (float) x, (float) baseline);
      return;
    }
    Font font = g.getFont();
    FontMetrics fm = g.getFontMetrics();
    g.drawString("10", (float) x, (float) baseline);
    g.setFont(font.deriveFont(font.getSize2D() * EXPONENT_SCALE));
    g.drawString(exponent, (float) (x + fm.stringWidth("10") + 1), (float) (baseline - fm.getAscent() * 0.42));
    g.setFont(font);
  }

  /** The series of one panel, drawn by XChart into the plot's frame, in plot coordinates scaled to [0, 1]. */
  private static void series(Graphics2D g, Rect r, AxisTicks xa, AxisTicks ya, List<Series> series,
      Map<String, Look> looks) {
    XYChart chart = new XYChart(r.w(), r.h());
    XYStyler st = chart.getStyler();
    st.setLocale(Locale.ROOT);
    st.setBaseFont(ReportFont.get(Font.PLAIN, 11f));
    st.setChartTitleVisible(false);
    st.setLegendVisible(false);
    st.setAxisTitlesVisible(false);
    st.setAxisTicksVisible(false);
    st.setPlotGridLinesVisible(false);
    st.setPlotBorderVisible(false);
    st.setChartPadding(0);
    st.setPlotMargin(0);
    st.setPlotContentSize(1.0);
    st.setChartBackgroundColor(new Color(0, 0, 0, 0));
    st.setPlotBackgroundColor(new Color(0, 0, 0, 0));
    st.setAntiAlias(true);
    st.setMarkerSize(MARKER_SIZE);
    st.setXAxisMin(0.0);
    st.setXAxisMax(1.0);
    st.setYAxisMin(0.0);
    st.setYAxisMax(1.0);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      double[] x = s.x();
      double[] y = s.y();
      for (int j = 0; j < x.length; j++) {
        x[j] = ((xa.log() ? Math.log10(x[j]) : x[j]) - xa.min()) / (xa.max() - xa.min());
        y[j] = ((ya.log() ? Math.log10(y[j]) : y[j]) - ya.min()) / (ya.max() - ya.min());
      }
      XYSeries xy = chart.addSeries("s" + i, x, y);
      Look look = looks.get(s.group());
      xy.setLineColor(look.colour());
      xy.setMarkerColor(look.colour());
      xy.setXYSeriesRenderStyle(s.style().line() ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
      xy.setMarker(s.style().markers() ? look.marker() : SeriesMarkers.NONE);
      xy.setLineStyle(s.style() == Series.Style.DASHED ? DASHED : SOLID);
    }
    Graphics2D inner = (Graphics2D) g.create(r.x(), r.y(), r.w() + 1, r.h() + 1);
    try {
      chart.paint(inner, r.w(), r.h());
    } finally {
      inner.dispose();
    }
  }

  private static void legendBox(Graphics2D g, int x, int y, int w, int h) {
    g.setColor(Color.WHITE);
    g.fillRect(x, y, w, h);
    g.setColor(new Color(0xBB, 0xBB, 0xBB));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, w, h);
  }

  private static void legendEntry(Graphics2D g, Entry e, int x, int y, Map<String, Look> looks, Font font) {
    Look look = looks.get(e.series().group());
    Series.Style style = e.series().style();
    double mid = y + LEGEND_ROW / 2.0;
    g.setColor(look.colour());
    if (style.line()) {
      g.setStroke(style == Series.Style.DASHED ? DASHED : SOLID);
      g.draw(new Line2D.Double(x + 1, mid, x + LEGEND_SAMPLE - 1, mid));
    }
    if (style.markers()) look.marker().paint(g, x + LEGEND_SAMPLE / 2.0, mid, MARKER_SIZE);
    g.setColor(TEXT);
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(e.text(), x + LEGEND_SAMPLE + 6, (float) (mid + (fm.getAscent() - fm.getDescent()) / 2.0));
  }
}
