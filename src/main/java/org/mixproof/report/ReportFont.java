package org.mixproof.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one font every plot uses: DejaVu Sans, bundled as {@code /fonts/DejaVuSans.ttf} (licence beside
 * it), so that plots do not depend on the fonts, or the fontconfig setup, of the machine.
 */
final class ReportFont {

  static final String RESOURCE = "/fonts/DejaVuSans.ttf";

  private ReportFont() {}

  /** The bundled font at {@code size} points, {@code style} as in {@link Font#deriveFont(int, float)}. */
  static Font get(int style, float size) {
    return Holder.BASE.deriveFont(style, size);
  }

  private static final class Holder {
    static final Font BASE = load();

    private static Font load() {
      try (InputStream in = ReportFont.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("font resource " + RESOURCE + " is missing from the classpath");
        return Font.createFont(Font.TRUETYPE_FONT, in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read font resource " + RESOURCE, e);
      } catch (FontFormatException e) {
        throw new IllegalStateException("font resource " + RESOURCE + " is not a TrueType font", e);
      }
    }
  }
}
