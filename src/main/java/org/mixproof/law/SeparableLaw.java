package org.mixproof.law;

import java.util.ArrayList;
import java.util.List;
import org.mixproof.sampler.MixtureScore;
import org.mixproof.sampler.PerturbedScore;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Score;
import org.mixproof.sampler.ScorePerturbation;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The exact output law for an isotropic mixture Σ π_i N(μ_i, σ² I) in R^d whose means lie on a line
 * (an affine subspace of dimension m ≤ 1), for d up to 10⁵ and beyond (CLAIMS §5.3).
 *
 * <p>With v the unit direction of the line and μ_⊥ the common component of the means orthogonal
 * to it, the data is (1-D mixture Σ π_i N(⟨μ_i, v⟩, σ²) along v) ⊗ N(μ_⊥, σ² I_{d−1}), the score
 * splits the same way, and every scheme (scalar combinations of state, score and draws) keeps the
 * split. Along v the law is a {@link GridLaw}; in v^⊥, choosing a basis whose first vector is
 * μ_⊥/‖μ_⊥‖, one coordinate has data mean ‖μ_⊥‖ and the other d − 2 are identical N(0, σ²)
 * problems, so the exact Gaussian law of two coordinates gives all d − 1 (its divergences are
 * counted with multiplicity). KL and W2² add over the factors; TV is bracketed by the largest
 * factor's TV below and by min(TV_grid + TV_Gauss-bracket, √(KL/2)) above.
 * The score error e_t is normalised over the whole space, as in {@link ScorePerturbation}.
 */
public final class SeparableLaw {

  private final int d;
  private final double[] weights;
  private final double[] lineMeans;   // ⟨μ_i, v⟩ (m = 1) or empty (m = 0)
  private final double perpNorm;      // ‖μ_⊥‖
  private final double sigma2;
  private final double traceCov0;     // d σ² + Σ π_i (⟨μ_i, v⟩ − mean)²
  private final double lineMean0;     // Σ π_i ⟨μ_i, v⟩

  private SeparableLaw(int d, double[] weights, double[] lineMeans, double perpNorm, double sigma2) {
    this.d = d;
    this.weights = weights;
    this.lineMeans = lineMeans;
    this.perpNorm = perpNorm;
    this.sigma2 = sigma2;
    double m = 0, v = 0;
    for (int i = 0; i < weights.length; i++) m += weights[i] * lineMeans[i];
    for (int i = 0; i < weights.length; i++) v += weights[i] * (lineMeans[i] - m) * (lineMeans[i] - m);
    this.lineMean0 = m;
    this.traceCov0 = d * sigma2 + v;
  }

  /**
   * From the weights, the means (k rows of length d) and σ². The means must lie on a line: every
   * μ_i − μ_0 parallel to one direction within 1e-10 relative (else rejected, naming the
   * subspace dimension; m = 2 needs a 2-D grid law, which is not implemented).
   */
  public static SeparableLaw of(double[] weights, double[][] means, double sigma2) {
    if (weights == null || means == null || weights.length == 0 || means.length != weights.length) {
      throw new IllegalArgumentException("weights and means must be non-empty with one mean per weight");
    }
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, was " + weights[i]);
      }
      sum += weights[i];
    }
    if (Math.abs(sum - 1) > GaussianMixture.WEIGHT_SUM_TOLERANCE) {
      throw new IllegalArgumentException("weights must sum to 1, sum was " + sum);
    }
    if (!(sigma2 >= 0) || !Double.isFinite(sigma2)) {
      throw new IllegalArgumentException("sigma2 must be finite and >= 0, was " + sigma2);
    }
    int d = means[0].length;
    if (d < 1) throw new IllegalArgumentException("dimension d must be at least 1");
    for (int i = 0; i < means.length; i++) {
      if (means[i] == null || means[i].length != d) {
        throw new IllegalArgumentException("means[" + i + "] must have length d = " + d);
      }
      for (double x : means[i]) if (!Double.isFinite(x)) throw new IllegalArgumentException("means[" + i + "] must be finite");
    }
    // direction: the longest μ_i − μ_0
    double[] v = new double[d];
    double best = 0, scale = 0;
    for (int i = 0; i < means.length; i++) {
      double n2 = 0;
      for (int j = 0; j < d; j++) {
        double x = means[i][j] - means[0][j];
        n2 += x * x;
        scale = Math.max(scale, Math.abs(means[i][j]));
      }
      if (n2 > best) {
        best = n2;
        for (int j = 0; j < d; j++) v[j] = means[i][j] - means[0][j];
      }
    }
    double[] w = weights.clone();
    if (best == 0) { // m = 0: all means equal
      return new SeparableLaw(d, w, new double[w.length], norm(means[0]), sigma2);
    }
    double nv = Math.sqrt(best);
    for (int j = 0; j < d; j++) v[j] /= nv;
    double[] line = new double[means.length];
    for (int i = 0; i < means.length; i++) {
      double dot = 0;
      for (int j = 0; j < d; j++) dot += means[i][j] * v[j];
      line[i] = dot;
      // residual of μ_i − μ_0 off the line
      double r2 = 0;
      double dot0 = 0;
      for (int j = 0; j < d; j++) dot0 += (means[i][j] - means[0][j]) * v[j];
      for (int j = 0; j < d; j++) {
        double x = means[i][j] - means[0][j] - dot0 * v[j];
        r2 += x * x;
      }
      if (Math.sqrt(r2) > 1e-10 * Math.max(nv, scale)) {
        throw new IllegalArgumentException("the means span an affine subspace of dimension ≥ 2 (means[" + i
            + "] is " + Math.sqrt(r2) + " off the line through means[0]); the separable law supports m ≤ 1");
      }
    }
    double dot0 = 0;
    for (int j = 0; j < d; j++) dot0 += means[0][j] * v[j];
    double p2 = 0;
    for (int j = 0; j < d; j++) {
      double x = means[0][j] - dot0 * v[j];
      p2 += x * x;
    }
    return new SeparableLaw(d, w, line, Math.sqrt(p2), sigma2);
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return Math.sqrt(s);
  }

  public int dimension() { return d; }

  /** The 1-D mixture along the line (a GaussianMixture in d = 1). */
  public GaussianMixture lineMixture() {
    int k = weights.length;
    double[][] mu = new double[k][1];
    double[][][] cov = new double[k][1][1];
    for (int i = 0; i < k; i++) {
      mu[i][0] = lineMeans[i];
      cov[i][0][0] = sigma2;
    }
    return GaussianMixture.normalized(weights, mu, cov);
  }

  /** The Gaussian factor in v^⊥: coordinate 0 with mean ‖μ_⊥‖, coordinate 1 standing for d − 2 zero-mean ones. */
  public GaussianLaw perpendicular() {
    return GaussianLaw.ofDiagonal(new double[] {perpNorm, 0}, new double[] {sigma2, sigma2});
  }

  /** How many copies of the zero-mean perpendicular coordinate there are: d − 2 (0 when d = 1). */
  public int zeroMeanCopies() { return Math.max(0, d - 2); }

  /** The output law: grid factor (n and n/2 cells) and exact Gaussian factor. */
  public record Output(GridLaws.Run line, DiagonalGaussian perpendicular, int steps, long scoreEvaluations, String undefined) {}

  /** Divergences of the output against p_t: KL(output ‖ p_t), W2, TV bracket, each grid part with its error. */
  public record Errors(double kl, double klError, double w2, double w2Error, double tvLower, double tvUpper, double tvError) {}

  public Output propagate(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, StartLaw start, int cells) {
    GaussianMixture line = lineMixture();
    Score score = new MixtureScore(line, s);
    if (epsScore != 0) {
      score = new PerturbedScore(score, epsScore, new ScorePerturbation(s, new double[] {lineMean0}, traceCov0, d));
    }
    Mixture1D st = GridLaws.start(start, line, s, grid.horizon());
    GridLaws.Run run = GridLaws.run(score, scheme, s, grid, st, GridLaws.range(line, s, grid, st), cells);
    GaussianLaw perp = perpendicular();
    ScorePerturbation e = new ScorePerturbation(s, new double[] {perpNorm, 0}, traceCov0, d);
    List<DiagonalGaussian> starts = new ArrayList<>();
    starts.add(perp.start(start, s, grid.horizon()));
    GaussianLaw.Propagation p = perp.propagate(scheme, s, grid, epsScore, e, starts);
    long nfe = (long) grid.steps() * scheme.scoreEvaluationsPerStep();
    if (!p.defined()) return new Output(run, null, grid.steps(), nfe, p.undefined());
    return new Output(run, p.law(0), grid.steps(), nfe, null);
  }

  /** The errors of {@code out} against p_t (the data diffused to forward time t). */
  public Errors errors(Output out, NoiseSchedule s, double t) {
    if (out.undefined() != null) throw new IllegalStateException("the run is undefined: " + out.undefined());
    Mixture1D pLine = Mixture1D.at(lineMixture(), s, t);
    DiagonalGaussian pPerp = perpendicular().marginal(s, t);
    DiagonalGaussian q = out.perpendicular();
    double[] klc = new double[2], w2c = new double[2], tvc = new double[2];
    for (int j = 0; j < 2; j++) {
      klc[j] = 0.5 * Divergences.kl1(q.mean()[j], q.variance()[j], pPerp.mean()[j], pPerp.variance()[j]);
      double dm = q.mean()[j] - pPerp.mean()[j];
      w2c[j] = dm * dm + Divergences.sqrtDiff2(q.variance()[j], pPerp.variance()[j]);
      tvc[j] = Divergences.tv1d(q.mean()[j], q.variance()[j], pPerp.mean()[j], pPerp.variance()[j]);
    }
    int copies = zeroMeanCopies();
    boolean hasPerp = d >= 2;
    double klG = hasPerp ? klc[0] + (copies > 0 ? copies * klc[1] : 0) : 0;
    double w2G = hasPerp ? w2c[0] + (copies > 0 ? copies * w2c[1] : 0) : 0;
    double tvGLow = hasPerp ? Math.max(tvc[0], copies > 0 ? tvc[1] : 0) : 0;
    GridLaws.Estimate kl = out.line().kl(pLine), w2 = out.line().w2(pLine), tv = out.line().tv(pLine);
    double klTotal = kl.value() + klG;
    double w2Total = Math.sqrt(w2.value() * w2.value() + w2G);
    double w2Err = w2Total == 0 ? w2.error() : (w2.value() / w2Total) * w2.error(); // ∂W2/∂W2_grid
    double tvGUp = Math.min(1, Math.sqrt(klG / 2));
    double lower = Math.max(tv.value(), tvGLow);
    double upper = Math.min(1, Math.min(tv.value() + tvGUp, Math.sqrt(klTotal / 2)));
    return new Errors(klTotal, kl.error(), w2Total, w2Err, lower, Math.max(lower, upper), tv.error());
  }
}
