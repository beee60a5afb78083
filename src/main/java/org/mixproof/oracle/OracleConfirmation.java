package org.mixproof.oracle;

import org.apfloat.Apfloat;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Confirms, in high precision, that a Lipschitz bound is violated at a point (docs/claims.md §3 and §6): a
 * measured ‖H(x)‖₂ &gt; B found by a search in double is a counterexample only if the oracle's
 * ‖H(x)‖₂ exceeds B by more than the oracle's own rounding.
 *
 * <p>For the Lipschitz search: before reporting a violation at (mixture, schedule, t, x) against the
 * bound B, call {@link #confirmsExceeds(GaussianMixture, NoiseSchedule, double, double[], double, int)}
 * (or {@link #check(OracleDensity, double[], double)} with one oracle built per (mixture, t) when
 * several points are re-evaluated) and report the point only when it returns true. The spectral norm
 * comes from {@link JacobiEigenvalues} on the oracle's Hessian; the rounding allowed is the oracle's
 * Hessian error ({@link RoundingBound#oracleHessianError}) plus Jacobi's error bound.
 */
public final class OracleConfirmation {

  private OracleConfirmation() {}

  /**
   * The verdict: the oracle's ‖H(x)‖₂, the rounding it allows for, and whether ‖H‖₂ − rounding &gt; B.
   */
  public record Confirmation(Apfloat bound, Apfloat hessianNorm, Apfloat rounding, boolean confirmed) {
    /** ‖H(x)‖₂ rounded to double. */
    public double hessianNormValue() { return DoubleConversion.nearest(hessianNorm); }
  }

  /**
   * Whether ‖H(x)‖₂ of p_t, computed by the oracle at {@code digits} significant digits, exceeds
   * {@code bound} by more than the oracle's own rounding.
   */
  public static boolean confirmsExceeds(GaussianMixture mixture, NoiseSchedule schedule, double t,
      double[] x, double bound, int digits) {
    return check(mixture, schedule, t, x, bound, digits).confirmed();
  }

  /** {@link #confirmsExceeds} with the norm and rounding it used. */
  public static Confirmation check(GaussianMixture mixture, NoiseSchedule schedule, double t,
      double[] x, double bound, int digits) {
    return check(OracleDensity.at(mixture, schedule, t, digits), x, bound);
  }

  /** The same with an oracle already built for (mixture, schedule, t, digits). */
  public static Confirmation check(OracleDensity oracle, double[] x, double bound) {
    if (!Double.isFinite(bound)) throw new IllegalArgumentException("bound must be finite, was " + bound);
    if (oracle == null) throw new IllegalArgumentException("oracle must not be null");
    return check(oracle, x, DoubleConversion.exact(bound, oracle.workingPrecision()));
  }

  /** The same against a bound given in apfloat (finer than a double can say). */
  public static Confirmation check(OracleDensity oracle, double[] x, Apfloat bound) {
    if (oracle == null) throw new IllegalArgumentException("oracle must not be null");
    if (bound == null) throw new IllegalArgumentException("bound must not be null");
    OracleEvaluation e = oracle.evaluate(x);
    JacobiEigenvalues eig = JacobiEigenvalues.of(e.hessian(), oracle.workingPrecision());
    Apfloat norm = eig.spectralNorm();
    Apfloat rounding = RoundingBound.oracleHessianError(e, RoundingBound.of(e)).add(eig.errorBound());
    Apfloat threshold = bound.add(rounding);
    return new Confirmation(bound, norm, rounding, norm.compareTo(threshold) > 0);
  }
}
