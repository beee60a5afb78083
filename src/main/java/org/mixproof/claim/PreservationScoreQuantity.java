package org.mixproof.claim;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;

/**
 * A quantity of docs/claims.md §1–§2 ({@code preservation.*}, {@code score.*}) measured on one diffusion case
 * of the file's profile ({@link CaseProfile}) together with a seed for whatever the measurement draws
 * (a frequency ω, Monte Carlo samples). The seed is generated with the case from the claim's seed, so
 * every measurement is reproducible; the measuring functions live in {@link PreservationQuantities}
 * and {@link ScoreQuantities}. Besides {@link DensityVariables} (with beta = +∞) each quantity binds
 * its own names, documented where it is built.
 */
public final class PreservationScoreQuantity implements Quantity<PreservationScoreQuantity.Seeded> {

  /** A diffusion case and the seed of what the measurement draws. */
  public record Seeded(DiffusionCases.Case c, long seed) {
    @Override public String toString() { return c + " seed=" + seed; }
  }

  private final String name;
  private final Set<String> ownVariables;
  private final Set<String> ownKeys;
  private final BiFunction<Seeded, ClaimSpec, Measurement> measure;

  PreservationScoreQuantity(String name, Set<String> variables, Set<String> keys,
      BiFunction<Seeded, ClaimSpec, Measurement> measure) {
    this.name = name;
    this.ownVariables = Set.copyOf(variables);
    this.ownKeys = Set.copyOf(keys);
    this.measure = measure;
  }

  @Override public String name() { return name; }

  @Override public Set<String> variables() {
    Set<String> v = new TreeSet<>(DensityVariables.NAMES);
    v.addAll(ownVariables);
    return v;
  }

  @Override public Set<String> keys() {
    Set<String> k = new TreeSet<>(CaseProfile.KEYS);
    k.addAll(ownKeys);
    return k;
  }

  @Override public Arbitrary<Seeded> cases(ClaimSpec spec) {
    return Combinators.combine(CaseProfile.cases(spec), Arbitraries.longs()).as(Seeded::new);
  }

  @Override public Measurement measure(Seeded c, ClaimSpec spec) { return measure.apply(c, spec); }

  @Override public Map<String, Object> describe(Seeded c, Measurement m) {
    Map<String, Object> out = CaseProfile.describe(c.c(), m.point());
    out.put("seed", c.seed());
    return out;
  }

  /** {@link DensityVariables} of p over all of R^d, plus a quantity's own names. */
  static Measurement measurement(MixtureDensity p, DiffusionCases.Case c, double value, double[] x,
      Map<String, Double> own) {
    Map<String, Double> v = new TreeMap<>(DensityVariables.of(p, Double.POSITIVE_INFINITY));
    v.putAll(own);
    return Measurement.of(value, v, x, LipschitzQuantity.where(c, x));
  }

  /** error / scale, an exact agreement counting 0 even where the scale is 0. */
  static double ratio(double error, double scale) {
    return error == 0 ? 0 : error / scale;
  }
}
