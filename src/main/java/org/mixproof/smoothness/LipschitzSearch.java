package org.mixproof.smoothness;

import org.mixproof.density.HessianProduct;
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
 * <p>Above {@link #SUBSPACE_ABOVE} dimensions (none of the catalog's claims) a simplex in R^d is out of reach
 * (d + 1 evaluations before its first move) and the tie directions of a full eigen-decomposition number
 * up to d²/4: there each climb runs in the affine span of the point, the directions to the means, the
 * pair's tie gradient, the top eigenvector of H there and the pair's tie direction (at most k + 4
 * dimensions); tie directions come from the extreme eigenpairs of P_i − P_j by {@link Lanczos}; tie
 * points from the closed form of ℓ_i − ℓ_j along a line (a quadratic).
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
  /** Above this dimension the climbs run in low-dimensional subspaces (see the class comment). */
  static final int SUBSPACE_ABOVE = SpectralNorm.DENSE_UP_TO;
  /** Restarts of a subspace climb, and evaluations per restart and subspace dimension. */
  static final int SUBSPACE_ROUNDS = 2, SUBSPACE_EVALUATIONS_PER_DIMENSION = 20;

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
  /** What the search is doing, for a progress line polled from another thread. */
  private volatile String status = "not started";

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

  /** What the search is doing now (thread-safe; for progress lines). */
  public String status() { return status; }

  public LipschitzResult search(MixtureDensity p, Domain domain) {
    if (p == null) throw new IllegalArgumentException("density must not be null");
    if (domain == null) throw new IllegalArgumentException("domain must not be null");
    status = "preparing the components";
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
    int n = 0;
    for (PointValuePair start : chosen) {
      n++;
      if (isNear(start.getPoint(), climbed, g, p)) continue;
      climbed.add(start.getPoint());
      status = String.format(java.util.Locale.ROOT, "climb %d of %d, best ‖H‖ %.6g, %d evaluations", n, chosen.size(),
          best.getValue(), f.evaluations);
      PointValuePair top = g.d > SUBSPACE_ABOVE ? climbInSubspaces(f, g, p, start) : climbFrom(f, g, p, start);
      if (top.getValue() > best.getValue()) best = top;
    }
    status = "done";
    double[] at = domain.project(best.getPoint().clone());
    return new LipschitzResult(f.preciseValue(at), at, f.evaluations, seed, domain);
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
   * {@link #climbFrom} for large d: each of the three climbs (R^d, the tie set, R^d) runs in the
   * affine subspace through its start spanned by {@link #subspace}.
   */
  private PointValuePair climbInSubspaces(Objective f, ComponentGeometry g, MixtureDensity p, PointValuePair start) {
    PointValuePair top = climbAround(f, g, p, start, x -> x);
    if (g.k < 2) return top;
    int[] pair = topTwo(g, top.getPoint());
    PointValuePair ridge = climbAround(f, g, p, top, x -> ridgePoint(g, f.domain, pair, x));
    if (ridge.getValue() <= top.getValue()) return top;
    return climbAround(f, g, p, ridge, x -> x);
  }

  /** Nelder–Mead over y ↦ ‖H(map(x + Bᵀy))‖ from y = 0, B the {@link #subspace} at the start x. */
  private PointValuePair climbAround(Objective f, ComponentGeometry g, MixtureDensity p, PointValuePair start,
      java.util.function.UnaryOperator<double[]> map) {
    double[] x = start.getPoint();
    double[][] basis = subspace(f, g, x);
    int m = basis.length, d = x.length;
    java.util.function.Function<double[], double[]> at = y -> {
      double[] z = x.clone();
      for (int b = 0; b < m; b++) for (int c = 0; c < d; c++) z[c] += y[b] * basis[b][c];
      return f.domain.project(map.apply(z));
    };
    PointValuePair origin = new PointValuePair(new double[m], f.value(at.apply(new double[m])));
    PointValuePair top = climb(y -> f.value(at.apply(y)), origin, 0.5 * localLength(g, p, x), SUBSPACE_ROUNDS,
        Math.min(polishBudget, SUBSPACE_EVALUATIONS_PER_DIMENSION * (m + 1)));
    PointValuePair mapped = new PointValuePair(at.apply(top.getPoint()), top.getValue());
    return mapped.getValue() > start.getValue() ? mapped : start;
  }

  /**
   * An orthonormal basis of the directions along which ‖H‖ changes fastest near x: x itself (outwards,
   * where ties grow), μ_i − x for every component, the tie gradient of the two leading components, the top
   * eigenvector of H(x), and the tie direction of that pair (where its quadratic parts cancel).
   */
  private static double[][] subspace(Objective f, ComponentGeometry g, double[] x) {
    List<double[]> raw = new ArrayList<>();
    raw.add(x.clone());
    for (double[] mu : g.means) {
      double[] v = mu.clone();
      for (int c = 0; c < v.length; c++) v[c] -= x[c];
      raw.add(v);
    }
    if (g.k >= 2) {
      int[] pair = topTwo(g, x);
      raw.add(g.tieGradient(pair[0], pair[1], x));
      raw.addAll(extremeTieDirections(g, pair[0], pair[1]));
    }
    double[] top = f.topEigenvector(x);
    if (top != null) raw.add(top);
    List<double[]> basis = new ArrayList<>();
    for (double[] v : raw) {
      double before = ComponentGeometry.norm(v);
      if (!(before > 0) || !Double.isFinite(before)) continue;
      for (int pass = 0; pass < 2; pass++) { // Gram–Schmidt, twice
        for (double[] b : basis) {
          double dot = 0;
          for (int c = 0; c < v.length; c++) dot += v[c] * b[c];
          for (int c = 0; c < v.length; c++) v[c] -= dot * b[c];
        }
      }
      double after = ComponentGeometry.norm(v);
      if (after <= 1e-8 * before) continue; // already in the span
      for (int c = 0; c < v.length; c++) v[c] /= after;
      basis.add(v);
    }
    return basis.toArray(new double[0][]);
  }

  /**
   * For large d: the unit vector mixing the eigenvectors of the largest and the smallest eigenvalue of
   * P_i − P_j (from {@link Lanczos#extremes}) along which the quadratic parts of ℓ_i and ℓ_j cancel, as
   * {@link #tieDirections} does for every pair of opposite-signed eigenvalues; none when the difference
   * is semi-definite.
   */
  static List<double[]> extremeTieDirections(ComponentGeometry g, int i, int j) {
    // one Lanczos run per pair and search (every climb's subspace asks again); callers get copies they may change
    List<double[]> once = g.tieDirectionCache.computeIfAbsent(Math.min(i, j) * g.k + Math.max(i, j),
        key -> computeExtremeTieDirections(g, Math.min(i, j), Math.max(i, j)));
    List<double[]> out = new ArrayList<>();
    for (double[] u : once) out.add(u.clone());
    return out;
  }

  private static List<double[]> computeExtremeTieDirections(ComponentGeometry g, int i, int j) {
    int d = g.d;
    double[][] pi = g.precisions[i], pj = g.precisions[j];
    Lanczos.Operator diff = (v, out) -> {
      for (int r = 0; r < d; r++) {
        double s = 0;
        double[] ri = pi[r], rj = pj[r];
        for (int c = 0; c < d; c++) s += (ri[c] - rj[c]) * v[c];
        out[r] = s;
      }
    };
    Lanczos.Ritz[] ends = Lanczos.extremes(diff, d, 1e-8, Math.min(d, 300), 31L * i + j);
    double ln = ends[0].value(), lp = ends[1].value();
    double tiny = 64 * d * RoundingModel.EPS * Math.max(Math.abs(ln), Math.abs(lp));
    List<double[]> out = new ArrayList<>();
    if (!(lp > tiny && ln < -tiny)) return out;
    double theta = Math.atan(Math.sqrt(-lp / ln));
    double[] u = new double[d];
    for (int c = 0; c < d; c++) u[c] = Math.cos(theta) * ends[1].vector()[c] + Math.sin(theta) * ends[0].vector()[c];
    out.add(u);
    return out;
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
    return climb(objective, start, step, 8, polishBudget);
  }

  private PointValuePair climb(MultivariateFunction objective, PointValuePair start, double step, int rounds,
      int budget) {
    PointValuePair current = start;
    int d = start.getPoint().length;
    for (int round = 0; round < rounds; round++) {
      PointValuePair next;
      try {
        SimplexOptimizer opt = new SimplexOptimizer(new SimpleValueChecker(1e-15, 1e-300));
        double[] steps = new double[d];
        java.util.Arrays.fill(steps, step);
        next = opt.optimize(new MaxEval(budget), new ObjectiveFunction(objective), GoalType.MAXIMIZE,
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
      status = "scoring start " + (scored.size() + 1) + " of " + starts.size();
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
        status = "tie directions of components " + i + " and " + j;
        List<double[]> directions = d > SUBSPACE_ABOVE ? extremeTieDirections(g, i, j)
            : tieDirections(g.precisionDifference(i, j));
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
    if (g.d > SUBSPACE_ABOVE) return quadraticTiePoint(g, i, j, x0, n, len);
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

  /**
   * For large d, where each ℓ evaluation is O(d²): along x0 + τn, ℓ_i − ℓ_j is the quadratic
   * c0 + c1 τ + c2 τ² with c0 its value at x0, c1 = ‖∇(ℓ_i − ℓ_j)(x0)‖ (n is that gradient's direction)
   * and c2 = −½ nᵀ(P_i − P_j)n; its root nearest x0 (by the cancellation-free formula), or null.
   */
  private static double[] quadraticTiePoint(ComponentGeometry g, int i, int j, double[] x0, double[] n, double len) {
    double c0 = g.logTerm(i, x0) - g.logTerm(j, x0);
    if (!Double.isFinite(c0)) return null;
    double c2 = 0;
    double[][] pi = g.precisions[i], pj = g.precisions[j];
    for (int r = 0; r < n.length; r++) {
      double s = 0;
      for (int c = 0; c < n.length; c++) s += (pi[r][c] - pj[r][c]) * n[c];
      c2 -= 0.5 * n[r] * s;
    }
    double tau;
    if (c0 == 0) {
      tau = 0;
    } else if (c2 == 0) {
      tau = -c0 / len;
    } else {
      double disc = len * len - 4 * c2 * c0;
      if (!(disc >= 0)) return null;
      double q = -0.5 * (len + Math.sqrt(disc)); // len > 0: no cancellation
      double r1 = q / c2, r2 = c0 / q;
      tau = Math.abs(r1) < Math.abs(r2) ? r1 : r2;
    }
    if (!Double.isFinite(tau)) return null;
    double[] x = x0.clone();
    for (int c = 0; c < x.length; c++) x[c] += tau * n[c];
    return x;
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
      return evaluate(x, false);
    }

    /** {@link #value} with the norm to {@link SpectralNorm#LANCZOS_ACCURACY} (no stalled stop): the reported value. */
    double preciseValue(double[] x) { return evaluate(x, true); }

    private double evaluate(double[] x, boolean precise) {
      evaluations++;
      double[] y = domain.project(x.clone());
      if (!trusted(y)) return 0; // no information there, never a maximum
      try {
        if (y.length > SpectralNorm.DENSE_UP_TO) { // Lanczos on products: H is never formed
          HessianProduct h = p.hessianProduct(y);
          return precise ? norm.precise(h) : norm.of(h);
        }
        double[][] h = p.hessian(y);
        return precise ? norm.precise(h) : norm.of(h);
      } catch (IllConditionedException refused) {
        return 0; // double cannot resolve the weights there: no information, never reported
      }
    }

    /** The unit eigenvector of H(x) for its largest |λ| (Lanczos'), or null where H is not evaluated. */
    double[] topEigenvector(double[] x) {
      double[] y = domain.project(x.clone());
      if (!trusted(y)) return null;
      try {
        return y.length > SpectralNorm.DENSE_UP_TO ? SpectralNorm.topVector(p.hessianProduct(y))
            : SpectralNorm.topVector(p.hessian(y));
      } catch (IllConditionedException refused) {
        return null;
      }
    }

  }
}
