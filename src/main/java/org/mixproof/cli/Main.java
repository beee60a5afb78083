package org.mixproof.cli;

import java.io.PrintWriter;
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
    description = "Checks, by computation, claims about diffusion models whose data is a Gaussian mixture.",
    subcommands = {CheckCommand.class, ValidateCommand.class, ReplayCommand.class, EvalCommand.class, LipschitzCommand.class, ErrorsCommand.class,
        CertifyCommand.class,
        CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class})
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

  /** Runs the command line with the given streams; returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cl = new CommandLine(main);
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
