package org.mixproof.smoothness;

import org.mixproof.rounding.RoundingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;

/**
 * Searches for sup_{x ∈ Dom} ‖H(x)‖₂ (docs/claims.md §3). Start points: each μ_i(t); points between every
 * pair of means; seeded random points around each component; and points on the tie sets
 * ℓ_i = ℓ_j — for the global domain far out along directions u with uᵀ(P_i − P_j)u = 0, where ‖H‖
 * grows like ‖x‖² when P_i − P_j is indefinite. The best starts, and the best start of every pair
 * of competing components, are then climbed by Nelder–Mead (commons-math3) — in R^d, along that
 * pair's tie set, and in R^d again — each restarted with smaller simplices until the value stops
 * improving; the domain constraint is a radial projection. Deterministic for a given seed.
 *
 * <p>The value found is a lower bound on the true constant. Points the double code refuses (it cannot
 * resolve the posterior weights there, {@link IllConditionedException}) are not reported either; a
 * violation found is confirmed by the oracle before it counts ({@link Rounding#confirmedViolation}).
 * Points where double cannot evaluate the
 * posterior weights to {@link #TRUSTED_WEIGHT_ERROR} (u‖P_i‖‖x − μ_i‖² beyond it, about 7e4
 * standard deviations out) are not reported; on the global domain, where the true constant may be
 * infinite, that is what limits the value found.
 */
public final class LipschitzSearch {

  public static final int DEFAULT_RANDOM_STARTS = 24;
  public static final int DEFAULT_POLISHED = 4;
  public static final int DEFAULT_POLISH_BUDGET = 4000;
  /** Tie points on the global domain sit at these radii (units of the mixture's scale). */
  static final double[] GLOBAL_TIE_RADII = {1, 10, 100, 1000};
  /** Largest relative error of the posterior weights at a point the search may report. */
  public static final double TRUSTED_WEIGHT_ERROR = 1e-6;
  /** Relative improvement below which the polishing restarts stop. */
  static final double CONVERGED = 1e-13;

  /**
   * The families of start points: the means; points between each pair of means; random points around
   * each component (each with its pair's tie point); tie points of each pair far out along the
   * directions where their quadratic parts cancel. Each can be searched alone ({@link #only}), so a
   * family that silently collapses is not hidden by the others.
   */
  public enum StartFamily { MEANS, BETWEEN, RANDOM, TIES }

  private final long seed;
  private final int randomStarts;
  private final int polished;
  private final int polishBudget;
  private final java.util.EnumSet<StartFamily> families;

  public LipschitzSearch(long seed) {
    this(seed, DEFAULT_RANDOM_STARTS, DEFAULT_POLISHED, DEFAULT_POLISH_BUDGET);
  }

  /**
   * @param randomStarts random points drawn around the components
   * @param polished how many of the best starts are climbed by Nelder–Mead
   * @param polishBudget evaluations allowed per climb
   */
  public LipschitzSearch(long seed, int randomStarts, int polished, int polishBudget) {
    this(seed, randomStarts, polished, polishBudget, java.util.EnumSet.allOf(StartFamily.class));
  }

  private LipschitzSearch(long seed, int randomStarts, int polished, int polishBudget,
      java.util.EnumSet<StartFamily> families) {
    if (randomStarts < 0) throw new IllegalArgumentException("randomStarts must be >= 0, was " + randomStarts);
    if (polished < 0) throw new IllegalArgumentException("polished must be >= 0, was " + polished);
    if (polishBudget < 1) throw new IllegalArgumentException("polishBudget must be >= 1, was " + polishBudget);
    this.seed = seed;
    this.randomStarts = randomStarts;
    this.polished = polished;
    this.polishBudget = polishBudget;
    this.families = families;
  }

  /** The same search from the given start families only. */
  public LipschitzSearch only(StartFamily first, StartFamily... rest) {
    return new LipschitzSearch(seed, randomStarts, polished, polishBudget, java.util.EnumSet.of(first, rest));
  }

  public LipschitzResult search(MixtureDensity p, Domain domain) {
    if (p == null) throw new IllegalArgumentException("density must not be null");
    if (domain == null) throw new IllegalArgumentException("domain must not be null");
    ComponentGeometry g = new ComponentGeometry(p);
    Objective f = new Objective(p, domain, g);
    List<PointValuePair> scored = scoredStarts(p, domain, g, f);
    PointValuePair best = scored.get(0);
    // climb the best few starts, and the best start of every pair of competing components, so
    // that each tie ridge — where the covariance term peaks — is followed at least once
    List<PointValuePair> chosen = new ArrayList<>();
    Set<Integer> pairsSeen = new HashSet<>();
    for (PointValuePair start : scored) {
      int[] pair = g.k < 2 ? new int[] {0, 0} : topTwo(g, start.getPoint());
      int key = Math.min(pair[0], pair[1]) * g.k + Math.max(pair[0], pair[1]);
      if (chosen.size() < polished || pairsSeen.add(key)) {
        pairsSeen.add(key);
        chosen.add(start);
      }
    }
    List<double[]> climbed = new ArrayList<>();
    for (PointValuePair start : chosen) {
      if (isNear(start.getPoint(), climbed, g, p)) continue;
      climbed.add(start.getPoint());
      PointValuePair top = climbFrom(f, g, p, start);
      if (top.getValue() > best.getValue()) best = top;
    }
    double[] at = domain.project(best.getPoint().clone());
    return new LipschitzResult(f.value(at), at, f.evaluations, seed, domain);
  }

  /**
   * From a start: Nelder–Mead in R^d; then, where two components compete, along their tie set
   * ℓ_i = ℓ_j (parametrised by the point's projection onto it, so the narrow ridge on which the
   * covariance term peaks becomes a plateau Nelder–Mead can follow); then R^d again to polish.
   */
  private PointValuePair climbFrom(Objective f, ComponentGeometry g, MixtureDensity p, PointValuePair start) {
    PointValuePair top = climb(f, start, 0.5 * localLength(g, p, start.getPoint()));
    top = new PointValuePair(f.domain.project(top.getPoint().clone()), top.getValue());
    if (g.k < 2) return top;
    int[] pair = topTwo(g, top.getPoint());
    MultivariateFunction onRidge = y -> f.value(ridgePoint(g, f.domain, pair, y));
    PointValuePair ridge = climb(onRidge, top, 0.3 * Math.sqrt(p.lambdaMax()));
    double[] x = ridgePoint(g, f.domain, pair, ridge.getPoint());
    PointValuePair onSet = new PointValuePair(x, f.value(x));
    if (onSet.getValue() <= top.getValue()) return top;
    PointValuePair polished = climb(f, onSet, 0.5 * localLength(g, p, x));
    return new PointValuePair(f.domain.project(polished.getPoint().clone()), polished.getValue());
  }

  /**
   * The tie point of the pair nearest y (along the gradient of ℓ_i − ℓ_j), inside the domain: on a
   * ball, projections onto the tie set and onto the ball alternate, so a ridge that leaves the ball
   * is followed along the sphere (where ‖H‖, growing outwards, peaks).
   */
  private static double[] ridgePoint(ComponentGeometry g, Domain domain, int[] pair, double[] y) {
    double[] x = y.clone();
    for (int n = 0; n < 6; n++) {
      double[] tie = tiePoint(g, pair[0], pair[1], x);
      if (tie == null) break;
      x = tie;
      if (domain.isGlobal() || ComponentGeometry.norm(x) <= domain.beta()) return x;
      domain.project(x);
    }
    return domain.project(x);
  }

  /** The two components with the largest log terms at x. */
  static int[] topTwo(ComponentGeometry g, double[] x) {
    int first = -1, second = -1;
    double l1 = Double.NEGATIVE_INFINITY, l2 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < g.k; i++) {
      double l = g.logTerm(i, x);
      if (first < 0 || l > l1) {
        second = first;
        l2 = l1;
        first = i;
        l1 = l;
      } else if (second < 0 || l > l2) {
        second = i;
        l2 = l;
      }
    }
    return new int[] {first, second};
  }

  /** Nelder–Mead from a start, restarted with a ten-times smaller simplex until it stops improving. */
  private PointValuePair climb(MultivariateFunction objective, PointValuePair start, double step) {
    PointValuePair current = start;
    int d = start.getPoint().length;
    for (int round = 0; round < 8; round++) {
      PointValuePair next;
      try {
        SimplexOptimizer opt = new SimplexOptimizer(new SimpleValueChecker(1e-15, 1e-300));
        double[] steps = new double[d];
        java.util.Arrays.fill(steps, step);
        next = opt.optimize(new MaxEval(polishBudget), new ObjectiveFunction(objective), GoalType.MAXIMIZE,
            new InitialGuess(current.getPoint()), new NelderMeadSimplex(steps));
      } catch (TooManyEvaluationsException e) {
        next = current; // out of budget: keep what this round started from
      }
      boolean improved = next.getValue() > current.getValue() * (1 + CONVERGED);
      if (next.getValue() > current.getValue()) current = next;
      if (!improved && round > 0) break;
      step /= 10;
    }
    return current;
  }

  /** The length over which ‖H‖ changes: the smallest time-t std and the width of weight transitions. */
  private static double localLength(ComponentGeometry g, MixtureDensity p, double[] x) {
    double len = Math.sqrt(p.lambdaMin());
    double spread = g.scoreSpread(x);
    if (spread > 0) len = Math.min(len, 1 / spread);
    return len;
  }

  private static boolean isNear(double[] x, List<double[]> others, ComponentGeometry g, MixtureDensity p) {
    double len = localLength(g, p, x);
    for (double[] o : others) {
      double s = 0;
      for (int j = 0; j < x.length; j++) s += (x[j] - o[j]) * (x[j] - o[j]);
      if (Math.sqrt(s) < len) return true;
    }
    return false;
  }

  /** The start points, projected into the domain and scored, best first (before any climb). */
  List<PointValuePair> scoredStarts(MixtureDensity p, Domain domain) {
    ComponentGeometry g = new ComponentGeometry(p);
    return scoredStarts(p, domain, g, new Objective(p, domain, g));
  }

  private List<PointValuePair> scoredStarts(MixtureDensity p, Domain domain, ComponentGeometry g, Objective f) {
    List<double[]> starts = startPoints(p, g, domain);
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("the start families " + families + " give no start point for k = " + g.k);
    }
    List<PointValuePair> scored = new ArrayList<>();
    for (double[] x : starts) {
      double[] y = domain.project(x.clone());
      scored.add(new PointValuePair(y, f.value(y)));
    }
    scored.sort(Comparator.comparingDouble((PointValuePair v) -> v.getValue()).reversed());
    return scored;
  }

  /** The start points of the search's families, in a fixed order. */
  List<double[]> startPoints(MixtureDensity p, ComponentGeometry g, Domain domain) {
    int d = g.d, k = g.k;
    List<double[]> out = new ArrayList<>();
    if (families.contains(StartFamily.MEANS)) {
      for (int i = 0; i < k; i++) out.add(g.means[i].clone());
    }
    if (families.contains(StartFamily.BETWEEN)) {
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          for (double lambda : new double[] {0.25, 0.5, 0.75}) {
            double[] x = new double[d];
            for (int c = 0; c < d; c++) x[c] = (1 - lambda) * g.means[i][c] + lambda * g.means[j][c];
            out.add(x);
          }
        }
      }
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    double sd = Math.sqrt(p.lambdaMax());
    for (int n = 0; n < randomStarts; n++) {
      int i = n % k;
      double spread = 1 + 2 * rng.nextDouble(); // up to three standard deviations out
      double[] x = g.means[i].clone();
      for (int c = 0; c < d; c++) x[c] += spread * sd * normal.sample();
      if (!domain.isGlobal() && n % 2 == 1) { // every other one on the sphere, where ‖Δs‖ is largest
        double[] u = randomUnit(d, normal);
        for (int c = 0; c < d; c++) x[c] = domain.beta() * u[c];
      }
      if (!families.contains(StartFamily.RANDOM)) continue; // the draws above keep the generator's sequence
      out.add(x);
      if (k >= 2) {
        int[] pair = topTwo(g, x);
        double[] tie = tiePoint(g, pair[0], pair[1], x);
        if (tie != null) out.add(tie);
      }
    }
    if (!families.contains(StartFamily.TIES)) return out;
    double scale = sd;
    for (double[] mu : g.means) scale = Math.max(scale, sd + ComponentGeometry.norm(mu));
    double[] radii = domain.isGlobal() ? GLOBAL_TIE_RADII : new double[] {0.5 * domain.beta() / scale, domain.beta() / scale};
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        List<double[]> directions = tieDirections(g.precisionDifference(i, j));
        for (int n = 0; n < 2; n++) directions.add(randomUnit(d, normal));
        double[] centre = new double[d];
        for (int c = 0; c < d; c++) centre[c] = 0.5 * (g.means[i][c] + g.means[j][c]);
        for (double[] u : directions) {
          for (double r : radii) {
            for (int sign = -1; sign <= 1; sign += 2) {
              double[] x0 = new double[d];
              for (int c = 0; c < d; c++) x0[c] = centre[c] + sign * r * scale * u[c];
              double[] tie = tiePoint(g, i, j, x0);
              if (tie != null) out.add(tie);
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Unit vectors u with uᵀ(P_i − P_j)u = 0 mixing an eigenvector of positive and one of negative
   * eigenvalue (tan²θ = −λ₊/λ₋): along them the quadratic parts of ℓ_i and ℓ_j cancel, so the tie
   * set reaches infinity. None when P_i − P_j is semi-definite (ordered covariances).
   */
  static List<double[]> tieDirections(double[][] diff) {
    List<double[]> out = new ArrayList<>();
    int d = diff.length;
    if (d < 2) return out;
    SpectralNorm.Eigen e = SpectralNorm.decompose(diff);
    double scale = 0;
    for (double v : e.values()) scale = Math.max(scale, Math.abs(v));
    double tiny = 64 * d * RoundingModel.EPS * scale;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double lp = e.values()[a], ln = e.values()[b];
        if (!(lp > tiny && ln < -tiny)) continue;
        double theta = Math.atan(Math.sqrt(-lp / ln));
        double[] u = new double[d];
        for (int c = 0; c < d; c++) u[c] = Math.cos(theta) * e.vectors()[a][c] + Math.sin(theta) * e.vectors()[b][c];
        out.add(u);
      }
    }
    return out;
  }

  /** A root of ℓ_i − ℓ_j on the line through x0 along ∇(ℓ_i − ℓ_j)(x0), or null if there is none. */
  static double[] tiePoint(ComponentGeometry g, int i, int j, double[] x0) {
    double[] n = g.tieGradient(i, j, x0);
    double len = ComponentGeometry.norm(n);
    if (!(len > 0) || !Double.isFinite(len)) return null;
    for (int c = 0; c < n.length; c++) n[c] /= len;
    UnivariateFunction gap = tau -> {
      double[] x = x0.clone();
      for (int c = 0; c < x.length; c++) x[c] += tau * n[c];
      return g.logTerm(i, x) - g.logTerm(j, x);
    };
    double g0 = gap.value(0);
    if (g0 == 0) return x0.clone();
    if (!Double.isFinite(g0)) return null;
    // Newton's first step sets the scale of the bracket; expand until the sign changes
    double width = Math.max(Math.abs(g0) / len, 1e-12 * (1 + ComponentGeometry.norm(x0)));
    for (int expand = 0; expand < 80; expand++, width *= 2) {
      for (double tau : new double[] {width, -width}) {
        double gt = gap.value(tau);
        if (Double.isFinite(gt) && Math.signum(gt) != Math.signum(g0)) {
          double lo = Math.min(0, tau), hi = Math.max(0, tau);
          double root = new BrentSolver(1e-15, 1e-14 * Math.max(width, 1e-300))
              .solve(200, gap, lo, hi);
          double[] x = x0.clone();
          for (int c = 0; c < x.length; c++) x[c] += root * n[c];
          return x;
        }
      }
    }
    return null;
  }

  private static double[] randomUnit(int d, ZigguratSampler.NormalizedGaussian normal) {
    double[] u = new double[d];
    double norm = 0;
    while (norm == 0) {
      for (int c = 0; c < d; c++) u[c] = normal.sample();
      norm = ComponentGeometry.norm(u);
    }
    for (int c = 0; c < d; c++) u[c] /= norm;
    return u;
  }

  /** x ↦ ‖H(proj(x))‖₂, counting evaluations and remembering the best point seen. */
  private static final class Objective implements MultivariateFunction {
    final MixtureDensity p;
    final Domain domain;
    final SpectralNorm norm;
    long evaluations;

    Objective(MixtureDensity p, Domain domain, ComponentGeometry geometry) {
      this.p = p;
      this.domain = domain;
      this.norm = new SpectralNorm(p.dimension());
      this.geometry = geometry;
    }

    final ComponentGeometry geometry;

    /**
     * Whether double evaluates the posterior weights at y to {@link #TRUSTED_WEIGHT_ERROR}: their
     * log-ratios carry the rounding u·‖P_i‖‖y − μ_i‖² of the quadratic forms, so far enough out (where
     * ‖H‖ may still grow) the weights, and so H, are noise.
     */
    boolean trusted(double[] y) {
      for (int i = 0; i < geometry.k; i++) {
        double r2 = 0;
        for (int c = 0; c < y.length; c++) r2 += (y[c] - geometry.means[i][c]) * (y[c] - geometry.means[i][c]);
        if (RoundingModel.EPS * r2 / p.lambdaMinOf(i) > TRUSTED_WEIGHT_ERROR) return false;
      }
      return true;
    }

    @Override
    public double value(double[] x) {
      // a run whose budget ended cancels its claims by interrupting them: stop here, not minutes later
      if (Thread.currentThread().isInterrupted()) {
        throw new java.util.concurrent.CancellationException("the search was stopped (its run's budget ended)");
      }
      evaluations++;
      double[] y = domain.project(x.clone());
      if (!trusted(y)) return 0; // no information there, never a maximum
      try {
        return norm.of(p.hessian(y));
      } catch (IllConditionedException refused) {
        return 0; // double cannot resolve the weights there: no information, never reported
      }
    }

  }
}
