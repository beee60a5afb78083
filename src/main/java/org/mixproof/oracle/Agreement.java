package org.mixproof.oracle;


/**
 * docs/claims.md §6 {@code oracle.agreement} at one point: the double code's posterior weights, log-density,
 * score and Hessian against the oracle's. Each error is normalised by the size of the terms that
 * cancel ({@link RoundingBound}: Σ|δw_i|/S_w, |δ log p|/S_logp, ‖δs‖₂/S_s, ‖δH‖_F/S_H), so that
 * agreement means every
 * normalised error is at most {@code tolerance} = c · u · κ. The plain relative error of log p is
 * reported too (it is not bounded when log p is near 0).
 *
 * <p>Takes the double results as plain arrays: oracle/ does not depend on density/.
 */
public record Agreement(
    double kappa,
    double constant,
    double tolerance,
    double weightsError,
    double logDensityError,
    double scoreError,
    double hessianError,
    double logDensityRelativeError,
    double weightsScale,
    double logDensityScale,
    double scoreScale,
    double hessianScale) {

  /** Compares double results at the oracle's point with the oracle's values. */
  public static Agreement of(OracleEvaluation oracle, double logDensity, double[] weights, double[] score,
      double[][] hessian) {
    if (oracle == null) throw new IllegalArgumentException("oracle must not be null");
    int d = oracle.density().dimension();
    int k = oracle.density().components();
    if (weights == null || weights.length != k) {
      throw new IllegalArgumentException("weights must have length k = " + k + ", was "
          + (weights == null ? "null" : String.valueOf(weights.length)));
    }
    if (score == null || score.length != d) {
      throw new IllegalArgumentException("score must have length d = " + d + ", was "
          + (score == null ? "null" : String.valueOf(score.length)));
    }
    if (hessian == null || hessian.length != d) {
      throw new IllegalArgumentException("hessian must be " + d + "×" + d + ", had "
          + (hessian == null ? "null" : hessian.length + " rows"));
    }
    RoundingBound bound = RoundingBound.of(oracle);
    double dLogp = Math.abs(OracleEvaluation.difference(oracle.logDensityBinary(), logDensity));
    double dw = 0;
    for (int i = 0; i < k; i++) dw += Math.abs(OracleEvaluation.difference(oracle.weightBinary(i), weights[i]));
    double ds = 0;
    for (int j = 0; j < d; j++) {
      double e = OracleEvaluation.difference(oracle.scoreBinary(j), score[j]);
      ds += e * e;
    }
    double dh = 0;
    for (int r = 0; r < d; r++) {
      if (hessian[r] == null || hessian[r].length != d) {
        throw new IllegalArgumentException("hessian row " + r + " must have length d = " + d);
      }
      for (int c = 0; c < d; c++) {
        double e = OracleEvaluation.difference(oracle.hessianBinary(r, c), hessian[r][c]);
        dh += e * e;
      }
    }
    double c = RoundingBound.constant(d);
    double kappa = bound.kappa();
    double lp = oracle.logDensityValue();
    return new Agreement(kappa, c, c * RoundingBound.UNIT_ROUNDOFF * kappa,
        ratio(dw, bound.weightsScale()), ratio(dLogp, bound.logDensityScale()),
        ratio(Math.sqrt(ds), bound.scoreScale()), ratio(Math.sqrt(dh), bound.hessianScale()),
        ratio(dLogp, Math.abs(lp)),
        bound.weightsScale(), bound.logDensityScale(), bound.scoreScale(), bound.hessianScale());
  }

  /** Whether every normalised error is within c · u · κ. */
  public boolean withinTolerance() {
    return weightsError <= tolerance && logDensityError <= tolerance && scoreError <= tolerance
        && hessianError <= tolerance;
  }

  /** The largest normalised error divided by u κ: the constant this point would need. */
  public double observedConstant() {
    return Math.max(Math.max(weightsError, logDensityError), Math.max(scoreError, hessianError))
        / (RoundingBound.UNIT_ROUNDOFF * kappa);
  }

  /** error / scale, with an exact agreement (error 0) counting as 0 even where the scale is 0. */
  static double ratio(double error, double scale) {
    return error == 0 ? 0 : error / scale;
  }
}
