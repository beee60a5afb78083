package org.mixproof.oracle;

import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The high-precision twin of the double density code (docs/claims.md §6): the law of X_t,
 * {@code p_t = Σ π_i N(a_t μ_i, a_t² Σ_i + b_t² I)}, with log-density, posterior weights, score and
 * Hessian in high precision, used as ground truth: the set-up in apfloat, the per-point evaluation in
 * binary floating point ({@link BinaryFloat}, about seven times apfloat's speed at 73 digits).
 *
 * <p>Inputs are the mixture's doubles and the schedule's a_t and b_t², each converted exactly
 * ({@link DoubleConversion#exact}); the oracle evaluates the density those doubles define, so a
 * comparison with the double code isolates that code's arithmetic. Everything that depends only on
 * the mixture and t is built once: time-t means and covariances, Cholesky factors, precisions
 * P_i = Σ_i(t)⁻¹, log-determinants and the constants log π_i − (d/2) log 2π − ½ log det Σ_i(t).
 * Per point: z_i = L_i⁻¹ (x − μ_i(t)) by forward substitution, ℓ_i = c_i − ½‖z_i‖²,
 * s_i = −L_i⁻ᵀ z_i by back substitution, log p by log-sum-exp, w_i = e^{ℓ_i − log p},
 * s = Σ w_i s_i, H = −Σ w_i P_i + Σ w_i (s_i − s)(s_i − s)ᵀ — solves rather than the double code's
 * explicit inverse factors, so the two do not share an algorithm.
 *
 * <p>Precision: the result is asked for to {@code digits} significant digits (default
 * {@value #DEFAULT_DIGITS}) relative to the size of the terms that cancel. The arithmetic runs at
 * digits + {@value #GUARD_DIGITS} + ⌈log10 κ⌉ digits, κ = max_i cond(Σ_i(t)): guard digits for the
 * rounding constants, and log10 κ more because Cholesky pivots and the quadratic forms lose that many
 * to cancellation (neither apfloat's significance nor the binary cut is a rigorous error bound, so the
 * margin is explicit). The per-point arithmetic carries {@link BinaryFloat#bitsFor} that many digits
 * in bits: 2^{1−bits} ≤ 10^{1−working}.
 *
 * <p>Depends only on mixture/ and schedule/. Immutable and thread-safe.
 */
public final class OracleDensity {

  public static final int DEFAULT_DIGITS = 60;
  /** Digits carried beyond the requested ones, for the rounding constants of the arithmetic. */
  public static final int GUARD_DIGITS = 10;
  /** Fewest digits an oracle may be asked for: more than a double carries. */
  public static final int MIN_DIGITS = 20;
  /** Most digits an oracle may be asked for. */
  public static final int MAX_DIGITS = 10_000;
  /**
   * A component whose log-term lies more than this below the largest gets weight exactly 0: its
   * weight is under 10^−434294, beneath every term a double input can produce (all of size
   * 10^±2000 at most), so it cannot change any result at any supported precision.
   */
  static final double NEGLIGIBLE_LOG_WEIGHT = -1e6;

  private static final BinaryFloat NEGLIGIBLE = BinaryFloat.exact(NEGLIGIBLE_LOG_WEIGHT);
  private static final ConcurrentHashMap<Long, Apfloat> LOG_TWO_PI = new ConcurrentHashMap<>();

  private final GaussianMixture mixture;
  private final NoiseSchedule schedule;
  private final double t;
  private final double a;
  private final double b2;
  private final int d;
  private final int k;
  private final int digits;
  private final long working;
  private final ExpLog functions;
  private final double[] conditionNumber;
  private final double[] lambdaMin;
  private final double[] lambdaMax;
  private final double[] meanNorm;
  private final Apfloat[][] meanT;
  private final Apfloat[][][] covT;
  private final CholeskyFactor[] factor;
  private final Apfloat[][][] precisionMatrix;
  private final Apfloat[] logDet;
  private final Apfloat[] logNorm; // null for a component of weight 0
  private final Apfloat half;
  // the per-point arithmetic: the same quantities in binary at bits ≥ working digits
  private final int bits;
  private final BinaryExpLog binaryFunctions;
  private final BinaryFloat[][] meanBinary;
  private final BinaryFactor[] factorBinary;
  private final BinaryFloat[][][] precisionBinary;
  private final BinaryFloat[] logNormBinary;

  private OracleDensity(GaussianMixture mixture, NoiseSchedule schedule, double t, int digits) {
    this.mixture = mixture;
    this.schedule = schedule;
    this.t = schedule.checkTime(t);
    this.a = schedule.a(t);
    this.b2 = schedule.b2(t);
    this.d = mixture.dimension();
    this.k = mixture.components();
    this.digits = digits;
    this.conditionNumber = new double[k];
    this.lambdaMin = new double[k];
    this.lambdaMax = new double[k];
    double a2d = a * a;
    double kappa = 1;
    for (int i = 0; i < k; i++) {
      double[] eig = mixture.covarianceEigenvalues(i);
      lambdaMin[i] = a2d * eig[0] + b2;
      lambdaMax[i] = a2d * eig[d - 1] + b2;
      if (!(lambdaMin[i] > 0)) {
        throw new IllegalArgumentException(
            "covariances[" + i + "] is singular (smallest eigenvalue " + eig[0] + ") and cannot be "
                + "evaluated at t = " + t + " where b_t² = " + b2
                + ": singular data has a density only for t > 0");
      }
      conditionNumber[i] = lambdaMax[i] / lambdaMin[i];
      kappa = Math.max(kappa, conditionNumber[i]);
    }
    this.working = digits + GUARD_DIGITS + (long) Math.ceil(Math.log10(kappa));
    this.functions = ExpLog.atPrecision(working);
    this.half = new Apfloat(new java.math.BigDecimal("0.5"), working);
    Apfloat aa = DoubleConversion.exact(a, working);
    Apfloat a2 = aa.multiply(aa);
    Apfloat bb = DoubleConversion.exact(b2, working);
    Apfloat halfD = new Apfloat(d, working).multiply(half);
    Apfloat constant = halfD.multiply(logTwoPi(working));
    this.meanT = new Apfloat[k][d];
    this.meanNorm = new double[k];
    this.covT = new Apfloat[k][][];
    this.factor = new CholeskyFactor[k];
    this.precisionMatrix = new Apfloat[k][][];
    this.logDet = new Apfloat[k];
    this.logNorm = new Apfloat[k];
    this.bits = BinaryFloat.bitsFor(working);
    this.binaryFunctions = BinaryExpLog.atBits(bits);
    this.meanBinary = new BinaryFloat[k][d];
    this.factorBinary = new BinaryFactor[k];
    this.precisionBinary = new BinaryFloat[k][d][d];
    this.logNormBinary = new BinaryFloat[k];
    for (int i = 0; i < k; i++) {
      double norm2 = 0;
      for (int j = 0; j < d; j++) {
        meanT[i][j] = aa.multiply(DoubleConversion.exact(mixture.meanEntry(i, j), working));
        double m = a * mixture.meanEntry(i, j);
        norm2 += m * m;
      }
      meanNorm[i] = Math.sqrt(norm2);
      Apfloat[][] cov = new Apfloat[d][d];
      for (int r = 0; r < d; r++) {
        for (int c = 0; c <= r; c++) {
          Apfloat v = a2.multiply(DoubleConversion.exact(mixture.covarianceEntry(i, r, c), working));
          if (r == c) v = v.add(bb);
          cov[r][c] = v;
          cov[c][r] = v;
        }
      }
      covT[i] = cov;
      try {
        factor[i] = CholeskyFactor.of(cov);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("covariances[" + i + "] at t = " + t
            + " is not positive definite in exact arithmetic: " + e.getMessage(), e);
      }
      precisionMatrix[i] = factor[i].inverse();
      logDet[i] = factor[i].logDeterminant(functions);
      double w = mixture.weight(i);
      if (w > 0) {
        logNorm[i] = functions.log(DoubleConversion.exact(w, working))
            .subtract(constant).subtract(half.multiply(logDet[i]));
        logNormBinary[i] = BinaryFloat.of(logNorm[i], bits);
      }
      for (int j = 0; j < d; j++) meanBinary[i][j] = BinaryFloat.of(meanT[i][j], bits);
      factorBinary[i] = new BinaryFactor(factor[i], bits);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) precisionBinary[i][r][c] = BinaryFloat.of(precisionMatrix[i][r][c], bits);
      }
    }
  }

  /** The oracle at the default {@value #DEFAULT_DIGITS} digits. */
  public static OracleDensity at(GaussianMixture mixture, NoiseSchedule schedule, double t) {
    return at(mixture, schedule, t, DEFAULT_DIGITS);
  }

  /**
   * The mixture diffused to time t, evaluated to {@code digits} significant digits. Rejects t outside
   * the schedule's range, singular data at t = 0, and digits outside
   * [{@value #MIN_DIGITS}, {@value #MAX_DIGITS}].
   */
  public static OracleDensity at(GaussianMixture mixture, NoiseSchedule schedule, double t, int digits) {
    if (mixture == null) throw new IllegalArgumentException("mixture must not be null");
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw new IllegalArgumentException(
          "digits must be in [" + MIN_DIGITS + ", " + MAX_DIGITS + "], was " + digits);
    }
    return new OracleDensity(mixture, schedule, t, digits);
  }

  private static Apfloat logTwoPi(long precision) {
    return LOG_TWO_PI.computeIfAbsent(precision,
        p -> ApfloatMath.log(ApfloatMath.pi(p).multiply(new Apfloat(2, p))));
  }

  public GaussianMixture mixture() { return mixture; }

  public NoiseSchedule schedule() { return schedule; }

  public double time() { return t; }

  /** a_t, as the schedule computes it (the oracle's exact input). */
  public double a() { return a; }

  /** b_t², as the schedule computes it (the oracle's exact input). */
  public double b2() { return b2; }

  public int dimension() { return d; }

  public int components() { return k; }

  /** The significant digits asked for. */
  public int digits() { return digits; }

  /** The digits the arithmetic carries: digits + guard + ⌈log10 κ⌉. */
  public long workingPrecision() { return working; }

  /** cond(Σ_i(t)) = (a² λmax(Σ_i) + b²)/(a² λmin(Σ_i) + b²), from the mixture's eigenvalues. */
  public double conditionNumber(int i) { return conditionNumber[i]; }

  /** κ = max_i cond(Σ_i(t)). */
  public double maxConditionNumber() {
    double m = 1;
    for (double c : conditionNumber) m = Math.max(m, c);
    return m;
  }

  /** λmin(Σ_i(t)) = a² λmin(Σ_i) + b². */
  public double lambdaMinOf(int i) { return lambdaMin[i]; }

  /** λmax(Σ_i(t)) = a² λmax(Σ_i) + b². */
  public double lambdaMaxOf(int i) { return lambdaMax[i]; }

  /** ‖μ_i(t)‖ in double (a size, for error bounds). */
  double meanNorm(int i) { return meanNorm[i]; }

  /** μ_i(t) = a_t μ_i. */
  public Apfloat[] mean(int i) { return meanT[i].clone(); }

  /** Σ_i(t) = a_t² Σ_i + b_t² I (a copy). */
  public Apfloat[][] covariance(int i) {
    Apfloat[][] out = new Apfloat[d][];
    for (int r = 0; r < d; r++) out[r] = covT[i][r].clone();
    return out;
  }

  /** The Cholesky factor of Σ_i(t). */
  public CholeskyFactor factor(int i) { return factor[i]; }

  /** P_i(t) = Σ_i(t)⁻¹ (a copy). */
  public Apfloat[][] precision(int i) {
    Apfloat[][] out = new Apfloat[d][];
    for (int r = 0; r < d; r++) out[r] = precisionMatrix[i][r].clone();
    return out;
  }

  /** log det Σ_i(t). */
  public Apfloat logDeterminant(int i) { return logDet[i]; }

  /** log π_i − (d/2) log 2π − ½ log det Σ_i(t); null when π_i = 0. */
  public Apfloat logNormalisation(int i) { return logNorm[i]; }

  /** The exp and log used, at the working precision. */
  public ExpLog functions() { return functions; }

  /**
   * Log-density, weights, score, Hessian and the per-component terms at x, in {@link BinaryFloat}
   * arithmetic at {@link #bits} bits (the constants above converted once from apfloat).
   */
  public OracleEvaluation evaluate(double[] x) {
    if (x == null) throw new IllegalArgumentException("x must not be null");
    if (x.length != d) {
      throw new IllegalArgumentException("x has dimension " + x.length + " but the mixture has d = " + d);
    }
    BinaryFloat[] xb = new BinaryFloat[d];
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(x[j])) throw new IllegalArgumentException("x[" + j + "] must be finite, was " + x[j]);
      xb[j] = BinaryFloat.exact(x[j]);
    }
    BinaryFloat[] ell = new BinaryFloat[k];
    BinaryFloat[] q = new BinaryFloat[k];
    BinaryFloat[][] py = new BinaryFloat[k][]; // P_i r_i = −s_i
    BinaryFloat max = null;
    for (int i = 0; i < k; i++) {
      if (logNormBinary[i] == null) continue;
      BinaryFloat[] r = new BinaryFloat[d];
      for (int j = 0; j < d; j++) r[j] = xb[j].subtract(meanBinary[i][j], bits);
      BinaryFloat[] z = factorBinary[i].solveLower(r);
      BinaryFloat qq = BinaryFloat.ZERO;
      for (int j = 0; j < d; j++) qq = qq.add(z[j].multiply(z[j], bits), bits);
      q[i] = qq;
      ell[i] = logNormBinary[i].subtract(qq.scaleByPowerOfTwo(-1), bits); // ½ q exactly
      py[i] = factorBinary[i].solveUpper(z); // P_i r = −s_i: OracleEvaluation negates on demand
      if (max == null || ell[i].compareTo(max) > 0) max = ell[i];
    }
    // log-sum-exp: every exponent ≤ 0, the largest exactly 0
    BinaryFloat[] e = new BinaryFloat[k];
    BinaryFloat sum = BinaryFloat.ZERO;
    for (int i = 0; i < k; i++) {
      if (ell[i] == null) continue;
      BinaryFloat diff = ell[i].subtract(max, bits);
      if (diff.compareTo(NEGLIGIBLE) < 0) continue;
      e[i] = diff.signum() == 0 ? BinaryFloat.ONE : binaryFunctions.exp(diff);
      sum = sum.add(e[i], bits);
    }
    BinaryExpLog.LogAndReciprocal ls = binaryFunctions.logAndReciprocal(sum);
    BinaryFloat logp = max.add(ls.log(), bits);
    BinaryFloat inverseSum = ls.reciprocal();
    // with y_i = P_i r_i = −s_i: ȳ = Σ w_i y_i = −s, and u_i = s_i − s = ȳ − y_i
    BinaryFloat[] w = new BinaryFloat[k];
    BinaryFloat[] ybar = new BinaryFloat[d];
    java.util.Arrays.fill(ybar, BinaryFloat.ZERO);
    for (int i = 0; i < k; i++) {
      w[i] = e[i] == null ? BinaryFloat.ZERO : e[i].multiply(inverseSum, bits);
      if (e[i] == null) continue;
      for (int j = 0; j < d; j++) ybar[j] = ybar[j].add(w[i].multiply(py[i][j], bits), bits);
    }
    // H = Σ w_i u_i u_iᵀ − Σ w_i P_i, each sum accumulated on its own; upper triangle, then mirrored
    BinaryFloat[][] c = new BinaryFloat[d][d];
    BinaryFloat[][] m = new BinaryFloat[d][d];
    for (BinaryFloat[] row : c) java.util.Arrays.fill(row, BinaryFloat.ZERO);
    for (BinaryFloat[] row : m) java.util.Arrays.fill(row, BinaryFloat.ZERO);
    BinaryFloat[] u = new BinaryFloat[d];
    BinaryFloat[] wu = new BinaryFloat[d];
    for (int i = 0; i < k; i++) {
      if (e[i] == null) continue;
      BinaryFloat wi = w[i];
      BinaryFloat[][] p = precisionBinary[i];
      for (int j = 0; j < d; j++) {
        u[j] = ybar[j].subtract(py[i][j], bits);
        wu[j] = wi.multiply(u[j], bits);
      }
      for (int r = 0; r < d; r++) {
        for (int col = r; col < d; col++) {
          c[r][col] = c[r][col].add(wu[r].multiply(u[col], bits), bits);
          m[r][col] = m[r][col].add(wi.multiply(p[r][col], bits), bits);
        }
      }
    }
    BinaryFloat[] s = new BinaryFloat[d];
    BinaryFloat[][] h = new BinaryFloat[d][d];
    for (int j = 0; j < d; j++) s[j] = ybar[j].negate();
    for (int r = 0; r < d; r++) {
      for (int col = r; col < d; col++) {
        h[r][col] = c[r][col].subtract(m[r][col], bits);
        h[col][r] = h[r][col];
      }
    }
    return new OracleEvaluation(this, x.clone(), logp, w, s, h, ell, q, py);
  }
}
