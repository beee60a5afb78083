package org.mixproof.oracle;

import org.apfloat.Apfloat;

/**
 * The oracle's values at one point: log p_t(x), posterior weights, score and Hessian, and the
 * per-component terms they are made of (ℓ_i, the quadratic forms q_i = (x − μ_i)ᵀ P_i (x − μ_i) and
 * the component scores s_i). Computed in {@link BinaryFloat}; the apfloat accessors convert exactly to
 * the oracle's working precision (once, on first use — most callers want a few of them, or doubles),
 * and the {@code …Value} methods round correctly to double. A component of weight 0 has null ℓ_i,
 * q_i and s_i.
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
  private volatile Converted converted;

  /** The apfloat values, made on first use; arrays are never handed out, only copies. */
  private record Converted(Apfloat logDensity, Apfloat[] weights, Apfloat[] score, Apfloat[][] hessian,
      Apfloat[] logTerms, Apfloat[] quadraticForms, Apfloat[][] componentScores) {}

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

  private Converted converted() {
    Converted c = converted;
    if (c == null) {
      Apfloat[][] componentScores = new Apfloat[negatedComponentScores.length][];
      for (int i = 0; i < componentScores.length; i++) {
        BinaryFloat[] y = negatedComponentScores[i];
        if (y == null) continue;
        componentScores[i] = new Apfloat[y.length];
        for (int j = 0; j < y.length; j++) componentScores[i][j] = apfloat(y[j].negate());
      }
      Apfloat[][] h = new Apfloat[hessian.length][];
      for (int r = 0; r < h.length; r++) h[r] = apfloat(hessian[r]);
      for (int r = 0; r < h.length; r++) for (int q = 0; q < r; q++) h[r][q] = h[q][r]; // exactly symmetric
      c = new Converted(apfloat(logDensity), apfloat(weights), apfloat(score), h, apfloat(logTerms),
          apfloat(quadraticForms), componentScores);
      converted = c;
    }
    return c;
  }

  private Apfloat apfloat(BinaryFloat v) { return v == null ? null : v.toApfloat(density.workingPrecision()); }

  private Apfloat[] apfloat(BinaryFloat[] v) {
    Apfloat[] out = new Apfloat[v.length];
    for (int i = 0; i < v.length; i++) out[i] = apfloat(v[i]);
    return out;
  }

  private static double[] doubles(BinaryFloat[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i].doubleValue();
    return out;
  }

  /** The oracle that produced this evaluation. */
  public OracleDensity density() { return density; }

  public double[] x() { return x.clone(); }

  public Apfloat logDensity() { return converted().logDensity(); }

  public Apfloat[] weights() { return converted().weights().clone(); }

  public Apfloat[] score() { return converted().score().clone(); }

  public Apfloat[][] hessian() {
    Apfloat[][] h = converted().hessian();
    Apfloat[][] out = new Apfloat[h.length][];
    for (int r = 0; r < h.length; r++) out[r] = h[r].clone();
    return out;
  }

  /** ℓ_i = log π_i − (d/2) log 2π − ½ log det Σ_i(t) − ½ q_i (null when π_i = 0). */
  public Apfloat logTerm(int i) { return converted().logTerms()[i]; }

  /** q_i = (x − μ_i(t))ᵀ P_i(t) (x − μ_i(t)) (null when π_i = 0). */
  public Apfloat quadraticForm(int i) { return converted().quadraticForms()[i]; }

  /** s_i = −P_i(t)(x − μ_i(t)) (null when π_i = 0). */
  public Apfloat[] componentScore(int i) {
    Apfloat[] s = converted().componentScores()[i];
    return s == null ? null : s.clone();
  }

  /** log p_t(x), correctly rounded. */
  public double logDensityValue() { return logDensity.doubleValue(); }

  public double[] weightValues() { return doubles(weights); }

  public double[] scoreValues() { return doubles(score); }

  public double[][] hessianValues() {
    double[][] out = new double[hessian.length][];
    for (int r = 0; r < hessian.length; r++) out[r] = doubles(hessian[r]);
    return out;
  }
}
