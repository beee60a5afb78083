package org.mixproof.certify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The point certificate of docs/claims.md §8 for a Lipschitz witness: at the witness x, a rigorous
 * enclosure of ‖H(x)‖₂ (lower end the Rayleigh quotient of the midpoint's top eigenvector, upper end
 * {@link SpectralBounds#upper}) and of the claim's bound (plus its tolerance) evaluated in intervals on
 * the case's enclosed variables, with the real a_t and b_t² of the schedule. CERTIFIED when the lower
 * end of ‖H(x)‖₂ exceeds the upper end of bound + tolerance; otherwise NOT CERTIFIED with the reason
 * (not separated, a variable without an enclosure, a schedule without a closed form, …).
 */
public record PointCertificate(boolean certified, String reason, Interval measured, Interval bound, String arithmetic) {

  public static final String CERTIFIED = "CERTIFIED";
  public static final String NOT_CERTIFIED = "NOT CERTIFIED";
  /**
   * The precisions tried, in digits, when double intervals are too wide: 40 digits separate anything
   * the doubles' κ·u-wide enclosures leave apart by more than ~1e-30 relative; 100 is the last try.
   */
  static final int[] FALLBACK_DIGITS = {40, 100};
  /** The reason's opening when the enclosures are apart but overlap: the one that sends a case to the fallback. */
  static final String TOO_WIDE = "too wide";

  /** A certificate computed in double intervals. */
  public PointCertificate(boolean certified, String reason, Interval measured, Interval bound) {
    this(certified, reason, measured, bound, Interval.ARITHMETIC.describe());
  }

  /**
   * Certifies ‖H(x)‖₂ > bound + tolerance at x for the mixture diffused by the schedule to t.
   * {@code exact} are further variables that are exact inputs (a ball's radius, 0/1 indicators);
   * {@code names} every name the claim's expressions may use (those without an enclosure make the
   * certificate fail only if the expression uses them). The texts are plain decimals (no 1e-9).
   */
  public static PointCertificate lipschitz(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    return lipschitz(new Case(mixture, schedule, t, x, boundText, toleranceText, exact, names), FALLBACK_DIGITS);
  }

  /** The same with the given fallback precisions (none: double intervals only). */
  static PointCertificate lipschitz(Case c, int[] fallbackDigits) {
    return certify(c, "‖H(x)‖₂", new Measure() {
      @Override public <T extends RealInterval<T>> T of(DensityEnclosure.Enclosure<T> e, ScheduleEnclosure<T> c) {
        T[][] h = e.hessian();
        T lower = SpectralBounds.rayleigh(h, SpectralBounds.topEigenvector(h));
        T low = lower == null ? c.arithmetic().zero() : lower.lowerEnd().max(c.arithmetic().zero());
        return low.hull(SpectralBounds.upperEnclosure(h).upperEnd());
      }
    }, fallbackDigits);
  }

  /**
   * The second moment m2(t) = a_t² Σ π_i (‖μ_i‖² + tr Σ_i) + b_t² d of the diffused mixture (exact, so
   * the whole case is the witness) against bound + tolerance.
   */
  public static PointCertificate secondMoment(GaussianMixture mixture, NoiseSchedule schedule, double t,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    return certify(new Case(mixture, schedule, t, null, boundText, toleranceText, exact, names), "m2(t)", new Measure() {
      @Override public <T extends RealInterval<T>> T of(DensityEnclosure.Enclosure<T> e, ScheduleEnclosure<T> c) {
        return CaseEnclosure.of(mixture, t, c).get("m2");
      }
    }, FALLBACK_DIGITS);
  }

  /**
   * |‖s_t(x)‖ b_t²/r − 1| at x (the rescaled score against the distance r to a singular component's
   * support, [LWB23]) against bound + tolerance.
   */
  public static PointCertificate scoreNorm(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x, double r,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    return scoreNorm(new Case(mixture, schedule, t, x, boundText, toleranceText, exact, names), r, FALLBACK_DIGITS);
  }

  /** The same with the given fallback precisions (none: double intervals only). */
  static PointCertificate scoreNorm(Case c, double r, int[] fallbackDigits) {
    return certify(c, "|‖s‖ b²/r − 1|", new Measure() {
      @Override public <T extends RealInterval<T>> T of(DensityEnclosure.Enclosure<T> e, ScheduleEnclosure<T> co) {
        return IntervalArrays.norm(e.score()).multiply(co.b2()).divide(co.arithmetic().of(r)).subtract(1).abs();
      }
    }, fallbackDigits);
  }

  /** ‖E[X_0 | X_t = x]‖ = ‖x + b_t² s_t(x)‖/a_t (Tweedie) at x against bound + tolerance. */
  public static PointCertificate denoiserNorm(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    return certify(new Case(mixture, schedule, t, x, boundText, toleranceText, exact, names), "‖E[X_0 | X_t = x]‖",
        new Measure() {
          @Override public <T extends RealInterval<T>> T of(DensityEnclosure.Enclosure<T> e, ScheduleEnclosure<T> c) {
            T[] s = e.score(), m = IntervalArrays.vector(c.arithmetic(), s.length);
            for (int j = 0; j < s.length; j++) m[j] = c.arithmetic().of(x[j]).add(c.b2().multiply(s[j]));
            return IntervalArrays.norm(m).divide(c.a());
          }
        }, FALLBACK_DIGITS);
  }

  /** One witness: the instance, the point (null for a whole-case quantity) and the claim's texts. */
  record Case(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x, String boundText,
      String toleranceText, Map<String, Double> exact, Set<String> names) {}

  /** The measured quantity, in any arithmetic (a generic method: one definition for every precision). */
  interface Measure {
    <T extends RealInterval<T>> T of(DensityEnclosure.Enclosure<T> enclosure, ScheduleEnclosure<T> coefficients);
  }

  /**
   * In double intervals first; where they are too wide (apart, but overlapping), the same enclosure
   * again in decimal intervals of {@link #FALLBACK_DIGITS} (docs/claims.md §8).
   */
  static PointCertificate certify(Case c, String what, Measure measure, int[] fallbackDigits) {
    PointCertificate result = atPoint(c, what, measure, Interval.ARITHMETIC);
    for (int digits : fallbackDigits) {
      if (result.certified() || !result.reason().startsWith(TOO_WIDE)) return result;
      try {
        result = atPoint(c, what, measure, DecimalInterval.arithmetic(digits));
      } catch (ArithmeticException | IllegalStateException e) {
        return new PointCertificate(false, result.reason() + "; decimal " + digits + " digits failed: " + e.getMessage(),
            result.measured(), result.bound(), result.arithmetic());
      }
    }
    return result;
  }

  /** The quantity measured on the enclosures at x, against bound + tolerance; the real a_t, b_t² throughout. */
  private static <T extends RealInterval<T>> PointCertificate atPoint(Case c, String what, Measure measure,
      RealInterval.Arithmetic<T> ar) {
    ScheduleEnclosure<T> coefficients;
    DensityEnclosure<T> density;
    try {
      coefficients = ScheduleEnclosure.of(c.schedule(), c.t(), ar);
      density = c.x() == null ? null : new DensityEnclosure<>(c.mixture(), coefficients);
    } catch (IllegalArgumentException e) {
      return new PointCertificate(false, e.getMessage(), null, null, ar.describe());
    }
    T measured = measure.of(density == null ? null : density.at(c.x()), coefficients);
    return separate(what, measured, c, coefficients);
  }

  /** CERTIFIED when measured.lo > (bound + tolerance).hi; otherwise the reason: too wide, or not separated. */
  private static <T extends RealInterval<T>> PointCertificate separate(String what, T measured, Case c,
      ScheduleEnclosure<T> coefficients) {
    RealInterval.Arithmetic<T> ar = coefficients.arithmetic();
    Map<String, T> vars = new TreeMap<>(CaseEnclosure.of(c.mixture(), c.t(), coefficients));
    for (Map.Entry<String, Double> e : c.exact().entrySet()) {
      if (e.getValue() != null && Double.isFinite(e.getValue())) vars.put(e.getKey(), ar.of(e.getValue()));
    }
    Set<String> all = new TreeSet<>(c.names());
    all.addAll(vars.keySet());
    T bound;
    try {
      bound = IntervalExpression.parse(c.boundText(), all).evaluate(vars, ar);
      if (c.toleranceText() != null) bound = bound.add(IntervalExpression.parse(c.toleranceText(), all).evaluate(vars, ar));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return new PointCertificate(false, e.getMessage(), doubles(measured), null, ar.describe());
    }
    Interval m = doubles(measured), b = doubles(bound);
    if (bound.certainlyBelow(measured)) {
      return new PointCertificate(true, what + " ≥ " + lowerText(measured) + " > " + upperText(bound) + " ≥ bound", m, b,
          ar.describe());
    }
    if (measured.mid() - bound.mid() > 0.25 * (measured.width() + bound.width())) {
      // the midpoints are apart by more than rounding noise, but the enclosures overlap: this precision is
      // too wide here (a higher one could separate them); equal values stay "not separated"
      return new PointCertificate(false, TOO_WIDE + ": " + what + " in " + measured + " and the bound in " + bound
          + " overlap in " + ar.describe() + " interval arithmetic", m, b, ar.describe());
    }
    return new PointCertificate(false, "not separated: " + what + " ≥ " + lowerText(measured) + " but the bound may reach "
        + upperText(bound), m, b, ar.describe());
  }

  /** The enclosure with its ends rounded outward to doubles (what the witness file stores). */
  private static Interval doubles(RealInterval<?> x) { return Interval.of(x.lo(), x.hi()); }

  private static String lowerText(RealInterval<?> x) {
    return x instanceof DecimalInterval d ? d.lower().toString() : Double.toString(x.lo());
  }

  private static String upperText(RealInterval<?> x) {
    return x instanceof DecimalInterval d ? d.upper().toString() : Double.toString(x.hi());
  }

  /** CERTIFIED or NOT CERTIFIED. */
  public String status() { return certified ? CERTIFIED : NOT_CERTIFIED; }

  /** The fields of a witness file's "certificate" object. */
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("status", status());
    f.put("reason", reason);
    f.put("coefficients", "exact");
    f.put("arithmetic", arithmetic);
    if (measured != null) f.put("measured_enclosure", new double[] {measured.lo(), measured.hi()});
    if (bound != null) f.put("bound_enclosure", new double[] {bound.lo(), bound.hi()});
    return f;
  }
}
