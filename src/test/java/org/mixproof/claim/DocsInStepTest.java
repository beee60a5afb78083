package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.report.ClaimRow;

/**
 * The mathematics ships with the project: docs/claims.md's index lists exactly the claim files of
 * properties/, with the provenance label of each file's source and its expected verdict, and every
 * "docs/claims.md §n" citation in the project names a section that exists there.
 */
class DocsInStepTest {

  static final Path CLAIMS = Path.of("docs/claims.md");

  /** id → "provenance | expect" from the index table of docs/claims.md. */
  static Map<String, String> index() throws IOException {
    String text = Files.readString(CLAIMS, StandardCharsets.UTF_8);
    String table = text.substring(text.indexOf("## Index of the catalog"));
    Map<String, String> m = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|$").matcher(table);
    while (row.find()) m.put(row.group(1), row.group(2).trim() + " | " + row.group(3).trim());
    return m;
  }

  @Test
  void theIndexListsEveryClaimFileWithItsProvenanceAndVerdict() throws IOException {
    Map<String, String> fromFiles = new TreeMap<>();
    for (Path f : ClaimFiles.list(Path.of("properties"), "*")) {
      ClaimSpec s = ClaimFiles.read(f);
      String p = ClaimRow.provenanceOf(s.source());
      fromFiles.put(s.id(), (p.isEmpty() ? "—" : p) + " | " + s.expect());
    }
    assertTrue(fromFiles.size() > 30, "the catalog was read: " + fromFiles.keySet());
    assertEquals(fromFiles, index());
  }

  /** Every solver.* guarantee of §5.4 states where its formula was read. */
  @Test
  void everyGuaranteeNamesItsProvenance() throws IOException {
    for (Path f : ClaimFiles.list(Path.of("properties"), "solver.*")) {
      ClaimSpec s = ClaimFiles.read(f);
      assertTrue(!ClaimRow.provenanceOf(s.source()).isEmpty(), s.id() + " has no provenance label: " + s.source());
    }
  }

  @Test
  void everyCitedSectionExists() throws IOException {
    String claims = Files.readString(CLAIMS, StandardCharsets.UTF_8);
    List<String> headings = new ArrayList<>();
    Matcher h = Pattern.compile("(?m)^#{2,3} (\\d+(?:\\.\\d+)?)\\.? ").matcher(claims);
    while (h.find()) headings.add(h.group(1));
    assertTrue(headings.contains("5.4") && headings.contains("3.5"), headings.toString());
    Pattern cite = Pattern.compile("docs/claims\\.md (?:\\(|§)§?(\\d+(?:\\.\\d+)?)");
    List<String> missing = new ArrayList<>();
    for (String root : List.of("properties", "src", "README.md", "docs/design.md")) {
      if (!Files.exists(Path.of(root))) continue;
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(java|properties|md)$")).toList()) {
          Matcher m = cite.matcher(Files.readString(f, StandardCharsets.UTF_8));
          while (m.find()) {
            String sec = m.group(1);
            if (!headings.contains(sec) && !headings.contains(sec.replaceAll("\\.\\d+$", ""))) missing.add(f + ": §" + sec);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }
}
