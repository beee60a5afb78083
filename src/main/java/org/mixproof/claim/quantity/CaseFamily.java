package org.mixproof.claim.quantity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mixproof.claim.spec.CaseProfile;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.claim.spec.DensityVariables;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.mixture.MixtureJson;

/**
 * The cases a family of quantities is measured on: the names every quantity of the family binds, the
 * profile keys it reads, the cases of a claim file's profile (a jqwik arbitrary, so a violation
 * shrinks), the witness fields of a case and measured point, and the case rebuilt from them (null: no
 * replay).
 *
 * @param <T> the case
 */
public record CaseFamily<T>(Set<String> variables, Set<String> keys, Function<ClaimSpec, Arbitrary<T>> cases,
    BiFunction<T, double[], Map<String, Object>> describe, Function<JsonNode, T> fromWitness) {

  /** Diffusion cases (mixture, schedule, t, point recipe) of {@link CaseProfile}, binding {@link DensityVariables}. */
  public static final CaseFamily<DiffusionCases.Case> DIFFUSION = new CaseFamily<>(DensityVariables.NAMES,
      CaseProfile.KEYS, CaseProfile::cases, CaseProfile::describe, CaseProfile::fromWitness);

  /**
   * Diffusion cases with a seed for what the measurement draws, generated with the case from the claim's
   * seed, so every measurement is reproducible (docs/claims.md §1–§2).
   */
  public static final CaseFamily<SeededCase> SEEDED = new CaseFamily<>(DensityVariables.NAMES, CaseProfile.KEYS,
      spec -> Combinators.combine(CaseProfile.cases(spec), Arbitraries.longs()).as(SeededCase::new),
      (c, point) -> {
        Map<String, Object> out = CaseProfile.describe(c.c(), point);
        out.put("seed", c.seed());
        return out;
      }, null);

  /**
   * {@link IllConditionedCases} of the file's mixture profile, {@code schedules} and {@code where}
   * (docs/claims.md §6), binding d, k, u, c, kappa and refused.
   */
  public static final CaseFamily<IllConditionedCases.Case> ILL_CONDITIONED = new CaseFamily<>(
      new TreeSet<>(List.of("d", "k", "u", "c", "kappa", "refused")), oracleKeys(), OracleQuantities::cases,
      (c, point) -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schedule", c.schedule().spec());
        out.put("t", c.t());
        out.put("where", c.where().where().name().toLowerCase(Locale.ROOT));
        if (point != null) out.put("point", point);
        out.put("mixture", MixtureJson.tree(c.mixture()));
        return out;
      }, null);

  private static Set<String> oracleKeys() {
    Set<String> k = new TreeSet<>(CaseProfile.KEYS);
    k.removeAll(Set.of("times", "points"));
    k.addAll(Set.of("where", "digits"));
    return k;
  }
}
