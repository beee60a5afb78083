package org.mixproof.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mixproof.claim.rate.GuaranteeCheck;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.law.DiagonalGaussian;
import org.mixproof.law.ErrorTable;
import org.mixproof.law.GaussianLaw;
import org.mixproof.law.SolverGaussian;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/** Figure data of the solver claims (deterministic; seeded where random). */
public final class SolverFigures {

  private SolverFigures() {}

  /**
   * W2 discretisation error against NFE (log-log) per scheme for Gaussian data N(0, diag λ) (λ log-uniform
   * in [0.1, 10], seeded), from p_T exactly on vp-ou, δ = 0.1 T, with reference lines of the claimed slopes
   * −p through each scheme's first point.
   */
  public static Figure errorVsNfe(long seed, int d) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] lambda = new double[d];
    for (int j = 0; j < d; j++) lambda[j] = 0.1 * Math.pow(100, rng.nextDouble());
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
    NoiseSchedule s = Schedules.parse("vp-ou");
    double T = SolverGaussian.horizon(s), delta = 0.1 * T;
    DiagonalGaussian target = law.marginal(s, delta);
    Map<String, Integer> orders = new java.util.LinkedHashMap<>();
    orders.put("em", 1);
    orders.put("ode-euler", 1);
    orders.put("ode-heun", 2);
    orders.put("ode-rk4", 4);
    List<Series> lines = new ArrayList<>();
    List<Double> ticks = new ArrayList<>();
    for (Map.Entry<String, Integer> e : orders.entrySet()) {
      Scheme sc = Schemes.parse(e.getKey());
      int[] steps = {8, 16, 32, 64, 128, 256};
      double[] x = new double[steps.length], y = new double[steps.length], ref = new double[steps.length];
      for (int i = 0; i < steps.length; i++) {
        x[i] = (double) steps[i] * sc.scoreEvaluationsPerStep();
        y[i] = SolverGaussian.discretisationError(law, sc, s, T, delta, steps[i], target);
        ref[i] = y[0] * Math.pow(x[i] / x[0], -e.getValue());
      }
      lines.add(new Series(e.getKey(), x, y));
      // the claimed slope in the scheme's colour, dashed
      lines.add(new Series(e.getKey() + " slope −" + e.getValue(), x, ref, Series.Style.DASHED).inGroup(e.getKey()));
      for (double v : x) if (!ticks.contains(v)) ticks.add(v);
    }
    ticks.sort(Double::compare);
    return new Figure("solver-error-vs-nfe.png", "Gaussian data: W2 discretisation error vs NFE", "NFE",
        "W2(output, p_δ)", true, true, lines, "Exact output laws (GaussianLaw) for N(0, diag λ), d = " + d
            + ", λ log-uniform in [0.1, 10] (seed " + seed + "), vp-ou, T = 1.5, δ = 0.15, start p_T; dashed, in each"
            + " scheme's colour: its claimed slope through its first point.", ticks);
  }

  /**
   * [PG24]'s CIFAR-10 table as a figure: W2 to p_ε (ε = 1e-3) vs NFE per scheme, one panel per start
   * (N(0, I), the prior, on the left; p_T, exact, on the right), each scheme in one colour and marker in
   * both panels, ticked at the table's NFE columns.
   */
  public static Figure cifarTable() {
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.cifar10());
    List<Scheme> schemes = Schemes.parseList("em,ei,ddpm,ode-euler,ode-heun,ode-rk4");
    List<Integer> nfe = List.of(50, 100, 250, 500, 1000);
    List<StartLaw> starts = List.of(StartLaw.PRIOR, StartLaw.EXACT);
    ErrorTable.Config c = new ErrorTable.Config(Schedules.parse("vp-linear:0.1,20"), 1.0, schemes, nfe,
        ErrorTable.Budget.NFE, List.of(1e-3), starts, 0, ErrorTable.GridKind.UNIFORM);
    // by start, then by scheme in the table's order
    Map<StartLaw, Map<String, List<double[]>>> pts = new java.util.EnumMap<>(StartLaw.class);
    for (StartLaw st : starts) {
      Map<String, List<double[]>> bySchemes = new java.util.LinkedHashMap<>();
      for (Scheme sc : schemes) bySchemes.put(sc.name(), new ArrayList<>());
      pts.put(st, bySchemes);
    }
    for (ErrorTable.Row r : ErrorTable.gaussian(law, c)) {
      if (r.w2Eps() == null) continue;
      pts.get(r.start()).computeIfAbsent(r.scheme(), k -> new ArrayList<>()).add(new double[] {r.nfe(), r.w2Eps()});
    }
    List<Series> lines = new ArrayList<>();
    for (Map.Entry<StartLaw, Map<String, List<double[]>>> byStart : pts.entrySet()) {
      String panel = byStart.getKey() == StartLaw.PRIOR ? "start N(0, I) (prior)" : "start p_T (exact)";
      for (Map.Entry<String, List<double[]>> e : byStart.getValue().entrySet()) {
        if (e.getValue().isEmpty()) continue;
        double[] x = new double[e.getValue().size()], y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = e.getValue().get(i)[0];
          y[i] = e.getValue().get(i)[1];
        }
        lines.add(new Series(e.getKey() + " (" + byStart.getKey().label() + ")", x, y).inPanel(panel, e.getKey()));
      }
    }
    List<Double> ticks = new ArrayList<>();
    for (int v : nfe) ticks.add((double) v);
    return new Figure("cifar10-error-table.png", "CIFAR-10 spectrum ([PG24]): W2 to p_ε vs NFE", "NFE", "W2",
        true, true, lines, "Exact Gaussian laws on the bundled CIFAR-10 covariance spectrum (d = 3072), vp-linear 0.1..20,"
            + " T = 1, ε = 1e-3, uniform grid; left: start N(0, I) (prior), right: start p_T (exact), on one W2 scale.",
        ticks);
  }

  /**
   * The sweeps of a guarantee claim file (try 0 at the file's seed): Ĉ against the swept parameter, one
   * figure per sweep, ticked at the swept values, with Ĉ from the lower TV brackets as markers and the
   * allowed growth as a dashed line: {@code growth} (the file's key, default 2) × the largest Ĉ over the
   * sweep's lower range, the first ⌊n/2⌋ values ({@link GuaranteeCheck.Envelope}: a lower-bracket Ĉ of
   * the upper range above that line is certain growth, and falsifies the claim). For a discrete-grid
   * file (ly24, clw25), also T·TV (upper bracket) against T for each d of its d sweep.
   */
  public static List<Figure> guaranteeSweeps(Path claimFile) throws IOException {
    ClaimSpec spec = ClaimFiles.parse(Files.readString(claimFile), claimFile);
    long seed = spec.longValue("seed", 1);
    double growth = spec.number("growth", 2);
    BoundExpression bound = BoundExpression.of(spec, "bound", GuaranteeCheck.NAMES);
    List<Figure> out = new ArrayList<>();
    for (GuaranteeCheck.Sweep sw : GuaranteeCheck.sweeps(spec, bound, seed, 0)) {
      out.add(sweepFigure(spec, sw, growth, seed));
    }
    if (GuaranteeCheck.discrete(spec) && spec.has("sweep-dimension") && spec.has("sweep-levels")) {
      List<Series> lines = new ArrayList<>();
      List<Double> levels = spec.numbers("sweep-levels", List.of());
      GuaranteeCheck.Base b = GuaranteeCheck.base(spec);
      for (double d : spec.numbers("sweep-dimension", List.of())) {
        double[] x = new double[levels.size()], y = new double[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
          GuaranteeCheck.Base c = b.with("dimension", d).with("levels", levels.get(i));
          GuaranteeCheck.Point p = GuaranteeCheck.point(spec, bound, c, GuaranteeCheck.draw(spec, seed, 0, b.k(), b.radius()),
              levels.get(i));
          x[i] = levels.get(i);
          y[i] = levels.get(i) * p.tvUpper();
        }
        lines.add(new Series("d = " + (long) d, x, y));
      }
      String scheme = spec.string("scheme", "");
      out.add(new Figure(spec.id() + "-n-tv.png", spec.id() + ": T·TV vs T per dimension", "T (noise levels)",
          "T · TV (upper bracket)", true, true, lines, "Exact separable laws; " + scheme + " sampler on the "
              + spec.string("grid", "") + " schedule; seed " + seed, levels));
    }
    return out;
  }

  /** The first ⌊n/2⌋ values of a sweep of n (at least one): the range growth is measured from, as in {@link GuaranteeCheck.Envelope}. */
  static int lowerRange(int n) {
    return Math.max(1, n / 2);
  }

  /** {@code v} to 4 significant digits, trailing zeros dropped ({@code 2}, {@code 0.4924}). */
  static String plain(double v) {
    if (!Double.isFinite(v) || v == 0) return GuaranteeCheck.fmt(v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** One sweep's figure: Ĉ (upper and lower brackets) along the swept parameter, and the allowed growth. */
  static Figure sweepFigure(ClaimSpec spec, GuaranteeCheck.Sweep sw, double growth, long seed) {
    GuaranteeCheck.Envelope env = sw.envelope();
    int n = sw.points().size();
    boolean steps = sw.parameter().equals("steps");
    double[] x = new double[n];
    List<Double> ticks = new ArrayList<>();
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < n; i++) {
      GuaranteeCheck.Point p = sw.points().get(i);
      x[i] = p.x();
      ticks.add(x[i]);
      if (steps) h.append(i > 0 ? ", " : "").append(plain(p.vars().get("h")));
    }
    double[] upper = env.upper(), lower = env.lower();
    int lr = lowerRange(n);
    double reference = 0;
    for (int j = 0; j < lr; j++) reference = Math.max(reference, upper[j]);
    double allowed = growth * reference;
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    String g = plain(growth);
    List<Series> lines = new ArrayList<>();
    lines.add(new Series("Ĉ (upper TV bracket)", x, upper));
    boolean anyLower = false;
    for (double v : lower) anyLower |= v > 0;
    if (anyLower) lines.add(new Series("Ĉ (lower TV bracket)", x, lower, Series.Style.MARKERS));
    lines.add(new Series("allowed: " + g + " × max Ĉ of the first " + (lr == 1 ? "value" : lr + " values"),
        new double[] {lo, hi}, new double[] {allowed, allowed}, Series.Style.DASHED));
    String xLabel = steps ? "N = steps (h = T/N = " + h + ")" : sw.parameter();
    return new Figure(spec.id() + "-" + sw.parameter() + ".png", spec.id() + ": Ĉ along " + sw.parameter(),
        xLabel, "Ĉ = TV / bound", true, true, lines,
        "Ĉ from the upper TV bracket (line) and from the lower one less the quadrature error (markers), try 0 (the"
            + " verdict takes the largest Ĉ over all tries at each value); dashed: the allowed growth, " + g + " × the"
            + " largest Ĉ over the first " + lr + " of the " + n + " swept values (a lower-bracket Ĉ above it in the"
            + " others would be certain growth and falsify the claim); Ĉ grows " + GuaranteeCheck.fmt(env.growth())
            + "× here; bound " + spec.bound() + "; seed " + seed, ticks);
  }
}
