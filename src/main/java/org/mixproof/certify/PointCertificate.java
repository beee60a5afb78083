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
public record PointCertificate(boolean certified, String reason, Interval measured, Interval bound) {

  public static final String CERTIFIED = "CERTIFIED";
  public static final String NOT_CERTIFIED = "NOT CERTIFIED";

  /**
   * Certifies ‖H(x)‖₂ > bound + tolerance at x for the mixture diffused by the schedule to t.
   * {@code exact} are further variables that are exact inputs (a ball's radius, 0/1 indicators);
   * {@code names} every name the claim's expressions may use (those without an enclosure make the
   * certificate fail only if the expression uses them). The texts are plain decimals (no 1e-9).
   */
  public static PointCertificate lipschitz(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    return atPoint(mixture, schedule, t, x, boundText, toleranceText, exact, names, "‖H(x)‖₂", (e, c) -> {
      Interval[][] h = e.hessian();
      return Interval.of(SpectralBounds.lower(h), SpectralBounds.upper(h));
    });
  }

  /**
   * The second moment m2(t) = a_t² Σ π_i (‖μ_i‖² + tr Σ_i) + b_t² d of the diffused mixture (exact, so
   * the whole case is the witness) against bound + tolerance.
   */
  public static PointCertificate secondMoment(GaussianMixture mixture, NoiseSchedule schedule, double t,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    ScheduleEnclosure coefficients;
    try {
      coefficients = ScheduleEnclosure.of(schedule, t);
    } catch (IllegalArgumentException e) {
      return new PointCertificate(false, e.getMessage(), null, null);
    }
    Interval m2 = CaseEnclosure.of(mixture, t, coefficients).get("m2");
    return separate("m2(t)", m2, mixture, t, coefficients, boundText, toleranceText, exact, names);
  }

  /**
   * |‖s_t(x)‖ b_t²/r − 1| at x (the rescaled score against the distance r to a singular component's
   * support, [LWB23]) against bound + tolerance.
   */
  public static PointCertificate scoreNorm(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x, double r,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    return atPoint(mixture, schedule, t, x, boundText, toleranceText, exact, names, "|‖s‖ b²/r − 1|",
        (e, c) -> norm(e.score()).multiply(c.b2()).divide(Interval.of(r)).subtract(1).abs());
  }

  /** ‖E[X_0 | X_t = x]‖ = ‖x + b_t² s_t(x)‖/a_t (Tweedie) at x against bound + tolerance. */
  public static PointCertificate denoiserNorm(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    return atPoint(mixture, schedule, t, x, boundText, toleranceText, exact, names, "‖E[X_0 | X_t = x]‖", (e, c) -> {
      Interval[] s = e.score(), m = new Interval[s.length];
      for (int j = 0; j < s.length; j++) m[j] = Interval.of(x[j]).add(c.b2().multiply(s[j]));
      return norm(m).divide(c.a());
    });
  }

  /** The quantity measured on the enclosures at x, against bound + tolerance; the real a_t, b_t² throughout. */
  private static PointCertificate atPoint(GaussianMixture mixture, NoiseSchedule schedule, double t, double[] x,
      String boundText, String toleranceText, Map<String, Double> exact, Set<String> names, String what,
      java.util.function.BiFunction<DensityEnclosure.Enclosure, ScheduleEnclosure, Interval> quantity) {
    ScheduleEnclosure coefficients;
    DensityEnclosure density;
    try {
      coefficients = ScheduleEnclosure.of(schedule, t);
      density = new DensityEnclosure(mixture, coefficients);
    } catch (IllegalArgumentException e) {
      return new PointCertificate(false, e.getMessage(), null, null);
    }
    Interval measured = quantity.apply(density.at(x), coefficients);
    return separate(what, measured, mixture, t, coefficients, boundText, toleranceText, exact, names);
  }

  private static Interval norm(Interval[] v) {
    Interval s = Interval.ZERO;
    for (Interval c : v) s = s.add(c.square());
    return s.sqrt();
  }

  /** CERTIFIED when measured.lo > (bound + tolerance).hi; otherwise the reason: too wide, or not separated. */
  static PointCertificate separate(String what, Interval measured, GaussianMixture mixture, double t,
      ScheduleEnclosure coefficients, String boundText, String toleranceText, Map<String, Double> exact, Set<String> names) {
    Map<String, Interval> vars = new TreeMap<>(CaseEnclosure.of(mixture, t, coefficients));
    for (Map.Entry<String, Double> e : exact.entrySet()) {
      if (e.getValue() != null && Double.isFinite(e.getValue())) vars.put(e.getKey(), Interval.of(e.getValue()));
    }
    Set<String> all = new TreeSet<>(names);
    all.addAll(vars.keySet());
    Interval bound;
    try {
      bound = IntervalExpression.parse(boundText, all).evaluate(vars);
      if (toleranceText != null) bound = bound.add(IntervalExpression.parse(toleranceText, all).evaluate(vars));
    } catch (IllegalArgumentException e) {
      return new PointCertificate(false, e.getMessage(), measured, null);
    }
    if (measured.lo() > bound.hi()) {
      return new PointCertificate(true, what + " ≥ " + measured.lo() + " > " + bound.hi() + " ≥ bound", measured, bound);
    }
    if (measured.mid() - bound.mid() > 0.25 * (measured.width() + bound.width())) {
      // the midpoints are apart by more than rounding noise, but the enclosures overlap: double intervals
      // are too wide here (a higher precision could separate them); equal values stay "not separated"
      return new PointCertificate(false, "too wide: " + what + " in " + measured + " and the bound in " + bound
          + " overlap in double interval arithmetic", measured, bound);
    }
    return new PointCertificate(false, "not separated: " + what + " ≥ " + measured.lo() + " but the bound may reach "
        + bound.hi(), measured, bound);
  }

  /** CERTIFIED or NOT CERTIFIED. */
  public String status() { return certified ? CERTIFIED : NOT_CERTIFIED; }

  /** The fields of a witness file's "certificate" object. */
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("status", status());
    f.put("reason", reason);
    f.put("coefficients", "exact");
    if (measured != null) f.put("measured_enclosure", new double[] {measured.lo(), measured.hi()});
    if (bound != null) f.put("bound_enclosure", new double[] {bound.lo(), bound.hi()});
    return f;
  }
}
