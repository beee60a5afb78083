package org.mixproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mixproof.claim.Catalog;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.figures.Figure;
import org.mixproof.figures.ReportFigures;
import org.mixproof.report.ClaimReports;
import org.mixproof.report.Report;
import org.mixproof.report.ReportDirectory;
import org.mixproof.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mixproof check}: the main job. Everything that can fail before computing is checked first —
 * every claim file (all problems listed together), the output directory and the JUnit file — then the
 * claims run with progress on stderr, the verdict table (or {@code --json}) goes to stdout and the
 * reports are written atomically.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check the claim catalog (properties/*.properties) and write a report directory.",
        "Before anything is computed, every claim file is validated (all problems listed together), and --out must be",
        "absent, empty, or a report directory mixproof wrote (it carries the marker " + ReportDirectory.MARKER
            + "); anything else is refused, naming the files that would be lost. A subset run (--claims,"
            + " --rerun-failures) needs an explicit --out, so it never replaces the full report in reports/."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every claim got the verdict its file expects", "1:some claim did not (or was NOT_RUN or ERROR)",
        "2:bad input: a malformed claim file, an unsafe --out, a bad option (nothing was computed)"})
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--claims", paramLabel = "GLOB", defaultValue = "*",
      description = "Claim ids (file names without .properties) to check, a glob (default: all). Needs --out.")
  String claims;

  @Option(names = "--properties", paramLabel = "DIR", defaultValue = "properties",
      description = "The claim catalog directory (default ${DEFAULT-VALUE}).")
  Path properties;

  @Option(names = "--out", paramLabel = "DIR",
      description = "The report directory (default reports). Must be absent, empty, or a report directory mixproof wrote.")
  Path out;

  @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "300",
      description = "Wall-clock ceiling of the run (default ${DEFAULT-VALUE}). Claims it never reaches are NOT_RUN; a claim"
          + " still computing " + Catalog.GRACE + " s after it is stopped (ERROR). A claim cut short says so: its result then"
          + " depends on the machine. A claim file's own `deadline` key (seconds) can only shorten its share.")
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

  @Option(names = "--json", description = "Print one JSON object per claim (an array) instead of the table.")
  boolean json;

  @Option(names = "--junit-xml", paramLabel = "FILE",
      description = "Also write the verdicts as JUnit XML (one test case per claim; an unexpected verdict is a failure"
          + " naming its witness). An existing FILE is overwritten only if mixproof wrote it.")
  Path junitXml;

  @Option(names = "--list", description = "Validate and print the claims a run would check, then stop.")
  boolean list;

  @Option(names = "--fail-fast", description = "Stop at the first unexpected verdict: claims not yet started are NOT_RUN.")
  boolean failFast;

  @Option(names = "--rerun-failures",
      description = "Check only the claims that were unexpected in the last run written to --out (its "
          + ReportDirectory.LAST_RUN + ").")
  boolean rerunFailures;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
  boolean quiet;

  Path outDir() { return out == null ? Path.of("reports") : out; }

  /** The command line that reproduces these reports (the options that change results). */
  String reproducingCommand() {
    StringBuilder b = new StringBuilder("java -jar target/mixproof.jar check");
    if (!claims.equals("*")) b.append(" --claims '").append(claims).append('\'');
    if (!properties.equals(Path.of("properties"))) b.append(" --properties ").append(properties);
    if (seed != null) b.append(" --seed ").append(seed);
    if (scale != 1) b.append(" --scale ").append(scale);
    if (!outDir().equals(Path.of("reports"))) b.append(" --out ").append(outDir());
    return b.toString();
  }

  @Override
  public Integer call() throws Exception {
    if (!(budget > 0) || !Double.isFinite(budget)) throw new IllegalArgumentException("--budget must be positive seconds, was " + budget);
    if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("--scale must be positive, was " + scale);
    if (threads != null && threads < 1) throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
    if (out == null && (!claims.equals("*") || rerunFailures) && !list) {
      throw new IllegalArgumentException((rerunFailures ? "--rerun-failures" : "--claims " + claims) + " checks a subset of"
          + " the catalog, and its report would replace the full report in reports/: give --out DIR");
    }
    String glob = rerunFailures ? rerunGlob() : claims;
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    // everything that can fail before computing: the catalog (all problems together), --out, --junit-xml
    Catalog catalog = glob.isEmpty() ? null : Catalog.load(properties, glob);
    if (list) {
      for (ClaimSpec s : catalog == null ? List.<ClaimSpec>of() : catalog.specs()) {
        stdout.printf(Locale.ROOT, "%-40s %-28s expect %-9s tries %s%n", s.id(), s.quantity(), s.expect(), s.string("tries", "-"));
      }
      stdout.flush();
      return 0;
    }
    ReportDirectory.check(outDir());
    if (junitXml != null) JunitXml.checkWritable(junitXml);
    if (catalog == null) {
      stdout.printf(Locale.ROOT, "no unexpected claim recorded in %s: nothing to rerun%n", outDir().resolve(ReportDirectory.LAST_RUN));
      stdout.flush();
      return 0;
    }

    long start = System.nanoTime();
    RunOptions options = new RunOptions(seed, scale, start + (long) (budget * 1e9));
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    int total = catalog.specs().size();
    Set<String> running = ConcurrentHashMap.newKeySet();
    AtomicInteger finished = new AtomicInteger();
    Map<String, Double> seconds = new ConcurrentHashMap<>();
    List<ClaimResult> results;
    java.util.concurrent.atomic.AtomicReference<String> phase = new java.util.concurrent.atomic.AtomicReference<>();
    try (ProgressLine progress = new ProgressLine(err, quiet, "check",
        () -> phase.get() != null ? phase.get() : status(running, finished.get(), total, start, n))) {
      progress.line(String.format(Locale.ROOT, "checking %d claims from %s on %d threads", total, properties, n));
      results = catalog.run(options, n, failFast, p -> {
        ClaimResult r = p.result();
        if (r == null) {
          running.add(p.spec().id());
          progress.line(String.format(Locale.ROOT, "[%2d/%d] %-40s started", p.index() + 1, p.total(), p.spec().id()));
          return;
        }
        running.remove(r.spec().id());
        seconds.put(r.spec().id(), p.seconds());
        int done = finished.incrementAndGet();
        progress.line(String.format(Locale.ROOT, "[%2d/%d] %-40s %-9s %5d tries %7.1f s  (elapsed %.0f s%s)", p.index() + 1,
            p.total(), r.spec().id(), r.verdict(), r.tries(), p.seconds(), (System.nanoTime() - start) * 1e-9,
            eta(done, total, start, n)));
      });
      List<Map.Entry<String, Figure>> figures = new ArrayList<>();
      Set<String> checked = new TreeSet<>();
      for (ClaimResult r : results) checked.add(r.spec().id());
      List<ReportFigures.Entry> entries = ReportFigures.all(properties, checked);
      for (ReportFigures.Entry e : entries) {
        phase.set(String.format(Locale.ROOT, "claims done; drawing figure %d/%d", figures.size() + 1, entries.size()));
        long t0 = System.nanoTime();
        Figure f = e.figure().get();
        figures.add(Map.entry(e.claimId(), f));
        progress.line(String.format(Locale.ROOT, "figure %-40s %7.1f s", f.fileName(), (System.nanoTime() - t0) * 1e-9));
      }
      phase.set("writing " + outDir());
      // without --seed every claim uses its file's seed (default 1), shown per row
      Report report = ClaimReports.assemble("mixproof claim catalog", seed == null ? 1 : seed, reproducingCommand(),
          results, figures, outDir());
      ReportWriter.write(report, outDir());
      if (junitXml != null) JunitXml.write(junitXml, JunitXml.render(results, seconds, outDir()));
    }
    if (json) {
      stdout.println(json(results, seconds, outDir()));
    } else {
      VerdictTable.print(stdout, results);
      stdout.printf(Locale.ROOT, "reports written to %s (claims.md, index.html, figures/, counterexamples/)%n", outDir());
    }
    stdout.flush();
    long unexpected = results.stream().filter(r -> !r.asExpected()).count();
    return unexpected == 0 ? 0 : 1;
  }

  /** A glob of the ids recorded as unexpected in --out's last run ("" when none). */
  private String rerunGlob() throws java.io.IOException {
    Path record = outDir().resolve(ReportDirectory.LAST_RUN);
    if (!Files.isRegularFile(record)) {
      throw new IllegalArgumentException("--rerun-failures: no previous run recorded in " + outDir() + " (" + record
          + " is missing)");
    }
    JsonNode node = new ObjectMapper().readTree(record.toFile()).get("unexpected");
    List<String> ids = new ArrayList<>();
    if (node != null) node.forEach(x -> ids.add(x.asText()));
    return ids.isEmpty() ? "" : "{" + String.join(",", ids) + "}";
  }

  private static String status(Set<String> running, int finished, int total, long start, int threads) {
    return String.format(Locale.ROOT, "%d/%d claims done, running %s%s", finished, total,
        running.isEmpty() ? "—" : String.join(", ", new TreeSet<>(running)), eta(finished, total, start, threads));
  }

  /** ", about N s left" from the mean wall time per finished claim; "" before the first one ends. */
  static String eta(int done, int total, long start, int threads) {
    if (done == 0 || done >= total) return "";
    double perClaim = (System.nanoTime() - start) * 1e-9 / done;
    return String.format(Locale.ROOT, ", about %.0f s left", perClaim * (total - done));
  }

  static String json(List<ClaimResult> results, Map<String, Double> seconds, Path dir) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode a = m.createArrayNode();
    for (ClaimResult r : results) {
      ObjectNode o = a.addObject();
      o.put("id", r.spec().id());
      o.put("verdict", r.verdict().name());
      o.put("expected", r.spec().expect());
      o.put("as_expected", r.asExpected());
      o.put("measure_name", r.measureName());
      o.put("measure", r.measure()); // Jackson spells ±∞ and NaN "Infinity", "-Infinity", "NaN": the JSON convention
      o.put("where", r.where());
      o.put("detail", r.detail());
      if (r.witness() != null) o.put("witness", dir.resolve(ReportWriter.COUNTEREXAMPLES).resolve(r.spec().id() + ".json").toString());
      else o.putNull("witness");
      o.put("seed", r.seed());
      o.put("seconds", seconds.getOrDefault(r.spec().id(), 0.0));
    }
    try {
      return m.writeValueAsString(a);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
