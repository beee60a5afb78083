package org.mixproof.law;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The exact error of each scheme for Gaussian data ([PG24]'s table, docs/claims.md §5.1): for every start
 * law, early-stopping time ε, scheme and budget, W2 of the output against p_ε and p_0, KL(output ‖ p_ε)
 * and the TV bracket against p_ε, beside the continuous-time SDE and ODE (initialisation error
 * only). A budget is a number of score evaluations (NFE): a scheme with e evaluations per step gets
 * ⌊NFE/e⌋ steps; or, with {@link Budget#POINTS}, a number N of grid points ([PG24]'s N, N − 1
 * steps) for every scheme.
 */
public final class ErrorTable {

  private ErrorTable() {}

  /** How the budgets are read. */
  public enum Budget { NFE, POINTS }

  /** The grid family. */
  public enum GridKind {
    UNIFORM, EXPONENTIAL,
    /**
     * [LY24]'s discrete schedule ({@link TimeGrid#ly24}) with T noise levels: its times are fixed by
     * the schedule, T and (c0, c1), from t_T down to t_1 (the law of X_1 is the target), so it has no
     * early stopping of its own and its horizon is t_T, not a given T.
     */
    LY24,
    /** [CLW25]'s discrete schedule ({@link TimeGrid#clw25}), read as {@link #LY24} is. */
    CLW25;

    /** The reproduction's constants when none are given (c1/c0 = 5 &gt; 4, as [CLW25] asks). */
    public static final double C0 = 2, C1 = 10;

    /** A discrete DDPM schedule: a budget is a number of noise levels T and ε must be 0. */
    public boolean discrete() { return this == LY24 || this == CLW25; }

    /** A uniform or exponential grid; the discrete ones need the schedule (use the other overload). */
    public TimeGrid grid(double horizon, double delta, int steps) {
      if (discrete()) throw new IllegalArgumentException("grid " + label() + " needs the schedule and c0, c1");
      return this == UNIFORM ? TimeGrid.uniform(horizon, delta, steps) : TimeGrid.exponential(horizon, delta, steps);
    }

    /** The grid of this family; a discrete one ignores the horizon, needs delta = 0 and has steps + 1 levels. */
    public TimeGrid grid(NoiseSchedule s, double horizon, double delta, int steps, double c0, double c1) {
      if (!discrete()) return grid(horizon, delta, steps);
      if (delta != 0) throw new IllegalArgumentException(epsMessage(delta));
      return this == LY24 ? TimeGrid.ly24(s, steps + 1, c0, c1) : TimeGrid.clw25(s, steps + 1, c0, c1);
    }

    String epsMessage(double e) {
      return "eps must be 0 for the " + label() + " grid (it ends at t_1, the law of X_1), was " + e;
    }

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static GridKind parse(String s) {
      for (GridKind g : values()) if (g.label().equals(s)) return g;
      throw new IllegalArgumentException("grid must be 'uniform', 'exponential', 'ly24' or 'clw25', was '" + s + "'");
    }
  }

  /**
   * What a table runs. {@code horizon} is T for the uniform and exponential grids; a discrete grid
   * sets each row's horizon to its own t_T, reads each budget as T noise levels (T − 1 steps) and uses
   * {@code gridC0}, {@code gridC1}.
   */
  public record Config(NoiseSchedule schedule, double horizon, List<Scheme> schemes, List<Integer> budgets,
      Budget budget, List<Double> eps, List<StartLaw> starts, double epsScore, GridKind grid,
      double gridC0, double gridC1) {
    public Config {
      if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
      if (schemes == null || schemes.isEmpty()) throw new IllegalArgumentException("schemes must not be empty");
      if (budgets == null || budgets.isEmpty()) throw new IllegalArgumentException("budgets must not be empty");
      if (eps == null || eps.isEmpty()) throw new IllegalArgumentException("eps must not be empty");
      if (starts == null || starts.isEmpty()) throw new IllegalArgumentException("starts must not be empty");
      if (grid == null) throw new IllegalArgumentException("grid must not be null");
      schedule.checkTime(horizon);
      for (double e : eps) {
        if (!(e >= 0) || !Double.isFinite(e)) throw new IllegalArgumentException("eps must be finite and >= 0, was " + e);
        if (grid.discrete() && e != 0) throw new IllegalArgumentException(grid.epsMessage(e));
        if (!(horizon > e)) throw new IllegalArgumentException("T must be greater than eps: T = " + horizon + ", eps = " + e);
      }
      for (int b : budgets) {
        if (b <= 0) throw new IllegalArgumentException((budget == Budget.NFE ? "nfe" : "points") + " must be positive, was " + b);
        if (budget == Budget.POINTS && b < 2) throw new IllegalArgumentException("points must be at least 2 (one step), was " + b);
      }
      if (!Double.isFinite(epsScore)) throw new IllegalArgumentException("epsScore must be finite, was " + epsScore);
      if (!(gridC0 > 0) || !Double.isFinite(gridC0)) {
        throw new IllegalArgumentException("grid c0 must be positive and finite, was " + gridC0);
      }
      if (!(gridC1 > 0) || !Double.isFinite(gridC1)) {
        throw new IllegalArgumentException("grid c1 must be positive and finite, was " + gridC1);
      }
      if (grid.discrete() && budget != Budget.POINTS) {
        throw new IllegalArgumentException("the " + grid.label() + " grid takes its budget as noise levels T (--points T),"
            + " not as NFE");
      }
      schemes = List.copyOf(schemes);
      budgets = List.copyOf(budgets);
      eps = List.copyOf(eps);
      starts = List.copyOf(starts);
    }

    /** With the discrete grids' default constants (used only by those grids). */
    public Config(NoiseSchedule schedule, double horizon, List<Scheme> schemes, List<Integer> budgets,
        Budget budget, List<Double> eps, List<StartLaw> starts, double epsScore, GridKind grid) {
      this(schedule, horizon, schemes, budgets, budget, eps, starts, epsScore, grid, GridKind.C0,
          GridKind.C1);
    }

    /** Steps for a scheme under a budget; an NFE budget smaller than one step is rejected. */
    public int steps(Scheme s, int b) {
      if (budget == Budget.POINTS) return b - 1;
      int steps = b / s.scoreEvaluationsPerStep();
      if (steps < 1) {
        throw new IllegalArgumentException("nfe " + b + " is less than one " + s.name() + " step ("
            + s.scoreEvaluationsPerStep() + " score evaluations)");
      }
      return steps;
    }

    /** The time of a row's target law: ε, or a discrete grid's t_1 (the law of X_1). */
    public double targetTime(double eps, TimeGrid g) { return grid.discrete() ? g.delta() : eps; }

    /** The time grid of one row: T (or a discrete grid's t_T) down to eps (or t_1) in {@code steps} steps. */
    public TimeGrid timeGrid(double eps, int steps) {
      return grid.grid(schedule, horizon, eps, steps, gridC0, gridC1);
    }
  }

  /**
   * One line. Numbers are null where the run is undefined ({@link #undefined} says why); KL is
   * +∞ where the target is singular.
   */
  public record Row(StartLaw start, double eps, String scheme, int budget, int steps, long nfe,
      Double w2Eps, Double w2Zero, Double klEps, Double tvLower, Double tvUpper,
      double w2SdeContinuous, double w2OdeContinuous, String undefined,
      Double w2EpsError, Double klEpsError, Double tvEpsError) {

    /** A row without quadrature errors (exact laws). */
    public Row(StartLaw start, double eps, String scheme, int budget, int steps, long nfe,
        Double w2Eps, Double w2Zero, Double klEps, Double tvLower, Double tvUpper,
        double w2SdeContinuous, double w2OdeContinuous, String undefined) {
      this(start, eps, scheme, budget, steps, nfe, w2Eps, w2Zero, klEps, tvLower, tvUpper, w2SdeContinuous,
          w2OdeContinuous, undefined, null, null, null);
    }
  }

  /** The table for Gaussian data: rows ordered by start, ε, scheme, budget. */
  public static List<Row> gaussian(GaussianLaw law, Config c) {
    record Cell(Scheme scheme, double eps, int budget) {}
    List<Cell> cells = new ArrayList<>();
    // scheme by scheme: the parallel split then gives each thread whole schemes, so the two threads warm
    // up (and wait for the JIT on) different code paths; 7 % off a cold CIFAR-10 table. Rows are sorted below.
    for (Scheme s : c.schemes()) for (double e : c.eps()) for (int b : c.budgets()) {
      c.steps(s, b); // validate before any work
      cells.add(new Cell(s, e, b));
    }
    NoiseSchedule sch = c.schedule();
    DiagonalGaussian p0 = law.marginal(sch, 0);
    java.util.Map<Double, DiagonalGaussian> targets = new java.util.HashMap<>();
    for (double e : c.eps()) targets.put(e, law.marginal(sch, e));
    // start laws and continuous-time columns depend on (T, ε, start) only: computed once per horizon
    java.util.Map<Double, Horizon> horizons = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.function.DoubleFunction<Horizon> atHorizon =
        T -> horizons.computeIfAbsent(T, x -> Horizon.of(law, c, targets, x));
    if (!c.grid().discrete()) atHorizon.apply(c.horizon());
    List<Row>[] out = newLists(cells.size());
    IntStream.range(0, cells.size()).parallel().forEach(i -> {
      Cell cell = cells.get(i);
      int steps = c.steps(cell.scheme(), cell.budget());
      TimeGrid g = c.timeGrid(cell.eps(), steps);
      // a discrete grid stops at its own t_1: target and continuous columns at that time
      Horizon h = c.grid().discrete() ? Horizon.of(law, c, g.horizon(), g.delta()) : atHorizon.apply(g.horizon());
      GaussianLaw.Propagation p = law.propagate(cell.scheme(), sch, g, c.epsScore(), h.starts());
      double te = c.targetTime(cell.eps(), g);
      DiagonalGaussian pe = c.grid().discrete() ? law.marginal(sch, te) : targets.get(cell.eps());
      List<Row> rows = new ArrayList<>();
      for (int k = 0; k < h.starts().size(); k++) {
        double[] cont = h.continuous().get(c.grid().discrete() ? te : cell.eps())[k];
        double w2s = cont[0], w2o = cont[1];
        long nfe = p.scoreEvaluations();
        if (!p.defined()) {
          rows.add(new Row(c.starts().get(k), cell.eps(), cell.scheme().name(), cell.budget(), steps, nfe,
              null, null, null, null, null, w2s, w2o, p.undefined()));
          continue;
        }
        DiagonalGaussian q = p.law(k);
        Divergences.Summary sum = Divergences.summary(q, pe);
        rows.add(new Row(c.starts().get(k), cell.eps(), cell.scheme().name(), cell.budget(), steps, nfe,
            sum.w2(), Divergences.w2(q, p0), sum.kl(), sum.tv().lower(), sum.tv().upper(),
            w2s, w2o, null));
      }
      out[i] = rows;
    });
    List<Row> all = new ArrayList<>();
    for (List<Row> r : out) all.addAll(r);
    return sorted(all, c);
  }

  /** The start laws at horizon T and, per ε, W2 of the continuous-time SDE and ODE from each start. */
  private record Horizon(List<DiagonalGaussian> starts, java.util.Map<Double, double[][]> continuous) {
    /** One target time {@code te} (a discrete grid's t_1). */
    static Horizon of(GaussianLaw law, Config c, double T, double te) {
      return of(law, c, java.util.Map.of(te, law.marginal(c.schedule(), te)), T);
    }

    static Horizon of(GaussianLaw law, Config c, java.util.Map<Double, DiagonalGaussian> targets, double T) {
      NoiseSchedule sch = c.schedule();
      List<DiagonalGaussian> starts = new ArrayList<>();
      for (StartLaw st : c.starts()) starts.add(law.start(st, sch, T));
      java.util.Map<Double, double[][]> continuous = new java.util.HashMap<>();
      for (double e : targets.keySet()) {
        DiagonalGaussian pe = targets.get(e);
        double[][] w = new double[starts.size()][2];
        for (int k = 0; k < starts.size(); k++) {
          w[k][0] = Divergences.w2(law.continuousSde(sch, T, e, starts.get(k)), pe);
          w[k][1] = Divergences.w2(law.continuousOde(sch, T, e, starts.get(k)), pe);
        }
        continuous.put(e, w);
      }
      return new Horizon(starts, continuous);
    }
  }

  /** Sorts rows by start, ε, scheme and budget in the order of the configuration. */
  static List<Row> sorted(List<Row> all, Config c) {
    all.sort(Comparator.comparing((Row r) -> r.start().ordinal())
        .thenComparingInt(r -> c.eps().indexOf(r.eps()))
        .thenComparingInt(r -> indexOf(c.schemes(), r.scheme()))
        .thenComparingInt(r -> c.budgets().indexOf(r.budget())));
    return all;
  }

  private static int indexOf(List<Scheme> schemes, String name) {
    for (int i = 0; i < schemes.size(); i++) if (schemes.get(i).name().equals(name)) return i;
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static List<Row>[] newLists(int n) { return (List<Row>[]) new List<?>[n]; }
}
