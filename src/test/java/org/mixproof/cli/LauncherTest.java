package org.mixproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launcher script and the shell completion it documents; the progress line's two modes. */
class LauncherTest {

  @Test
  void completionCoversEverySubcommand() {
    CliRun r = CliRun.of("generate-completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("complete -F"), "a bash completion script");
    for (String sub : new String[] {"check", "validate", "replay", "eval", "lipschitz", "errors"}) {
      assertTrue(r.out().contains(sub), sub);
    }
    assertTrue(r.out().contains("--junit-xml") && r.out().contains("--rerun-failures"), "options complete too");
  }

  /** Every subcommand, in the order the help lists them. */
  private static final java.util.List<String> ALL = java.util.List.of("check", "validate", "replay", "eval",
      "lipschitz", "errors", "certify", "help", "generate-completion");

  @Test
  void aComputingSubcommandIsBuiltAloneAndAnythingElseGetsTheWholeTree() {
    // one model only when the first word names a computing subcommand, options before it or not
    assertEquals(java.util.List.of("errors"), subcommands("errors", "--spectrum", "cifar10"));
    assertEquals(java.util.List.of("errors"), subcommands("--verbose", "errors", "--help"));
    assertEquals(java.util.List.of("certify"), subcommands("certify", "lipschitz", "--help"));
    // the whole tree: no subcommand, help and completion (they list the others), a misspelt name
    assertEquals(ALL, subcommands());
    assertEquals(ALL, subcommands("--help"));
    assertEquals(ALL, subcommands("help", "errors"));
    assertEquals(ALL, subcommands("generate-completion"));
    assertEquals(ALL, subcommands("erors"));
    // and the help still names every subcommand, a misspelt one still gets its suggestion
    CliRun help = CliRun.of("--help");
    for (String sub : ALL.subList(0, 7)) assertTrue(help.out().contains("  " + sub + " "), sub + " in\n" + help.out());
    CliRun typo = CliRun.of("erors");
    assertEquals(Main.EXIT_ERROR, typo.code());
    assertTrue(typo.err().contains("errors"), typo.err());
  }

  @Test
  void everyListedSubcommandIsBuiltAndAnUnknownNameIsRefused() {
    assertEquals(ALL, Main.SUBCOMMANDS);
    for (String name : ALL) {
      Object o = Main.subcommand(name);
      picocli.CommandLine.Command c = o.getClass().getAnnotation(picocli.CommandLine.Command.class);
      assertEquals(name, c.name(), "the object built for " + name);
    }
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Main.subcommand("nonesuch"));
    assertTrue(e.getMessage().contains("nonesuch"), e.getMessage());
  }

  private static java.util.List<String> subcommands(String... args) {
    return java.util.List.copyOf(Main.commandLine(new Main(), args).getSubcommands().keySet());
  }

  @Test
  void theLauncherRunsThePackagedJarAndSaysHowToBuildIt() throws Exception {
    Path script = Path.of("bin/mixproof");
    assertTrue(Files.isExecutable(script), "bin/mixproof is executable");
    Process p = new ProcessBuilder("bash", script.toString(), "--version")
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    int code = p.waitFor();
    if (Files.isRegularFile(Path.of("target/mixproof.jar"))) {
      assertEquals(0, code, out);
      assertTrue(out.contains("mixproof"), out);
    }
    // with a jar that is not there it exits 2 and names the build command
    ProcessBuilder missing = new ProcessBuilder("bash", script.toString(), "--version").redirectErrorStream(true);
    missing.environment().put("MIXPROOF_JAR", "/nonexistent/mixproof.jar");
    Process m = missing.start();
    String text = new String(m.getInputStream().readAllBytes());
    assertEquals(2, m.waitFor(), text);
    assertTrue(text.contains("mvn -B -q package -DskipTests"), text);
  }

  @Test
  void progressIsPlainLinesOffATerminalAndNothingWhenQuiet() throws Exception {
    StringWriter w = new StringWriter();
    try (ProgressLine p = new ProgressLine(new PrintWriter(w), false, false, "job", () -> "step 3/7")) {
      p.line("a finished step");
      Thread.sleep(ProgressLine.PLAIN_SECONDS * 1000L + 700);
    }
    String text = w.toString();
    assertTrue(text.startsWith("a finished step\n"), text);
    assertTrue(text.contains("job: step 3/7 (elapsed 5 s)\n") || text.contains("job: step 3/7 (elapsed 6 s)\n"), text);
    assertTrue(!text.contains("\r"), "no carriage returns in a log: " + text);
    StringWriter q = new StringWriter();
    try (ProgressLine p = new ProgressLine(new PrintWriter(q), true, false, "job", () -> "x")) {
      p.line("hidden");
    }
    assertEquals("", q.toString());
  }
}
