package org.mixproof.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.Verdict;

/**
 * {@code check --junit-xml FILE}: the verdicts in the Surefire/JUnit XML format that CI systems read —
 * one {@code <testcase>} per claim (classname {@code mixproof.<family>}, the id's first part), an
 * unexpected verdict as {@code <failure>} whose text names the witness file, ERROR as {@code <error>},
 * NOT_RUN as {@code <skipped>}. A file of the user's that is not such a report is never overwritten.
 */
final class JunitXml {

  /** What the first element of a file we wrote starts with. */
  static final String ROOT = "<testsuite name=\"mixproof\"";

  private JunitXml() {}

  /** Refuses a FILE that exists and is not a mixproof JUnit report (checked before any computing). */
  static void checkWritable(Path file) throws IOException {
    if (Files.isDirectory(file)) throw new IllegalArgumentException("--junit-xml " + file + " is a directory");
    if (Files.exists(file)) {
      String head = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      if (!head.contains(ROOT)) {
        throw new IllegalArgumentException("refusing to overwrite --junit-xml " + file + ": it exists and is not a"
            + " JUnit report mixproof wrote");
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new IllegalArgumentException("--junit-xml " + file + " cannot be written: " + parent + " is not a writable directory");
    }
  }

  static String render(List<ClaimResult> results, Map<String, Double> seconds, Path reportDir) {
    long failures = results.stream().filter(r -> !r.asExpected() && r.verdict() != Verdict.ERROR
        && r.verdict() != Verdict.NOT_RUN).count();
    long errors = results.stream().filter(r -> r.verdict() == Verdict.ERROR).count();
    long skipped = results.stream().filter(r -> r.verdict() == Verdict.NOT_RUN).count();
    double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "mixproof");
      x.writeAttribute("tests", Integer.toString(results.size()));
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", Long.toString(errors));
      x.writeAttribute("skipped", Long.toString(skipped));
      x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", total));
      for (ClaimResult r : results) {
        String id = r.spec().id();
        x.writeCharacters("\n  ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "mixproof." + id.split("\\.")[0]);
        x.writeAttribute("name", id);
        x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds.getOrDefault(id, 0.0)));
        String text = "expected " + r.spec().expect() + ", got " + r.verdict() + " (seed " + r.seed() + "): " + r.detail()
            + (r.where().isEmpty() ? "" : " at " + r.where())
            + (r.witness() != null ? "\nwitness: " + reportDir.resolve("counterexamples").resolve(id + ".json")
                + " (mixproof replay " + reportDir.resolve("counterexamples").resolve(id + ".json") + ")" : "");
        if (r.verdict() == Verdict.NOT_RUN) {
          x.writeStartElement("skipped");
          x.writeAttribute("message", r.detail());
          x.writeEndElement();
        } else if (r.verdict() == Verdict.ERROR) {
          x.writeStartElement("error");
          x.writeAttribute("message", r.detail());
          x.writeCharacters(text);
          x.writeEndElement();
        } else if (!r.asExpected()) {
          x.writeStartElement("failure");
          x.writeAttribute("message", "expected " + r.spec().expect() + ", got " + r.verdict());
          x.writeCharacters(text);
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** Writes atomically: a temporary sibling renamed over FILE. */
  static void write(Path file, String xml) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, xml, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
