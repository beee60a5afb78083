package org.mixproof.oracle;

import org.apfloat.Apfloat;

/**
 * The oracle's values at one point: log p_t(x), posterior weights, score and Hessian, and the
 * per-component terms they are made of (ℓ_i, the quadratic forms q_i = (x − μ_i)ᵀ P_i (x − μ_i) and
 * the component scores s_i). Held in the binary arithmetic they were computed in; the apfloat getters
 * convert exactly and carry the oracle's working precision (each call converts again: a consumer
 * that reads a value often keeps it), and the {@code …Value} methods round them correctly to double
 * without a decimal detour. A component of weight 0 has null ℓ_i, q_i and s_i.
 */
public final class OracleEvaluation {

  private final OracleDensity density;
  private final double[] x;
  private final BinaryFloat logDensity;
  private final BinaryFloat[] weights;
  private final BinaryFloat[] score;
  private final BinaryFloat[][] hessian;
  private final BinaryFloat[] logTerms;
  private final BinaryFloat[] quadraticForms;
  private final BinaryFloat[][] negatedComponentScores; // P_i r_i = −s_i, as the solves produce them

  OracleEvaluation(OracleDensity density, double[] x, BinaryFloat logDensity, BinaryFloat[] weights,
      BinaryFloat[] score, BinaryFloat[][] hessian, BinaryFloat[] logTerms, BinaryFloat[] quadraticForms,
      BinaryFloat[][] negatedComponentScores) {
    this.density = density;
    this.x = x;
    this.logDensity = logDensity;
    this.weights = weights;
    this.score = score;
    this.hessian = hessian;
    this.logTerms = logTerms;
    this.quadraticForms = quadraticForms;
    this.negatedComponentScores = negatedComponentScores;
  }

  /** The oracle that produced this evaluation. */
  public OracleDensity density() { return density; }

  public double[] x() { return x.clone(); }

  public Apfloat logDensity() { return apfloat(logDensity); }

  public Apfloat[] weights() { return apfloat(weights); }

  public Apfloat[] score() { return apfloat(score); }

  public Apfloat[][] hessian() {
    Apfloat[][] out = new Apfloat[hessian.length][];
    for (int r = 0; r < hessian.length; r++) out[r] = apfloat(hessian[r]);
    return out;
  }

  /** ℓ_i = log π_i − (d/2) log 2π − ½ log det Σ_i(t) − ½ q_i (null when π_i = 0). */
  public Apfloat logTerm(int i) { return logTerms[i] == null ? null : apfloat(logTerms[i]); }

  /** q_i = (x − μ_i(t))ᵀ P_i(t) (x − μ_i(t)) (null when π_i = 0). */
  public Apfloat quadraticForm(int i) {
    return quadraticForms[i] == null ? null : apfloat(quadraticForms[i]);
  }

  /** s_i = −P_i(t)(x − μ_i(t)) (null when π_i = 0). */
  public Apfloat[] componentScore(int i) {
    BinaryFloat[] y = negatedComponentScores[i];
    if (y == null) return null;
    Apfloat[] s = new Apfloat[y.length];
    for (int j = 0; j < y.length; j++) s[j] = apfloat(y[j].negate());
    return s;
  }

  /** log p_t(x), correctly rounded. */
  public double logDensityValue() { return logDensity.toDouble(); }

  public double[] weightValues() { return doubles(weights); }

  public double[] scoreValues() { return doubles(score); }

  public double[][] hessianValues() {
    double[][] out = new double[hessian.length][];
    for (int r = 0; r < hessian.length; r++) out[r] = doubles(hessian[r]);
    return out;
  }

  /** q_i rounded to double (NaN when π_i = 0). */
  double quadraticFormValue(int i) {
    return quadraticForms[i] == null ? Double.NaN : quadraticForms[i].toDouble();
  }

  /** s_i rounded to double (null when π_i = 0). */
  double[] componentScoreValues(int i) {
    BinaryFloat[] y = negatedComponentScores[i];
    if (y == null) return null;
    double[] s = new double[y.length];
    for (int j = 0; j < y.length; j++) s[j] = -y[j].toDouble();
    return s;
  }

  /** oracle − v for a double v, exactly in binary, rounded once to double. */
  static double difference(BinaryFloat oracle, double v) {
    if (!Double.isFinite(v)) return Double.POSITIVE_INFINITY;
    if (v != 0 && oracle.signum() != 0
        && oracle.e + oracle.m.bitLength() <= Math.max(Math.getExponent(v), Double.MIN_EXPONENT) - 54) {
      return -v; // |oracle| < ¼ ulp of v (and of the binade below): the exact difference rounds to −v
    }
    BinaryFloat x = BinaryFloat.exact(v);
    // exact: both operands are within the sum's bits once aligned, so no cut happens
    int bits = Math.max(oracle.m.bitLength(), 53) + Math.abs(oracle.e - x.e) + 2;
    return oracle.subtract(x, bits).toDouble();
  }

  BinaryFloat logDensityBinary() { return logDensity; }

  BinaryFloat weightBinary(int i) { return weights[i]; }

  BinaryFloat scoreBinary(int j) { return score[j]; }

  BinaryFloat hessianBinary(int r, int c) { return hessian[r][c]; }

  private Apfloat apfloat(BinaryFloat v) { return v.toApfloat(density.workingPrecision()); }

  private Apfloat[] apfloat(BinaryFloat[] v) {
    Apfloat[] out = new Apfloat[v.length];
    for (int i = 0; i < v.length; i++) out[i] = apfloat(v[i]);
    return out;
  }

  private static double[] doubles(BinaryFloat[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i].toDouble();
    return out;
  }
}
