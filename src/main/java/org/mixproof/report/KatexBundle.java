package org.mixproof.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KaTeX, as {@code index.html} inlines it to typeset the statements with no network at view time: its
 * minified script, its style sheet with every font (woff2) inlined as a {@code data:} URI, and its MIT
 * licence, read from the {@code org.webjars.npm:katex} webjar on the classpath (see {@code pom.xml}).
 * The same jar gives the same bytes, so the report stays reproducible.
 */
final class KatexBundle {

  private static final String POM = "META-INF/maven/org.webjars.npm/katex/pom.properties";
  private static final Pattern FONT_FACE_SRC = Pattern.compile(
      "src:url\\(fonts/([A-Za-z0-9_-]+)\\.woff2\\) format\\(\"woff2\"\\)(?:,url\\([^)]*\\) format\\(\"[a-z]+\"\\))*");

  private KatexBundle() {}

  /** KaTeX's version, e.g. {@code 0.18.11}. */
  static String version() {
    return Holder.VERSION;
  }

  /** {@code katex.min.css}, each font face reduced to its woff2 file, inlined. */
  static String css() {
    return Holder.CSS;
  }

  /** {@code katex.min.js}: it defines {@code katex.render}. */
  static String js() {
    return Holder.JS;
  }

  /** KaTeX's licence text (MIT), to ship beside the code. */
  static String licence() {
    return Holder.LICENCE;
  }

  private static final class Holder {
    static final String VERSION = readVersion();
    static final String ROOT = "META-INF/resources/webjars/katex/" + VERSION + "/";
    static final String JS = checkedScript(text(ROOT + "dist/katex.min.js"));
    static final String CSS = inlineFonts(text(ROOT + "dist/katex.min.css"));
    static final String LICENCE = checkedComment(text(ROOT + "LICENSE").strip());

    private static String readVersion() {
      Properties p = new Properties();
      try (InputStream in = open(POM)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + POM, e);
      }
      String v = p.getProperty("version");
      if (v == null || !v.matches("[0-9A-Za-z.+-]+")) throw new IllegalStateException(POM + " names no version: " + v);
      return v;
    }

    private static String inlineFonts(String css) {
      Matcher m = FONT_FACE_SRC.matcher(css);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String font = ROOT + "dist/fonts/" + m.group(1) + ".woff2";
        String uri = "data:font/woff2;base64," + Base64.getEncoder().encodeToString(bytes(font));
        m.appendReplacement(b, Matcher.quoteReplacement("src:url(" + uri + ") format(\"woff2\")"));
      }
      m.appendTail(b);
      String out = b.toString();
      if (out.contains("url(fonts/")) {
        throw new IllegalStateException("katex.min.css " + VERSION + " has a font face this reader does not inline");
      }
      return out;
    }

    /** The script as it may stand inside a {@code <script>} element. */
    private static String checkedScript(String js) {
      String lower = js.toLowerCase(Locale.ROOT);
      if (lower.contains("</script") || lower.contains("<!--")) {
        throw new IllegalStateException("katex.min.js " + VERSION + " cannot be inlined: it contains </script or <!--");
      }
      return js;
    }

    /** The licence as it may stand inside an HTML comment. */
    private static String checkedComment(String text) {
      if (text.contains("--")) throw new IllegalStateException("KaTeX's licence " + VERSION + " cannot stand in an HTML comment");
      return text;
    }

    private static String text(String resource) {
      return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
      try (InputStream in = open(resource)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }

    private static InputStream open(String resource) {
      InputStream in = KatexBundle.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath: the HTML report needs KaTeX, "
            + "the org.webjars.npm:katex dependency of pom.xml");
      }
      return in;
    }
  }
}
