package org.mixproof.report;

import java.nio.charset.StandardCharsets;

/** Escaping for the reports' Markdown, HTML and links. */
final class Text {

  private Text() {}

  /** Line breaks of any kind as one space: table cells and headings are one line. */
  static String oneLine(String s) {
    return s.replaceAll("\\R", " ");
  }

  /**
   * {@code s} as literal Markdown text on one line: every character Markdown (CommonMark with GitHub
   * tables) could read as markup is backslash-escaped, so {@code a_t}, {@code x*y}, {@code <b>} and
   * {@code |} appear as written, in a table cell too.
   */
  static String markdown(String s) {
    String line = oneLine(s);
    StringBuilder b = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ("\\`*_[]<>|&~#!".indexOf(c) >= 0) b.append('\\');
      b.append(c);
    }
    return b.toString();
  }

  /** {@code s} with the five HTML-significant characters as entities; fit for text and attributes. */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A relative path ({@code /}-separated) as a URL path: each segment's bytes outside the unreserved
   * set percent-encoded (UTF-8), so a file name with a space, {@code #} or {@code ?} still links.
   */
  static String urlPath(String relativePath) {
    StringBuilder b = new StringBuilder(relativePath.length() + 8);
    for (byte by : relativePath.getBytes(StandardCharsets.UTF_8)) {
      int c = by & 0xff;
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
      if (keep) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
