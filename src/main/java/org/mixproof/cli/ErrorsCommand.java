package org.mixproof.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mixproof.law.ErrorTable;
import org.mixproof.law.GaussianLaw;
import org.mixproof.law.MixtureErrors;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mixproof errors}: the exact error of each sampling scheme ([PG24]'s table, docs/claims.md §5.1–5.3)
 * for Gaussian data given by a spectrum or a one-component mixture (any d), a 1-D mixture (grid
 * law) or an isotropic mixture whose means lie on a line (separable law).
 */
@Command(name = "errors", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Exact W2 (and KL, TV bracket) of each sampling scheme's output against p_eps and p_0.",
        "NFE = steps x score evaluations per step (em, ei, ddpm, ode-euler, ode-ei: 1; ode-heun: 2; ode-rk4: 4;"
            + " dpom, dpum: 2)."})
final class ErrorsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Data data;

  static final class Data {
    @Option(names = "--spectrum", paramLabel = "FILE|cifar10",
        description = "Eigenvalues of Σ (data N(0, Σ)), one per line; 'cifar10' is the bundled CIFAR-10 spectrum.")
    String spectrum;

    @Option(names = "--mixture", paramLabel = "FILE", description = "Mixture JSON (k = 1 any d; d ≤ 2 any k; isotropic with means on a line or in a plane).")
    Path mixture;
  }

  @Option(names = "--schedule", paramLabel = "S", defaultValue = "vp-linear:0.1,20",
      description = "Forward schedule (default ${DEFAULT-VALUE}, [PG24]'s).")
  String schedule;

  @Option(names = "--T", paramLabel = "T", description = "Horizon T (default: the schedule's tMax, or 1 when unbounded).")
  Double horizon;

  @Option(names = "--schemes", paramLabel = "LIST", defaultValue = "em,ei,ddpm,ode-euler,ode-heun,ode-rk4",
      description = "Comma-separated schemes from em, ei, ddpm, ode-euler, ode-heun, ode-rk4, ode-ei, dpom, dpum, ly24 ([LY24] eq. 2.4), clw25 ([CLW25] eq. 9) (default ${DEFAULT-VALUE}).")
  String schemes;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Budgets budgets;

  static final class Budgets {
    @Option(names = "--nfe", paramLabel = "LIST", split = ",",
        description = "Score-evaluation budgets; a scheme with e evaluations per step gets floor(NFE/e) steps (default 50,250,500,1000).")
    List<Integer> nfe;

    @Option(names = "--points", paramLabel = "LIST", split = ",",
        description = "Grid points N ([PG24]'s N; N - 1 steps) for every scheme, instead of --nfe.")
    List<Integer> points;
  }

  @Option(names = "--eps", paramLabel = "LIST", split = ",", defaultValue = "0,1e-5,1e-4,1e-3",
      description = "Early-stopping times (default ${DEFAULT-VALUE}).")
  List<Double> eps;

  @Option(names = "--start", paramLabel = "prior|exact", split = ",", defaultValue = "prior,exact",
      description = "Start law(s): prior N(0, I) (ve: N(0, b_T² I)) or exactly p_T (default ${DEFAULT-VALUE}).")
  List<String> starts;

  @Option(names = "--grid", paramLabel = "uniform|exponential|ly24|clw25", defaultValue = "uniform",
      description = {"Time grid (default ${DEFAULT-VALUE}; exponential needs eps > 0).",
          "ly24: [LY24]'s discrete schedule (eq. 2.3) beta_1 = T^-c0, beta_(t+1) = (c1 log T/T) min(beta_1 (1 + c1 log T/T)^t, 1);"
              + " clw25: [CLW25]'s (eq. 14) alpha-bar_T = T^-c0, alpha-bar_(t-1) = alpha-bar_t + (c1 log T/T) alpha-bar_t (1 - alpha-bar_t)."
              + " Both are placed where a(t)^2 = alpha-bar_t, take --points T as the number of noise levels (T - 1 steps"
              + " from Y_T ~ N(0, I) down to Y_1) and compare with p_(X_1); so --T and --nfe are not accepted and eps is 0."})
  String grid;

  @Option(names = {"--grid-c0", "--clw25-c0", "--ly24-c0"}, paramLabel = "C0",
      description = "c0 of the ly24 or clw25 grid (default 2).")
  Double gridC0;

  @Option(names = {"--grid-c1", "--clw25-c1", "--ly24-c1"}, paramLabel = "C1",
      description = "c1 of the ly24 or clw25 grid (default 4 for ly24; 10 for clw25, the reproduction's, c1/c0 > 4).")
  Double gridC1;

  @Option(names = "--score-error", paramLabel = "E", defaultValue = "0",
      description = "eps_score: use the score s + E e_t with the affine error e_t, E|e_t|^2 = 1 (default 0).")
  double scoreError;

  @Option(names = "--grid-cells", paramLabel = "N", defaultValue = "2000",
      description = "Cells of the 1-D grid law for mixtures (default ${DEFAULT-VALUE}; the error is estimated with N/2).")
  int gridCells;

  @Option(names = "--grid-cells-2d", paramLabel = "N", defaultValue = "128",
      description = "Cells per axis of the 2-D grid law (d = 2 mixtures, separable laws with means in a plane;"
          + " default ${DEFAULT-VALUE}; the error is estimated with N/2).")
  int gridCells2d;

  @Option(names = "--certified", description = {"Also enclose every W2 and KL in a rigorous interval (outward-rounded"
      + " interval arithmetic on the real law, docs/claims.md §8): Gaussian data only (a spectrum, or k = 1 with a diagonal"
      + " covariance).", "Refused, naming what has no enclosure, before anything is computed."})
  boolean certified;

  @Option(names = "--json", description = "Print JSON instead of the table.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
  boolean quiet;

  /** [LY24]'s c1 when none is given: 4 keeps β_t = c1 log T / T below 1 from T = 9 on. */
  static final double LY24_C1 = 4;

  @Override
  @SuppressWarnings("try") // the progress line only needs closing
  public Integer call() {
    NoiseSchedule s = Schedules.parse(schedule);
    double T = horizon != null ? horizon : (Double.isFinite(s.tMax()) ? s.tMax() : 1.0);
    if (!(T > 0) || !Double.isFinite(T)) throw new IllegalArgumentException("--T must be positive and finite, was " + T);
    List<Scheme> list = Schemes.parseList(schemes);
    List<StartLaw> st = new ArrayList<>();
    for (String x : starts) st.add(StartLaw.parse(x));
    ErrorTable.GridKind gridKind = ErrorTable.GridKind.parse(grid);
    boolean discrete = gridKind.discrete();
    if (discrete && budgets != null && budgets.nfe != null) {
      throw new IllegalArgumentException("--nfe cannot be given with --grid " + grid + ": give the noise levels as --points T");
    }
    ErrorTable.Budget kind = discrete || (budgets != null && budgets.points != null)
        ? ErrorTable.Budget.POINTS : ErrorTable.Budget.NFE;
    List<Integer> b = budgets == null ? List.of(50, 250, 500, 1000)
        : (budgets.points != null ? budgets.points : budgets.nfe);
    if (discrete && horizon != null) {
      throw new IllegalArgumentException("--T cannot be given with --grid " + grid + " (its horizon is t_T, where a(t)² = ᾱ_T),"
          + " was " + horizon);
    }
    if (discrete && !spec.commandLine().getParseResult().hasMatchedOption("--eps")) eps = List.of(0.0);
    double c0 = gridC0 != null ? gridC0 : ErrorTable.GridKind.C0;
    double c1 = gridC1 != null ? gridC1 : gridKind == ErrorTable.GridKind.LY24 ? LY24_C1 : ErrorTable.GridKind.C1;
    for (double e : eps) {
      if (!(T > e)) throw new IllegalArgumentException("T must be greater than eps (T ≤ δ): T = " + T + ", eps = " + e);
    }
    ErrorTable.Config config = new ErrorTable.Config(s, T, list, b, kind, eps, st, scoreError, gridKind,
        c0, c1);
    String what;
    List<ErrorTable.Row> rows;
    Spectrum sp = null;
    GaussianMixture m = null;
    if (data.spectrum != null) {
      sp = Spectrum.read(data.spectrum);
    } else {
      m = DiffusedMixtureOptions.readMixture(data.mixture, spec.commandLine().getErr()).mixture();
    }
    if (certified) {
      List<String> refused = CertifiedErrors.refusals(s, list, m);
      if (!refused.isEmpty()) {
        throw new IllegalArgumentException("--certified has no enclosure for " + String.join("; ", refused));
      }
    }
    CertifiedErrors.Result cert = null;
    // a grid-law table on fine grids takes a minute: say that it is alive
    try (ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), quiet, "errors",
        () -> "computing " + list.size() + " schemes × " + b.size() + " budgets × " + eps.size() + " eps"
            + (certified ? ", then their enclosures" : ""))) {
      if (sp != null) {
        what = "spectrum " + sp.source() + " (d = " + sp.dimension() + ", " + sp.zeros() + " zero eigenvalues)";
        rows = ErrorTable.gaussian(GaussianLaw.ofSpectrum(sp), config);
      } else {
        what = "mixture " + data.mixture + " (d = " + m.dimension() + ", k = " + m.components() + ")";
        if (m.components() == 1) {
          rows = ErrorTable.gaussian(GaussianLaw.of(m), config);
        } else {
          MixtureErrors.Result r = MixtureErrors.table(m, config, gridCells, gridCells2d);
          what += ", " + r.method();
          rows = r.rows();
        }
      }
      if (certified) {
        cert = CertifiedErrors.compute(CertifiedErrors.data(sp == null ? null : sp.eigenvalues(), m), config, rows);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) printJson(out, what, s, T, config, rows, cert);
    else {
      printTable(out, what, s, T, config, rows);
      if (cert != null) printCertified(out, rows, cert);
    }
    out.flush();
    return 0;
  }

  static String withError(Double v, Double e) {
    if (v == null || e == null) return num(v);
    return num(v) + " ±" + err(e);
  }

  static String err(double e) {
    if (Double.isInfinite(e)) return "inf";
    return String.format(Locale.ROOT, "%.1e", e);
  }

  static String num(Double v) {
    if (v == null) return "undefined";
    if (v.isNaN()) return "n/a";
    if (v == Double.POSITIVE_INFINITY) return "inf";
    return String.format(Locale.ROOT, "%.4e", v);
  }

  private static void printTable(PrintWriter out, String what, NoiseSchedule s, double T, ErrorTable.Config c,
      List<ErrorTable.Row> rows) {
    out.println("# mixproof errors: " + what);
    out.println("# schedule " + s.spec() + ", " + gridDescription(c, T) + ", " + (c.epsScore() == 0 ? "exact score" : "score error eps_score = " + c.epsScore()));
    out.println("# NFE = steps x score evaluations per step; "
        + (c.budget() == ErrorTable.Budget.NFE ? "budget = NFE" : "budget = grid points N (N - 1 steps)"));
    out.println("# W2 against p_eps and p_0; KL(output | p_eps); TV(output, p_eps) as [max 1-D marginal TV, Pinsker];"
        + " SDE/ODE(cont): continuous time from the same start, W2 against p_eps");
    boolean quad = false;
    for (ErrorTable.Row r : rows) quad |= r.w2EpsError() != null;
    if (quad) out.println("# grid law: each value of W2(p_eps), KL(p_eps) and TV(p_eps) is followed by its quadrature-error estimate (half the cells)");
    int w = quad ? 21 : 11;
    String fmt = "%-6s %-8s %-10s %6s %6s %6s  %-" + w + "s %-11s %-" + w + "s %-" + (quad ? 21 : 23) + "s %-11s %-11s%n";
    out.printf(Locale.ROOT, fmt, "start", "eps", "scheme", "budget", "steps", "NFE", "W2(p_eps)", "W2(p_0)",
        "KL(p_eps)", "TV(p_eps) bracket", "SDE(cont)", "ODE(cont)");
    for (ErrorTable.Row r : rows) {
      String tv = r.tvLower() == null ? "undefined"
          : (r.tvLower().equals(r.tvUpper()) ? num(r.tvLower()) : "[" + num(r.tvLower()) + ", " + num(r.tvUpper()) + "]");
      out.printf(Locale.ROOT, fmt, r.start().label(), shortNum(r.eps()), r.scheme(), r.budget(), r.steps(), r.nfe(),
          withError(r.w2Eps(), r.w2EpsError()), num(r.w2Zero()), withError(r.klEps(), r.klEpsError()),
          r.tvLower() == null ? tv : (r.tvEpsError() == null ? tv : tv + " ±" + err(r.tvEpsError())),
          num(r.w2SdeContinuous()), num(r.w2OdeContinuous()));
    }
    for (ErrorTable.Row r : rows) {
      if (r.undefined() != null) {
        out.println("# undefined: " + r.scheme() + " at eps = " + shortNum(r.eps()) + ": " + r.undefined());
        break;
      }
    }
  }

  /** "T = 1.0, uniform grid", or a discrete grid with its constants and per-row horizon. */
  static String gridDescription(ErrorTable.Config c, double T) {
    if (c.grid().discrete()) {
      return c.grid().label() + " grid (c0 = " + c.gridC0() + ", c1 = " + c.gridC1() + "; budget = T noise levels,"
          + " from t_T down to t_1, target p_(X_1))";
    }
    return "T = " + T + ", " + c.grid().name().toLowerCase(Locale.ROOT) + " grid";
  }

  static String shortNum(double v) {
    if (v == 0) return "0";
    return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-");
  }

  /** The enclosures after the table, one line per row, and every double outside its enclosure. */
  private static void printCertified(PrintWriter out, List<ErrorTable.Row> rows, CertifiedErrors.Result cert) {
    out.println();
    out.println("# certified (docs/claims.md §8, certified.law): rigorous enclosures of the real law's W2 and KL"
        + " (outward-rounded interval arithmetic from the exact inputs: spectrum, double time grid, schedule parameters)");
    out.println("# 1.2345[678, 702]e-01 is the interval [1.2345678e-01, 1.2345702e-01], each end rounded outward to "
        + CertifiedErrors.DIGITS + " digits; largest relative width " + CertifiedErrors.width(cert.maxRelativeWidth())
        + "; " + (cert.outside().isEmpty() ? "every double value lies inside its enclosure"
            : cert.outside().size() + " of the double values lie OUTSIDE their enclosures (marked !)")
        + String.format(Locale.ROOT, "; %.1f s", cert.seconds()));
    String fmt = "%-6s %-8s %-10s %6s %6s  %-28s %-28s %-28s %-28s %-28s%n";
    out.printf(Locale.ROOT, fmt, "start", "eps", "scheme", "budget", "steps", "W2(p_eps) in", "W2(p_0) in",
        "KL(p_eps) in", "SDE(cont) in", "ODE(cont) in");
    java.util.Map<Integer, List<CertifiedErrors.Outside>> bad = CertifiedErrors.byRow(cert.outside());
    for (int i = 0; i < rows.size(); i++) {
      ErrorTable.Row r = rows.get(i);
      CertifiedErrors.Enclosures e = cert.rows().get(i);
      List<String> cells = new ArrayList<>();
      for (var en : CertifiedErrors.named(e).entrySet()) {
        boolean outside = bad.getOrDefault(i, List.of()).stream().anyMatch(o -> o.quantity().equals(en.getKey()));
        cells.add(CertifiedErrors.interval(en.getValue()) + (outside ? " !" : ""));
      }
      out.printf(Locale.ROOT, fmt, r.start().label(), shortNum(r.eps()), r.scheme(), r.budget(), r.steps(),
          cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4));
    }
    // one line per distinct finding: the continuous-time columns repeat over schemes and budgets
    java.util.Map<String, Integer> seen = new java.util.LinkedHashMap<>();
    for (CertifiedErrors.Outside o : cert.outside()) {
      ErrorTable.Row r = rows.get(o.row());
      boolean perRun = !o.quantity().contains("continuous");
      String where = perRun ? r.scheme() + " (" + r.start().label() + ", eps = " + shortNum(r.eps()) + ", budget " + r.budget() + ")"
          : "(" + r.start().label() + ", eps = " + shortNum(r.eps()) + ")";
      seen.merge("# finding: " + o.quantity() + " " + where + " = " + o.value() + " in double lies outside the enclosure ["
          + o.enclosure().lower() + ", " + o.enclosure().upper() + "] of the real value", 1, Integer::sum);
    }
    seen.forEach((line, n) -> out.println(line + (n > 1 ? " (" + n + " rows)" : "")));
    for (int i = 0; i < rows.size(); i++) {
      String why = cert.rows().get(i).undefined();
      if (why != null && rows.get(i).undefined() == null) {
        out.println("# not certified: " + rows.get(i).scheme() + " at eps = " + shortNum(rows.get(i).eps()) + ": " + why);
      }
    }
  }

  /**
   * The table as JSON, written as it goes by a streaming generator (jackson-core): building a
   * databind tree and printing it cost a whole-process run 0.06-0.07 s more, in classes loaded and
   * code run once. The layout is Jackson's default pretty printer, as {@code toPrettyString()} gives.
   */
  private static void printJson(PrintWriter out, String what, NoiseSchedule s, double T, ErrorTable.Config c,
      List<ErrorTable.Row> rows, CertifiedErrors.Result cert) {
    try {
      JsonGenerator g = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("data", what);
      g.writeStringField("schedule", s.spec());
      boolean discrete = c.grid().discrete();
      if (!discrete) g.writeNumberField("T", T);
      g.writeStringField("grid", c.grid().label());
      if (discrete) {
        g.writeNumberField("grid_c0", c.gridC0());
        g.writeNumberField("grid_c1", c.gridC1());
      }
      g.writeStringField("budget", c.budget().name().toLowerCase(Locale.ROOT));
      g.writeNumberField("eps_score", c.epsScore());
      if (cert != null) {
        g.writeObjectFieldStart("certified");
        num(g, "max_relative_width", cert.maxRelativeWidth());
        g.writeNumberField("doubles_outside", cert.outside().size());
        g.writeNumberField("seconds", cert.seconds());
        g.writeEndObject();
      }
      g.writeArrayFieldStart("rows");
      for (int i = 0; i < rows.size(); i++) {
        ErrorTable.Row r = rows.get(i);
        g.writeStartObject();
        g.writeStringField("start", r.start().label());
        g.writeNumberField("eps", r.eps());
        g.writeStringField("scheme", r.scheme());
        g.writeNumberField("budget", r.budget());
        g.writeNumberField("steps", r.steps());
        if (discrete) {
          org.mixproof.sampler.TimeGrid grid = c.timeGrid(r.eps(), r.steps());
          g.writeNumberField("levels", r.steps() + 1);
          g.writeNumberField("t_T", grid.horizon());
          g.writeNumberField("t_1", grid.delta());
        }
        g.writeNumberField("nfe", r.nfe());
        if (r.undefined() != null) {
          g.writeStringField("undefined", r.undefined());
        } else {
          num(g, "w2_eps", r.w2Eps());
          num(g, "w2_0", r.w2Zero());
          num(g, "kl_eps", r.klEps());
          // exact TV (d = 1, or a grid law) as "tv", else the bracket
          if (r.tvLower() != null && r.tvLower().equals(r.tvUpper())) {
            num(g, "tv", r.tvLower());
          } else {
            num(g, "tv_lower", r.tvLower());
            num(g, "tv_upper", r.tvUpper());
          }
          if (r.w2EpsError() != null) {
            num(g, "w2_eps_quadrature_error", r.w2EpsError());
            num(g, "kl_eps_quadrature_error", r.klEpsError());
            num(g, "tv_quadrature_error", r.tvEpsError());
          }
        }
        num(g, "w2_eps_sde_continuous", r.w2SdeContinuous());
        num(g, "w2_eps_ode_continuous", r.w2OdeContinuous());
        if (cert != null) certified(g, cert.rows().get(i), CertifiedErrors.byRow(cert.outside()).get(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the table: " + e.getMessage(), e);
    }
    out.println();
  }

  private static void certified(JsonGenerator g, CertifiedErrors.Enclosures e, List<CertifiedErrors.Outside> outside)
      throws IOException {
    for (var en : CertifiedErrors.named(e).entrySet()) {
      if (en.getValue() == null) continue;
      num(g, en.getKey() + "_lower", en.getValue().lower());
      num(g, en.getKey() + "_upper", en.getValue().upper());
    }
    if (e.undefined() != null) g.writeStringField("certified_undefined", e.undefined());
    g.writeBooleanField("doubles_inside", outside == null || outside.isEmpty());
  }

  /** A number, or null (undefined, NaN), or the strings "Infinity" and "-Infinity" (JSON has no infinities). */
  static void num(JsonGenerator g, String key, Double v) throws IOException {
    if (v == null || v.isNaN()) g.writeNullField(key);
    else if (v == Double.POSITIVE_INFINITY) g.writeStringField(key, "Infinity");
    else if (v == Double.NEGATIVE_INFINITY) g.writeStringField(key, "-Infinity");
    else g.writeNumberField(key, v);
  }
}
