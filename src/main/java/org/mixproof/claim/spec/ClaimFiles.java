package org.mixproof.claim.spec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads claim files ({@code .properties}, UTF-8) and checks the keys every claim needs. */
public final class ClaimFiles {

  private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s=:][^=:\\s]*)\\s*[=:\\s]");
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  private ClaimFiles() {}

  /** Every {@code *.properties} file directly in {@code dir} whose name matches {@code glob}, sorted by name. */
  public static List<Path> list(Path dir, String glob) throws IOException {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("claims directory does not exist: " + dir);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".properties"))
          .filter(p -> matcher.matches(p.getFileName()) || matcher.matches(Path.of(stem(p))))
          .sorted().toList();
    }
  }

  /** Reads a claim file as strict UTF-8: an undecodable byte is a {@link ClaimFormatException} naming the line. */
  public static ClaimSpec read(Path file) throws IOException {
    return parse(decode(Files.readAllBytes(file), file), file);
  }

  static String decode(byte[] bytes, Path file) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int at = in.position(), line = 1; // the decoder stops at the first bad byte
      for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
      throw new ClaimFormatException(file, line, "-", String.format(Locale.ROOT,
          "not UTF-8: undecodable byte 0x%02X at byte %d (claim files are UTF-8; re-save the file as UTF-8)",
          bytes[at] & 0xff, at));
    }
    dec.flush(out);
    return out.flip().toString();
  }

  public static ClaimSpec parse(String text, Path file) {
    Properties props = new Properties();
    try {
      props.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new ClaimFormatException(file, 0, "-", "not a properties file: " + e.getMessage());
    }
    Map<String, Integer> lines = new HashMap<>();
    String[] rows = text.split("\n", -1);
    boolean continued = false;
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i];
      if (!continued) {
        Matcher m = KEY_LINE.matcher(row + " ");
        if (m.find()) {
          Integer first = lines.putIfAbsent(m.group(1), i + 1);
          if (first != null) {
            throw new ClaimFormatException(file, i + 1, m.group(1), "duplicate key (first given on line " + first
                + "); a claim file gives each key once");
          }
        }
      }
      String trimmed = row.stripTrailing();
      continued = !trimmed.stripLeading().startsWith("#") && endsWithOddBackslashes(trimmed);
    }
    Map<String, String> values = new HashMap<>();
    for (String key : props.stringPropertyNames()) values.put(key, props.getProperty(key).trim());
    ClaimSpec spec = new ClaimSpec(file, values.get("id"), values.get("title"), values.get("source"),
        values.get("statement"), values.get("quantity"), values.get("bound"), values.get("expect"), values, lines);
    for (String key : ClaimSpec.REQUIRED) spec.required(key);
    if (!ID.matcher(spec.id()).matches()) throw spec.error("id", "not a claim id (lower case, dots and dashes): '" + spec.id() + "'");
    if (file != null && !stem(file).equals(spec.id())) {
      throw spec.error("id", "'" + spec.id() + "' does not match the file name " + file.getFileName());
    }
    if (!spec.expect().equals("holds") && !spec.expect().equals("falsified")) {
      throw spec.error("expect", "must be 'holds' or 'falsified', was '" + spec.expect() + "'");
    }
    return spec;
  }

  private static boolean endsWithOddBackslashes(String s) {
    int n = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) n++;
    return n % 2 == 1;
  }

  public static String stem(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".properties") ? name.substring(0, name.length() - ".properties".length()) : name;
  }


}
