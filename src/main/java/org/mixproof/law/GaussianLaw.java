package org.mixproof.law;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.sampler.UndefinedStepException;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The exact law of a sampler's output for Gaussian data N(μ, Σ) (docs/claims.md §5.1). Σ = U diag(λ) Uᵀ is
 * diagonalised once; in the coordinates ỹ = Uᵀy the exact score s_t(y) = −P_t(y − a_t μ) is
 * diagonal, s̃_j = −(ỹ_j − a_t μ̃_j)/(a_t² λ_j + b_t²), so each coordinate is an independent 1-D
 * problem and the output is N(m, diag(v)) in U.
 *
 * <p><b>The recursions come from the scheme code itself</b>, not from a second copy of each
 * formula. Every scheme combines the state, score values and draws with scalar coefficients only,
 * so with an affine score one step is y' = A y + c + Σ_r B_r ξ_r with A, B_r diagonal in U. The
 * step is run once per step on a stacked state of L = S + 1 + R lanes of length d:
 * <ul>
 *   <li>lanes 0..S−1 hold the current means of S start laws, with the full score and no noise:
 *       after the step they hold A m + c, the new means;
 *   <li>lane S holds the vector of ones, with the score's homogeneous (linear) part −P_t y and no
 *       noise: it comes back as diag(A);
 *   <li>lane S + 1 + r holds 0, with the linear score, and draw r of the step set to ones in that
 *       lane only (0 elsewhere): it comes back as diag(B_r).
 * </ul>
 * Then v' = A² v + Σ_r B_r² for each start law. This is O(L·d) per step, any d
 * ({@link LanePropagation}).
 *
 * <p>With zero means and at most {@link ProbedPropagation#MAX_PROBED_EVALUATIONS} score calls per
 * step, the same map is read more cheaply by <b>probing</b> ({@link ProbedPropagation}): diag A and
 * diag B_r are multilinear polynomials in the score coefficients of the step's calls, whose coefficients come
 * from one run of the step on 2^m scalar probes. Either way the only inputs are the scheme's
 * {@link Scheme#step} and the Gaussian score; the property suite checks both against each other and
 * against [PG24]'s hand-written per-eigenvalue updates (docs/claims.md §5.1) to rounding.
 */
public final class GaussianLaw {

  private final double[] lambda;     // eigenvalues of Σ
  private final double[] meanU;      // μ̃ = Uᵀ μ
  private final DMatrixRMaj basis;   // U (columns), or null when only the spectrum is known
  private final double traceSigma;
  private final double lambdaMin;    // min_j λ_j: where a_t²λ + b_t² is smallest

  private GaussianLaw(double[] lambda, double[] meanU, DMatrixRMaj basis) {
    this.lambda = lambda;
    this.meanU = meanU;
    this.basis = basis;
    double tr = 0;
    for (double l : lambda) tr += l;
    this.traceSigma = tr;
    double min = Double.POSITIVE_INFINITY;
    for (double l : lambda) min = Math.min(min, l);
    this.lambdaMin = min;
  }

  /** Data N(0, diag(λ)): a spectrum only ([PG24]'s setting; U = I). */
  public static GaussianLaw ofSpectrum(Spectrum s) {
    return new GaussianLaw(s.eigenvalues(), new double[s.dimension()], null);
  }

  /** Data N(μ̃, diag(λ)) in a basis already diagonal (validated: λ ≥ 0 finite, μ̃ finite). */
  public static GaussianLaw ofDiagonal(double[] mean, double[] eigenvalues) {
    Spectrum s = Spectrum.of(eigenvalues, "eigenvalues");
    if (mean == null || mean.length != s.dimension()) {
      throw new IllegalArgumentException("mean must have length d = " + s.dimension());
    }
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j])) throw new IllegalArgumentException("mean[" + j + "] must be finite, was " + mean[j]);
    }
    return new GaussianLaw(s.eigenvalues(), mean.clone(), null);
  }

  /** Data N(μ, Σ) from a one-component mixture; Σ is diagonalised once (EJML symmetric eigen). */
  public static GaussianLaw of(GaussianMixture m) {
    if (m == null) throw new IllegalArgumentException("mixture must not be null");
    if (m.components() != 1) {
      throw new IllegalArgumentException("the exact Gaussian law needs k = 1 component, was k = " + m.components());
    }
    int d = m.dimension();
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(new DMatrixRMaj(m.covariance(0)))) throw new ArithmeticException("eigen-decomposition failed");
    double[] values = m.covarianceEigenvalues(0); // ascending, rounding-level negatives as 0
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) order[j] = j;
    Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(x).getReal(), eig.getEigenvalue(y).getReal()));
    DMatrixRMaj u = new DMatrixRMaj(d, d);
    double[] mu = m.mean(0), mt = new double[d];
    for (int c = 0; c < d; c++) {
      DMatrixRMaj v = eig.getEigenVector(order[c]);
      double dot = 0;
      for (int r = 0; r < d; r++) {
        u.set(r, c, v.get(r));
        dot += v.get(r) * mu[r];
      }
      mt[c] = dot;
    }
    return new GaussianLaw(values, mt, u);
  }

  public int dimension() { return lambda.length; }

  public double[] eigenvalues() { return lambda.clone(); }

  /** μ̃ = Uᵀμ. */
  public double[] eigenMean() { return meanU.clone(); }

  /** U (columns are eigenvectors), or null for a bare spectrum (U = I). */
  public DMatrixRMaj basis() { return basis == null ? null : basis.copy(); }

  /** True when some λ_j = 0. */
  public boolean isSingular() {
    for (double l : lambda) if (l == 0) return true;
    return false;
  }

  // ------------------------------------------------------------------ closed forms

  /** p_t in U: N(a_t μ̃, a_t² λ + b_t²). */
  public DiagonalGaussian marginal(NoiseSchedule s, double t) {
    double a = s.a(t), b2 = s.b2(t);
    int d = lambda.length;
    double[] m = new double[d], v = new double[d];
    for (int j = 0; j < d; j++) {
      m[j] = a * meanU[j];
      v[j] = a * a * lambda[j] + b2;
    }
    return new DiagonalGaussian(m, v);
  }

  /** The start law at T: the prior N(0, v I) or p_T. */
  public DiagonalGaussian start(StartLaw law, NoiseSchedule s, double horizon) {
    if (law == StartLaw.EXACT) return marginal(s, horizon);
    int d = lambda.length;
    double[] v = new double[d];
    Arrays.fill(v, StartLaw.priorVariance(s, horizon));
    return new DiagonalGaussian(new double[d], v);
  }

  /**
   * The continuous-time reverse SDE with the exact score, from {@code start} at T, at forward time
   * t: the true backward transition Y_t | Y_T ~ N(a_t μ̃ + K(y − a_T μ̃), λ_t − K² λ_T) with
   * K = (a_T/a_t) λ_t/λ_T, so m = a_t μ̃ + K(m_T − a_T μ̃), v = λ_t + K²(v_T − λ_T). From N(0, I)
   * under [PG24]'s schedule this is v = λ_t + e^{−2(B_T − B_t)} λ_t²/λ_T (1/λ_T − 1).
   */
  public DiagonalGaussian continuousSde(NoiseSchedule s, double horizon, double t, DiagonalGaussian start) {
    double aT = s.a(horizon), b2T = s.b2(horizon), at = s.a(t), b2t = s.b2(t);
    int d = lambda.length;
    double[] m = new double[d], v = new double[d];
    for (int j = 0; j < d; j++) {
      double lt = at * at * lambda[j] + b2t, lT = aT * aT * lambda[j] + b2T;
      double k = aT / at * lt / lT;
      m[j] = at * meanU[j] + k * (start.mean()[j] - aT * meanU[j]);
      v[j] = lt + k * k * (start.variance()[j] - lT);
    }
    return new DiagonalGaussian(m, v);
  }

  /**
   * The continuous-time probability-flow ODE with the exact score: per coordinate the monotone map
   * from N(a_T μ̃, λ_T) to N(a_t μ̃, λ_t), so m = a_t μ̃ + √(λ_t/λ_T)(m_T − a_T μ̃), v = (λ_t/λ_T) v_T.
   */
  public DiagonalGaussian continuousOde(NoiseSchedule s, double horizon, double t, DiagonalGaussian start) {
    double aT = s.a(horizon), b2T = s.b2(horizon), at = s.a(t), b2t = s.b2(t);
    int d = lambda.length;
    double[] m = new double[d], v = new double[d];
    for (int j = 0; j < d; j++) {
      double ratio = (at * at * lambda[j] + b2t) / (aT * aT * lambda[j] + b2T);
      m[j] = at * meanU[j] + Math.sqrt(ratio) * (start.mean()[j] - aT * meanU[j]);
      v[j] = ratio * start.variance()[j];
    }
    return new DiagonalGaussian(m, v);
  }

  // ------------------------------------------------------------------ propagation (LanePropagation, ProbedPropagation)

  /** The laws after a run, one per start law, or why the run is undefined. */
  public record Propagation(List<DiagonalGaussian> laws, int steps, long scoreEvaluations, String undefined) {
    public boolean defined() { return undefined == null; }

    public DiagonalGaussian law(int i) {
      if (!defined()) throw new IllegalStateException("the run is undefined: " + undefined);
      return laws.get(i);
    }
  }

  /** {@link #propagate(Scheme, NoiseSchedule, TimeGrid, double, List)} with exact scores. */
  public Propagation propagate(Scheme scheme, NoiseSchedule s, TimeGrid grid, StartLaw... starts) {
    List<DiagonalGaussian> laws = new ArrayList<>();
    for (StartLaw st : starts) laws.add(start(st, s, grid.horizon()));
    return propagate(scheme, s, grid, 0, laws);
  }

  /**
   * The exact output laws of {@code scheme} over {@code grid} from each of {@code starts} (laws in
   * U at T), with score ŝ = s + ε_score e_t ({@link ScorePerturbation}). All starts share the
   * step's affine map, so they are propagated together.
   */
  public Propagation propagate(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore,
      List<DiagonalGaussian> starts) {
    if (s == null) throw new IllegalArgumentException("schedule must not be null");
    return propagate(scheme, s, grid, epsScore, new ScorePerturbation(s, meanU, traceSigma, lambda.length), starts);
  }

  /**
   * As {@link #propagate(Scheme, NoiseSchedule, TimeGrid, double, List)} with a given score error
   * e_t (for a part of a larger problem, such as the Gaussian factor of the separable law, whose
   * e_t is normalised over the whole space). Its centre must be given in U for this law's d coordinates.
   */
  public Propagation propagate(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore,
      ScorePerturbation e, List<DiagonalGaussian> starts) {
    if (scheme == null) throw new IllegalArgumentException("scheme must not be null");
    if (s == null) throw new IllegalArgumentException("schedule must not be null");
    if (grid == null) throw new IllegalArgumentException("grid must not be null");
    if (starts == null || starts.isEmpty()) throw new IllegalArgumentException("starts must not be empty");
    if (!Double.isFinite(epsScore)) throw new IllegalArgumentException("epsScore must be finite, was " + epsScore);
    grid.checkFor(s);
    int d = lambda.length, nV = starts.size(), nR = scheme.noiseDrawsPerStep();
    for (int k = 0; k < nV; k++) {
      if (starts.get(k).dimension() != d) {
        throw new IllegalArgumentException("starts[" + k + "] has dimension " + starts.get(k).dimension() + ", data d = " + d);
      }
    }
    // Zero data mean and zero start means stay exactly zero (every step is homogeneous in y, s and ξ,
    // and s_t(0) = 0 when a_t μ̃ = 0), so the mean lanes are then left out.
    if (e == null || e.coordinates() != d) throw new IllegalArgumentException("score error must carry d = " + d + " coordinates");
    boolean zeroMeans = isZero(meanU);
    for (DiagonalGaussian st : starts) zeroMeans &= isZero(st.mean());
    for (int j = 0; j < d && zeroMeans && epsScore != 0; j++) zeroMeans = e.mean0(j) == 0;
    int nS = zeroMeans ? 0 : nV;
    double[][] means = new double[nV][d];
    double[][] v = new double[nV][];
    for (int k = 0; k < nV; k++) {
      if (nS > 0) means[k] = starts.get(k).mean().clone();
      v[k] = starts.get(k).variance().clone();
    }
    int steps = grid.steps();
    String undefined = undefinedInLastStep(scheme, s, grid);
    if (undefined != null) return new Propagation(List.of(), steps, (long) steps * scheme.scoreEvaluationsPerStep(), undefined);
    try {
      if (nS == 0 && scheme.scoreEvaluationsPerStep() <= ProbedPropagation.MAX_PROBED_EVALUATIONS) {
        runProbed(scheme, s, grid, epsScore, e, nR, v);
      } else {
        runLanes(scheme, s, grid, epsScore, e, nS, nR, means, v);
      }
    } catch (UndefinedStepException ex) {
      return new Propagation(List.of(), steps, (long) steps * scheme.scoreEvaluationsPerStep(), ex.getMessage());
    }

    List<DiagonalGaussian> out = new ArrayList<>();
    for (int k = 0; k < nV; k++) {
      double[] mean = means[k];
      DiagonalGaussian g = new DiagonalGaussian(mean, v[k]);
      if (!g.isFinite()) {
        return new Propagation(List.of(), steps, (long) steps * scheme.scoreEvaluationsPerStep(),
            "the recursion overflowed or divided by zero (non-finite mean or variance)");
      }
      out.add(g);
    }
    return new Propagation(List.copyOf(out), steps, (long) steps * scheme.scoreEvaluationsPerStep(), null);
  }

  /** The stacked-lanes method for the whole run (any means): {@link LanePropagation}. */
  void runLanes(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, ScorePerturbation e,
      int nS, int nR, double[][] means, double[][] v) {
    new LanePropagation(lambda, meanU).run(scheme, s, grid, epsScore, e, nS, nR, means, v);
  }

  /** Zero means: the step's linear part read off the scheme code by probing ({@link ProbedPropagation}). */
  void runProbed(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, ScorePerturbation e,
      int nR, double[][] v) {
    new ProbedPropagation(lambda, lambdaMin).run(scheme, s, grid, epsScore, e, nR, v);
  }

  /**
   * Why the run is undefined when its last step evaluates the score where a_t²λ_j + b_t² = 0 (a zero
   * eigenvalue at t = 0: a grid that ends at δ = 0 with singular data, and a scheme that evaluates the
   * score at its last time, as Heun and RK4 do), or null. Only the last step can (every earlier time
   * is above the grid's last, where b_t² &gt; 0), so its score-call times are read first, from one run
   * of the step on a single coordinate with a zero score, and such a run is reported without computing
   * the other steps. The message is the one the propagations give when they reach that call; null
   * also when the step itself refuses (that refusal is reported by the run, at its own step).
   */
  private String undefinedInLastStep(Scheme scheme, NoiseSchedule s, TimeGrid grid) {
    List<Double> times = new ArrayList<>();
    org.mixproof.sampler.StepContext c = new org.mixproof.sampler.StepContext(s,
        (t, in, out) -> { times.add(t); Arrays.fill(out, 0); }, xi -> Arrays.fill(xi, 0));
    try {
      scheme.step(grid.time(grid.steps() - 1), grid.time(grid.steps()), new double[1], c);
    } catch (RuntimeException refused) {
      return null;
    }
    for (double t : times) {
      double a = s.a(t);
      if (!(a * a * lambdaMin + s.b2(t) > 0)) return undefinedScore(t, indexOf(lambda, lambdaMin)).getMessage();
    }
    return null;
  }

  /** The exception of a score evaluated where a_t²λ_j + b_t² = 0 (eigenvalue j is 0 and b_t² = 0). */
  static UndefinedStepException undefinedScore(double t, int j) {
    return new UndefinedStepException("the score is undefined at t = " + t + ": eigenvalue " + j
        + " of Σ is 0 and b_t² = 0, so the step divides by zero");
  }

  /** The first index of {@code v} in {@code x} (the last index when there is none). */
  static int indexOf(double[] x, double v) {
    int j = 0;
    while (j < x.length - 1 && x[j] != v) j++;
    return j;
  }

  private static boolean isZero(double[] v) {
    for (double x : v) if (x != 0) return false;
    return true;
  }
}
