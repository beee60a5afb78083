package org.mixproof.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mixproof.claim.Witnesses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mixproof replay FILE}: re-evaluates a counterexample witness, with the oracle. Exit 0 when it still violates its claim. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-evaluate a counterexample (reports/counterexamples/<id>.json) in double and with the 60-digit oracle.")
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A counterexample JSON file written by 'mixproof check'.")
  Path file;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
  boolean quiet;

  @Override
  @SuppressWarnings("try") // the progress line only needs closing
  public Integer call() throws Exception {
    Witnesses.Replay r;
    // a rate claim's witness is re-run whole (a minute for the largest sweeps): say that it is alive
    try (ProgressLine p = new ProgressLine(spec.commandLine().getErr(), quiet, "replay " + file.getFileName(),
        () -> "re-evaluating the witness")) {
      r = Witnesses.replay(file);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "claim      %s%n", r.claim());
    out.printf(Locale.ROOT, "statement  %s%n", r.statement());
    out.printf(Locale.ROOT, "bound      %s%n", r.bound());
    if (r.now() != null) {
      out.printf(Locale.ROOT, "recorded   measured %.17g, bound %.17g%n", r.recordedMeasured(), r.recordedBound());
      out.printf(Locale.ROOT, "replayed   measured %.17g, bound %.17g at %s%n", r.now().measured(), r.now().bound(), r.now().where());
      if (!Double.isNaN(r.oracleHessianNorm())) out.printf(Locale.ROOT, "oracle     ‖H(x)‖₂ = %.17g: %s%n", r.oracleHessianNorm(), r.oracleNote());
      else out.printf(Locale.ROOT, "oracle     %s%n", r.oracleNote());
      if (r.now().certificate() != null) {
        out.printf(Locale.ROOT, "certified  %s (recomputed in interval arithmetic): %s%s%n", r.now().certificate().status(),
            r.now().certificate().reason(),
            r.recordedCertificate() == null ? "" : "; the file records " + r.recordedCertificate());
      }
    } else {
      out.printf(Locale.ROOT, "re-run     %s: %s %s%n", r.oracleNote(), r.rerun().verdict(), r.rerun().detail());
    }
    out.println(r.stillViolates() ? "verdict    still violates the claim" : "verdict    does NOT violate the claim any more");
    out.flush();
    return r.stillViolates() ? 0 : 1;
  }
}
