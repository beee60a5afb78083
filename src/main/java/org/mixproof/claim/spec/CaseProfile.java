package org.mixproof.claim.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.generators.Mixtures;
import org.mixproof.generators.Parts;
import org.mixproof.generators.Points;
import org.mixproof.generators.ScheduleArbitraries;
import org.mixproof.generators.Times;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The generator profile of a claim file, read into the jqwik arbitraries of {@code generators/}:
 * <pre>
 * dimensions = 1..4        components = 1..4        families = full, diagonal   (shared|diagonal|isotropic|full|singular)
 * condition = 1..100       scale = 0.5..2           mean-radius = 3             weight-floor = 0.05
 * schedules = vp-ou, vp-linear   (or all)           times = 1e-3..2  (log-uniform, capped at each schedule's horizon)
 * points = near, between, far
 * </pre>
 * Every part is one {@code combine}, so a violation shrinks part by part towards the simplest case.
 */
public final class CaseProfile {

  /** The profile keys. */
  public static final Set<String> KEYS = Set.of("dimensions", "components", "families", "condition", "scale",
      "mean-radius", "weight-floor", "schedules", "times", "points");

  private CaseProfile() {}

  public static Mixtures.Builder mixtures(ClaimSpec spec) {
    int[] d = spec.intRange("dimensions", 1, 4);
    int[] k = spec.intRange("components", 1, 4);
    double[] cond = spec.range("condition", 1, 100);
    double[] scale = spec.range("scale", 0.5, 2);
    List<CovarianceFamily> families = new ArrayList<>();
    for (String f : spec.list("families", List.of("full"))) {
      families.add(spec.parse("families", f, CovarianceFamily::fromId));
    }
    try {
      return Mixtures.builder().dimensions(d[0], d[1]).components(k[0], k[1])
          .families(families.toArray(new CovarianceFamily[0])).conditionNumber(cond[0], cond[1])
          .scale(scale[0], scale[1]).meanRadius(spec.number("mean-radius", 3))
          .weightFloor(spec.number("weight-floor", 0));
    } catch (IllegalArgumentException e) {
      throw spec.error("dimensions", "profile rejected: " + e.getMessage());
    }
  }

  public static Arbitrary<NoiseSchedule> schedules(ClaimSpec spec) {
    List<String> names = spec.list("schedules", List.of("vp-ou"));
    if (names.equals(List.of("all"))) names = List.copyOf(Schedules.NAMES);
    for (String n : names) {
      if (!Schedules.NAMES.contains(n)) throw spec.error("schedules", "unknown schedule '" + n + "', known: " + Schedules.NAMES);
    }
    return ScheduleArbitraries.of(names.toArray(new String[0]));
  }

  /** Diffusion cases: mixture, schedule, time (log-uniform in the file's range), point recipe. */
  public static Arbitrary<DiffusionCases.Case> cases(ClaimSpec spec) {
    Mixtures.Builder mixtures = mixtures(spec);
    double[] times = spec.range("times", 1e-3, 2);
    if (!(times[0] > 0)) throw spec.error("times", "must be > 0, was " + spec.string("times", ""));
    Arbitrary<Double> fraction = Parts.decimals(0, 1, 6, 0.0);
    Mixtures.Profile pr = mixtures.profile();
    return Combinators.combine(mixtures.build(), schedules(spec), fraction, points(spec, pr))
        .as((m, s, u, r) -> new DiffusionCases.Case(m, s, logInterpolate(times[0], Math.min(times[1], Times.horizon(s)), u), r));
  }

  static double logInterpolate(double lo, double hi, double u) {
    if (hi <= lo) return hi;
    return lo * Math.pow(hi / lo, u);
  }

  private static Arbitrary<Points.Recipe> points(ClaimSpec spec, Mixtures.Profile pr) {
    List<String> kinds = spec.list("points", List.of("near", "between", "far"));
    List<Arbitrary<Points.Recipe>> each = new ArrayList<>();
    for (String k : kinds) {
      Points.Kind kind;
      try {
        kind = Points.Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw spec.error("points", "unknown point kind '" + k + "', known: near, between, far");
      }
      each.add(Points.recipes(kind, pr.maxDimension(), pr.maxComponents()));
    }
    if (each.size() == 1) return each.get(0);
    // a choice by index over a combine, not Arbitraries.oneOf: oneOf is a flatMap, whose generator
    // needs a jqwik thread, and the runner generates outside the engine
    return Combinators.combine(Arbitraries.integers().between(0, each.size() - 1), Combinators.combine(each).as(l -> l))
        .as((i, all) -> all.get(i));
  }

  /**
   * The witness fields of a diffusion case: schedule, t, the point where it was measured, the point
   * recipe (so the case can be rebuilt exactly) and the mixture's JSON form.
   */
  public static Map<String, Object> describe(DiffusionCases.Case c, double[] point) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schedule", c.schedule().spec());
    out.put("t", c.t());
    if (point != null) out.put("point", point);
    Points.Recipe r = c.where();
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
    recipe.put("first", r.first());
    recipe.put("second", r.second());
    recipe.put("z", r.z());
    recipe.put("lambda", r.lambda());
    recipe.put("direction", r.direction());
    recipe.put("radius", r.radius());
    out.put("point_recipe", recipe);
    out.put("mixture", MixtureJson.tree(c.mixture()));
    return out;
  }

  /** The case {@link #describe} wrote. */
  public static DiffusionCases.Case fromWitness(JsonNode w) {
    JsonNode r = w.has("point_recipe") ? required(w, "point_recipe") : required(w, "pointRecipe"); // before 2026-12: camelCase
    Points.Recipe recipe = new Points.Recipe(
        Points.Kind.valueOf(required(r, "kind").asText().toUpperCase(java.util.Locale.ROOT)),
        required(r, "first").asInt(), required(r, "second").asInt(), doubles(required(r, "z")),
        required(r, "lambda").asDouble(), doubles(required(r, "direction")), required(r, "radius").asDouble());
    return new DiffusionCases.Case(MixtureJson.fromTree(required(w, "mixture"), "witness mixture"),
        Schedules.parse(required(w, "schedule").asText()), required(w, "t").asDouble(), recipe);
  }

  static JsonNode required(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) throw new IllegalArgumentException("witness lacks '" + key + "'");
    return v;
  }

  public static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
    return out;
  }
}
