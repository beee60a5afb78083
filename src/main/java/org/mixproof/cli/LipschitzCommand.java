package org.mixproof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.mixproof.density.MixtureDensity;
import org.mixproof.smoothness.Bound;
import org.mixproof.smoothness.Domain;
import org.mixproof.smoothness.LipschitzResult;
import org.mixproof.smoothness.LipschitzSearch;
import org.mixproof.smoothness.Rounding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mixproof lipschitz}: the measured Lipschitz constant of the score against every applicable bound. */
@Command(name = "lipschitz", mixinStandardHelpOptions = true,
    description = "Search for sup ‖H(x)‖ of the diffused mixture over R^d or a ball, and compare with every applicable bound of docs/claims.md §3.")
final class LipschitzCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DiffusedMixtureOptions input;

  @Option(names = "--ball", paramLabel = "BETA", description = "Search the ball ‖x‖ ≤ BETA instead of all of R^d.")
  Double ball;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Search seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
  boolean quiet;

  @Override
  @SuppressWarnings("try") // the progress line only needs closing
  public Integer call() {
    Domain dom = ball == null ? Domain.global() : Domain.ball(ball);
    LipschitzSearch search = new LipschitzSearch(seed);
    MixtureDensity p;
    LipschitzResult r;
    // at large d reading the mixture (its eigenvalues, O(d³) unless diagonal) and the search (a d×d Hessian
    // and its norm per point) take minutes: say what is being done
    AtomicReference<Supplier<String>> status =
        new AtomicReference<>(() -> "reading the mixture and factorising its covariances");
    try (ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), quiet, "lipschitz",
        () -> status.get().get())) {
      p = input.density(spec.commandLine());
      String head = "searching sup ‖H(x)‖₂, d = " + p.dimension() + ", k = " + p.components() + ": ";
      status.set(() -> head + search.status());
      r = search.search(p, dom);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) out.println(asJson(p, r).toPrettyString());
    else printTable(out, p, r);
    out.flush();
    return 0;
  }

  /**
   * The result as JSON, in the convention of every JSON mixproof prints (see {@link EvalCommand}):
   * snake_case keys, finite numbers as JSON numbers, ±∞ and NaN as the strings "Infinity",
   * "-Infinity" and "NaN" (Jackson's default, which this relies on).
   */
  private ObjectNode asJson(MixtureDensity p, LipschitzResult r) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("mixture", input.mixtureFile.toString());
    String claim = input.witnessClaim(spec.commandLine());
    if (claim != null) root.put("witness_claim", claim);
    root.put("d", p.dimension());
    root.put("k", p.components());
    root.put("schedule", p.schedule().spec());
    root.put("t", p.time());
    root.put("domain", r.domain().toString());
    root.put("seed", r.seed());
    root.put("measured", r.value());
    ArrayNode at = root.putArray("point");
    for (double v : r.point()) at.add(v);
    root.put("evaluations", r.evaluations());
    ArrayNode bounds = root.putArray("bounds");
    for (Bound b : Bound.values()) {
      if (!b.quantity().equals("lipschitz") || !b.applies(p, r.domain())) continue;
      double v = b.value(p, r.domain());
      ObjectNode o = bounds.addObject();
      o.put("id", b.id());
      o.put("value", v);
      o.put("tightness", r.value() / v);
      o.put("violated", Rounding.confirmedViolation(p, r, v));
      o.put("exceeds_in_double", Rounding.exceeds(p, r.value(), v));
      o.put("description", b.description());
    }
    return root;
  }

  private void printTable(PrintWriter out, MixtureDensity p, LipschitzResult r) {
    out.printf(Locale.ROOT, "mixture %s (d = %d, k = %d), schedule %s, t = %s, domain %s, seed %d%n",
        input.mixtureFile, p.dimension(), p.components(), p.schedule().spec(), p.time(), r.domain(), r.seed());
    out.printf(Locale.ROOT, "measured sup ‖H(x)‖ = %.10g at x = %s (%d evaluations)%n",
        r.value(), vector(r.point()), r.evaluations());
    out.printf(Locale.ROOT, "%-29s %-16s %-12s %s%n", "bound", "value", "tightness", "");
    int shown = 0;
    for (Bound b : Bound.values()) {
      if (!b.quantity().equals("lipschitz") || !b.applies(p, r.domain())) continue;
      double v = b.value(p, r.domain());
      out.printf(Locale.ROOT, "%-29s %-16.10g %-12.6g %s%n", b.id(), v, r.value() / v,
          verdict(p, r, v));
      shown++;
    }
    if (shown == 0) out.println("(no bound of docs/claims.md §3 applies to this mixture and domain)");
  }

  /** The table's last column: confirmed, beyond double rounding but too large for the oracle, or nothing. */
  private static String verdict(MixtureDensity p, LipschitzResult r, double bound) {
    if (Rounding.confirmedViolation(p, r, bound)) return "VIOLATED (oracle-confirmed)";
    if (Rounding.exceeds(p, r.value(), bound) && p.dimension() > Rounding.ORACLE_MAX_DIMENSION) {
      return "exceeds beyond double rounding (not confirmed: no oracle above d = " + Rounding.ORACLE_MAX_DIMENSION + ")";
    }
    return "";
  }

  private static String vector(double[] x) {
    StringBuilder sb = new StringBuilder("(");
    for (int j = 0; j < x.length; j++) sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", x[j]));
    return sb.append(')').toString();
  }
}
