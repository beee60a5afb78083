package org.mixproof.claim.quantity;

import java.util.Map;
import java.util.Set;
import org.mixproof.certify.PointCertificate;
import org.mixproof.claim.Measurement;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.claim.spec.DensityVariables;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.smoothness.SecondMoment;

/** The second-moment quantities of docs/claims.md §4. */
public final class MomentQuantities {

  private MomentQuantities() {}

  /** {@code second-moment}: m2(t) = E‖X_t‖², exact (for bounds such as {@code moment.bound}). */
  public static final class Exact extends FamilyQuantity<DiffusionCases.Case> {
    public Exact() { super("second-moment", CaseFamily.DIFFUSION, Set.of(), Set.of()); }

    @Override public Measurement measure(DiffusionCases.Case c, ClaimSpec spec) {
      MixtureDensity p = MixtureDensity.at(c.mixture(), c.schedule(), c.t());
      double m2 = SecondMoment.exact(p);
      return Measurement.of(m2, DensityVariables.of(p, Double.POSITIVE_INFINITY), null, where(c, null));
    }

    /** m2(t) and the bound in intervals, with the real a_t, b_t² (docs/claims.md §8). */
    @Override public PointCertificate certificate(DiffusionCases.Case c, Measurement m, ClaimSpec spec) {
      if (spec.string("relation", "<=").equals(">=")) {
        return new PointCertificate(false, "a lower claim (relation >=) is certified the other way round: not implemented", null, null);
      }
      Map<String, Double> exact = new java.util.TreeMap<>();
      for (String k : new String[] {"shared", "isotropic", "singular"}) exact.put(k, m.variables().get(k));
      return PointCertificate.secondMoment(c.mixture(), c.schedule(), c.t(), BoundExpression.plainNumbers(spec.bound()),
          spec.has("tolerance") ? BoundExpression.plainNumbers(spec.string("tolerance", "0")) : null, exact, variables());
    }
  }

  /**
   * {@code second-moment-mc}: |Monte Carlo mean of ‖X_t‖² − exact m2(t)|, binding {@code ci_halfwidth},
   * the half-width of the normal-theory interval at level 1 − alpha/tries (key {@code alpha}, default
   * 1e-3, Bonferroni over the file's {@code tries}); key {@code samples} (default 20000). Seeded by
   * the case's position in the run, so the check is reproducible.
   */
  public static final class MonteCarlo extends FamilyQuantity<DiffusionCases.Case> {
    public MonteCarlo() { super("second-moment-mc", CaseFamily.DIFFUSION, Set.of("ci_halfwidth"), Set.of("alpha", "samples")); }

    @Override public Measurement measure(DiffusionCases.Case c, ClaimSpec spec) {
      MixtureDensity p = MixtureDensity.at(c.mixture(), c.schedule(), c.t());
      double alpha = spec.number("alpha", 1e-3);
      if (!(alpha > 0 && alpha < 1)) throw spec.error("alpha", "must be in (0, 1), was " + alpha);
      int tries = spec.integer("tries", 20);
      int samples = spec.integer("samples", 20_000);
      long seed = Double.doubleToLongBits(c.t()) ^ c.mixture().hashCode();
      SecondMoment.Estimate e = SecondMoment.monteCarlo(p, samples, seed, 1 - alpha / tries);
      double exact = SecondMoment.exact(p);
      return Measurement.of(Math.abs(e.mean() - exact),
          with(DensityVariables.of(p, Double.POSITIVE_INFINITY), "ci_halfwidth", (e.upper() - e.lower()) / 2),
          null, where(c, null) + " samples=" + samples);
    }
  }
}
