package org.mixproof.generators;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import org.mixproof.density.IllConditionedException;
import org.mixproof.density.MixtureDensity;
import org.mixproof.density.identity.Site;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * A mixture diffused by a schedule to a time, with a point to look at — one {@code combine}, so every
 * part shrinks on its own. The time is generated as a log-uniform fraction of the schedule's
 * horizon (so no part depends on another), the point as a {@link Points.Recipe} applied to the
 * time-t mixture.
 */
public final class DiffusionCases {

  /** Smallest fraction of the horizon: t reaches 1e−8 × horizon. */
  public static final double SMALLEST_FRACTION = 1e-8;

  private DiffusionCases() {}

  public record Case(GaussianMixture mixture, NoiseSchedule schedule, double t, Points.Recipe where)
      implements Site {
    public MixtureDensity density() { return MixtureDensity.at(mixture, schedule, t); }

    /**
     * The density, or the try is skipped (jqwik {@link Assume}) when double precision says it cannot
     * factor some Σ_i(t) ({@link IllConditionedException}): that case belongs to the oracle.
     */
    public MixtureDensity densityOrSkip() {
      try {
        return density();
      } catch (IllConditionedException e) {
        Assume.that(false);
        throw e;
      }
    }

    public double[] point(MixtureDensity p) { return where.at(Points.geometry(p)); }

    /**
     * The case's point, or the try is skipped where the double code refuses it because rounding
     * leaves the posterior weights unresolved (docs/claims.md §6 {@code oracle.ill-conditioned}; the oracle
     * properties cover those points).
     */
    public double[] resolvedPoint(MixtureDensity p) {
      double[] x = point(p);
      try {
        p.evaluate(x);
      } catch (IllConditionedException e) {
        Assume.that(false);
      }
      return x;
    }

    @Override
    public String toString() {
      return "Case{schedule=" + schedule.spec() + ", t=" + t + ", where=" + where.kind() + ", " + mixture + "}";
    }
  }

  public static Arbitrary<Case> of(Mixtures.Builder profile, Arbitrary<NoiseSchedule> schedules,
      Arbitrary<Points.Recipe> points) {
    return Combinators.combine(profile.build(), schedules, Times.logUniform(SMALLEST_FRACTION, 1.0), points)
        .as((m, s, fraction, r) -> new Case(m, s, fraction * Times.horizon(s), r));
  }

  /** Every schedule, points of every kind. */
  public static Arbitrary<Case> of(Mixtures.Builder profile) {
    return of(profile, ScheduleArbitraries.all(),
        Points.recipes(profile.profile().maxDimension(), profile.profile().maxComponents()));
  }
}
