package org.mixproof.claim.quantity;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.mixproof.claim.Measurement;
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
    super("lipschitz", CaseFamily.DIFFUSION, Set.of("L_isotropic"), Set.of("domain", "beta", "split", "starts"));
  }

  @Override public Arbitrary<DiffusionCases.Case> cases(ClaimSpec spec) {
    domain(spec);
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

  @Override public boolean confirms(DiffusionCases.Case c, Measurement m, double bound, ClaimSpec spec) {
    // a lower claim (L ≥ bound) is violated by the search's own maximum: no oracle can confirm that
    // nothing larger exists, so the file's tolerance expression carries the rounding margin
    if (spec.string("relation", "<=").equals(">=")) return true;
    MixtureDensity p = density(c, spec);
    return Rounding.confirmedViolation(p, new LipschitzResult(m.value(), m.point(), 0, 1, domain(spec)), bound);
  }
}
