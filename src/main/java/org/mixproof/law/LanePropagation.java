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
 * The stacked-lanes propagation of {@link GaussianLaw} (any means): one run of the scheme's step per
 * grid step on L = 1 + R + S lanes of a block of eigen-coordinates — lane 0 holds ones (→ diag A),
 * lanes 1..R the draws (→ diag B_r), the last S lanes the means of the start laws, with the full
 * affine score on the mean lanes and its homogeneous part elsewhere (see {@link GaussianLaw}).
 *
 * <p>Its own class because it is one of two independent ways to read the step's affine map off the
 * scheme code ({@link ProbedPropagation} is the other, and the tests check one against the other);
 * it holds the data's eigenvalues and eigen-mean, and nothing per run.
 */
final class LanePropagation {

  private final double[] lambda;     // eigenvalues of Σ
  private final double[] meanU;      // μ̃ = Uᵀ μ

  LanePropagation(double[] lambda, double[] meanU) {
    this.lambda = lambda;
    this.meanU = meanU;
  }

  /** The stacked-lanes method for the whole run (any means), block by block of coordinates. */
  void run(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, ScorePerturbation e,
      int nS, int nR, double[][] means, double[][] v) {
    // Coordinates are independent, so the whole run is made block by block of eigenvalues: a block's
    // lanes stay in the first-level cache for all the steps.
    int d = lambda.length;
    for (int from = 0; from < d; from += BLOCK) {
      runBlock(scheme, s, grid, epsScore, e, from, Math.min(BLOCK, d - from), nS, nR, means, v);
    }
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
        throw GaussianLaw.undefinedScore(t, from + GaussianLaw.indexOf(lam, lamMin));
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
