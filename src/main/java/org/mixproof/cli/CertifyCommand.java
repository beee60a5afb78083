package org.mixproof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mixproof.certify.BoxCertifier;
import org.mixproof.certify.BoxCertifier.Result;
import org.mixproof.certify.DensityEnclosure;
import org.mixproof.certify.Interval;
import org.mixproof.certify.ScheduleEnclosure;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixproof certify}: certificates in outward-rounded interval arithmetic (docs/claims.md §8). */
@Command(name = "certify", mixinStandardHelpOptions = true, subcommands = CertifyCommand.Lipschitz.class,
    description = "Prove or falsify a bound rigorously, in outward-rounded interval arithmetic (docs/claims.md §8).")
final class CertifyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: lipschitz");
  }

  /** Exit codes: 0 PROVED, 1 FALSIFIED, 3 UNDECIDED (2 is bad input, as everywhere). */
  static int exitCode(BoxCertifier.Verdict v) {
    return switch (v) {
      case PROVED -> 0;
      case FALSIFIED -> 1;
      case UNDECIDED -> 3;
    };
  }

  /** {@code mixproof certify lipschitz}: sup over a box of ‖H(x)‖₂ ≤ B, by branch and bound. */
  @Command(name = "lipschitz", mixinStandardHelpOptions = true,
      description = {"Prove sup_{x in BOX} ‖H(x)‖₂ ≤ BOUND for the diffused mixture, or falsify it at a point, by "
          + "branch and bound in outward-rounded interval arithmetic.",
          "Exit 0 PROVED, 1 FALSIFIED (with a point certificate), 3 UNDECIDED (budget spent), 2 bad input."})
  static final class Lipschitz implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin DiffusedMixtureOptions input;

    @Option(names = "--box", required = true, paramLabel = "LO:HI,...",
        description = "The box, one LO:HI per coordinate, comma-separated (e.g. -1:1,-2:0.5).")
    String box;

    @Option(names = "--bound", required = true, paramLabel = "B", description = "The bound B to prove.")
    double bound;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "60",
        description = "Wall-time budget (default ${DEFAULT-VALUE} s); UNDECIDED when it ends first.")
    double budget;

    @Option(names = "--max-boxes", paramLabel = "N", defaultValue = "10000000",
        description = "Most sub-boxes to evaluate (default ${DEFAULT-VALUE}).")
    long maxBoxes;

    @Option(names = "--coefficients", paramLabel = "exact|as-computed", defaultValue = "exact",
        description = "exact (default): the real a_t, b_t² of the schedule's closed form, enclosed; as-computed: the "
            + "schedule code's doubles a(t), b2(t) taken as exact (the density the double code and the oracle evaluate).")
    String coefficients;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    @SuppressWarnings("try")
    public Integer call() {
      CommandLine cl = spec.commandLine();
      GaussianMixture mixture = input.load(cl).mixture();
      NoiseSchedule schedule = input.schedule(cl);
      double t = input.time(cl);
      Interval[] sides = parseBox(cl, box, mixture.dimension());
      if (!Double.isFinite(bound)) throw new CommandLine.ParameterException(cl, "--bound must be finite, was " + bound);
      if (!(budget > 0)) throw new CommandLine.ParameterException(cl, "--budget must be positive seconds, was " + budget);
      if (maxBoxes < 1) throw new CommandLine.ParameterException(cl, "--max-boxes must be >= 1, was " + maxBoxes);
      ScheduleEnclosure<Interval> coeff = switch (coefficients) {
        case "exact" -> ScheduleEnclosure.of(schedule, t);
        case "as-computed" -> ScheduleEnclosure.asComputed(schedule, t);
        default -> throw new CommandLine.ParameterException(cl,
            "--coefficients must be exact or as-computed, was " + coefficients);
      };
      DensityEnclosure<Interval> density = new DensityEnclosure<>(mixture, coeff);
      Result r;
      try (ProgressLine progress = new ProgressLine(cl.getErr(), quiet, "certify",
          () -> "branch and bound on sup ‖H(x)‖₂ over the box, d = " + mixture.dimension())) {
        r = new BoxCertifier(density).certify(sides, bound, budget, maxBoxes);
      }
      PrintWriter out = cl.getOut();
      if (json) out.println(asJson(schedule, t, sides, r).toPrettyString());
      else print(out, schedule, t, r);
      out.flush();
      return exitCode(r.verdict());
    }

    /** "lo:hi,lo:hi" with lo ≤ hi finite, one side per coordinate. */
    static Interval[] parseBox(CommandLine cl, String text, int d) {
      String[] parts = text.split(",", -1);
      if (parts.length != d) {
        throw new CommandLine.ParameterException(cl, "--box must have d = " + d + " sides LO:HI, had " + parts.length
            + " in '" + text + "'");
      }
      Interval[] out = new Interval[d];
      for (int j = 0; j < d; j++) {
        String[] ends = parts[j].trim().split(":", -1);
        try {
          if (ends.length != 2) throw new NumberFormatException();
          double lo = Double.parseDouble(ends[0].trim()), hi = Double.parseDouble(ends[1].trim());
          if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) throw new NumberFormatException();
          out[j] = Interval.of(lo, hi);
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(cl, "--box side " + (j + 1) + " must be LO:HI with finite LO <= HI, was '"
              + parts[j] + "'");
        }
      }
      return out;
    }

    private ObjectNode asJson(NoiseSchedule schedule, double t, Interval[] sides, Result r) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.put("verdict", r.verdict().name());
      root.put("mixture", input.mixtureFile.toString());
      root.put("schedule", schedule.spec());
      root.put("t", t);
      root.put("coefficients", coefficients);
      ArrayNode b = root.putArray("box");
      for (Interval s : sides) b.addArray().add(s.lo()).add(s.hi());
      root.put("bound", bound);
      root.putArray("enclosure").add(r.lower()).add(r.upper());
      root.put("boxes", r.boxes());
      root.put("seconds", r.seconds());
      root.put("unpruned_fraction", r.unprunedFraction());
      ObjectNode w = root.putObject("witness");
      ArrayNode p = w.putArray("point");
      for (double v : r.witness().point()) p.add(v);
      w.put("lower_bound", r.witness().lower());
      return root;
    }

    private void print(PrintWriter out, NoiseSchedule schedule, double t, Result r) {
      String relation = switch (r.verdict()) {
        case PROVED -> "≤";
        case FALSIFIED -> ">";
        case UNDECIDED -> "≤ (undecided)";
      };
      out.printf(Locale.ROOT, "%s: sup ‖H(x)‖₂ over the box %s %s %s (schedule %s, t = %s, coefficients %s)%n",
          r.verdict(), box, relation, bound, schedule.spec(), t, coefficients);
      out.printf(Locale.ROOT, "  the supremum lies in [%.17g, %.17g]%n", r.lower(), r.upper());
      out.printf(Locale.ROOT, "  %d sub-boxes in %.3f s; unpruned share of the box %.3g%n", r.boxes(), r.seconds(),
          r.unprunedFraction());
      if (r.verdict() == BoxCertifier.Verdict.FALSIFIED) {
        StringBuilder x = new StringBuilder();
        for (double v : r.witness().point()) x.append(x.length() == 0 ? "" : ", ").append(v);
        out.printf(Locale.ROOT, "  certified: ‖H(x)‖₂ ≥ %.17g > %s at x = (%s)%n", r.witness().lower(), bound, x);
      }
    }
  }
}
