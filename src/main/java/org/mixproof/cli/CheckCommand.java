package org.mixproof.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mixproof.claim.Catalog;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.FigureData;
import org.mixproof.claim.ReportFigures;
import org.mixproof.claim.RunOptions;
import org.mixproof.report.ClaimReports;
import org.mixproof.report.Report;
import org.mixproof.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mixproof check}: the main job. Checks every claim file of the catalog, shows progress on
 * stderr, prints the verdict table and writes {@code reports/} (atomically: a failed run leaves the
 * previous reports intact).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check the claim catalog (properties/*.properties) and write reports/.")
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--claims", paramLabel = "GLOB", defaultValue = "*",
      description = "Claim ids (file names without .properties) to check, a glob (default: all).")
  String claims;

  @Option(names = "--properties", paramLabel = "DIR", defaultValue = "properties",
      description = "The claim catalog directory (default ${DEFAULT-VALUE}).")
  Path properties;

  @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "300",
      description = "Wall-clock ceiling (default ${DEFAULT-VALUE}). A claim cut short by it says so: its result then depends on the machine.")
  double budget;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed for every claim (default: each file's own seed key, else 1).")
  Long seed;

  @Option(names = "--scale", paramLabel = "X", defaultValue = "1",
      description = "Multiply every file's tries by X (default ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--threads", paramLabel = "N",
      description = "Claims checked at once (default: the number of cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
      description = "Where the reports go (default ${DEFAULT-VALUE}).")
  Path out;

  /** The command line that reproduces these reports (the options that change results). */
  String reproducingCommand() {
    StringBuilder b = new StringBuilder("java -jar target/mixproof.jar check");
    if (!claims.equals("*")) b.append(" --claims '").append(claims).append('\'');
    if (!properties.equals(Path.of("properties"))) b.append(" --properties ").append(properties);
    if (seed != null) b.append(" --seed ").append(seed);
    if (scale != 1) b.append(" --scale ").append(scale);
    if (!out.equals(Path.of("reports"))) b.append(" --out ").append(out);
    return b.toString();
  }

  @Override
  public Integer call() throws Exception {
    if (!(budget > 0)) throw new IllegalArgumentException("--budget must be positive seconds, was " + budget);
    if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("--scale must be positive, was " + scale);
    if (threads != null && threads < 1) throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
    Catalog catalog = Catalog.load(properties, claims);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    long start = System.nanoTime();
    RunOptions options = new RunOptions(seed, scale, start + (long) (budget * 1e9));
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    err.printf(Locale.ROOT, "checking %d claims from %s on %d threads%n", catalog.specs().size(), properties, n);
    err.flush();
    List<ClaimResult> results = catalog.run(options, n, p -> {
      ClaimResult r = p.result();
      if (r == null) {
        err.printf(Locale.ROOT, "[%2d/%d] %-40s started%n", p.index() + 1, p.total(), p.spec().id());
        err.flush();
        return;
      }
      err.printf(Locale.ROOT, "[%2d/%d] %-40s %-9s %5d tries %7.1f s  (elapsed %.0f s)%n", p.index() + 1, p.total(),
          r.spec().id(), r.verdict(), r.tries(), p.seconds(), (System.nanoTime() - start) * 1e-9);
      err.flush();
    });
    List<Map.Entry<String, FigureData>> figures = new ArrayList<>();
    java.util.Set<String> checked = new java.util.TreeSet<>();
    for (ClaimResult r : results) checked.add(r.spec().id());
    for (ReportFigures.Entry e : ReportFigures.all(properties, checked)) {
      long t0 = System.nanoTime();
      FigureData f = e.figure().get();
      figures.add(Map.entry(e.claimId(), f));
      err.printf(Locale.ROOT, "figure %-40s %7.1f s%n", f.fileName(), (System.nanoTime() - t0) * 1e-9);
      err.flush();
    }
    // without --seed every claim uses its file's seed (default 1), shown per row
    Report report = ClaimReports.assemble("mixproof claim catalog", seed == null ? 1 : seed, reproducingCommand(),
        results, figures);
    ReportWriter.write(report, out);
    VerdictTable.print(stdout, results);
    stdout.printf(Locale.ROOT, "reports written to %s (claims.md, index.html, figures/, counterexamples/)%n", out);
    stdout.flush();
    long unexpected = results.stream().filter(r -> !r.asExpected()).count();
    return unexpected == 0 ? 0 : 1;
  }
}
