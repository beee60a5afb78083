package org.mixproof.oracle;

import org.apfloat.Apfloat;

/**
 * The oracle's values at one point: log p_t(x), posterior weights, score and Hessian, and the
 * per-component terms they are made of (ℓ_i, the quadratic forms q_i = (x − μ_i)ᵀ P_i (x − μ_i) and
 * the component scores s_i). Apfloat values at the oracle's working precision; the {@code …Value}
 * methods round them correctly to double. A component of weight 0 has null ℓ_i, q_i and s_i.
 */
public final class OracleEvaluation {

  private final OracleDensity density;
  private final double[] x;
  private final Apfloat logDensity;
  private final Apfloat[] weights;
  private final Apfloat[] score;
  private final Apfloat[][] hessian;
  private final Apfloat[] logTerms;
  private final Apfloat[] quadraticForms;
  private final Apfloat[][] negatedComponentScores; // P_i r_i = −s_i, as the solves produce them

  OracleEvaluation(OracleDensity density, double[] x, Apfloat logDensity, Apfloat[] weights,
      Apfloat[] score, Apfloat[][] hessian, Apfloat[] logTerms, Apfloat[] quadraticForms,
      Apfloat[][] negatedComponentScores) {
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

  public Apfloat logDensity() { return logDensity; }

  public Apfloat[] weights() { return weights.clone(); }

  public Apfloat[] score() { return score.clone(); }

  public Apfloat[][] hessian() {
    Apfloat[][] out = new Apfloat[hessian.length][];
    for (int r = 0; r < hessian.length; r++) out[r] = hessian[r].clone();
    return out;
  }

  /** ℓ_i = log π_i − (d/2) log 2π − ½ log det Σ_i(t) − ½ q_i (null when π_i = 0). */
  public Apfloat logTerm(int i) { return logTerms[i]; }

  /** q_i = (x − μ_i(t))ᵀ P_i(t) (x − μ_i(t)) (null when π_i = 0). */
  public Apfloat quadraticForm(int i) { return quadraticForms[i]; }

  /** s_i = −P_i(t)(x − μ_i(t)) (null when π_i = 0). */
  public Apfloat[] componentScore(int i) {
    Apfloat[] y = negatedComponentScores[i];
    if (y == null) return null;
    Apfloat[] s = new Apfloat[y.length];
    for (int j = 0; j < y.length; j++) s[j] = y[j].negate();
    return s;
  }

  /** log p_t(x), correctly rounded. */
  public double logDensityValue() { return DoubleConversion.nearest(logDensity); }

  public double[] weightValues() { return DoubleConversion.nearest(weights); }

  public double[] scoreValues() { return DoubleConversion.nearest(score); }

  public double[][] hessianValues() { return DoubleConversion.nearest(hessian); }
}
