package org.mixproof.certify;

import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.VeGeometric;
import org.mixproof.schedule.VeLinear;
import org.mixproof.schedule.VpLinear;
import org.mixproof.schedule.VpOu;

/**
 * A bundled schedule's real coefficients a_t, b_t², f(t), g(t)² and the exact integrals of one
 * reverse step, enclosed in intervals at interval times (docs/claims.md §0 and §5; the closed forms
 * of the schedule classes' Javadoc). The schedule's parameters are doubles, hence exact; so are the
 * times of a grid; a time that is not a double (RK4's midpoint) is an interval.
 *
 * <ul>
 *   <li>{@code vp-ou}: f = −1, g² = 2, a = e^{−t}, b² = −expm1(−2t).
 *   <li>{@code vp-linear}: β(t) = β_min + t(β_max − β_min), f = −β/2, g² = β,
 *       B(t) = β_min t + ½(β_max − β_min)t², a = e^{−B/2}, b² = −expm1(−B).
 *   <li>{@code ve-geometric}: L = ln(σ_max/σ_min), a = 1, f = 0, b² = σ_min² expm1(2tL),
 *       g² = 2L σ_min² e^{2tL}.
 *   <li>{@code ve-linear}: a = 1, f = 0, b² = t², g² = 2t.
 * </ul>
 * At t = 0 exactly every schedule has a = 1, b² = 0: returned as exact points, so that a zero
 * eigenvalue at t = 0 divides by an exact zero (undefined), as it does in the real process.
 *
 * <p>One step from t down to t' &lt; t, with ℓ = ∫_{t'}^t f written without cancellation
 * (vp-ou: −h; vp-linear: −½ h (β_min + ½(β_max − β_min)(t + t')); ve: 0), h = t − t':
 * Φ = a_{t'}/a_t = e^{−ℓ}; for vp (g² = −2f exactly) I_s = 2 expm1(−ℓ) and I_n = expm1(−2ℓ); for
 * ve I_s = I_n = b_t² − b_{t'}² (ve-geometric: σ_min² e^{2t'L} expm1(2hL); ve-linear: h(t + t')).
 */
public final class ForwardProcess<T extends RealInterval<T>> {

  private enum Kind { VP_OU, VP_LINEAR, VE_GEOMETRIC, VE_LINEAR }

  private final Kind kind;
  private final String spec;
  private final RealInterval.Arithmetic<T> ar;
  private final T p, q; // β_min, β_max − β_min (vp-linear); σ_min², L (ve-geometric)

  private ForwardProcess(Kind kind, String spec, RealInterval.Arithmetic<T> ar, T p, T q) {
    this.kind = kind;
    this.spec = spec;
    this.ar = ar;
    this.p = p;
    this.q = q;
  }

  /** The names of the schedules this class encloses. */
  public static final java.util.List<String> ENCLOSED =
      java.util.List.of(VpOu.NAME, VpLinear.NAME, VeGeometric.NAME, VeLinear.NAME);

  /** Whether {@link #of} encloses this schedule. */
  public static boolean encloses(NoiseSchedule s) {
    return s instanceof VpOu || s instanceof VpLinear || s instanceof VeGeometric || s instanceof VeLinear;
  }

  /** The enclosure of a bundled schedule in double intervals; refuses any other, naming it. */
  public static ForwardProcess<Interval> of(NoiseSchedule s) { return of(s, Interval.ARITHMETIC); }

  /** The enclosure of a bundled schedule in the given arithmetic; refuses any other, naming it. */
  public static <T extends RealInterval<T>> ForwardProcess<T> of(NoiseSchedule s, RealInterval.Arithmetic<T> ar) {
    if (s == null) throw new IllegalArgumentException("schedule must not be null");
    if (s instanceof VpOu) return new ForwardProcess<>(Kind.VP_OU, s.spec(), ar, null, null);
    if (s instanceof VpLinear v) {
      return new ForwardProcess<>(Kind.VP_LINEAR, s.spec(), ar, ar.of(v.betaMin()),
          ar.of(v.betaMax()).subtract(v.betaMin()));
    }
    if (s instanceof VeGeometric v) {
      T logRatio = ar.of(v.sigmaMax()).divide(ar.of(v.sigmaMin())).log();
      return new ForwardProcess<>(Kind.VE_GEOMETRIC, s.spec(), ar, ar.of(v.sigmaMin()).square(), logRatio);
    }
    if (s instanceof VeLinear) return new ForwardProcess<>(Kind.VE_LINEAR, s.spec(), ar, null, null);
    throw new IllegalArgumentException("schedule " + s.spec() + " has no certified closed form (enclosed: "
        + ENCLOSED + ")");
  }

  public String spec() { return spec; }

  /** a_t² + b_t² ≡ 1 (vp-ou, vp-linear): then g² = −2f exactly and the prior is N(0, I). */
  public boolean variancePreserving() { return kind == Kind.VP_OU || kind == Kind.VP_LINEAR; }

  private static boolean isZero(RealInterval<?> t) { return t.lo() == 0 && t.hi() == 0; }

  /** B(t) = β_min t + ½ (β_max − β_min) t² (vp-linear). */
  private T integratedBeta(T t) { return p.multiply(t).add(q.multiply(0.5).multiply(t.square())); }

  /** −log a_t (≥ 0): t (vp-ou), B(t)/2 (vp-linear), 0 (ve). */
  private T minusLogA(T t) {
    return switch (kind) {
      case VP_OU -> t;
      case VP_LINEAR -> integratedBeta(t).multiply(0.5);
      default -> ar.zero();
    };
  }

  /** a_t. */
  public T a(T t) {
    if (isZero(t) || !variancePreserving()) return ar.one();
    return minusLogA(t).negate().exp();
  }

  /** a_t² = e^{−2(−log a_t)}. */
  public T a2(T t) {
    if (isZero(t) || !variancePreserving()) return ar.one();
    return minusLogA(t).multiply(-2).exp();
  }

  /** b_t², without cancellation at small t. */
  public T b2(T t) {
    if (isZero(t)) return ar.zero();
    return switch (kind) {
      case VP_OU, VP_LINEAR -> minusLogA(t).multiply(-2).expm1().negate();
      case VE_GEOMETRIC -> p.multiply(q.multiply(2).multiply(t).expm1());
      case VE_LINEAR -> t.square();
    };
  }

  /** f(t). */
  public T f(T t) {
    return switch (kind) {
      case VP_OU -> ar.of(-1);
      case VP_LINEAR -> beta(t).multiply(-0.5);
      default -> ar.zero();
    };
  }

  /** g(t)². */
  public T g2(T t) {
    return switch (kind) {
      case VP_OU -> ar.of(2);
      case VP_LINEAR -> beta(t);
      case VE_GEOMETRIC -> q.multiply(2).multiply(p).multiply(q.multiply(2).multiply(t).exp());
      case VE_LINEAR -> t.multiply(2);
    };
  }

  private T beta(T t) { return p.add(q.multiply(t)); }

  /** ℓ = ∫_{t'}^{t} f(u) du for t' = tNext &lt; t, factorised so it does not cancel. */
  public T integralOfF(T t, T tNext) {
    T h = t.subtract(tNext);
    return switch (kind) {
      case VP_OU -> h.negate();
      case VP_LINEAR -> h.multiply(p.add(q.multiply(0.5).multiply(t.add(tNext)))).multiply(-0.5);
      default -> ar.zero();
    };
  }

  /** The exponential integrals of one step from t down to t' (Φ − 1, I_s, I_n). */
  public record Step<T>(T phi, T phiMinusOne, T scoreCoefficient, T noiseVariance) {}

  /** Φ, I_s and I_n of the step from t down to tNext (see the class comment). */
  public Step<T> step(T t, T tNext) {
    if (variancePreserving()) {
      T minusEll = integralOfF(t, tNext).negate();
      T phiM1 = minusEll.expm1();
      return new Step<>(minusEll.exp(), phiM1, phiM1.multiply(2), minusEll.multiply(2).expm1());
    }
    T db2 = switch (kind) {
      case VE_GEOMETRIC -> p.multiply(q.multiply(2).multiply(tNext).exp())
          .multiply(q.multiply(2).multiply(t.subtract(tNext)).expm1());
      default -> t.subtract(tNext).multiply(t.add(tNext));
    };
    return new Step<>(ar.one(), ar.zero(), db2, db2);
  }

  /**
   * The discrete chain's β = 1 − α with α = a_t²/a_{t'}² = e^{2ℓ} (ℓ = ∫_{t'}^t f ≤ 0 for every
   * bundled schedule, so α ∈ (0, 1]): β = −expm1(2ℓ).
   */
  public T discreteBeta(T t, T tNext) {
    return integralOfF(t, tNext).multiply(2).expm1().negate();
  }
}
