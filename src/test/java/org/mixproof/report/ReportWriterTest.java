package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.figures.Figure;
import org.mixproof.figures.Series;

/** Reproducibility and atomicity of {@link ReportWriter#write}. */
class ReportWriterTest {

  @TempDir Path tmp;

  @Test
  void sameReportGivesByteIdenticalTrees() throws IOException {
    Path a = tmp.resolve("a/reports");
    Path b = tmp.resolve("b/reports");
    ReportWriter.write(SampleReports.full(), a);
    ReportWriter.write(SampleReports.full(), b);
    Map<String, byte[]> first = Trees.read(a);
    Trees.assertSame(first, Trees.read(b));
    Set<String> expected = Set.of("claims.md", "index.html", ReportDirectory.MARKER, ReportDirectory.LAST_RUN,
        "figures/lipschitz-vs-t.png", "figures/moment-vs-t.png", "figures/nothing.png", "figures/no-series.png",
        "counterexamples/lipschitz.global-unequal.json", "counterexamples/moment.second.json");
    assertEquals(expected, first.keySet());

    // rewriting in place gives the same bytes too
    ReportWriter.write(SampleReports.full(), a);
    Trees.assertSame(first, Trees.read(a));
  }

  @Test
  void bytesDoNotDependOnTheDefaultLocale() throws IOException {
    Locale saved = Locale.getDefault();
    Path root = tmp.resolve("root");
    Path german = tmp.resolve("german");
    try {
      Locale.setDefault(Locale.ROOT);
      ReportWriter.write(SampleReports.full(), root);
      Locale.setDefault(Locale.GERMANY);
      ReportWriter.write(SampleReports.full(), german);
    } finally {
      Locale.setDefault(saved);
    }
    Trees.assertSame(Trees.read(root), Trees.read(german));
  }

  @Test
  void failureMidwayLeavesThePreviousReportsAndNoTemporaryDirectory() throws IOException {
    Path out = tmp.resolve("reports");
    ReportWriter.write(SampleReports.full(), out);
    Files.writeString(out.resolve("README.md"), "# my notes\n");
    Map<String, byte[]> before = Trees.read(out);

    // the first figure renders and is written, the second one fails
    List<Figure> figures = new ArrayList<>(SampleReports.figures());
    figures.add(1, new Figure("broken.png", "broken", "x", "y", false, false,
        List.of(new Series("mismatched", new double[] {1, 2, 3}, new double[] {1, 2})), ""));
    Report broken = new Report("changed title", 43, "mixproof check --seed 43", SampleReports.rows(),
        SampleReports.findings(), figures, SampleReports.counterexamples());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(broken, out));
    assertTrue(e.getMessage().contains("broken.png") && e.getMessage().contains("mismatched"), e.getMessage());

    Trees.assertSame(before, Trees.read(out));
    assertEquals(List.of("reports"), siblingsOf(out));
  }

  @Test
  void failureOnAFreshDirectoryCreatesNothing() throws IOException {
    Path out = tmp.resolve("fresh");
    Report broken = SampleReports.with(SampleReports.rows(), List.of(), List.of(
        new Figure("broken.png", "broken", "x", "y", false, false,
            List.of(new Series("s", new double[] {1}, new double[] {})), "")));
    assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(broken, out));
    assertEquals(List.of(), siblingsOf(out));
  }

  @Test
  void aReadmeInTheOutputDirectorySurvivesAndOtherFilesAreReplaced() throws IOException {
    Path out = tmp.resolve("reports");
    ReportWriter.write(SampleReports.full(), out);
    Files.writeString(out.resolve("README.md"), "# kept\n");
    Files.writeString(out.resolve("figures/stale.png"), "stale"); // a figure of an earlier run: mixproof's kind of file
    ReportWriter.write(SampleReports.full(), out);
    assertEquals("# kept\n", Files.readString(out.resolve("README.md")));
    assertFalse(Files.exists(out.resolve("figures/stale.png")));
    assertTrue(Files.isRegularFile(out.resolve("claims.md")));
    assertEquals(List.of("reports"), siblingsOf(out));
  }

  /** A file mixproof did not write is never deleted: the write is refused, naming it, and nothing changes. */
  @Test
  void aStrangersFileInTheOutputDirectoryIsRefused() throws IOException {
    Path out = tmp.resolve("reports");
    ReportWriter.write(SampleReports.full(), out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    Map<String, byte[]> before = Trees.read(out);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(SampleReports.full(), out));
    assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("did not write"), e.getMessage());
    Trees.assertSame(before, Trees.read(out));
    assertEquals(List.of("reports"), siblingsOf(out));
    // and a directory without the marker is not taken for a report directory
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(plain.resolve("claims.md"), "someone else's");
    e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(SampleReports.full(), plain));
    assertTrue(e.getMessage().contains(ReportDirectory.MARKER) && e.getMessage().contains("claims.md"), e.getMessage());
    assertEquals("someone else's", Files.readString(plain.resolve("claims.md")));
  }

  @Test
  void anOutputPathThatIsAFileIsRefused() throws IOException {
    Path out = Files.writeString(tmp.resolve("reports"), "not a directory");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReportWriter.write(SampleReports.full(), out));
    assertTrue(e.getMessage().contains("outDir"), e.getMessage());
    assertEquals("not a directory", Files.readString(out));
  }

  private static List<String> siblingsOf(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir.getParent())) {
      return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
