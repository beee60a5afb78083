package org.mixproof.claim.quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.mixproof.claim.Measurement;
import org.mixproof.claim.Quantity;
import org.mixproof.claim.spec.CaseProfile;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.density.PointEvaluation;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.IllConditionedCases.Where;
import org.mixproof.oracle.Agreement;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.rounding.RoundingModel;

/**
 * docs/claims.md §6 ({@code oracle.*}): the double density code against the apfloat oracle, on
 * {@link IllConditionedCases} built from the file's profile: the mixture keys of {@link CaseProfile}
 * (dimensions, components, families, condition up to 1e12, scale, mean-radius, weight-floor),
 * {@code schedules}, {@code where} (near, between, deviations, tie, far) and {@code digits} (the
 * oracle's precision, default {@value #DEFAULT_DIGITS}: its own error, ≤ c·10^{−29} of the terms at
 * 20 digits, is far below the smallest tolerance c·u ≥ 7e−15 of them). Bound names:
 * <pre>
 * d k u       dimension, components, 2⁻⁵³
 * kappa       max_i cond(Σ_i(t))
 * refused     1 when the double code refused the case (IllConditionedException), else 0
 * </pre>
 * Quantities:
 * <ul>
 *   <li>{@code oracle-agreement}: the largest normalised error of weights, log p, score and Hessian
 *       ({@link Agreement}: each divided by the size of the terms that cancel); a refusal is +∞ (in
 *       the range where double precision must cope, refusing is a failure).</li>
 *   <li>{@code oracle-ill-conditioned}: the same error, but a refusal is within the claim (measured 0,
 *       {@code refused} = 1): the double code either agrees or says it cannot — never silently wrong.</li>
 *   <li>{@code oracle-finite}: the number of non-finite outputs (log p, weights outside [0, 1], score,
 *       Hessian) for finite valid input; a refusal of the mixture or of the point's weights counts 0,
 *       but log p is never refused and must be finite.</li>
 * </ul>
 */
public final class OracleQuantities {

  /** The oracle's digits unless the file says otherwise. */
  public static final int DEFAULT_DIGITS = OracleDensity.MIN_DIGITS;

  private OracleQuantities() {}

  /** What one case gave: the double code's refusal or its agreement with the oracle. */
  public record Comparison(Case c, double[] x, double kappa, boolean refused, Agreement agreement) {

    /** The largest normalised error (+∞ when refused). */
    public double error() {
      if (refused) return Double.POSITIVE_INFINITY;
      return Math.max(Math.max(agreement.weightsError(), agreement.logDensityError()),
          Math.max(agreement.scoreError(), agreement.hessianError()));
    }
  }

  /** The double code and the oracle at the case's point; a refusal (mixture or point) is recorded, not thrown. */
  public static Comparison compare(Case c, int digits) {
    OracleDensity o = c.oracle(digits);
    double[] x = c.point(o);
    PointEvaluation e;
    try {
      e = c.density().evaluate(x);
    } catch (IllConditionedException refused) {
      return new Comparison(c, x, c.kappa(), true, null);
    }
    Agreement a = Agreement.of(o.evaluate(x), e.logDensity(), e.weights(), e.score(), e.hessian());
    return new Comparison(c, x, a.kappa(), false, a);
  }

  /** The number of non-finite outputs at the case's point; refusals count nothing, log p is never refused. */
  public static int nonFinite(Case c, int digits) {
    MixtureDensity p;
    try {
      p = c.density();
    } catch (IllConditionedException refused) {
      return 0;
    }
    double[] x = c.point(c.oracle(digits));
    int bad = Double.isFinite(p.logDensity(x)) ? 0 : 1;
    try {
      PointEvaluation e = p.evaluate(x);
      if (!Double.isFinite(e.logDensity())) bad++;
      for (double w : e.weights()) if (!(Double.isFinite(w) && w >= 0 && w <= 1)) bad++;
      for (double s : e.score()) if (!Double.isFinite(s)) bad++;
      for (double[] row : e.hessian()) for (double h : row) if (!Double.isFinite(h)) bad++;
    } catch (IllConditionedException refused) {
      // the point's weights cannot be resolved: said, not silently wrong
    }
    return bad;
  }

  public static Quantity<Case> agreement() { return new Compared("oracle-agreement", false); }

  public static Quantity<Case> illConditioned() { return new Compared("oracle-ill-conditioned", true); }

  public static Quantity<Case> finite() { return new Finite(); }

  /** The cases of a claim file's profile. */
  static Arbitrary<Case> cases(ClaimSpec spec) {
    List<Where> where = new ArrayList<>();
    for (String w : spec.list("where", List.of("near", "between", "deviations", "tie", "far"))) {
      try {
        where.add(Where.valueOf(w.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw spec.error("where", "unknown point kind '" + w + "', known: near, between, deviations, tie, far");
      }
    }
    return IllConditionedCases.of(CaseProfile.mixtures(spec), CaseProfile.schedules(spec), Arbitraries.of(where));
  }

  static int digits(ClaimSpec spec) {
    int digits = spec.integer("digits", DEFAULT_DIGITS);
    if (digits < OracleDensity.MIN_DIGITS || digits > OracleDensity.MAX_DIGITS) {
      throw spec.error("digits", "must be in [" + OracleDensity.MIN_DIGITS + ", " + OracleDensity.MAX_DIGITS + "], was " + digits);
    }
    return digits;
  }

  static Map<String, Double> bound(Case c, double kappa, boolean refused) {
    Map<String, Double> v = new TreeMap<>();
    v.put("d", (double) c.mixture().dimension());
    v.put("k", (double) c.mixture().components());
    v.put("u", RoundingModel.U);
    v.put("c", RoundingModel.constant(c.mixture().dimension()));
    v.put("kappa", kappa);
    v.put("refused", refused ? 1.0 : 0.0);
    return v;
  }

  static String where(Case c, double[] x) {
    return String.format(Locale.ROOT, "d=%d k=%d %s t=%.4g %s x=%s", c.mixture().dimension(), c.mixture().components(),
        c.schedule().spec(), c.t(), c.where().where().name().toLowerCase(Locale.ROOT),
        x == null ? "-" : FamilyQuantity.shortVector(x));
  }

  /** The common part: the {@link CaseFamily#ILL_CONDITIONED} cases, after the {@code digits} key is checked. */
  private abstract static class OracleQuantity extends FamilyQuantity<Case> {
    OracleQuantity(String name) { super(name, CaseFamily.ILL_CONDITIONED, Set.of(), Set.of()); }

    @Override public Arbitrary<Case> cases(ClaimSpec spec) {
      digits(spec);
      return super.cases(spec);
    }
  }

  /** oracle-agreement (refusal = +∞) and oracle-ill-conditioned (refusal = 0). */
  private static final class Compared extends OracleQuantity {
    private final boolean refusalWithin;

    Compared(String name, boolean refusalWithin) {
      super(name);
      this.refusalWithin = refusalWithin;
    }

    @Override public Measurement measure(Case c, ClaimSpec spec) {
      Comparison r = compare(c, digits(spec));
      double value = r.refused() && refusalWithin ? 0 : r.error();
      return Measurement.of(value, bound(c, r.kappa(), r.refused()), r.x(),
          OracleQuantities.where(c, r.x()) + (r.refused() ? " (refused)" : ""));
    }
  }

  /** oracle-finite. */
  private static final class Finite extends OracleQuantity {
    Finite() { super("oracle-finite"); }

    @Override public Measurement measure(Case c, ClaimSpec spec) {
      int bad = nonFinite(c, digits(spec));
      return Measurement.of(bad, bound(c, c.kappa(), false), null, OracleQuantities.where(c, null));
    }
  }
}
