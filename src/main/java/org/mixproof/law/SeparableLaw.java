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
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The exact output law for an isotropic mixture Σ π_i N(μ_i, σ² I) in R^d whose means lie in an
 * affine subspace of dimension m ≤ 2 (a line or a plane), for d up to 10⁵ and beyond (docs/claims.md §5.3).
 *
 * <p>With v_1, …, v_m an orthonormal basis of span{μ_i − μ_0} and μ_⊥ the common component of the
 * means orthogonal to it, the data is (m-dimensional mixture Σ π_i N((⟨μ_i, v_b⟩)_b, σ² I_m))
 * ⊗ N(μ_⊥, σ² I_{d−m}), the score splits the same way, and every scheme (scalar combinations of
 * state, score and draws) keeps the split. In the subspace the law is a {@link GridLaw} (m ≤ 1) or a
 * {@link GridLaw2D} (m = 2); in its complement, choosing a basis whose first vector is
 * μ_⊥/‖μ_⊥‖, one coordinate has data mean ‖μ_⊥‖ and the other d − m − 1 are identical N(0, σ²)
 * problems, so the exact Gaussian law of two coordinates gives all d − m (its divergences are
 * counted with multiplicity). KL and W2² add over the factors; TV is bracketed by the largest
 * factor's TV below and by min(TV_grid + TV_Gauss-bracket, √(KL/2)) above. For m = 2 the grid
 * factor's W2 is itself a bracket ({@link GridLaw2D#w2Bracket}), so the total W2 is one too.
 * The score error e_t is normalised over the whole space, as in {@link ScorePerturbation}.
 */
public final class SeparableLaw {

  private final int d;
  private final double[] weights;
  private final double[][] coords;    // k × m: ⟨μ_i, v_b⟩ (m = 1 with zeros when all means are equal)
  private final double perpNorm;      // ‖μ_⊥‖
  private final double sigma2;
  private final double traceCov0;     // d σ² + Σ π_i ‖coords_i − mean‖²
  private final double[] mean0;       // Σ π_i coords_i

  private SeparableLaw(int d, double[] weights, double[][] coords, double perpNorm, double sigma2) {
    this.d = d;
    this.weights = weights;
    this.coords = coords;
    this.perpNorm = perpNorm;
    this.sigma2 = sigma2;
    int m = coords[0].length;
    double[] mean = new double[m];
    for (int i = 0; i < weights.length; i++) for (int b = 0; b < m; b++) mean[b] += weights[i] * coords[i][b];
    double v = 0;
    for (int i = 0; i < weights.length; i++) {
      for (int b = 0; b < m; b++) v += weights[i] * (coords[i][b] - mean[b]) * (coords[i][b] - mean[b]);
    }
    this.mean0 = mean;
    this.traceCov0 = d * sigma2 + v;
  }

  /**
   * From the weights, the means (k rows of length d) and σ². The means must lie in a plane: every
   * μ_i − μ_0 in the span of two directions within 1e-10 relative (else rejected, naming the
   * subspace dimension).
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
    // an orthonormal basis of span{μ_i − μ_0}: Gram–Schmidt on the longest residual, at most twice
    double scale = 0;
    for (double[] mu : means) for (double x : mu) scale = Math.max(scale, Math.abs(x));
    List<double[]> basis = new ArrayList<>();
    double first = 0;
    while (true) {
      double best = 0;
      int arg = -1;
      double[] res = null;
      for (int i = 1; i < means.length; i++) {
        double[] r = residual(means[i], means[0], basis);
        double n2 = dot(r, r);
        if (n2 > best) {
          best = n2;
          arg = i;
          res = r;
        }
      }
      if (basis.isEmpty()) first = Math.sqrt(best);
      // off the span of the basis by more than 1e-10 relative to the spread and the size of the means
      if (arg < 0 || Math.sqrt(best) <= 1e-10 * Math.max(first, scale)) break;
      if (basis.size() == 2) {
        throw new IllegalArgumentException("the means span an affine subspace of dimension ≥ 3 (means[" + arg
            + "] is " + Math.sqrt(best) + " off the plane through means[0]); the separable law supports m ≤ 2");
      }
      double nr = Math.sqrt(best);
      for (int j = 0; j < d; j++) res[j] /= nr;
      basis.add(res);
    }
    double[] w = weights.clone();
    int m = Math.max(1, basis.size()); // m = 0 (all means equal) is carried as a line with zero means
    double[][] coords = new double[means.length][m];
    if (!basis.isEmpty()) {
      for (int i = 0; i < means.length; i++) for (int b = 0; b < m; b++) coords[i][b] = dot(means[i], basis.get(b));
    }
    double perp = Math.sqrt(dot(residual(means[0], new double[d], basis), residual(means[0], new double[d], basis)));
    return new SeparableLaw(d, w, coords, perp, sigma2);
  }

  /** (x − origin) minus its projection on the orthonormal basis. */
  private static double[] residual(double[] x, double[] origin, List<double[]> basis) {
    double[] r = new double[x.length];
    for (int j = 0; j < x.length; j++) r[j] = x[j] - origin[j];
    for (double[] v : basis) {
      double c = dot(r, v);
      for (int j = 0; j < x.length; j++) r[j] -= c * v[j];
    }
    return r;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  }

  public int dimension() { return d; }

  /** The dimension m of the mixture factor: 1 (a line; also when all means are equal) or 2 (a plane). */
  public int subspaceDimension() { return coords[0].length; }

  /** The mixture factor (a GaussianMixture in d = m, covariances σ² I). */
  public GaussianMixture subspaceMixture() {
    int k = weights.length, m = subspaceDimension();
    double[][][] cov = new double[k][m][m];
    for (int i = 0; i < k; i++) for (int b = 0; b < m; b++) cov[i][b][b] = sigma2;
    double[][] mu = new double[k][];
    for (int i = 0; i < k; i++) mu[i] = coords[i].clone();
    return GaussianMixture.normalized(weights, mu, cov);
  }

  /** The 1-D mixture along the line (m = 1 only). */
  public GaussianMixture lineMixture() {
    if (subspaceDimension() != 1) throw new IllegalStateException("the means span a plane (m = 2), not a line");
    return subspaceMixture();
  }

  /** The Gaussian factor off the subspace: coordinate 0 with mean ‖μ_⊥‖, coordinate 1 standing for the zero-mean ones. */
  public GaussianLaw perpendicular() {
    return GaussianLaw.ofDiagonal(new double[] {perpNorm, 0}, new double[] {sigma2, sigma2});
  }

  /** How many copies of the zero-mean perpendicular coordinate there are: d − m − 1 (0 when d ≤ m + 1). */
  public int zeroMeanCopies() { return Math.max(0, d - subspaceDimension() - 1); }

  /**
   * The output law: grid factor on n and n/2 cells ({@code line} for m = 1, {@code plane} for
   * m = 2, the other null) and the exact Gaussian factor.
   */
  public record Output(GridLaws.Run line, DiagonalGaussian perpendicular, int steps, long scoreEvaluations, String undefined,
      GridLaws.Run2D plane) {}

  /**
   * Divergences of the output against p_t: KL(output ‖ p_t), W2, TV bracket, each grid part with
   * its error. W2 lies in [w2Lower, w2Upper] (equal for m = 1); for m = 2, w2 is the midpoint and
   * w2Error is the half-width plus the quadrature error, so w2 ± w2Error holds W2.
   */
  public record Errors(double kl, double klError, double w2, double w2Error, double tvLower, double tvUpper, double tvError,
      double w2Lower, double w2Upper) {}

  public Output propagate(Scheme scheme, NoiseSchedule s, TimeGrid grid, double epsScore, StartLaw start, int cells) {
    GaussianMixture sub = subspaceMixture();
    Score score = new MixtureScore(sub, s);
    if (epsScore != 0) score = new PerturbedScore(score, epsScore, new ScorePerturbation(s, mean0, traceCov0, d));
    GridLaws.Run run = null;
    GridLaws.Run2D plane = null;
    if (subspaceDimension() == 1) {
      Mixture1D st = GridLaws.start(start, sub, s, grid.horizon());
      run = GridLaws.run(score, scheme, s, grid, st, GridLaws.range(sub, s, grid, st), cells);
    } else {
      plane = GridLaws.run2d(score, scheme, s, grid, sub, start, cells);
    }
    GaussianLaw perp = perpendicular();
    ScorePerturbation e = new ScorePerturbation(s, new double[] {perpNorm, 0}, traceCov0, d);
    List<DiagonalGaussian> starts = new ArrayList<>();
    starts.add(perp.start(start, s, grid.horizon()));
    GaussianLaw.Propagation p = perp.propagate(scheme, s, grid, epsScore, e, starts);
    long nfe = (long) grid.steps() * scheme.scoreEvaluationsPerStep();
    if (!p.defined()) return new Output(run, null, grid.steps(), nfe, p.undefined(), plane);
    return new Output(run, p.law(0), grid.steps(), nfe, null, plane);
  }

  /** The errors of {@code out} against p_t (the data diffused to forward time t). */
  public Errors errors(Output out, NoiseSchedule s, double t) {
    if (out.undefined() != null) throw new IllegalStateException("the run is undefined: " + out.undefined());
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
    boolean hasPerp = d > subspaceDimension();
    double klG = hasPerp ? klc[0] + (copies > 0 ? copies * klc[1] : 0) : 0;
    double w2G = hasPerp ? w2c[0] + (copies > 0 ? copies * w2c[1] : 0) : 0;
    double tvGLow = hasPerp ? Math.max(tvc[0], copies > 0 ? tvc[1] : 0) : 0;
    GridLaws.Estimate kl, tv;
    double w2Lo, w2Hi, w2GridErr;
    if (out.line() != null) {
      Mixture1D pLine = Mixture1D.at(subspaceMixture(), s, t);
      kl = out.line().kl(pLine);
      tv = out.line().tv(pLine);
      GridLaws.Estimate w2 = out.line().w2(pLine);
      w2Lo = w2.value();
      w2Hi = w2.value();
      w2GridErr = w2.error();
    } else {
      MixtureDensity pPlane = MixtureDensity.at(subspaceMixture(), s, t);
      kl = out.plane().kl(pPlane);
      tv = out.plane().tv(pPlane);
      GridLaws.Bracket w2 = out.plane().w2(pPlane);
      w2Lo = w2.lower();
      w2Hi = w2.upper();
      w2GridErr = w2.error();
    }
    double klTotal = kl.value() + klG;
    double lo = Math.sqrt(w2Lo * w2Lo + w2G), hi = Math.sqrt(w2Hi * w2Hi + w2G);
    double w2Err = hi == 0 ? w2GridErr : (w2Hi / hi) * w2GridErr; // ∂W2/∂W2_grid ≤ W2_grid / W2
    double tvGUp = Math.min(1, Math.sqrt(klG / 2));
    double lower = Math.max(tv.value(), tvGLow);
    double upper = Math.min(1, Math.min(tv.value() + tvGUp, Math.sqrt(klTotal / 2)));
    return new Errors(klTotal, kl.error(), 0.5 * (lo + hi), 0.5 * (hi - lo) + w2Err, lower, Math.max(lower, upper),
        tv.error(), lo, hi);
  }
}
