package org.mixproof.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code mixproof} command. Errors go to stderr with exit code 2 and no stack trace unless
 * {@code --verbose} is given.
 */
@Command(
    name = "mixproof",
    mixinStandardHelpOptions = true,
    version = "mixproof 0.1.0",
    description = "Checks, by computation, claims about diffusion models whose data is a Gaussian mixture.")
public final class Main implements Runnable {

  /** Exit code for bad input or a failed run. */
  public static final int EXIT_ERROR = 2;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (try 'mixproof help')");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** The subcommands in the order the help lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();
  static {
    SUBCOMMANDS.put("check", CheckCommand::new);
    SUBCOMMANDS.put("validate", ValidateCommand::new);
    SUBCOMMANDS.put("replay", ReplayCommand::new);
    SUBCOMMANDS.put("eval", EvalCommand::new);
    SUBCOMMANDS.put("lipschitz", LipschitzCommand::new);
    SUBCOMMANDS.put("errors", ErrorsCommand::new);
    SUBCOMMANDS.put("certify", CertifyCommand::new);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    SUBCOMMANDS.put("generate-completion", picocli.AutoComplete.GenerateCompletion::new);
  }

  /**
   * The command tree for {@code args}: a run of one computing subcommand gets only that subcommand's
   * model (picocli builds each model by reflection; the other six cost 0.03-0.05 s of every start);
   * anything else (no subcommand, help, completion, a misspelt name) gets them all.
   */
  static CommandLine commandLine(Main main, String[] args) {
    CommandLine cl = new CommandLine(main);
    String first = null;
    for (String a : args) {
      if (!a.startsWith("-")) {
        first = a;
        break;
      }
    }
    boolean one = first != null && SUBCOMMANDS.containsKey(first) && !first.equals("help")
        && !first.equals("generate-completion");
    for (Map.Entry<String, Supplier<Object>> e : SUBCOMMANDS.entrySet()) {
      if (!one || e.getKey().equals(first)) cl.addSubcommand(e.getKey(), e.getValue().get());
    }
    return cl;
  }

  /** Runs the command line with the given streams; returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cl = commandLine(main, args);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> EXIT_ERROR);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("mixproof: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (main.verbose) e.printStackTrace(err);
      err.flush();
      return EXIT_ERROR;
    });
    return cl.execute(args);
  }
}
