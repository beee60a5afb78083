package org.mixproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.report.ReportDirectory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code mixproof check} as a tool in other people's hands: it never deletes a file it did not write,
 * it fails before computing (every claim-file problem listed together), and it talks to CI (JSON,
 * JUnit XML, --list, --fail-fast, --rerun-failures, NOT_RUN).
 */
class CheckSafetyTest {

  /** Two claims that draw no figure (CheckCommandTest's catalog draws one, seconds per run). */
  static Path fastCatalog(Path dir) throws IOException {
    Path props = Files.createDirectories(dir.resolve("props"));
    CheckCommandTest.claim(props, "exact", "1/lambda_min_t", "holds");
    CheckCommandTest.claim(props, "half", "0.5/lambda_min_t", "falsified");
    return props;
  }

  /** stderr of a run that computed something: the progress header. */
  static boolean computed(CliRun r) { return r.err().contains("checking "); }

  @Test
  void outDotInADirectoryWithUserFilesIsRefusedBeforeComputing(@TempDir Path dir) throws IOException {
    Path props = fastCatalog(dir);
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(work.resolve("notes.txt"), "mine\n");
    Files.createDirectories(work.resolve("src"));
    Files.writeString(work.resolve("src/Main.java"), "class Main {}\n");
    // "--out ." from inside work: the same check on the directory itself
    CliRun r = CliRun.of("check", "--properties", props.toString(), "--out", work.toString());
    assertEquals(Main.EXIT_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("refusing") && r.err().contains(work.toString()) && r.err().contains("notes.txt")
        && r.err().contains("Main.java") && r.err().contains("2 files"), r.err());
    assertFalse(computed(r), "refused before any computing: " + r.err());
    assertEquals("mine\n", Files.readString(work.resolve("notes.txt")));
    assertEquals(List.of(Path.of("notes.txt"), Path.of("src", "Main.java")), CheckCommandTest.files(work));
  }

  @Test
  void aReportDirectoryIsReplacedButNotOneWithAStrangersFile(@TempDir Path dir) throws IOException {
    Path props = fastCatalog(dir);
    Path out = dir.resolve("r");
    CliRun first = CliRun.of("check", "--properties", props.toString(), "--out", out.toString(), "-q");
    assertEquals(0, first.code(), first.err());
    assertTrue(Files.isRegularFile(out.resolve(ReportDirectory.MARKER)), "every report directory carries the marker");
    assertTrue(first.err().isEmpty(), "-q: no progress: " + first.err());
    Files.writeString(out.resolve("README.md"), "my notes\n");
    CliRun again = CliRun.of("check", "--properties", props.toString(), "--out", out.toString(), "-q");
    assertEquals(0, again.code(), again.err());
    assertEquals("my notes\n", Files.readString(out.resolve("README.md")), "a user's README.md is kept");
    Files.writeString(out.resolve("figures/sketch.svg"), "<svg/>");
    CliRun refused = CliRun.of("check", "--properties", props.toString(), "--out", out.toString());
    assertEquals(Main.EXIT_ERROR, refused.code());
    assertTrue(refused.err().contains("figures/sketch.svg") && refused.err().contains("did not write"), refused.err());
    assertTrue(Files.exists(out.resolve("figures/sketch.svg")));
    // an empty directory is fine
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(0, CliRun.of("check", "--properties", props.toString(), "--out", empty.toString(), "-q").code());
  }

  @Test
  void aSubsetRunNeedsAnExplicitOut(@TempDir Path dir) throws IOException {
    Path props = fastCatalog(dir);
    CliRun r = CliRun.of("check", "--properties", props.toString(), "--claims", "half");
    assertEquals(Main.EXIT_ERROR, r.code());
    assertTrue(r.err().contains("--claims half") && r.err().contains("give --out"), r.err());
    assertFalse(computed(r));
    CliRun ok = CliRun.of("check", "--properties", props.toString(), "--claims", "half", "--out",
        dir.resolve("sub").toString(), "-q");
    assertEquals(0, ok.code(), ok.err());
  }

  @Test
  void everyClaimFileProblemIsListedTogetherBeforeComputing(@TempDir Path dir) throws IOException {
    Path props = fastCatalog(dir);
    String head = "title = t\nsource = s\nstatement = s\nquantity = lipschitz\nexpect = holds\n";
    Files.writeString(props.resolve("dup.properties"), "id = dup\n" + head + "bound = 1\nbound = 2\n");
    Files.writeString(props.resolve("inf.properties"), "id = inf\n" + head + "bound = 1/0\n");
    Files.writeString(props.resolve("late.properties"), "id = late\n" + head + "bound = 1\ndeadline = -1\n");
    Files.write(props.resolve("latin.properties"), ("id = latin\n" + head + "bound = 1\n# caf\u00e9\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(props.resolve("sci.properties"), "id = sci\n" + head.replace("expect = holds", "expect = holds")
        + "bound = 1/lambda_min_t + 1e-9\ncomponents = 1\ndimensions = 1..2\ntries = 2\n");
    CliRun r = CliRun.of("check", "--properties", props.toString(), "--out", dir.resolve("r").toString());
    assertEquals(Main.EXIT_ERROR, r.code());
    assertTrue(r.err().contains("4 problems"), r.err());
    assertTrue(r.err().contains("late.properties:8: key 'deadline'") && r.err().contains("-1"), r.err());
    assertTrue(r.err().contains("dup.properties:8: key 'bound': duplicate key (first given on line 7)"), r.err());
    assertTrue(r.err().contains("inf.properties:7: key 'bound'") && r.err().contains("not finite"), r.err());
    assertTrue(r.err().contains("latin.properties:8") && r.err().contains("not UTF-8") && r.err().contains("0xE9"), r.err());
    assertFalse(r.err().contains("sci.properties"), "scientific notation is accepted: " + r.err());
    assertFalse(computed(r));
    CliRun v = CliRun.of("validate", "--properties", props.toString());
    assertEquals(Main.EXIT_ERROR, v.code());
    assertTrue(v.err().contains("4 of 7 claim files") && v.err().contains("dup.properties:8"), v.err());
    Files.delete(props.resolve("dup.properties"));
    Files.delete(props.resolve("inf.properties"));
    Files.delete(props.resolve("latin.properties"));
    Files.delete(props.resolve("late.properties"));
    CliRun valid = CliRun.of("validate", "--properties", props.toString());
    assertEquals(0, valid.code(), valid.err());
    assertTrue(valid.out().contains("3 claim files"), valid.out());
  }

  @Test
  void aProfileTooLargeForTheHeapIsRefusedNamingDAndK(@TempDir Path dir) throws IOException {
    Path props = Files.createDirectories(dir.resolve("p"));
    Files.writeString(props.resolve("huge.properties"), "id = huge\ntitle = t\nsource = s\nstatement = s\n"
        + "quantity = lipschitz\nbound = 1/lambda_min_t\nexpect = holds\ncomponents = 4\ndimensions = 1..200000\n");
    CliRun r = CliRun.of("validate", "--properties", props.toString());
    assertEquals(Main.EXIT_ERROR, r.code());
    assertTrue(r.err().contains("d = 200000, k = 4") && r.err().contains("MB"), r.err());
  }

  @Test
  void jsonJunitListFailFastAndRerun(@TempDir Path dir) throws Exception {
    Path props = fastCatalog(dir);
    // a claim whose file expects the wrong verdict: its bound is exact for k = 1, so it holds
    CheckCommandTest.claim(props, "a-wrong", "1/lambda_min_t", "falsified");
    Path out = dir.resolve("r"), xml = dir.resolve("junit.xml");
    CliRun list = CliRun.of("check", "--properties", props.toString(), "--list");
    assertEquals(0, list.code(), list.err());
    assertEquals(3, list.out().strip().split("\n").length, list.out());
    assertFalse(Files.exists(out), "--list computes and writes nothing");

    CliRun r = CliRun.of("check", "--properties", props.toString(), "--out", out.toString(), "--json", "--junit-xml",
        xml.toString(), "--threads", "1", "-q");
    assertEquals(1, r.code(), r.err());
    JsonNode rows = new ObjectMapper().readTree(r.out());
    assertEquals(3, rows.size());
    assertEquals("a-wrong", rows.get(0).get("id").asText());
    assertEquals("HOLDS", rows.get(0).get("verdict").asText());
    assertFalse(rows.get(0).get("as_expected").asBoolean());
    assertTrue(rows.get(2).get("witness").asText().endsWith("half.json"), rows.get(2).toString());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element suite = doc.getDocumentElement();
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    NodeList failures = doc.getElementsByTagName("failure");
    assertEquals(1, failures.getLength());
    assertEquals("a-wrong", ((Element) failures.item(0).getParentNode()).getAttribute("name"));

    // --rerun-failures checks only a-wrong, recorded in the report directory's last run
    CliRun rerun = CliRun.of("check", "--properties", props.toString(), "--out", out.toString(), "--rerun-failures", "-q");
    assertEquals(1, rerun.code(), rerun.err());
    assertTrue(rerun.out().contains("a-wrong") && !rerun.out().contains("half"), rerun.out());

    // --fail-fast on one thread: a-wrong is first, the rest are NOT_RUN
    CliRun ff = CliRun.of("check", "--properties", props.toString(), "--out", dir.resolve("ff").toString(), "--fail-fast",
        "--threads", "1", "-q");
    assertEquals(1, ff.code());
    assertTrue(ff.out().contains("NOT_RUN") && ff.out().contains("--fail-fast"), ff.out());

    // a JUnit FILE of the user's is never overwritten
    Path mine = dir.resolve("mine.xml");
    Files.writeString(mine, "<project/>\n");
    CliRun refused = CliRun.of("check", "--properties", props.toString(), "--out", dir.resolve("x").toString(),
        "--junit-xml", mine.toString());
    assertEquals(Main.EXIT_ERROR, refused.code());
    assertTrue(refused.err().contains("refusing to overwrite --junit-xml"), refused.err());
    assertEquals("<project/>\n", Files.readString(mine));
  }

  @Test
  void claimsTheBudgetNeverReachedAreNotRun(@TempDir Path dir) throws IOException {
    Path props = fastCatalog(dir);
    CliRun r = CliRun.of("check", "--properties", props.toString(), "--out", dir.resolve("r").toString(), "--budget",
        "1e-9", "-q");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("NOT_RUN") && !r.out().contains("VACUOUS") && !r.out().contains("ERROR"), r.out());
    assertTrue(Files.readString(dir.resolve("r/claims.md")).contains("NOT_RUN 2"), "counted in the summary");
  }
}
