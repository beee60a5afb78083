package org.mixproof.law;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Noise;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.StepContext;
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
 * Then v' = A² v + Σ_r B_r² for each start law. This is O(L·d) per step, any d.
 *
 * <p>With zero means and at most {@link #MAX_PROBED_EVALUATIONS} score calls per step, the same
 * map is read more cheaply by <b>probing</b> ({@link #runProbed}): diag A and diag B_r are
 * multilinear polynomials in the score coefficients of the step's calls, whose coefficients come
 * from one run of the step on 2^m scalar probes. Either way the only inputs are the scheme's
 * {@link Scheme#step} and the Gaussian score; the property suite checks both against each other and
 * against [PG24]'s hand-written per-eigenvalue updates (docs/claims.md §5.1) to rounding.
 */
public final class GaussianLaw {

  private final double[] lambda;     // eigenvalues of Σ
  private final double[] meanU;      // μ̃ = Uᵀ μ
  private final DMatrixRMaj basis;   // U (columns), or null when only the spectrum is known
  private final double traceSigma;

  private GaussianLaw(double[] lambda, double[] meanU, DMatrixRMaj basis) {
    this.lambda = lambda;
    this.meanU = meanU;
    this.basis = basis;
    double tr = 0;
    for (double l : lambda) tr += l;
    this.traceSigma = tr;
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

  // ------------------------------------------------------------------ propagation

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
    try {
      if (nS == 0 && scheme.scoreEvaluationsPerStep() <= MAX_PROBED_EVALUATIONS) {
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

  /** The stacked-lanes method for the whole run (any means), block by block of coordinates. */
  void runLanes(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, ScorePerturbation e,
      int nS, int nR, double[][] means, double[][] v) {
    // Coordinates are independent, so the whole run is made block by block of eigenvalues: a block's
    // lanes stay in the first-level cache for all the steps.
    int d = lambda.length;
    for (int from = 0; from < d; from += BLOCK) {
      runBlock(scheme, s, grid, epsScore, e, from, Math.min(BLOCK, d - from), nS, nR, means, v);
    }
  }

  /**
   * Largest number of score evaluations per step read off by probing: em, ei, ddpm, ode-euler,
   * ode-ei (m = 1) and Heun, dpom, dpum (m = 2). Measured per step on CIFAR-10 (CPU time): em 2.0
   * µs probed vs 8.5 with lanes, Heun 3.3 vs 7.3; RK4's 16-term polynomial in one loop does not
   * vectorise (28 µs) and stays on the lanes (12 µs).
   */
  static final int MAX_PROBED_EVALUATIONS = 2;

  /** The probes answer with q_i ∈ {0, Q}: a power of two, so dividing by Q^|T| is exact, large
   *  enough that c_T Q^|T| dominates what Möbius inversion subtracts from it (relative error ≈ u). */
  static final double PROBE = 0x1p32;

  /**
   * Zero means: the step's linear part read off the scheme code by probing. A step calls the score
   * m times; call i multiplies its input by the coefficient q_i(j) = ε c_{t_i} − 1/(a_{t_i}² λ_j + b_{t_i}²)
   * and the scheme only adds scalar multiples, so diag(A) and each diag(B_r) are multilinear
   * polynomials in (q_0, …, q_{m−1}) with coefficients that do not depend on j. Running the step
   * once on 2^m scalar probes — probe S answers score call i with q_i = Q if i ∈ S, else 0 — gives
   * the polynomial at every vertex of {0, Q}^m, and Möbius inversion gives its coefficients; then
   * A_j and B_rj are evaluated for every j in O(2^m) vector operations. The times of the score calls
   * are recorded by the probe, so q_i(j) is taken at the time the scheme asked for.
   */
  void runProbed(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, ScorePerturbation e,
      int nR, double[][] v) {
    int d = lambda.length, m = scheme.scoreEvaluationsPerStep(), probes = 1 << m, width = 1 + nR;
    double[] y = new double[probes * width];
    double[] times = new double[m];
    int[] calls = new int[1];
    Score probe = (t, in, out) -> {
      int i = calls[0]++;
      if (i >= m) throw new IllegalStateException("scheme " + scheme.name() + " evaluates the score more than its declared " + m + " times");
      times[i] = t;
      for (int k = 0; k < in.length; k++) out[k] = ((k / width) >> i & 1) == 1 ? PROBE * in[k] : 0;
    };
    int[] draws = new int[1];
    Noise noise = xi -> {
      int r = draws[0]++;
      if (r >= nR) throw new IllegalStateException("scheme " + scheme.name() + " draws more than its declared " + nR + " times");
      for (int k = 0; k < xi.length; k++) xi[k] = k % width == 1 + r ? 1 : 0;
    };
    StepContext c = new StepContext(s, probe, noise);
    double[][] coef = new double[width][probes];
    double[][] q = new double[m][d];
    double[][] poly = new double[width][d];
    double[][] scratch = new double[m + 1][d];
    double lamMin = Double.POSITIVE_INFINITY;
    for (double l : lambda) lamMin = Math.min(lamMin, l);
    for (int step = 0; step < grid.steps(); step++) {
      for (int k = 0; k < y.length; k++) y[k] = k % width == 0 ? 1 : 0;
      calls[0] = 0;
      draws[0] = 0;
      scheme.step(grid.time(step), grid.time(step + 1), y, c);
      if (calls[0] != m || draws[0] != nR) {
        throw new IllegalStateException("scheme " + scheme.name() + " made " + calls[0] + " score calls and "
            + draws[0] + " draws in a step but declares " + m + " and " + nR);
      }
      for (int lane = 0; lane < width; lane++) {
        double[] cf = coef[lane];
        for (int sub = 0; sub < probes; sub++) cf[sub] = y[sub * width + lane];
        for (int bit = 0; bit < m; bit++) { // Möbius inversion over subsets
          for (int sub = 0; sub < probes; sub++) if ((sub >> bit & 1) == 1) cf[sub] -= cf[sub ^ (1 << bit)];
        }
        for (int sub = 0; sub < probes; sub++) cf[sub] = Math.scalb(cf[sub], -32 * Integer.bitCount(sub));
      }
      if (m <= 2 && nR <= 1 && v.length <= 2) { // fused single pass
        fusedStep(s, times, m, epsScore, e, coef, nR, v, lamMin);
        continue;
      }
      for (int i = 0; i < m; i++) {
        double t = times[i];
        int same = -1;
        for (int k = 0; k < i && same < 0; k++) if (times[k] == t) same = k;
        if (same >= 0) { // the same time as an earlier call (RK4's midpoint): the same coefficients
          System.arraycopy(q[same], 0, q[i], 0, d);
          continue;
        }
        double a = s.a(t), a2 = a * a, b2 = s.b2(t);
        if (!(a2 * lamMin + b2 > 0)) {
          int j = 0;
          while (j < d - 1 && lambda[j] != lamMin) j++;
          throw new UndefinedStepException("the score is undefined at t = " + t + ": eigenvalue " + j
              + " of Σ is 0 and b_t² = 0, so the step divides by zero");
        }
        double pert = epsScore == 0 ? 0 : epsScore * e.scale(t);
        double[] qi = q[i], lv = lambda;
        for (int j = 0; j < d; j++) qi[j] = pert - 1 / (a2 * lv[j] + b2);
      }
      for (int lane = 0; lane < width; lane++) multilinear(coef[lane], 0, m, q, poly[lane], scratch);
      double[] aj = poly[0];
      for (double[] vk : v) {
        for (int j = 0; j < d; j++) vk[j] = aj[j] * aj[j] * vk[j];
        for (int r = 0; r < nR; r++) {
          double[] bj = poly[1 + r];
          for (int j = 0; j < d; j++) vk[j] += bj[j] * bj[j];
        }
      }
    }
  }

  /**
   * One step for m ∈ {1, 2} score calls, R ≤ 1 draws and at most two start laws, in one loop
   * over the eigenvalues: the q_i at the (at most m) distinct call times, A and B as nested
   * multilinear polynomials (halving on the last variable), and both variances.
   */
  private void fusedStep(NoiseSchedule s, double[] times, int m, double epsScore, ScorePerturbation e,
      double[][] coef, int nR, double[][] v, double lamMin) {
    double[] a2 = new double[4], b2 = new double[4], pert = new double[4];
    for (int i = 0; i < m; i++) {
      double t = times[i], a = s.a(t);
      a2[i] = a * a;
      b2[i] = s.b2(t);
      if (!(a2[i] * lamMin + b2[i] > 0)) {
        int j = 0;
        while (j < lambda.length - 1 && lambda[j] != lamMin) j++;
        throw new UndefinedStepException("the score is undefined at t = " + t + ": eigenvalue " + j
            + " of Σ is 0 and b_t² = 0, so the step divides by zero");
      }
      pert[i] = epsScore == 0 ? 0 : epsScore * e.scale(t);
    }
    double[] ca = coef[0], cb = nR == 1 ? coef[1] : new double[1 << m];
    double[] lv = lambda, v0 = v[0], v1 = v.length > 1 ? v[1] : new double[lv.length];
    int d = lv.length;
    // constants in locals and no branch in the loops, so the JIT vectorises them
    double x0 = a2[0], y0 = b2[0], p0 = pert[0], x1 = a2[1], y1 = b2[1], p1 = pert[1];
    if (m == 1) {
      double ca0 = ca[0], ca1 = ca[1], cb0 = cb[0], cb1 = cb[1];
      for (int j = 0; j < d; j++) {
        double q0 = p0 - 1 / (x0 * lv[j] + y0);
        double aj = ca0 + ca1 * q0, bj = cb0 + cb1 * q0;
        double a2j = aj * aj, bsq = bj * bj;
        v0[j] = a2j * v0[j] + bsq;
        v1[j] = a2j * v1[j] + bsq;
      }
    } else if (m == 2) {
      double a00 = ca[0], a01 = ca[1], a02 = ca[2], a03 = ca[3], b00 = cb[0], b01 = cb[1], b02 = cb[2], b03 = cb[3];
      for (int j = 0; j < d; j++) {
        double q0 = p0 - 1 / (x0 * lv[j] + y0);
        double q1 = p1 - 1 / (x1 * lv[j] + y1);
        double aj = (a00 + a01 * q0) + (a02 + a03 * q0) * q1;
        double bj = (b00 + b01 * q0) + (b02 + b03 * q0) * q1;
        double a2j = aj * aj, bsq = bj * bj;
        v0[j] = a2j * v0[j] + bsq;
        v1[j] = a2j * v1[j] + bsq;
      }
    }
  }

  /**
   * out = Σ_S coef[lo + S] Π_{i ∈ S} q_i over subsets S of {0..k−1}, by halving on the highest
   * variable: P = P_low + q_{k−1} ⊙ P_high (vector operations of length d).
   */
  private static void multilinear(double[] coef, int lo, int k, double[][] q, double[] out, double[][] scratch) {
    int d = out.length;
    if (k == 1) { // the last level in one pass: c_∅ + c_{0} q_0
      double c0 = coef[lo], c1 = coef[lo + 1];
      if (c1 == 0) {
        Arrays.fill(out, c0);
      } else {
        double[] q0 = q[0];
        for (int j = 0; j < d; j++) out[j] = c0 + c1 * q0[j];
      }
      return;
    }
    if (k == 0) {
      Arrays.fill(out, coef[lo]);
      return;
    }
    int half = 1 << (k - 1);
    boolean highZero = true;
    for (int i = lo + half; i < lo + 2 * half && highZero; i++) highZero = coef[i] == 0;
    multilinear(coef, lo, k - 1, q, out, scratch);
    if (highZero) return;
    double[] hi = scratch[k];
    multilinear(coef, lo + half, k - 1, q, hi, scratch);
    double[] qk = q[k - 1];
    for (int j = 0; j < d; j++) out[j] += qk[j] * hi[j];
  }

  /** Eigen-coordinates per block: 4 lanes × 512 × 8 bytes = 16 KiB, within a first-level data cache. */
  static final int BLOCK = 512;

  /**
   * One block of eigen-coordinates [from, from + len) for the whole run. Lane layout: lane 0 holds
   * the ones (→ diag A), lanes 1..R the draws (→ diag B_r), lanes R+1.. the means. Every inner
   * loop indexes its arrays with the same expression, so the JIT can vectorise it.
   */
  private void runBlock(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, ScorePerturbation e,
      int from, int len, int nS, int nR, double[][] means, double[][] v) {
    int nV = v.length, lanes = 1 + nR + nS, meanOff = (1 + nR) * len;
    double[] y = new double[lanes * len], tmp = new double[len];
    double[][] vb = new double[nV][len];
    for (int k = 0; k < nV; k++) System.arraycopy(v[k], from, vb[k], 0, len);
    for (int k = 0; k < nS; k++) System.arraycopy(means[k], from, y, meanOff + k * len, len);
    LaneScore score = new LaneScore(s, nS, nR, epsScore, e, from, len);
    LaneNoise noise = new LaneNoise(len, 1, nR);
    StepContext c = new StepContext(s, score, noise);
    int steps = grid.steps();
    for (int i = 0; i < steps; i++) {
      Arrays.fill(y, 0, len, 1.0);
      Arrays.fill(y, len, meanOff, 0.0);
      noise.reset();
      scheme.step(grid.time(i), grid.time(i + 1), y, c);
      if (noise.draws != nR) {
        throw new IllegalStateException("scheme " + scheme.name() + " drew " + noise.draws
            + " times in a step but declares " + nR);
      }
      for (int k = 0; k < nV; k++) {
        double[] vk = vb[k];
        for (int j = 0; j < len; j++) vk[j] = y[j] * y[j] * vk[j];
        for (int r = 0; r < nR; r++) {
          System.arraycopy(y, (1 + r) * len, tmp, 0, len);
          for (int j = 0; j < len; j++) vk[j] += tmp[j] * tmp[j];
        }
      }
    }
    for (int k = 0; k < nV; k++) System.arraycopy(vb[k], 0, v[k], from, len);
    for (int k = 0; k < nS; k++) System.arraycopy(y, meanOff + k * len, means[k], from, len);
  }

  private static boolean isZero(double[] v) {
    for (double x : v) if (x != 0) return false;
    return true;
  }

  /**
   * The Gaussian score on stacked lanes: the mean lanes get the full affine score
   * −P_t(y − a_t μ̃) + ε c_t (y − a_t m_0), the others its homogeneous part (ε c_t − P_t) y, where
   * c_t = 1/√(tr C_t) and m_0 are the score error's scale and centre. The coefficient and the offset
   * are expanded to every lane once per time, so evaluation is one same-index loop. Division by a
   * zero a_t² λ_j + b_t² is reported as undefined.
   */
  private final class LaneScore implements Score {
    private final NoiseSchedule s;
    private final int meanLanes, meanOff, from, len;
    private final double eps;
    private final ScorePerturbation e;
    private final double[] lam, q, qq, oo;
    private final double lamMin;
    private double cachedT = Double.NaN;

    LaneScore(NoiseSchedule s, int meanLanes, int noiseLanes, double eps, ScorePerturbation e, int from, int len) {
      this.s = s;
      this.meanLanes = meanLanes;
      this.meanOff = (1 + noiseLanes) * len;
      this.eps = eps;
      this.e = e;
      this.from = from;
      this.len = len;
      this.lam = Arrays.copyOfRange(lambda, from, from + len);
      double m = Double.POSITIVE_INFINITY;
      for (double l : lam) m = Math.min(m, l);
      this.lamMin = m;
      this.q = new double[len];
      int lanes = 1 + noiseLanes + meanLanes;
      this.qq = new double[lanes * len];
      this.oo = meanLanes > 0 ? new double[lanes * len] : null;
    }

    private void prepare(double t) {
      if (t == cachedT) return;
      double a = s.a(t), a2 = a * a, b2 = s.b2(t);
      double pert = eps == 0 ? 0 : eps * e.scale(t);
      // a²λ + b² is smallest at the block's smallest λ (a² ≥ 0)
      if (!(a2 * lamMin + b2 > 0)) {
        cachedT = Double.NaN;
        int j = 0;
        while (j < len - 1 && lam[j] != lamMin) j++;
        throw new UndefinedStepException("the score is undefined at t = " + t + ": eigenvalue " + (from + j)
            + " of Σ is 0 and b_t² = 0, so the step divides by zero");
      }
      double[] qv = q, lv = lam;
      for (int j = 0; j < len; j++) qv[j] = pert - 1 / (a2 * lv[j] + b2);
      for (int off = 0; off < qq.length; off += len) System.arraycopy(qv, 0, qq, off, len);
      if (meanLanes > 0) {
        // mean lanes: −P(y − a μ̃) + pert (y − a m_0) = q y + (P a μ̃ − pert a m_0)
        for (int j = 0; j < len; j++) {
          oo[meanOff + j] = (pert - qv[j]) * (a * meanU[from + j]) - (pert == 0 ? 0 : pert * a * e.mean0(from + j));
        }
        for (int k = 1; k < meanLanes; k++) System.arraycopy(oo, meanOff, oo, meanOff + k * len, len);
      }
      cachedT = t;
    }

    @Override
    public void evaluate(double t, double[] y, double[] out) {
      prepare(t);
      double[] c = qq;
      int n = y.length;
      if (oo == null) {
        for (int i = 0; i < n; i++) out[i] = c[i] * y[i];
      } else {
        double[] o = oo;
        for (int i = 0; i < n; i++) out[i] = c[i] * y[i] + o[i];
      }
    }
  }

  /** Draw r of a step: ones in lane (first + r), zeros elsewhere. */
  private static final class LaneNoise implements Noise {
    private final int d, first, count;
    int draws;

    LaneNoise(int d, int first, int count) {
      this.d = d;
      this.first = first;
      this.count = count;
    }

    void reset() { draws = 0; }

    @Override
    public void fill(double[] xi) {
      if (draws >= count) throw new IllegalStateException("a step drew more than its declared " + count + " times");
      Arrays.fill(xi, 0.0);
      int off = (first + draws) * d;
      Arrays.fill(xi, off, off + d, 1.0);
      draws++;
    }
  }
}
