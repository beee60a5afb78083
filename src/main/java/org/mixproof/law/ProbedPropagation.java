package org.mixproof.law;

import java.util.Arrays;
import org.mixproof.sampler.Noise;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.StepContext;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The probing propagation of {@link GaussianLaw} (zero means, at most
 * {@value #MAX_PROBED_EVALUATIONS} score calls per step): diag A and diag B_r read off the scheme code
 * as multilinear polynomials in the score coefficients, from one run of the step on 2^m scalar probes.
 *
 * <p>Its own class because it is the second, independent way to read a step's map (the tests check it
 * against {@link LanePropagation}), and the cheaper one where it applies; it holds the data's
 * eigenvalues and nothing per run.
 */
final class ProbedPropagation {

  private final double[] lambda;     // eigenvalues of Σ

  private final double lamMin;       // their smallest

  ProbedPropagation(double[] lambda, double lamMin) {
    this.lambda = lambda;
    this.lamMin = lamMin;
  }

  /**
   * Largest number of score evaluations per step read off by probing: em, ei, ddpm, ode-euler,
   * ode-ei (m = 1) and Heun, dpom, dpum (m = 2). Measured per step on CIFAR-10 (CPU time): em 2.0
   * µs probed vs 8.5 with lanes, Heun 3.3 vs 7.3; RK4's 16-term polynomial in one loop does not
   * vectorise (28 µs) and stays on the lanes (12 µs).
   */
  static final int MAX_PROBED_EVALUATIONS = 2;

  /**
   * The probes answer call i with q_i ∈ {0, Q_i}, Q_i = 2^{e_i} a power of two (dividing by Π Q_i is
   * exact). Reading c_T from the probes costs u·|c_∅|/(|c_T| Π Q_i) relative, and A_j = Σ_T c_T q^T is
   * then off by u·|c_∅|·|q|/Q; so Q_i must reach the step's largest |q_i(j)|: e_i is at least
   * {@value #PROBE_EXPONENT} and at least the exponent of max_j |q_i(j)| (the score coefficients reach
   * 1/b_t² ≈ 1e21 on the first levels of a [CLW25] grid, where a fixed 2³² lost 1e-5 of the KL).
   */
  static final int PROBE_EXPONENT = 32;
  /** Q_i² must stay finite: exponents above this are capped. */
  static final int MAX_PROBE_EXPONENT = 500;

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
  void run(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, ScorePerturbation e,
      int nR, double[][] v) {
    int d = lambda.length, m = scheme.scoreEvaluationsPerStep(), width = 1 + nR;
    StepReader reader = new StepReader(scheme, s, epsScore, e, nR, lamMin);
    double[][] coef = reader.coef;
    double[] times = reader.times;
    double[][] q = new double[m][d];
    double[][] poly = new double[width][d];
    double[][] scratch = new double[m + 1][d];
    for (int step = 0; step < grid.steps(); step++) {
      reader.read(grid.time(step), grid.time(step + 1));
      if (m <= 2 && nR <= 1 && v.length <= 2) { // fused single pass
        fusedStep(s, times, m, epsScore, e, coef, nR, v);
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
          throw GaussianLaw.undefinedScore(t, GaussianLaw.indexOf(lambda, lamMin));
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
   * Reads one step's coefficients off the scheme: runs it on the 2^m probes (twice when the first run
   * shows that a probe must be larger) and inverts. A method called once per step rather than the body of
   * run()'s loop, so that the JIT compiles it early by its call count (run() itself is called once per
   * table cell and stays interpreted).
   */
  private static final class StepReader {
    final double[] times;
    final double[][] coef;
    private final Scheme scheme;
    private final NoiseSchedule s;
    private final double epsScore, lamMin;
    private final ScorePerturbation e;
    private final int m, nR, width;
    private final double[] y;
    private final int[] exps;
    private final StepContext c;
    private int calls, draws;

    StepReader(Scheme scheme, NoiseSchedule s, double epsScore, ScorePerturbation e, int nR, double lamMin) {
      this.scheme = scheme;
      this.s = s;
      this.epsScore = epsScore;
      this.e = e;
      this.nR = nR;
      this.lamMin = lamMin;
      this.m = scheme.scoreEvaluationsPerStep();
      this.width = 1 + nR;
      int probes = 1 << m;
      this.y = new double[probes * width];
      this.times = new double[m];
      this.exps = new int[m];
      this.coef = new double[width][probes];
      Score probe = (t, in, out) -> {
        int i = calls++;
        if (i >= m) throw new IllegalStateException("scheme " + scheme.name() + " evaluates the score more than its declared " + m + " times");
        times[i] = t;
        for (int k = 0; k < in.length; k++) out[k] = ((k / width) >> i & 1) == 1 ? Math.scalb(in[k], exps[i]) : 0;
      };
      Noise noise = xi -> {
        int r = draws++;
        if (r >= nR) throw new IllegalStateException("scheme " + scheme.name() + " draws more than its declared " + nR + " times");
        for (int k = 0; k < xi.length; k++) xi[k] = k % width == 1 + r ? 1 : 0;
      };
      this.c = new StepContext(s, probe, noise);
    }

    /** The step from t to tNext: {@link #times} holds its score calls' times, {@link #coef} its coefficients. */
    void read(double t, double tNext) {
      // a first run records the score calls' times, which set each probe's size; then the probed run
      java.util.Arrays.fill(exps, PROBE_EXPONENT);
      for (int pass = 0; pass < 2; pass++) {
        resetProbes(y, width);
        calls = 0;
        draws = 0;
        scheme.step(t, tNext, y, c);
        if (pass == 1 || calls != m) break;
        boolean larger = false;
        for (int i = 0; i < m; i++) {
          double a = s.a(times[i]), floor = a * a * lamMin + s.b2(times[i]);
          if (!(floor > 0)) continue; // undefined at this time: reported by the caller
          double most = 1 / floor + (epsScore == 0 ? 0 : Math.abs(epsScore * e.scale(times[i])));
          int ex = Math.min(MAX_PROBE_EXPONENT, Math.max(PROBE_EXPONENT, Math.getExponent(most) + 1));
          larger |= ex != exps[i];
          exps[i] = ex;
        }
        if (!larger) break;
      }
      if (calls != m || draws != nR) {
        throw new IllegalStateException("scheme " + scheme.name() + " made " + calls + " score calls and "
            + draws + " draws in a step but declares " + m + " and " + nR);
      }
      for (int lane = 0; lane < width; lane++) coefficients(y, width, lane, m, exps, coef[lane]);
    }
  }

  /*
   * The loops of run() live in the small methods below and in StepReader, so that run() itself is
   * never compiled on the stack (an OSR compilation of run() with the scheme's step inlined cost the C2
   * compiler 56 ms of a cold 0.4 s table, time the eigenvalue loops waited in slower code).
   */

  /** Every probe's state: 1 on lane 0 (the linear part), 0 on the draw lanes. */
  private static void resetProbes(double[] y, int width) {
    for (int k = 0; k < y.length; k++) y[k] = k % width == 0 ? 1 : 0;
  }

  /**
   * The coefficients c_S of one lane's multilinear polynomial from its values at the 2^m probes
   * (Möbius inversion over subsets), divided by Π_{i ∈ S} 2^{exps[i]} (exact).
   */
  private static void coefficients(double[] y, int width, int lane, int m, int[] exps, double[] cf) {
    int probes = 1 << m;
    for (int sub = 0; sub < probes; sub++) cf[sub] = y[sub * width + lane];
    for (int bit = 0; bit < m; bit++) {
      for (int sub = 0; sub < probes; sub++) if ((sub >> bit & 1) == 1) cf[sub] -= cf[sub ^ (1 << bit)];
    }
    for (int sub = 0; sub < probes; sub++) {
      int scale = 0;
      for (int i = 0; i < m; i++) if ((sub >> i & 1) == 1) scale += exps[i];
      cf[sub] = Math.scalb(cf[sub], -scale);
    }
  }

  /**
   * One step for m ∈ {1, 2} score calls, R ≤ 1 draws and at most two start laws, in one loop
   * over the eigenvalues: the q_i at the (at most m) distinct call times, A and B as nested
   * multilinear polynomials (halving on the last variable), and both variances.
   */
  private void fusedStep(NoiseSchedule s, double[] times, int m, double epsScore, ScorePerturbation e,
      double[][] coef, int nR, double[][] v) {
    double[] a2 = new double[4], b2 = new double[4], pert = new double[4];
    for (int i = 0; i < m; i++) {
      double t = times[i], a = s.a(t);
      a2[i] = a * a;
      b2[i] = s.b2(t);
      if (!(a2[i] * lamMin + b2[i] > 0)) {
        throw GaussianLaw.undefinedScore(t, GaussianLaw.indexOf(lambda, lamMin));
      }
      pert[i] = epsScore == 0 ? 0 : epsScore * e.scale(t);
    }
    double[] ca = coef[0], cb = nR == 1 ? coef[1] : new double[1 << m];
    double[] lv = lambda, v0 = v[0], v1 = v.length > 1 ? v[1] : new double[lv.length];
    int d = lv.length;
    // constants in locals and no branch in the loops, so the JIT vectorises them
    double x0 = a2[0], y0 = b2[0], p0 = pert[0], x1 = a2[1], y1 = b2[1], p1 = pert[1];
    if (m == 1) {
      oneCall(lv, v0, v1, x0, y0, p0, ca[0], ca[1], cb[0], cb[1]);
    } else if (m == 2) {
      twoCalls(lv, v0, v1, x0, y0, p0, x1, y1, p1, ca, cb);
    }
  }

  /**
   * The loop of a one-call step: v ← A² v + B² with A = ca0 + ca1 q0, B = cb0 + cb1 q0. A method of
   * its own (and {@link #twoCalls} another) so that each is compiled once, early, and never thrown
   * away when the table moves on to a scheme that takes the other branch.
   */
  private static void oneCall(double[] lv, double[] v0, double[] v1, double x0, double y0, double p0,
      double ca0, double ca1, double cb0, double cb1) {
    for (int j = 0; j < lv.length; j++) {
      double q0 = p0 - 1 / (x0 * lv[j] + y0);
      double aj = ca0 + ca1 * q0, bj = cb0 + cb1 * q0;
      double a2j = aj * aj, bsq = bj * bj;
      v0[j] = a2j * v0[j] + bsq;
      v1[j] = a2j * v1[j] + bsq;
    }
  }

  /** The loop of a two-call step, as {@link #oneCall}, with A and B bilinear in (q0, q1). */
  private static void twoCalls(double[] lv, double[] v0, double[] v1, double x0, double y0, double p0,
      double x1, double y1, double p1, double[] ca, double[] cb) {
    double a00 = ca[0], a01 = ca[1], a02 = ca[2], a03 = ca[3], b00 = cb[0], b01 = cb[1], b02 = cb[2], b03 = cb[3];
    for (int j = 0; j < lv.length; j++) {
      double q0 = p0 - 1 / (x0 * lv[j] + y0);
      double q1 = p1 - 1 / (x1 * lv[j] + y1);
      double aj = (a00 + a01 * q0) + (a02 + a03 * q0) * q1;
      double bj = (b00 + b01 * q0) + (b02 + b03 * q0) * q1;
      double a2j = aj * aj, bsq = bj * bj;
      v0[j] = a2j * v0[j] + bsq;
      v1[j] = a2j * v1[j] + bsq;
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
}
