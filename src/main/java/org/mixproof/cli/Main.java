package org.mixproof.cli;

import java.io.PrintWriter;
import java.util.List;
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

  /** The subcommands, in the order the help lists them. */
  static final List<String> SUBCOMMANDS = List.of("check", "validate", "replay", "eval", "lipschitz", "errors",
      "certify", "help", "generate-completion");

  /**
   * A new subcommand object. A switch rather than a table of constructor references: those would
   * load (and verify) every command class, and the types they use, when Main is initialised.
   */
  static Object subcommand(String name) {
    switch (name) {
      case "check": return new CheckCommand();
      case "validate": return new ValidateCommand();
      case "replay": return new ReplayCommand();
      case "eval": return new EvalCommand();
      case "lipschitz": return new LipschitzCommand();
      case "errors": return new ErrorsCommand();
      case "certify": return new CertifyCommand();
      case "help": return new CommandLine.HelpCommand();
      case "generate-completion": return new picocli.AutoComplete.GenerateCompletion();
      default: throw new IllegalArgumentException("no subcommand " + name);
    }
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
    boolean one = first != null && SUBCOMMANDS.contains(first) && !first.equals("help")
        && !first.equals("generate-completion");
    for (String name : SUBCOMMANDS) {
      if (!one || name.equals(first)) cl.addSubcommand(name, subcommand(name));
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
