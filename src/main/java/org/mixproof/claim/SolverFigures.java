package org.mixproof.claim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mixproof.law.DiagonalGaussian;
import org.mixproof.law.ErrorTable;
import org.mixproof.law.GaussianLaw;
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
  public static FigureData errorVsNfe(long seed, int d) {
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
    List<FigureData.Line> lines = new ArrayList<>();
    for (Map.Entry<String, Integer> e : orders.entrySet()) {
      Scheme sc = Schemes.parse(e.getKey());
      int[] steps = {8, 16, 32, 64, 128, 256};
      double[] x = new double[steps.length], y = new double[steps.length], ref = new double[steps.length];
      for (int i = 0; i < steps.length; i++) {
        x[i] = (double) steps[i] * sc.scoreEvaluationsPerStep();
        y[i] = SolverGaussian.discretisationError(law, sc, s, T, delta, steps[i], target);
        ref[i] = y[0] * Math.pow(x[i] / x[0], -e.getValue());
      }
      lines.add(new FigureData.Line(e.getKey(), x, y));
      lines.add(new FigureData.Line(e.getKey() + " slope −" + e.getValue(), x, ref));
    }
    return new FigureData("solver-error-vs-nfe.png", "Gaussian data: W2 discretisation error vs NFE", "NFE",
        "W2(output, p_δ)", true, true, lines, "Exact output laws (GaussianLaw) for N(0, diag λ), d = " + d
            + ", λ log-uniform in [0.1, 10] (seed " + seed + "), vp-ou, T = 1.5, δ = 0.15, start p_T; dashed: claimed slopes.");
  }

  /** [PG24]'s CIFAR-10 table as a figure: W2 to p_ε (ε = 1e-3) vs NFE per scheme, start prior and exact. */
  public static FigureData cifarTable() {
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.cifar10());
    List<Scheme> schemes = Schemes.parseList("em,ei,ddpm,ode-euler,ode-heun,ode-rk4");
    List<Integer> nfe = List.of(50, 100, 250, 500, 1000);
    ErrorTable.Config c = new ErrorTable.Config(Schedules.parse("vp-linear:0.1,20"), 1.0, schemes, nfe,
        ErrorTable.Budget.NFE, List.of(1e-3), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0, ErrorTable.GridKind.UNIFORM);
    Map<String, List<double[]>> pts = new TreeMap<>();
    for (ErrorTable.Row r : ErrorTable.gaussian(law, c)) {
      if (r.w2Eps() == null) continue;
      pts.computeIfAbsent(r.scheme() + " (" + r.start().label() + ")", k -> new ArrayList<>()).add(new double[] {r.nfe(), r.w2Eps()});
    }
    List<FigureData.Line> lines = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : pts.entrySet()) {
      double[] x = new double[e.getValue().size()], y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = e.getValue().get(i)[0];
        y[i] = e.getValue().get(i)[1];
      }
      lines.add(new FigureData.Line(e.getKey(), x, y));
    }
    return new FigureData("cifar10-error-table.png", "CIFAR-10 spectrum ([PG24]): W2 to p_ε vs NFE", "NFE", "W2",
        true, true, lines, "Exact Gaussian laws on the bundled CIFAR-10 covariance spectrum (d = 3072), vp-linear 0.1..20,"
            + " T = 1, ε = 1e-3, uniform grid; start N(0, I) (prior) or p_T (exact).");
  }

  /**
   * The sweeps of a guarantee claim file (try 0 at the file's seed): Ĉ against the swept parameter, one
   * series per sweep; for a discrete-grid file (ly24, clw25) T·TV (upper bracket) against T for each d of its d sweep.
   */
  public static List<FigureData> guaranteeSweeps(Path claimFile) throws IOException {
    ClaimSpec spec = ClaimFiles.parse(Files.readString(claimFile), claimFile);
    long seed = spec.longValue("seed", 1);
    BoundExpression bound = BoundExpression.of(spec, "bound", GuaranteeCheck.NAMES);
    List<FigureData> out = new ArrayList<>();
    for (GuaranteeCheck.Sweep sw : GuaranteeCheck.sweeps(spec, bound, seed, 0)) {
      int n = sw.points().size();
      double[] x = new double[n], c = new double[n];
      for (int i = 0; i < n; i++) {
        GuaranteeCheck.Point p = sw.points().get(i);
        x[i] = sw.parameter().equals("steps") ? p.vars().get("h") : p.x();
        c[i] = p.c();
      }
      out.add(new FigureData(spec.id() + "-" + sw.parameter() + ".png", spec.id() + ": Ĉ along " + sw.parameter(),
          sw.parameter().equals("steps") ? "h" : sw.parameter(), "Ĉ = TV / bound", true, true,
          List.of(new FigureData.Line("Ĉ", x, c)), "Ĉ from the upper TV bracket, try 0 (the verdict takes the largest Ĉ over all tries at each value); bound " + spec.bound() + "; seed " + seed));
    }
    if (GuaranteeCheck.discrete(spec) && spec.has("sweep-dimension") && spec.has("sweep-levels")) {
      List<FigureData.Line> lines = new ArrayList<>();
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
        lines.add(new FigureData.Line("d = " + (long) d, x, y));
      }
      String scheme = spec.string("scheme", "");
      out.add(new FigureData(spec.id() + "-n-tv.png", spec.id() + ": T·TV vs T per dimension", "T (noise levels)",
          "T · TV (upper bracket)", true, true, lines, "Exact separable laws; " + scheme + " sampler on the "
              + spec.string("grid", "") + " schedule; seed " + seed));
    }
    return out;
  }
}
