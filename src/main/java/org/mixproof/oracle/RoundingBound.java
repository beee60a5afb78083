package org.mixproof.oracle;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.mixproof.rounding.RoundingModel;

/**
 * How far the double density code may be from the truth at one point, from the oracle's values:
 * the sizes of the terms that cancel, per unit of ε = c · u · κ (docs/claims.md §6).
 *
 * <p><b>The constant.</b> c = 16 (d + 1)². A first-order rounding analysis of the double algorithm
 * (time-t covariance a²Σ + b²I, Cholesky, explicit inverse factor W = L⁻¹, z = W r, s_i = −Wᵀz,
 * P_i = WᵀW) makes it the exact algorithm applied to Σ_i(t) + E_i with
 * ‖E_i‖ ≤ (3√d + d(d+1) + 2d² + 2d^{3/2} + 2d) u λmax ≤ 4(d+1)² u λmax — building Σ(t), Cholesky
 * (Higham, ASNA Thm 10.3, with ‖|L||Lᵀ|‖ ≤ tr Σ ≤ d λmax), the triangular inverse (|LW − I| ≤ γ_d|L||W|,
 * ‖|L||W|‖ ≤ d√κ), matrix–vector products and sums — and perturbs the residual x − μ_i(t) by
 * 2u(‖x‖ + ‖μ_i(t)‖). A factor 2 covers the inverse's 1/(1 − κ‖E‖/λmax) (the double code refuses
 * c·u·κ ≥ 1, so that quotient is ≤ 2), and another 2 the second-order effect of the posterior
 * weights (the double code refuses points where a competing component's log-term is uncertain by
 * more than δ = ½, and e^{2δ} − 1 ≤ 2·(2δ) there).
 *
 * <p><b>Per component</b> (κ_i = cond Σ_i(t), λ_i = λmin(Σ_i(t)), q_i the quadratic form,
 * ρ_i = ‖x‖ + ‖μ_i(t)‖), in units of c·u:
 * <ul>
 *   <li>ℓ_i within κ_i (q_i + d) + ρ_i √(q_i/λ_i) + L_i, with L_i = |log π_i| + d(2 + |log λ_i| +
 *       |log λmax_i|) the size of the normalising constant (the quadratic form's relative error
 *       is ~κ_i, log det's absolute error ~d κ_i, the residual's rounding reaches ℓ through ‖W‖‖z‖);
 *   <li>s_i within κ_i √(q_i/λ_i) + ρ_i/λ_i (that is κ_i ‖W_i‖‖z_i‖ + ‖P_i‖ρ_i);
 *   <li>P_i within √d κ_i/λ_i in the Frobenius norm.
 * </ul>
 * <b>Propagated</b> to first order (w_i the posterior weights, u_i = s_i − s, ā = Σ w_j â_j, â_i the
 * ℓ_i bound per unit ε, likewise b̂_i and F̂_i): |δ log p| ≤ ε S_logp with S_logp = ā + (|log p| +
 * log k + 1)/κ; |δw_i| ≤ ε ĝ_i with ĝ_i = w_i (â_i + ā + 1/κ), so Σ|δw_i| ≤ ε S_w with S_w = Σ ĝ_i; ‖δs‖ ≤ ε S_s with
 * S_s = Σ ĝ_i ‖u_i‖ + Σ w_i b̂_i + (Σ w_i ‖s_i‖ + ‖s‖)/κ; ‖δH‖_F ≤ ε S_H with
 * S_H = Σ ĝ_i (√d/λ_i + ‖u_i‖²) + Σ w_i (F̂_i + 2‖u_i‖(b̂_i + S_s)) + Σ w_i (√d/λ_i + ‖u_i‖²)/κ.
 * These scales refine docs/claims.md §6's max_i ‖s_i‖ and max_i ‖P_i‖ + max_i ‖s_i‖²: they add how far the
 * posterior weights move (a far point where two components tie is ill-conditioned in its own right).
 *
 * <p>The same model with u replaced by apfloat's unit 10^{1−W} bounds the oracle's own error.
 */
public final class RoundingBound {

  /** u = 2⁻⁵³ (RoundingModel.U). */
  public static final double UNIT_ROUNDOFF = RoundingModel.U;

  private final double kappa;
  private final double weightsScale;
  private final double logDensityScale;
  private final double scoreScale;
  private final double hessianScale;

  private RoundingBound(double kappa, double weightsScale, double logDensityScale, double scoreScale,
      double hessianScale) {
    this.kappa = kappa;
    this.weightsScale = weightsScale;
    this.logDensityScale = logDensityScale;
    this.scoreScale = scoreScale;
    this.hessianScale = hessianScale;
  }

  /** c = 16 (d + 1)², the constant of docs/claims.md §6 {@code oracle.agreement} (derivation above). */
  public static double constant(int d) { return RoundingModel.constant(d); }

  /** The scales at the oracle's point. */
  public static RoundingBound of(OracleEvaluation e) {
    if (e == null) throw new IllegalArgumentException("evaluation must not be null");
    OracleDensity o = e.density();
    int d = o.dimension(), k = o.components();
    double kappa = o.maxConditionNumber();
    double[] x = e.x();
    double xNorm = norm(x);
    double[] w = e.weightValues();
    double[] s = e.scoreValues();
    double sNorm = norm(s);
    double logp = e.logDensityValue();
    double sqrtD = Math.sqrt(d);
    double[] a = new double[k], b = new double[k], f = new double[k], un = new double[k], sn = new double[k];
    double aBar = 0;
    for (int i = 0; i < k; i++) {
      if (!(w[i] > 0)) continue;
      double q = e.quadraticFormValue(i);
      double lambda = o.lambdaMinOf(i), ki = o.conditionNumber(i);
      double rho = xNorm + o.meanNorm(i);
      double norming = RoundingModel.normingSize(o.mixture().weight(i), d, lambda, o.lambdaMaxOf(i));
      a[i] = RoundingModel.logTermBound(ki, q, d, rho, lambda, norming) / kappa;
      b[i] = RoundingModel.componentScoreBound(ki, q, rho, lambda) / kappa;
      f[i] = RoundingModel.precisionBound(d, ki, lambda) / kappa;
      double[] si = e.componentScoreValues(i);
      sn[i] = norm(si);
      double u2 = 0;
      for (int j = 0; j < d; j++) u2 += (si[j] - s[j]) * (si[j] - s[j]);
      un[i] = Math.sqrt(u2);
      aBar += w[i] * a[i];
    }
    double sLogp = aBar + (Math.abs(logp) + Math.log(k) + 1) / kappa;
    double sScore = (sNorm) / kappa;
    double[] g = new double[k];
    double sWeights = 0;
    for (int i = 0; i < k; i++) {
      if (!(w[i] > 0)) continue;
      g[i] = w[i] * (a[i] + aBar + 1 / kappa);
      sWeights += g[i];
      sScore += g[i] * un[i] + w[i] * b[i] + w[i] * sn[i] / kappa;
    }
    double sHess = 0;
    for (int i = 0; i < k; i++) {
      if (!(w[i] > 0)) continue;
      double lambda = o.lambdaMinOf(i);
      double terms = sqrtD / lambda + un[i] * un[i];
      sHess += g[i] * terms + w[i] * (f[i] + 2 * un[i] * (b[i] + sScore)) + w[i] * terms / kappa;
    }
    return new RoundingBound(kappa, sWeights, sLogp, sScore, sHess);
  }

  /** κ = max_i cond(Σ_i(t)). */
  public double kappa() { return kappa; }

  /** S_w = Σ ĝ_i: Σ |δw_i| ≤ c u κ S_w. */
  public double weightsScale() { return weightsScale; }

  /** S_logp: |δ log p| ≤ c u κ S_logp. */
  public double logDensityScale() { return logDensityScale; }

  /** S_s: ‖δs‖₂ ≤ c u κ S_s. */
  public double scoreScale() { return scoreScale; }

  /** S_H: ‖δH‖_F ≤ c u κ S_H. */
  public double hessianScale() { return hessianScale; }

  /**
   * The oracle's own bound on ‖δH‖_F: the same model with apfloat's unit 10^{1−W} for u, W its
   * working precision (an apfloat: for large W it is far below the smallest double).
   */
  public static Apfloat oracleHessianError(OracleEvaluation e, RoundingBound bound) {
    OracleDensity o = e.density();
    double size = constant(o.dimension()) * bound.kappa * bound.hessianScale;
    return ApfloatMath.scale(DoubleConversion.exact(size, 20), 1 - o.workingPrecision());
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }

  static double norm(Apfloat[] v) { return norm(DoubleConversion.nearest(v)); }
}
