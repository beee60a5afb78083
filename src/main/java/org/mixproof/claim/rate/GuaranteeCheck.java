package org.mixproof.claim.rate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mixproof.claim.ClaimCheck;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.law.ScaledChiSquare;
import org.mixproof.law.SeparableLaw;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@code quantity = solver-guarantee}: a §5.4 guarantee "TV ≲ bound" checked as a rate through its
 * empirical constant Ĉ = measured TV / bound (docs/claims.md §5.4). The data is an isotropic mixture
 * Σ π_i N(μ_i, σ² I_d) with means on a line (plus a common offset on a second axis), whose sampler
 * output law is exact by {@link SeparableLaw} (1-D grid law along the line ⊗ exact Gaussian law across
 * it; d = 1 is the grid law alone). The measured TV is the upper end of the separable law's bracket
 * plus its quadrature-error estimate, so Ĉ is never understated. Start N(0, I) (vp schedules).
 *
 * <p>Grids: {@code uniform} or {@code exponential} from T to δ in N = {@code steps} steps, target p_δ;
 * or the discrete DDPM schedules {@code ly24}, {@code clw25} ({@code TimeGrid}) with T =
 * {@code levels} noise levels, T − 1 steps from Y_T down to Y_1, target p_{X_1}; their constants are
 * {@code grid-c0}, {@code grid-c1}. With {@code compare = exact-scores} (d = 1 only) the measured TV is
 * TV(q_ε, q_0) between the outputs with perturbed and exact scores on the same grid, which isolates
 * the score-error term.
 *
 * <p>The {@code bound} expression is over:
 * <pre>
 * d k N h delta eps_score      dimension, components, steps, mean step, final time, score error
 * T                            the horizon; on a discrete grid the number of noise levels (the papers' T)
 * L                            a proved GLOBAL Lipschitz constant of the score (the shared-covariance bound of
 *                              docs/claims.md §3): max(1, sup over t ∈ [0, horizon] of max(1/λ_t,
 *                              a_t² D²/(4 λ_t²) − 1/λ_t)), λ_t = a_t² σ² + b_t² — (A1) of [CCLLSZ23]
 * m2                           E‖X_0‖² = Σ π_i ‖μ_i‖² + d σ² (exact; [CCLLSZ23]'s m₂ is its square root)
 * kl0                          KL(p_0 ‖ N(0, I)): line part by quadrature, the rest closed form
 * sigma2 R D                   σ², max ‖μ_i‖, max ‖μ_i − μ_j‖
 * </pre>
 * Each try draws a mixture (weights above {@code weight-floor}, line positions in [−R, R], an offset
 * off the line; position j uniform in the j-th of k equal strata of [−R, R]) and runs every sweep given: {@code sweep-steps} or {@code sweep-levels} (h → 0, T →
 * ∞), {@code sweep-horizon} (T grows at fixed h), {@code sweep-dimension}, {@code sweep-components},
 * {@code sweep-spread} (T grows on a discrete grid with the
 * means spread to radius T^{c_R}, c_R = {@code spread-exponent}: [CLW25]'s ‖μ_k‖ ≤ T^{c_R}), {@code sweep-eps} (ε_score), each varying one parameter
 * from the base case. At each value of a swept parameter the estimate of the constant is the maximum of
 * Ĉ over the tries' drawn mixtures ({@link Envelope}); it may not grow beyond {@code growth} × its
 * lower range (certainly, from the brackets); that failure is FALSIFIED — it is one-sided, as the
 * claims are upper bounds. The
 * log-log slope of TV along {@code sweep-eps} is reported, not judged. {@code max-Lh} states the
 * theorem's step condition h ≲ 1/L: a sweep point with L·h above it is a malformed claim file.
 */
public final class GuaranteeCheck implements ClaimCheck {

  public static final String NAME = "solver-guarantee";

  public static final Set<String> NAMES = Set.of("d", "k", "N", "h", "T", "delta", "eps_score", "L", "m2", "kl0",
      "sigma2", "R", "D");

  static final List<String> SWEEPS = List.of("steps", "levels", "horizon", "dimension", "components", "spread", "eps");

  @Override public Set<String> keys() {
    Set<String> k = new TreeSet<>(List.of("scheme", "grid", "grid-c0", "grid-c1", "schedule", "dimension",
        "components", "horizon", "steps", "levels", "eps-score", "delta", "sigma2", "mean-radius", "offset",
        "weight-floor", "cells", "growth", "max-Lh", "compare", "spread-exponent"));
    for (String s : SWEEPS) k.add("sweep-" + s);
    return k;
  }

  /** One point of a sweep: the bound's variables, the TV bracket and its quadrature error, the bound and Ĉ. */
  public record Point(double x, Map<String, Double> vars, double tvLower, double tvUpper, double tvError,
      double bound, double c) {
    /** The TV the claim is judged on: upper bracket plus quadrature error. */
    public double measured() { return tvUpper + tvError; }
  }

  /** A sweep over one parameter in one try: a drawn mixture, the parameter varied from the base case. */
  public record Sweep(String parameter, List<Point> points) {
    /** This try alone as an envelope. */
    public Envelope envelope() { return Envelope.of(List.of(this)); }

    public double growth() { return envelope().growth(); }

    public double certainGrowth() { return envelope().certainGrowth(); }

    /** The largest log-log slope of measured TV against x between consecutive points (reported, not judged). */
    public double maxSlope() {
      double m = Double.NEGATIVE_INFINITY;
      for (int i = 1; i < points.size(); i++) {
        Point a = points.get(i - 1), b = points.get(i);
        if (a.x() <= 0 || b.x() <= 0 || a.x() == b.x()) continue;
        m = Math.max(m, Math.log(b.measured() / a.measured()) / Math.log(b.x() / a.x()));
      }
      return m;
    }
  }

  /**
   * One parameter's sweep over all tries: at each value x, the largest Ĉ over the tries, from the upper
   * TV brackets ({@code upper}) and from the lower ones less the quadrature error ({@code lower}). The
   * claimed constant is a supremum over the data class, so the estimate of Ĉ(x) is the maximum over the
   * drawn instances, not one instance: comparing single draws across x measures how the draws differ
   * (two means that almost coincide make the data almost Gaussian and put one Ĉ near the floor), not the
   * rate. Growth compares the upper range with the lower range: max over the last ⌈n/2⌉ values over max
   * over the first ⌊n/2⌋; a constant that truly depends on the parameter raises the one above the other.
   */
  public record Envelope(String parameter, double[] x, double[] upper, double[] lower) {
    static Envelope of(List<Sweep> tries) {
      Sweep first = tries.get(0);
      int n = first.points().size();
      double[] x = new double[n], up = new double[n], lo = new double[n];
      for (int j = 0; j < n; j++) x[j] = first.points().get(j).x();
      for (Sweep sw : tries) {
        for (int j = 0; j < n; j++) {
          Point p = sw.points().get(j);
          up[j] = Math.max(up[j], p.c());
          lo[j] = Math.max(lo[j], Math.max(0, p.tvLower() - p.tvError()) / p.bound());
        }
      }
      return new Envelope(first.parameter(), x, up, lo);
    }

    private int lowerRange() { return Math.max(1, x.length / 2); }

    private double reference() {
      double r = 0;
      for (int j = 0; j < lowerRange(); j++) r = Math.max(r, upper[j]);
      return r;
    }

    /** max Ĉ (upper brackets) over the upper range / the same over the lower range (what the report shows). */
    public double growth() {
      double g = 0, ref = reference();
      for (int j = lowerRange(); j < x.length; j++) g = Math.max(g, upper[j] / ref);
      return g;
    }

    /**
     * The growth that is certain whatever the true TV inside each bracket: lower brackets in the upper
     * range against upper brackets in the lower range. Above the allowed factor the claimed rate is
     * certainly missed.
     */
    public double certainGrowth() {
      double g = 0, ref = reference();
      for (int j = lowerRange(); j < x.length; j++) g = Math.max(g, lower[j] / ref);
      return g;
    }

    /** "x→Ĉ, …" from the upper brackets. */
    String values() {
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < x.length; j++) b.append(j > 0 ? ", " : "").append(fmt(x[j])).append("→").append(fmt(upper[j]));
      return b.toString();
    }
  }

  /** A drawn mixture: weights, line positions, the offset off the line. */
  public record Draw(double[] weights, double[] positions, double offset) {}

  /** The base case of a claim file: N is the number of steps (T − 1 on a discrete grid). */
  public record Base(int d, int k, double T, int N, double eps, double delta, double sigma2, double radius) {
    public Base with(String sweep, double x) {
      return switch (sweep) {
        case "steps" -> new Base(d, k, T, (int) x, eps, delta, sigma2, radius);
        case "levels" -> new Base(d, k, T, (int) x - 1, eps, delta, sigma2, radius);
        // T grows at a fixed step h: N scales with T − δ
        case "horizon" -> new Base(d, k, x, (int) Math.round(N * (x - delta) / (T - delta)), eps, delta, sigma2, radius);
        case "dimension" -> new Base((int) x, k, T, N, eps, delta, sigma2, radius);
        case "components" -> new Base(d, (int) x, T, N, eps, delta, sigma2, radius);
        case "radius" -> new Base(d, k, T, N, eps, delta, sigma2, x);
        // the means spread with the levels as ‖μ‖ ≤ T^{c_R}: x is T, the radius x^{c_R} (c_R set by the caller)
        case "spread" -> with("levels", x);
        case "eps" -> new Base(d, k, T, N, x, delta, sigma2, radius);
        default -> throw new IllegalArgumentException("unknown sweep " + sweep);
      };
    }
  }

  @Override public Set<String> variables() { return NAMES; }

  /** The base case, schedule, scheme and grid of the file, without running a sampler. */
  @Override public void validate(ClaimSpec spec) {
    Base b = base(spec);
    NoiseSchedule s = schedule(spec);
    scheme(spec);
    grid(spec, s, b);
    // every grid a sweep will build: a schedule the recursion cannot produce is refused here, not mid-run
    for (String name : List.of("steps", "levels", "horizon", "spread")) {
      if (!spec.has("sweep-" + name)) continue;
      for (double x : spec.numbers("sweep-" + name, List.of())) grid(spec, s, b.with(name, x));
    }
  }

  @Override public ClaimResult run(ClaimSpec spec, RunOptions options) {
    long seed = options.seedFor(spec);
    int tries = options.triesFor(spec, 2);
    BoundExpression bound = BoundExpression.of(spec, "bound", NAMES);
    double growth = spec.number("growth", 2);
    double worstC = 0, worstSlope = Double.NEGATIVE_INFINITY;
    String worstWhere = "";
    Map<String, List<Sweep>> byParameter = new LinkedHashMap<>();
    long done = 0;
    for (int i = 0; i < tries && !options.pastDeadline(); i++) {
      for (Sweep sw : sweeps(spec, bound, seed, i)) {
        done++;
        byParameter.computeIfAbsent(sw.parameter(), k -> new ArrayList<>()).add(sw);
        for (Point p : sw.points()) {
          if (p.c() > worstC) {
            worstC = p.c();
            worstWhere = "try " + i + ", " + sw.parameter() + " = " + fmt(p.x());
          }
        }
        if (sw.parameter().equals("eps")) worstSlope = Math.max(worstSlope, sw.maxSlope());
      }
    }
    if (done == 0) return ClaimResult.error(spec, seed, "no sweep ran (deadline or no sweep-* key)");
    double worstGrowth = 0;
    StringBuilder summary = new StringBuilder(), inconclusive = new StringBuilder();
    for (List<Sweep> list : byParameter.values()) {
      Envelope env = Envelope.of(list);
      double g = env.growth(), certain = env.certainGrowth();
      worstGrowth = Math.max(worstGrowth, g);
      summary.append(String.format(Locale.ROOT, " %s: max Ĉ over %d tries %s", env.parameter(), list.size(), env.values()));
      if (certain > growth) {
        Sweep worst = list.get(0);
        for (Sweep sw : list) if (sw.certainGrowth() > worst.certainGrowth()) worst = sw;
        int i = list.indexOf(worst);
        Map<String, Object> w = witness(spec, seed, i, worst);
        String shrunkNote = "";
        if (worst.certainGrowth() > growth) {
          // one try falsifies by itself: reduce it like a point witness (fewer values, smaller k, d, N)
          RateShrinker.Shrunk sh = RateShrinker.shrink(spec, bound, seed, i, base(spec), worst, growth, options);
          w.put("shrunk", sh.tree());
          shrunkNote = "; shrunk in " + sh.steps() + " steps to " + sh.describe();
        }
        return new ClaimResult(spec, Verdict.FALSIFIED, done, 0, 0, "Ĉ", worstC, "sweep " + env.parameter() + " over "
            + list.size() + " tries", seed, String.format(Locale.ROOT, "Ĉ grows %.3g× along %s (certain, from the TV"
            + " brackets; allowed %.3g×): max Ĉ over %d tries %s%s", certain, env.parameter(), growth, list.size(),
            env.values(), shrunkNote), w);
      }
      if (g > growth) {
        inconclusive.append(String.format(Locale.ROOT, " %s: Ĉ from the upper brackets grows %.3g× but only %.3g× is certain;",
            env.parameter(), g, certain));
      }
    }
    String slope = worstSlope == Double.NEGATIVE_INFINITY ? ""
        : String.format(Locale.ROOT, " largest log-log slope of TV in ε_score %.3g (reported, not judged);", worstSlope);
    return new ClaimResult(spec, Verdict.HOLDS, done, 0, 0, "Ĉ", worstC, worstWhere, seed,
        String.format(Locale.ROOT, "Ĉ growth ≤ %.3g× (allowed %.3g×);%s%s%s", worstGrowth, growth, slope, inconclusive,
            summary), null);
  }

  public static String fmt(double x) { return String.format(Locale.ROOT, "%.4g", x); }

  /** The mixture of try {@code i} (seeded by the claim seed and i). */
  public static Draw draw(ClaimSpec spec, long seed, int i, int k, double radius) {
    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i * 7919L + k);
    double floor = spec.number("weight-floor", 0.1);
    if (!(floor * k < 1)) throw spec.error("weight-floor", "k · floor must be < 1 for k = " + k);
    double[] w = new double[k], pos = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) sum += w[j] = rng.nextDouble();
    for (int j = 0; j < k; j++) w[j] = floor + (1 - k * floor) * w[j] / sum;
    // one position per stratum of [−R, R], so that every k ≥ 2 spreads its means over the range
    for (int j = 0; j < k; j++) pos[j] = radius * (2 * (j + rng.nextDouble()) / k - 1);
    return new Draw(w, pos, spec.number("offset", 0.5) * rng.nextDouble());
  }

  /** A discrete DDPM grid (ly24, clw25): levels instead of steps, its own horizon and final time. */
  public static boolean discrete(ClaimSpec spec) {
    String g = spec.string("grid", "uniform");
    return g.equals("ly24") || g.equals("clw25");
  }

  public static Base base(ClaimSpec spec) {
    boolean discrete = discrete(spec);
    for (String key : discrete ? List.of("steps", "sweep-steps", "horizon", "sweep-horizon", "delta") : List.of("levels", "sweep-levels")) {
      if (spec.has(key)) throw spec.error(key, "is not read with grid = " + spec.string("grid", "uniform"));
    }
    int steps = discrete ? spec.integer("levels", 64) - 1 : spec.integer("steps", 64);
    Base b = new Base(spec.integer("dimension", 1), spec.integer("components", 2), spec.number("horizon", 4),
        steps, spec.number("eps-score", 0), spec.number("delta", 0.01), spec.number("sigma2", 0.25),
        spec.number("mean-radius", 2));
    if (b.d() < 1) throw spec.error("dimension", "must be >= 1");
    if (b.k() < 1) throw spec.error("components", "must be >= 1");
    if (!(b.sigma2() > 0)) throw spec.error("sigma2", "must be > 0");
    if (!(b.radius() >= 0) || !Double.isFinite(b.radius())) throw spec.error("mean-radius", "must be finite and >= 0");
    if (b.N() < 1) throw spec.error(discrete ? "levels" : "steps", "must give at least one step");
    if (!discrete && !(b.delta() > 0 && b.T() > b.delta())) throw spec.error("horizon", "need T > δ > 0");
    if (spec.has("sweep-spread")) {
      if (!discrete) throw spec.error("sweep-spread", "needs a discrete grid (ly24, clw25): its values are noise levels T");
      spreadExponent(spec);
    }
    String compare = spec.string("compare", "target");
    if (!compare.equals("target") && !compare.equals("exact-scores")) {
      throw spec.error("compare", "must be target or exact-scores, was '" + compare + "'");
    }
    if (compare.equals("exact-scores") && (b.d() != 1 || spec.has("sweep-dimension"))) {
      throw spec.error("compare", "exact-scores needs dimension = 1 (TV between two grid laws)");
    }
    return b;
  }

  /** c_R of {@code sweep-spread}: the mean radius is T^{c_R}. */
  static double spreadExponent(ClaimSpec spec) {
    double e = spec.number("spread-exponent", Double.NaN);
    if (!(e > 0 && e < 1)) throw spec.error("spread-exponent", "sweep-spread needs 0 < c_R < 1, was " + e);
    return e;
  }

  /** Every sweep of try {@code i}, in the order of {@link #SWEEPS}. */
  public static List<Sweep> sweeps(ClaimSpec spec, BoundExpression bound, long seed, int i) {
    Base b = base(spec);
    List<Sweep> out = new ArrayList<>();
    for (String name : SWEEPS) {
      String key = "sweep-" + name;
      if (!spec.has(key)) continue;
      List<Double> xs = spec.numbers(key, List.of());
      if (xs.size() < 2) throw spec.error(key, "a sweep needs at least two values");
      out.add(sweep(spec, bound, seed, i, b, name, xs));
    }
    return out;
  }

  /** One sweep of try {@code i} over {@code xs} of parameter {@code name}, from base case {@code b}. */
  static Sweep sweep(ClaimSpec spec, BoundExpression bound, long seed, int i, Base b, String name, List<Double> xs) {
    List<Point> pts = new ArrayList<>();
    for (double x : xs) {
      Base c = b.with(name, x);
      if (name.equals("spread")) c = c.with("radius", Math.pow(x, spreadExponent(spec)));
      pts.add(point(spec, bound, c, draw(spec, seed, i, c.k(), c.radius()), x));
    }
    return new Sweep(name, List.copyOf(pts));
  }

  static NoiseSchedule schedule(ClaimSpec spec) {
    return spec.read("schedule", "vp-ou", Schedules::parse);
  }

  static TimeGrid grid(ClaimSpec spec, NoiseSchedule s, Base c) {
    return spec.read("grid", "uniform", g -> switch (g) {
      case "uniform" -> TimeGrid.uniform(c.T(), c.delta(), c.N());
      case "exponential" -> TimeGrid.exponential(c.T(), c.delta(), c.N());
      case "ly24" -> TimeGrid.ly24(s, c.N() + 1, spec.number("grid-c0", 2), spec.number("grid-c1", 4));
      case "clw25" -> TimeGrid.clw25(s, c.N() + 1, spec.number("grid-c0", 2), spec.number("grid-c1", 10));
      default -> throw spec.error("grid", "must be uniform, exponential, ly24 or clw25, was '" + g + "'");
    });
  }

  static Scheme scheme(ClaimSpec spec) {
    return spec.read("scheme", "ei", Schemes::parse);
  }

  static double[][] means(Draw w, int d) {
    double[][] mu = new double[w.positions().length][d];
    for (int j = 0; j < mu.length; j++) {
      mu[j][0] = w.positions()[j];
      if (d >= 2) mu[j][1] = w.offset();
    }
    return mu;
  }

  /** One run: the exact output law's TV bracket against p_δ, the bound's variables, the bound and Ĉ. */
  public static Point point(ClaimSpec spec, BoundExpression bound, Base c, Draw w, double x) {
    NoiseSchedule s = schedule(spec);
    TimeGrid grid = grid(spec, s, c);
    Scheme scheme = scheme(spec);
    double[][] mu = means(w, c.d());
    SeparableLaw law = SeparableLaw.of(w.weights(), mu, c.sigma2());
    SeparableLaw.Output out = law.propagate(scheme, s, grid, c.eps(), StartLaw.PRIOR, spec.integer("cells", 1024));
    if (out.undefined() != null) throw new IllegalStateException("run undefined: " + out.undefined());
    double delta = grid.delta();
    Map<String, Double> v = variables(w, c, s, grid, mu, discrete(spec));
    double bd = bound.evaluate(v);
    if (!(bd > 0)) throw spec.error("bound", "must be positive, was " + bd + " at " + v);
    if (spec.has("max-Lh") && v.get("L") * v.get("h") > spec.number("max-Lh", 0)) {
      throw spec.error("max-Lh", String.format(Locale.ROOT, "the theorem assumes h ≲ 1/L, but a sweep point has L h = %.4g"
          + " (L = %.4g, h = %.4g, N = %d) above %.4g", v.get("L") * v.get("h"), v.get("L"), v.get("h"), c.N(),
          spec.number("max-Lh", 0)));
    }
    if (spec.string("compare", "target").equals("exact-scores")) {
      SeparableLaw.Output exact = law.propagate(scheme, s, grid, 0, StartLaw.PRIOR, spec.integer("cells", 1024));
      org.mixproof.law.GridLaws.Estimate tv = out.line().tv(exact.line());
      return new Point(x, v, tv.value(), tv.value(), tv.error(), bd, (tv.value() + tv.error()) / bd);
    }
    SeparableLaw.Errors e = law.errors(out, s, delta);
    double lower = e.tvLower();
    if (law.zeroMeanCopies() > 0) {
      double target = s.a(delta) * s.a(delta) * c.sigma2() + s.b2(delta);
      lower = Math.max(lower, ScaledChiSquare.tv(law.zeroMeanCopies(), out.perpendicular().variance()[1], target));
    }
    double upper = Math.max(lower, e.tvUpper());
    double measured = upper + e.tvError();
    return new Point(x, v, lower, upper, e.tvError(), bd, measured / bd);
  }

  /** Points of the uniform time grid on which sup_t of the Lipschitz bound is taken, besides t = 0 and the grid. */
  static final int LIPSCHITZ_TIMES = 2000;

  static Map<String, Double> variables(Draw w, Base c, NoiseSchedule s, TimeGrid grid, double[][] mu, boolean discrete) {
    Map<String, Double> v = new TreeMap<>();
    int k = w.weights().length;
    double r = 0, diam = 0, m2 = 0;
    for (int i = 0; i < k; i++) {
      double n2 = 0;
      for (double z : mu[i]) n2 += z * z;
      r = Math.max(r, Math.sqrt(n2));
      m2 += w.weights()[i] * n2;
      for (int j = 0; j < k; j++) diam = Math.max(diam, Math.abs(w.positions()[i] - w.positions()[j]));
    }
    m2 += c.d() * c.sigma2();
    // (A1) wants one L for all t ≥ 0: sup over [0, horizon] (the sampler never uses a later score), and L ≥ 1.
    // For vp-ou both terms are monotone in u = a_t² (λ = 1 − u(1 − σ²); u/λ² increases in u when σ² > 0), so the
    // sup sits at t = 0 or t = horizon, both evaluated exactly; the dense grid covers other vp schedules.
    double lip = 1;
    double[] grid0 = grid.times();
    double[] ts = new double[grid0.length + LIPSCHITZ_TIMES + 1];
    System.arraycopy(grid0, 0, ts, 0, grid0.length);
    for (int j = 0; j <= LIPSCHITZ_TIMES; j++) ts[grid0.length + j] = grid.horizon() * j / LIPSCHITZ_TIMES;
    for (double t : ts) {
      double a = s.a(t), lt = a * a * c.sigma2() + s.b2(t);
      lip = Math.max(lip, Math.max(1 / lt, a * a * diam * diam / (4 * lt * lt) - 1 / lt));
    }
    v.put("d", (double) c.d());
    v.put("k", (double) k);
    v.put("N", (double) grid.steps());
    v.put("h", (grid.horizon() - grid.delta()) / grid.steps());
    v.put("T", discrete ? grid.steps() + 1.0 : grid.horizon());
    v.put("delta", grid.delta());
    v.put("eps_score", c.eps());
    v.put("L", lip);
    v.put("m2", m2);
    v.put("kl0", kl0(w, c));
    v.put("sigma2", c.sigma2());
    v.put("R", r);
    v.put("D", diam);
    return v;
  }

  /**
   * KL(p_0 ‖ N(0, I)) for the separable data: the line mixture against N(0, 1) by Simpson's rule on
   * ±(R + 14σ) with 4096 intervals (the integrand is smooth; the tail beyond 14σ holds < e^{−98}), plus
   * the offset coordinate ½(σ² + off² − 1 − ln σ²) and d − 2 coordinates ½(σ² − 1 − ln σ²) in closed form.
   */
  /**
   * Simpson's rule on 4096 panels, a fixed rule: commons-math3's integrator after 13 trapezoid stages
   * (2¹² panels), its accuracy thresholds set so that it stops exactly there (the tails beyond 14 σ are
   * below 1e-40 and the integrand is smooth: the rule's error is far below the bounds it enters). A new
   * integrator per call: it keeps state, and claims run on several threads.
   */
  private static org.apache.commons.math3.analysis.integration.SimpsonIntegrator klRule() {
    return new org.apache.commons.math3.analysis.integration.SimpsonIntegrator(1.0, Double.MAX_VALUE, 13, 64);
  }

  static double kl0(Draw w, Base c) {
    double sd = Math.sqrt(c.sigma2()), reach = 0;
    for (double p : w.positions()) reach = Math.max(reach, Math.abs(p));
    double lo = -reach - 14 * sd, hi = reach + 14 * sd;
    org.apache.commons.math3.analysis.UnivariateFunction f = x -> {
      double p = 0;
      for (int i = 0; i < w.weights().length; i++) {
        double z = (x - w.positions()[i]) / sd;
        p += w.weights()[i] * Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
      }
      return p > 0 ? p * (Math.log(p) + 0.5 * x * x + 0.5 * Math.log(2 * Math.PI)) : 0;
    };
    double kl = klRule().integrate(Integer.MAX_VALUE, f, lo, hi);
    double g = 0.5 * (c.sigma2() - 1 - Math.log(c.sigma2()));
    if (c.d() >= 2) kl += g + 0.5 * w.offset() * w.offset();
    if (c.d() >= 3) kl += (c.d() - 2) * g;
    return Math.max(0, kl);
  }

  private static Map<String, Object> witness(ClaimSpec spec, long seed, int i, Sweep sw) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schedule", spec.string("schedule", "vp-ou"));
    m.put("scheme", spec.string("scheme", "ei"));
    m.put("sweep", sw.parameter());
    List<Map<String, Object>> pts = new ArrayList<>();
    for (Point p : sw.points()) {
      Map<String, Object> q = new LinkedHashMap<>(p.vars());
      q.put("tv_lower", p.tvLower());
      q.put("tv_upper", p.tvUpper());
      q.put("tv_error", p.tvError());
      q.put("bound", p.bound());
      q.put("C_hat", p.c());
      pts.add(q);
    }
    m.put("points", pts);
    Base b = base(spec);
    Draw w = draw(spec, seed, i, b.k(), b.radius());
    double[][][] cov = new double[b.k()][1][1];
    double[][] mu = new double[b.k()][1];
    for (int j = 0; j < b.k(); j++) {
      cov[j][0][0] = b.sigma2();
      mu[j][0] = w.positions()[j];
    }
    m.put("mixture", MixtureJson.tree(GaussianMixture.normalized(w.weights(), mu, cov)));
    m.put("mixture_note", "the line part of the data (means on the first axis, offset " + w.offset()
        + " on the second, isotropic σ² = " + b.sigma2() + " in d = " + b.d() + ")");
    return m;
  }
}
