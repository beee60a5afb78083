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
import org.mixproof.law.GaussianLaw;
import org.mixproof.law.SolverGaussian;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Schemes;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The docs/claims.md §5.1 {@code solver.gaussian.*} claims over random Gaussian data N(0, diag λ) (λ log-uniform
 * in {@code eigenvalues}, d in {@code dimensions}, a schedule from {@code schedules}, seeded), measured by
 * {@link SolverGaussian}. One class, four quantities:
 * <ul>
 *   <li>{@code solver-gaussian-order}: the settled log-log slope of W2 against h in the asymptotic range;
 *       {@code bound} is the claimed order (names {@code p} from {@code orders = scheme:p, …}, and {@code d}).
 *       One-sided, as the claim "error = O(h^p)" is an upper bound: violated only when the observed order is
 *       below bound − {@code tolerance}; an order above bound + tolerance (superconvergence on special data)
 *       is counted and reported, and a case whose refinement hit its budget before two slopes agreed is
 *       counted and reported, not judged.
 *   <li>{@code solver-gaussian-continuous-limit}: the gap to the continuous-time law shrinks per halving of h
 *       by at least {@code bound} (and W2 to p_δ is within the gap of the continuous error).
 *   <li>{@code solver-gaussian-monotone-horizon}: for T₁ &lt; T₂ in {@code horizons}, the initialisation error
 *       changes by W2(T₂) − W2(T₁) &lt; {@code bound} (strict decrease: bound 0), SDE and ODE.
 *   <li>{@code solver-gaussian-sde-beats-ode}: W2_SDE/W2_ODE &lt; {@code bound} at t = fraction·T, with
 *       0 &lt; e λ_t/λ_T &lt; 1 per eigenvalue and [PG24]'s identity to rounding.
 * </ul>
 */
public final class SolverGaussianCheck implements ClaimCheck {

  /** The four kinds, by quantity name. */
  public enum Kind {
    ORDER("solver-gaussian-order"), LIMIT("solver-gaussian-continuous-limit"),
    MONOTONE("solver-gaussian-monotone-horizon"), SDE_ODE("solver-gaussian-sde-beats-ode");

    final String quantity;

    Kind(String q) { this.quantity = q; }

    public String quantity() { return quantity; }
  }

  private final Kind kind;

  public SolverGaussianCheck(Kind kind) { this.kind = kind; }

  @Override public Set<String> keys() {
    return new TreeSet<>(List.of("dimensions", "eigenvalues", "schedules", "schemes", "orders", "horizons",
        "fractions", "max-steps", "first-steps", "last-steps"));
  }

  private static final Set<String> NAMES = Set.of("p", "d");

  @Override public Set<String> variables() { return NAMES; }

  /** One generated case: spectrum, schedule, scheme and a number in [0, 1). */
  record Case(double[] lambda, NoiseSchedule schedule, String scheme, double u, double v) {}

  @Override public ClaimResult run(ClaimSpec spec, RunOptions options) {
    long seed = options.seedFor(spec);
    int tries = options.triesFor(spec, 20);
    int[] dims = spec.intRange("dimensions", 1, 6);
    double[] eig = spec.range("eigenvalues", 0.1, 10);
    if (!(eig[0] > 0)) throw spec.error("eigenvalues", "must be > 0");
    List<NoiseSchedule> schedules = new ArrayList<>();
    for (String n : spec.list("schedules", List.of("vp-ou"))) {
      schedules.add(spec.parse("schedules", n, Schedules::parse));
    }
    Map<String, Integer> orders = new TreeMap<>();
    List<String> schemes = new ArrayList<>();
    if (kind == Kind.ORDER) {
      for (String o : spec.list("orders", List.of())) {
        String[] parts = o.split(":");
        if (parts.length != 2) throw spec.error("orders", "expected 'scheme:p', was '" + o + "'");
        spec.parse("orders", o, text -> {
          Schemes.parse(parts[0].trim());
          return orders.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
        });
      }
      if (orders.isEmpty()) throw spec.error("orders", "missing: the claimed order of each scheme, 'scheme:p, …'");
      schemes.addAll(orders.keySet());
    } else {
      for (String n : spec.list("schemes", List.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4", "ode-ei"))) {
        spec.parse("schemes", n, Schemes::parse);
        schemes.add(n);
      }
    }
    BoundExpression bound = BoundExpression.of(spec, "bound", NAMES);
    BoundExpression tolerance = spec.has("tolerance") ? BoundExpression.of(spec, "tolerance", NAMES) : null;
    SplittableRandom rng = new SplittableRandom(seed);
    double worst = kind == Kind.LIMIT ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    String worstWhere = "";
    long done = 0, skipped = 0, unsettled = 0, superconvergent = 0;
    String superExample = "";
    for (int i = 0; i < tries; i++) {
      if (options.pastDeadline()) break;
      int d = dims[0] + rng.nextInt(dims[1] - dims[0] + 1);
      double[] lambda = new double[d];
      for (int j = 0; j < d; j++) lambda[j] = eig[0] * Math.pow(eig[1] / eig[0], rng.nextDouble());
      Case c = new Case(lambda, schedules.get(rng.nextInt(schedules.size())), schemes.get(rng.nextInt(schemes.size())),
          rng.nextDouble(), rng.nextDouble());
      if (SolverGaussian.allOne(lambda) && kind != Kind.SDE_ODE) { // N(0, I) is stationary for vp schedules
        skipped++;
        continue;
      }
      Map<String, Double> vars = Map.of("p", (double) orders.getOrDefault(c.scheme(), 0), "d", (double) d);
      double b = bound.evaluate(vars);
      double tol = tolerance == null ? 0 : tolerance.evaluate(vars);
      GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(lambda, "generated"));
      String where = where(c);
      String violation = null;
      double measured;
      switch (kind) {
        case ORDER -> {
          int p = orders.get(c.scheme());
          SolverGaussian.Order o = SolverGaussian.order(law, Schemes.parse(c.scheme()), c.schedule(),
              SolverGaussian.perUnitTime(p), 0.05, spec.integer("max-steps", 1 << 16));
          if (!o.settled()) {
            skipped++;
            unsettled++;
            continue;
          }
          measured = b - o.slope();
          where += String.format(Locale.ROOT, " slope=%.4f", o.slope());
          if (measured > tol) {
            violation = String.format(Locale.ROOT, "slope %.4f, below the claimed order %s − %s", o.slope(), fmt(b), fmt(tol));
          } else if (o.slope() > b + tol) {
            superconvergent++;
            if (superExample.isEmpty()) superExample = where;
          }
        }
        case LIMIT -> {
          SolverGaussian.Limit lim = SolverGaussian.continuousLimit(law, Schemes.parse(c.scheme()), c.schedule(),
              spec.integer("first-steps", 64), spec.integer("last-steps", 1024));
          measured = lim.worstContraction();
          if (measured < b) violation = "gap to the continuous law shrinks by only " + fmt(measured) + " per halving, claimed " + fmt(b);
          else if (lim.worstTriangleExcess() > 0) violation = "W2 to p_δ is not within the gap of the continuous error";
        }
        case MONOTONE -> {
          double[] hz = spec.range("horizons", 0.2, 8);
          double t1 = hz[0] + (hz[1] - hz[0]) * c.u(), t2 = hz[0] + (hz[1] - hz[0]) * c.v();
          if (t1 == t2) {
            skipped++;
            continue;
          }
          double lo = Math.min(t1, t2), hi = Math.max(t1, t2);
          SolverGaussian.InitError eLo = SolverGaussian.initialisationError(law, c.schedule(), lo, 0.01);
          SolverGaussian.InitError eHi = SolverGaussian.initialisationError(law, c.schedule(), hi, 0.01);
          measured = Math.max(eHi.sde() - eLo.sde(), eHi.ode() - eLo.ode());
          where += String.format(Locale.ROOT, " T1=%.4g T2=%.4g", lo, hi);
          if (!(measured < b)) violation = "initialisation error changed by " + fmt(measured) + " from T = " + fmt(lo) + " to " + fmt(hi);
        }
        default -> {
          double[] fr = spec.range("fractions", 0.01, 0.9);
          double T = SolverGaussian.horizon(c.schedule()), t = (fr[0] + (fr[1] - fr[0]) * c.u()) * T;
          SolverGaussian.SdeVsOde r = SolverGaussian.sdeVsOde(law, c.schedule(), T, t);
          where += String.format(Locale.ROOT, " t=%.4g", t);
          if (!r.anyStrict()) {
            skipped++;
            continue;
          }
          measured = r.w2Sde() / r.w2Ode();
          if (!(r.minFactor() > 0 && r.maxFactor() < 1)) violation = "e λ_t/λ_T outside (0, 1): " + fmt(r.minFactor()) + ".." + fmt(r.maxFactor());
          else if (r.worstIdentityExcess() > 0) violation = "[PG24] identity off by " + fmt(r.worstIdentityExcess()) + " beyond rounding";
          else if (!r.strictEverywhere()) violation = "an SDE variance is not strictly closer to λ_t";
          else if (!(measured < b)) violation = "W2_SDE/W2_ODE = " + fmt(measured) + ", claimed < " + fmt(b);
        }
      }
      done++;
      boolean worse = kind == Kind.LIMIT ? measured < worst : measured > worst;
      if (worse) {
        worst = measured;
        worstWhere = where;
      }
      if (violation != null) {
        return new ClaimResult(spec, Verdict.FALSIFIED, done, skipped, 0, measureName(), measured, where, seed,
            violation, witness(c, measured, b));
      }
    }
    if (done == 0) {
      return new ClaimResult(spec, Verdict.VACUOUS, 0, skipped, 0, measureName(), Double.NaN, "", seed,
          "no case met the hypotheses", null);
    }
    String detail = "no violation in " + done + " cases";
    if (kind == Kind.ORDER) {
      detail += String.format(Locale.ROOT, "; superconvergence (order above claimed + tolerance, reported, not judged)"
          + " in %d%s; refinement budget (max-steps) ended before two slopes agreed in %d", superconvergent,
          superconvergent > 0 ? " (e.g. " + superExample + ")" : "", unsettled);
    }
    return new ClaimResult(spec, Verdict.HOLDS, done, skipped, 0, measureName(), worst, worstWhere, seed, detail, null);
  }

  private String measureName() {
    return switch (kind) {
      case ORDER -> "max (claimed − observed order)";
      case LIMIT -> "min contraction per halving";
      case MONOTONE -> "max W2(T₂) − W2(T₁)";
      case SDE_ODE -> "max W2_SDE/W2_ODE";
    };
  }

  static String where(Case c) {
    return String.format(Locale.ROOT, "d=%d %s %s", c.lambda().length, c.schedule().spec(), c.scheme());
  }

  static String fmt(double x) { return String.format(Locale.ROOT, "%.4g", x); }

  private static Map<String, Object> witness(Case c, double measured, double bound) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("schedule", c.schedule().spec());
    w.put("scheme", c.scheme());
    w.put("eigenvalues", c.lambda().clone());
    w.put("measured", measured);
    w.put("bound", bound);
    int d = c.lambda().length;
    double[][] cov = new double[d][d];
    for (int j = 0; j < d; j++) cov[j][j] = c.lambda()[j];
    w.put("mixture", MixtureJson.tree(GaussianMixture.gaussian(new double[d], cov)));
    return w;
  }
}
