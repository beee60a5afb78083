package org.mixproof.generators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;
import org.mixproof.schedule.VeGeometric;
import org.mixproof.schedule.VeLinear;
import org.mixproof.schedule.VpLinear;
import org.mixproof.schedule.VpOu;

/**
 * Noise schedules (docs/claims.md §0): vp-ou, vp-linear, ve-geometric, ve-linear. Named so as not to clash
 * with the production {@link Schedules}.
 *
 * <p>One {@code combine} of: the kind (shrinks towards the first listed, vp-ou by default), whether
 * to use the published defaults (1 in 3; shrinks to "defaults"), and the parameters, each shrinking
 * towards its default: vp-linear β_min ∈ [0.05, 0.5] → 0.1, β_max ∈ [5, 25] → 20; ve-geometric
 * σ_min ∈ [0.002, 0.05] → 0.01, σ_max ∈ [10, 100] → 50.
 */
public final class ScheduleArbitraries {

  public static final double BETA_MIN_LO = 0.05, BETA_MIN_HI = 0.5;
  public static final double BETA_MAX_LO = 5, BETA_MAX_HI = 25;
  public static final double SIGMA_MIN_LO = 0.002, SIGMA_MIN_HI = 0.05;
  public static final double SIGMA_MAX_LO = 10, SIGMA_MAX_HI = 100;

  private enum Parameters { DEFAULTS, RANDOM }

  private ScheduleArbitraries() {}

  /** Every schedule kind, shrinking towards vp-ou. */
  public static Arbitrary<NoiseSchedule> all() { return of(Schedules.NAMES.toArray(new String[0])); }

  /**
   * Schedules of the named kinds ({@link Schedules#NAMES}), shrinking towards the first name; an
   * unknown name is rejected, naming it.
   */
  public static Arbitrary<NoiseSchedule> of(String... names) {
    if (names == null || names.length == 0) {
      throw new IllegalArgumentException("names must list at least one schedule, was " + Arrays.toString(names));
    }
    List<String> kinds = new ArrayList<>();
    for (String n : names) {
      if (!Schedules.NAMES.contains(n)) {
        throw new IllegalArgumentException("schedule name must be one of " + Schedules.NAMES + ", was '" + n + "'");
      }
      kinds.add(n);
    }
    Arbitrary<Parameters> parameters =
        Arbitraries.frequency(Tuple.of(1, Parameters.DEFAULTS), Tuple.of(2, Parameters.RANDOM));
    return Combinators.combine(
            Arbitraries.of(kinds),
            parameters,
            Parts.decimals(BETA_MIN_LO, BETA_MIN_HI, 3, VpLinear.DEFAULT_BETA_MIN),
            Parts.decimals(BETA_MAX_LO, BETA_MAX_HI, 2, VpLinear.DEFAULT_BETA_MAX),
            Parts.decimals(SIGMA_MIN_LO, SIGMA_MIN_HI, 3, VeGeometric.DEFAULT_SIGMA_MIN),
            Parts.decimals(SIGMA_MAX_LO, SIGMA_MAX_HI, 1, VeGeometric.DEFAULT_SIGMA_MAX))
        .as(ScheduleArbitraries::schedule);
  }

  public static Arbitrary<NoiseSchedule> vpOu() { return of(VpOu.NAME); }

  /** vp-linear: the default (0.1, 20) or random β_min ∈ [0.05, 0.5], β_max ∈ [5, 25]. */
  public static Arbitrary<NoiseSchedule> vpLinear() { return of(VpLinear.NAME); }

  public static Arbitrary<NoiseSchedule> veGeometric() { return of(VeGeometric.NAME); }

  public static Arbitrary<NoiseSchedule> veLinear() { return of(VeLinear.NAME); }

  private static NoiseSchedule schedule(String kind, Parameters p, double betaMin, double betaMax,
      double sigmaMin, double sigmaMax) {
    boolean defaults = p == Parameters.DEFAULTS;
    switch (kind) {
      case VpOu.NAME:
        return new VpOu();
      case VpLinear.NAME:
        return defaults ? new VpLinear() : new VpLinear(betaMin, betaMax);
      case VeGeometric.NAME:
        return defaults ? new VeGeometric() : new VeGeometric(sigmaMin, sigmaMax);
      case VeLinear.NAME:
        return new VeLinear();
      default:
        throw new IllegalArgumentException("unknown schedule " + kind);
    }
  }
}
