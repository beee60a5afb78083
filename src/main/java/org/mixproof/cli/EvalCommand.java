package org.mixproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.density.PointEvaluation;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.oracle.Agreement;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.oracle.OracleEvaluation;
import org.mixproof.schedule.NoiseSchedule;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mixproof eval}: log-density, posterior weights, score and Hessian of p_t at given points, as
 * JSON. With {@code --oracle}, also the high-precision oracle's values and the double code's errors
 * against them (docs/claims.md §6); a point the double code refuses is then reported with the oracle's values
 * instead of failing the command.
 *
 * <p>The JSON convention of {@code eval}, {@code lipschitz --json} and {@code errors --json}: keys are
 * snake_case ({@code log_density}, {@code b_t2}, {@code w2_eps}), except that a key naming a symbol
 * of docs/claims.md keeps the symbol's case ({@code T}, {@code t_T}), as names do in claim
 * expressions, where {@code d} and {@code D} differ. A finite double is a JSON number; +∞, −∞ and
 * NaN, which JSON cannot spell, are the strings {@code "Infinity"}, {@code "-Infinity"} and
 * {@code "NaN"} (Jackson's default; Python's {@code float()} reads all three); a value that does not
 * exist for a row (errors' "undefined" and "n/a") is {@code null}. The oracle's high-precision values
 * are decimal strings, so that no JSON reader rounds them to doubles.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate log p_t, posterior weights, score and Hessian of the diffused mixture at points; prints JSON.")
final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DiffusedMixtureOptions input;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Where where;

  @Option(names = "--oracle",
      description = "Also evaluate with the high-precision (apfloat) oracle and report the double code's errors.")
  boolean oracle;

  @Option(names = "--digits", paramLabel = "N",
      description = "Significant digits of the oracle (with --oracle; default 60, at least 20).")
  Integer digits;

  static final class Where {
    @Option(names = "--x", paramLabel = "x1,...,xd",
        description = "One point, comma-separated (required, with --points as the alternative, unless --mixture is a"
            + " witness file: then its point is the default).")
    String x;

    @Option(names = "--points", paramLabel = "FILE.csv", description = "Points, one per line, comma-separated.")
    Path points;
  }

  @Override
  public Integer call() {
    if (digits != null && !oracle) {
      throw new IllegalArgumentException("--digits needs --oracle (was --digits " + digits + ")");
    }
    int n = digits == null ? OracleDensity.DEFAULT_DIGITS : digits;
    if (oracle && (n < OracleDensity.MIN_DIGITS || n > OracleDensity.MAX_DIGITS)) {
      throw new IllegalArgumentException("--digits must be in [" + OracleDensity.MIN_DIGITS + ", "
          + OracleDensity.MAX_DIGITS + "], was " + n);
    }
    CommandLine cl = spec.commandLine();
    GaussianMixture mixture = input.load(cl).mixture();
    NoiseSchedule s = input.schedule(cl);
    double t = input.time(cl);
    List<double[]> xs = where == null ? List.of(witnessPoint(cl)) // the points before any computing
        : where.x != null ? List.of(PointsCsv.parseRow(where.x, "--x"))
        : PointsCsv.read(where.points);
    MixtureDensity density = null;
    String refused = null;
    try {
      density = MixtureDensity.at(mixture, s, t);
    } catch (IllConditionedException e) {
      if (!oracle) throw e;
      refused = e.getMessage();
    }
    OracleDensity o = oracle ? OracleDensity.at(mixture, s, t, n) : null;
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("mixture", input.mixtureFile.toString());
    String claim = input.witnessClaim(cl);
    if (claim != null) root.put("witness_claim", claim);
    root.put("schedule", s.spec());
    root.put("t", t);
    root.put("a_t", s.a(t));
    root.put("b_t2", s.b2(t));
    root.put("d", mixture.dimension());
    root.put("k", mixture.components());
    if (o != null) {
      ObjectNode on = root.putObject("oracle");
      on.put("digits", n);
      on.put("working_digits", o.workingPrecision());
      on.put("kappa", o.maxConditionNumber());
    }
    ArrayNode out = root.putArray("points");
    for (double[] x : xs) {
      ObjectNode p = out.addObject();
      p.set("x", array(mapper, x));
      PointEvaluation e = null;
      String pointRefused = refused;
      if (density != null) {
        try {
          e = density.evaluate(x);
        } catch (IllConditionedException ex) {
          if (!oracle) throw ex;
          pointRefused = ex.getMessage();
          p.put("log_density", density.logDensity(x)); // log p is never refused at a point
        }
      }
      if (e != null) {
        p.put("log_density", e.logDensity());
        p.set("weights", array(mapper, e.weights()));
        p.set("score", array(mapper, e.score()));
        ArrayNode h = p.putArray("hessian");
        for (double[] row : e.hessian()) h.add(array(mapper, row));
      } else {
        p.put("double_refused", pointRefused);
      }
      if (o != null) {
        OracleEvaluation oe = o.evaluate(x);
        ObjectNode on = p.putObject("oracle");
        on.put("log_density", decimal(oe.logDensity(), n));
        on.set("weights", decimals(mapper, oe.weights(), n));
        on.set("score", decimals(mapper, oe.score(), n));
        ArrayNode h = on.putArray("hessian");
        for (Apfloat[] row : oe.hessian()) h.add(decimals(mapper, row, n));
        if (e != null) {
          Agreement a = Agreement.of(oe, e.logDensity(), e.weights(), e.score(), e.hessian());
          ObjectNode ag = p.putObject("agreement");
          ag.put("kappa", a.kappa());
          ag.put("constant", a.constant());
          ag.put("tolerance", a.tolerance());
          ag.put("weights_error", a.weightsError());
          ag.put("log_density_error", a.logDensityError());
          ag.put("score_error", a.scoreError());
          ag.put("hessian_error", a.hessianError());
          ag.put("log_density_relative_error", a.logDensityRelativeError());
          ag.put("within_tolerance", a.withinTolerance());
        }
      }
    }
    spec.commandLine().getOut().println(root.toPrettyString());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The witness file's "point", when neither --x nor --points is given. */
  private double[] witnessPoint(CommandLine cl) {
    JsonNode w = input.load(cl).witness();
    JsonNode p = w == null ? null : w.get("point");
    if (p == null || !p.isArray() || p.isEmpty()) {
      throw new CommandLine.ParameterException(cl, "Missing required argument (specify one of these):"
          + " '--x=x1,...,xd', '--points=FILE.csv'" + (w == null ? "" : " (the witness file has no point)"));
    }
    double[] x = new double[p.size()];
    for (int j = 0; j < x.length; j++) {
      JsonNode v = p.get(j);
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        throw new IllegalArgumentException(input.mixtureFile + ": the witness's point[" + j + "] is not a finite number: " + v);
      }
      x[j] = v.doubleValue();
    }
    cl.getErr().println("mixproof: at the witness file's point (--x or --points overrides it)");
    cl.getErr().flush();
    return x;
  }

  /** v rounded to n significant digits, as a decimal string (JSON numbers would be read as doubles). */
  static String decimal(Apfloat v, int n) {
    if (v.signum() == 0) return "0";
    return ApfloatMath.roundToPrecision(v, Math.min(n, v.precision()), RoundingMode.HALF_EVEN).toString(false);
  }

  private static ArrayNode decimals(ObjectMapper mapper, Apfloat[] v, int n) {
    ArrayNode a = mapper.createArrayNode();
    for (Apfloat x : v) a.add(decimal(x, n));
    return a;
  }

  private static ArrayNode array(ObjectMapper mapper, double[] v) {
    ArrayNode a = mapper.createArrayNode();
    for (double x : v) a.add(x);
    return a;
  }
}
