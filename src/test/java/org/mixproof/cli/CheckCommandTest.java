package org.mixproof.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixproof check} and {@code replay} end to end on a two-claim catalog. */
class CheckCommandTest {

  static void claim(Path dir, String id, String bound, String expect) throws IOException {
    Files.writeString(dir.resolve(id + ".properties"), String.join("\n", "# test claim", "id = " + id, "title = " + id,
        "source = test", "statement = L <= " + bound, "quantity = lipschitz", "bound = " + bound, "expect = " + expect,
        "components = 1", "dimensions = 1..2", "tries = 3", ""));
  }

  static Path catalog(Path dir) throws IOException {
    Path props = Files.createDirectories(dir.resolve("props"));
    // named like a catalog claim, so its figure (lipschitz-vs-t.png) is drawn too; for k = 1 the bound is exact
    claim(props, "lipschitz.shared-covariance", "1/lambda_min_t", "holds");
    claim(props, "half", "0.5/lambda_min_t", "falsified");
    return props;
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void checkWritesTheReportsAndTheSameSeedGivesTheSameBytes(@TempDir Path dir) throws IOException {
    Path props = catalog(dir);
    CliRun a = CliRun.of("check", "--properties", props.toString(), "--out", dir.resolve("a").toString());
    CliRun b = CliRun.of("check", "--properties", props.toString(), "--out", dir.resolve("b").toString(), "--threads", "1");
    assertEquals(0, a.code(), a.err());
    assertTrue(a.out().contains("half") && a.out().contains("FALSIFIED") && a.out().contains("2 as expected"), a.out());
    assertTrue(a.err().contains("1/2]") && a.err().contains("2/2]"), "progress on stderr: " + a.err());
    List<Path> fa = files(dir.resolve("a"));
    assertTrue(fa.contains(Path.of("claims.md")) && fa.contains(Path.of("index.html"))
        && fa.contains(Path.of("counterexamples", "half.json")) && fa.contains(Path.of("figures", "lipschitz-vs-t.png")), fa.toString());
    assertEquals(fa, files(dir.resolve("b")));
    for (Path f : fa) {
      if (f.equals(Path.of("claims.md")) || f.equals(Path.of("index.html"))) continue; // they name --out
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f.toString());
    }
    CliRun replay = CliRun.of("replay", dir.resolve("a/counterexamples/half.json").toString());
    assertEquals(0, replay.code(), replay.err());
    assertTrue(replay.out().contains("still violates") && replay.out().contains("oracle confirms"), replay.out());
    // ‖H‖ = 1/λmin(t) against half of it: the witness carries a point certificate, and replay recomputes it
    assertTrue(Files.readString(dir.resolve("a/counterexamples/half.json")).contains("\"status\" : \"CERTIFIED\""));
    assertTrue(replay.out().contains("certified  CERTIFIED (recomputed") && replay.out().contains("the file records CERTIFIED"),
        replay.out());
    assertTrue(Files.readString(dir.resolve("a/claims.md")).contains("| FALSIFIED | CERTIFIED |"));
    // a witness written before the keys became snake_case (claimFile, measuredValue, …) still replays
    Path old = dir.resolve("old.json");
    Files.writeString(old, Files.readString(dir.resolve("a/counterexamples/half.json")).replace("\"claim_file\"", "\"claimFile\"")
        .replace("\"measured_value\"", "\"measuredValue\"").replace("\"bound_value\"", "\"boundValue\"")
        .replace("\"point_recipe\"", "\"pointRecipe\""));
    assertTrue(Files.readString(old).contains("\"claimFile\"") && Files.readString(old).contains("\"pointRecipe\""));
    CliRun oldReplay = CliRun.of("replay", old.toString(), "-q");
    assertEquals(0, oldReplay.code(), oldReplay.err());
    assertTrue(oldReplay.out().contains("still violates"), oldReplay.out());
  }

  @Test
  void aFailedRunLeavesThePreviousReportsIntact(@TempDir Path dir) throws IOException {
    Path props = catalog(dir);
    Path out = Files.createDirectories(dir.resolve("reports"));
    Files.writeString(out.resolve("claims.md"), "previous\n");
    Files.writeString(props.resolve("broken.properties"), "id = broken\ntitle = x\nsource = x\nstatement = x\n"
        + "quantity = lipschitz\nbound = 1/lambda_min_t +\nexpect = holds\n");
    CliRun r = CliRun.of("check", "--properties", props.toString(), "--out", out.toString());
    assertEquals(Main.EXIT_ERROR, r.code());
    assertTrue(r.err().contains("broken.properties:6") && r.err().contains("'bound'"), r.err());
    assertEquals("previous\n", Files.readString(out.resolve("claims.md")));
    assertEquals(List.of(Path.of("claims.md")), files(out));
  }

  @Test
  void badArgumentsAreNamed(@TempDir Path dir) throws IOException {
    Path props = catalog(dir);
    CliRun budget = CliRun.of("check", "--properties", props.toString(), "--budget", "0", "--out", dir.resolve("r").toString());
    assertEquals(Main.EXIT_ERROR, budget.code());
    assertTrue(budget.err().contains("--budget") && budget.err().contains("0.0"), budget.err());
    CliRun scale = CliRun.of("check", "--properties", props.toString(), "--scale", "-1", "--out", dir.resolve("r").toString());
    assertTrue(scale.code() == Main.EXIT_ERROR && scale.err().contains("--scale") && scale.err().contains("-1.0"), scale.err());
    CliRun threads = CliRun.of("check", "--properties", props.toString(), "--threads", "0", "--out", dir.resolve("r").toString());
    assertTrue(threads.code() == Main.EXIT_ERROR && threads.err().contains("--threads") && threads.err().contains("0"), threads.err());
    CliRun none = CliRun.of("check", "--properties", props.toString(), "--claims", "nothing*", "--out", dir.resolve("r").toString());
    assertEquals(Main.EXIT_ERROR, none.code());
    assertTrue(none.err().contains("nothing*"), none.err());
    CliRun missing = CliRun.of("replay", dir.resolve("absent.json").toString());
    assertEquals(Main.EXIT_ERROR, missing.code());
    assertTrue(missing.err().contains("absent.json"), missing.err());
  }
}
