package org.mixproof.claim.quantity;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.mixproof.certify.BoxCertifier;
import org.mixproof.certify.DensityEnclosure;
import org.mixproof.certify.Interval;
import org.mixproof.certify.PointCertificate;
import org.mixproof.certify.ScheduleEnclosure;
import org.mixproof.claim.Measurement;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.CaseProfile;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.claim.spec.DensityVariables;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.smoothness.Bound;
import org.mixproof.smoothness.Domain;
import org.mixproof.smoothness.LipschitzResult;
import org.mixproof.smoothness.LipschitzSearch;
import org.mixproof.smoothness.Rounding;

/**
 * {@code quantity = lipschitz}: L̂ = the largest ‖H(x)‖₂ the search finds on the domain (docs/claims.md §3).
 * Keys: {@code domain = global | ball} with {@code beta} (default 5), {@code split} (each component
 * replaced by that many equal copies — the same density, more components: {@code lipschitz.k-independence}),
 * {@code starts} (random search starts). Besides {@link DensityVariables} it binds
 * {@code L_isotropic}, the proved closed form for isotropic mixtures (+∞ otherwise). A violation
 * counts only beyond double rounding and confirmed by the 60-digit oracle ({@link Rounding}).
 */
public final class LipschitzQuantity extends FamilyQuantity<DiffusionCases.Case> {

  public LipschitzQuantity() {
    super("lipschitz", CaseFamily.DIFFUSION, Set.of("L_isotropic"),
        Set.of("domain", "beta", "split", "starts", "certify", "box", "certify-boxes"));
  }

  @Override public Arbitrary<DiffusionCases.Case> cases(ClaimSpec spec) {
    Domain dom = domain(spec);
    if (spec.string("certify", "point").equals("box")) {
      boxSide(spec, dom);
      if (spec.has("certify-boxes") && spec.integer("certify-boxes", 1) < 1) throw spec.error("certify-boxes", "must be >= 1");
    }
    return CaseProfile.cases(spec);
  }

  static Domain domain(ClaimSpec spec) {
    String d = spec.string("domain", "global").toLowerCase(Locale.ROOT);
    return switch (d) {
      case "global" -> Domain.global();
      case "ball" -> {
        double beta = spec.number("beta", 5);
        if (!(beta > 0)) throw spec.error("beta", "must be > 0, was " + beta);
        yield Domain.ball(beta);
      }
      default -> throw spec.error("domain", "must be 'global' or 'ball', was '" + d + "'");
    };
  }

  MixtureDensity density(DiffusionCases.Case c, ClaimSpec spec) {
    int split = spec.integer("split", 1);
    if (split < 1) throw spec.error("split", "must be >= 1, was " + split);
    GaussianMixture m = split == 1 ? c.mixture() : split(c.mixture(), split);
    return MixtureDensity.at(m, c.schedule(), c.t());
  }

  /** Each component replaced by {@code copies} copies with weight π_i / copies: the same density. */
  static GaussianMixture split(GaussianMixture m, int copies) {
    int k = m.components();
    double[] w = new double[k * copies];
    double[][] mu = new double[k * copies][];
    double[][][] cov = new double[k * copies][][];
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < copies; c++) {
        w[i * copies + c] = m.weight(i) / copies;
        mu[i * copies + c] = m.mean(i);
        cov[i * copies + c] = m.covariance(i);
      }
    }
    return GaussianMixture.normalized(w, mu, cov);
  }

  @Override public Measurement measure(DiffusionCases.Case c, ClaimSpec spec) {
    Domain dom = domain(spec);
    MixtureDensity p = density(c, spec);
    LipschitzResult r = new LipschitzSearch(1, spec.integer("starts", LipschitzSearch.DEFAULT_RANDOM_STARTS),
        LipschitzSearch.DEFAULT_POLISHED, LipschitzSearch.DEFAULT_POLISH_BUDGET).search(p, dom);
    if (r.value() == 0) {
      // the search scores 0 where double cannot resolve the weights: nowhere trusted, nothing measured
      throw new IllConditionedException("no point of the search where double resolves the posterior weights");
    }
    Map<String, Double> v = DensityVariables.of(p, dom.beta());
    v = new java.util.TreeMap<>(v);
    v.put("L_isotropic", Bound.isotropic(p.mixture()) ? Bound.LIPSCHITZ_ISOTROPIC.value(p, dom) : Double.POSITIVE_INFINITY);
    return Measurement.of(r.value(), v, r.point(), where(c, r.point()));
  }

  /**
   * At the witness point, with the real a_t, b_t² and the claim's bound and tolerance in intervals;
   * the ball's radius and the 0/1 indicators enter exactly, L_isotropic has no enclosure (a bound using
   * it is NOT CERTIFIED, saying so). A lower claim (≥) cannot be certified at a point: nothing shows at
   * a point that no larger value exists.
   */
  @Override public PointCertificate certificate(DiffusionCases.Case c, Measurement m, ClaimSpec spec) {
    if (spec.string("relation", "<=").equals(">=")) {
      return new PointCertificate(false, "a lower claim (relation >=) has no point certificate", null, null);
    }
    MixtureDensity p = density(c, spec);
    return PointCertificate.lipschitz(p.mixture(), c.schedule(), c.t(), m.point(),
        BoundExpression.plainNumbers(spec.bound()),
        spec.has("tolerance") ? BoundExpression.plainNumbers(spec.string("tolerance", "0")) : null, exactVariables(m), variables());
  }

  /** Sub-boxes a box certificate may evaluate per case (key {@code certify-boxes}); a count, not a time, so verdicts do not depend on the machine. */
  public static final long DEFAULT_CERTIFY_BOXES = 20_000;

  /**
   * {@code certify = box}: the bound proved by branch and bound on a box containing the domain — the cube
   * [−β, β]^d around the ball ‖x‖ ≤ β ({@code box = cube}, the default), or {@code box = LO:HI} in every
   * coordinate (which must contain the ball). The bound proved is the lower end of the claim's bound
   * evaluated in intervals, so PROVED implies the claim for the case. A violation the certifier finds
   * outside the ball says nothing about the claim (UNDECIDED); one inside is a certified counterexample.
   */
  @Override public BoxOutcome boxCertificate(DiffusionCases.Case c, Measurement m, ClaimSpec spec) {
    Domain dom = domain(spec);
    MixtureDensity p = density(c, spec);
    int d = p.dimension();
    Interval side = boxSide(spec, dom);
    Interval[] box = new Interval[d];
    java.util.Arrays.fill(box, side);
    PointCertificate enclosure = PointCertificate.lipschitz(p.mixture(), c.schedule(), c.t(), new double[d],
        BoundExpression.plainNumbers(spec.bound()), null, exactVariables(m), variables());
    if (enclosure.bound() == null) {
      return new BoxOutcome(BoxCertifier.Verdict.UNDECIDED, null, Double.NaN, enclosure.reason());
    }
    double bound = enclosure.bound().lo();
    DensityEnclosure<Interval> density;
    try {
      density = new DensityEnclosure<>(p.mixture(), ScheduleEnclosure.of(c.schedule(), c.t()));
    } catch (IllegalArgumentException e) {
      return new BoxOutcome(BoxCertifier.Verdict.UNDECIDED, null, Double.NaN, e.getMessage());
    }
    long boxes = spec.has("certify-boxes") ? spec.integer("certify-boxes", 1) : DEFAULT_CERTIFY_BOXES;
    BoxCertifier.Result r = new BoxCertifier(density).certify(box, bound, Double.MAX_VALUE, boxes);
    if (r.verdict() == BoxCertifier.Verdict.FALSIFIED) {
      double[] x = r.witness().point();
      Interval n2 = Interval.ZERO;
      for (double v : x) n2 = n2.add(Interval.of(v).square());
      boolean inside = n2.hi() <= dom.beta() * dom.beta();
      return inside
          ? new BoxOutcome(BoxCertifier.Verdict.FALSIFIED, x, r.witness().lower(), "certified ‖H(x)‖₂ ≥ " + r.witness().lower())
          : new BoxOutcome(BoxCertifier.Verdict.UNDECIDED, null, Double.NaN, "a violation outside the ball, inside the box");
    }
    return new BoxOutcome(r.verdict(), null, Double.NaN, r.boxes() + " sub-boxes, unpruned " + r.unprunedFraction());
  }

  static Interval boxSide(ClaimSpec spec, Domain dom) {
    String b = spec.string("box", "cube").trim();
    if (b.equals("cube")) {
      if (!Double.isFinite(dom.beta())) throw spec.error("box", "'cube' needs domain = ball (the cube around it)");
      return Interval.of(-dom.beta(), dom.beta());
    }
    String[] ends = b.split(":", -1);
    try {
      double lo = Double.parseDouble(ends[0].trim()), hi = Double.parseDouble(ends[ends.length - 1].trim());
      if (ends.length != 2 || !(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) throw new NumberFormatException();
      if (Double.isFinite(dom.beta()) && (lo > -dom.beta() || hi < dom.beta())) {
        throw spec.error("box", "must contain the ball ‖x‖ ≤ " + dom.beta() + ", was " + b);
      }
      return Interval.of(lo, hi);
    } catch (NumberFormatException e) {
      throw spec.error("box", "must be 'cube' or LO:HI with finite LO <= HI, was '" + b + "'");
    }
  }

  private static Map<String, Double> exactVariables(Measurement m) {
    Map<String, Double> exact = new java.util.TreeMap<>();
    for (String k : new String[] {"beta", "shared", "isotropic", "singular"}) exact.put(k, m.variables().get(k));
    return exact;
  }

  @Override public boolean confirms(DiffusionCases.Case c, Measurement m, double bound, ClaimSpec spec) {
    // a lower claim (L ≥ bound) is violated by the search's own maximum: no oracle can confirm that
    // nothing larger exists, so the file's tolerance expression carries the rounding margin
    if (spec.string("relation", "<=").equals(">=")) return true;
    MixtureDensity p = density(c, spec);
    return Rounding.confirmedViolation(p, new LipschitzResult(m.value(), m.point(), 0, 1, domain(spec)), bound);
  }
}
