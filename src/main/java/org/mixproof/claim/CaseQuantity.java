package org.mixproof.claim;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import org.mixproof.generators.DiffusionCases;

/**
 * A quantity measured on a diffusion case (mixture, schedule, t, point recipe) from the file's
 * profile ({@link CaseProfile}), binding {@link DensityVariables} plus its own names.
 */
abstract class CaseQuantity implements Quantity<DiffusionCases.Case> {

  private final String name;
  private final Set<String> extraVariables;
  private final Set<String> extraKeys;

  CaseQuantity(String name, Set<String> extraVariables, Set<String> extraKeys) {
    this.name = name;
    this.extraVariables = extraVariables;
    this.extraKeys = extraKeys;
  }

  @Override public String name() { return name; }

  @Override public Set<String> variables() {
    Set<String> v = new TreeSet<>(DensityVariables.NAMES);
    v.addAll(extraVariables);
    return v;
  }

  @Override public Set<String> keys() {
    Set<String> k = new TreeSet<>(CaseProfile.KEYS);
    k.addAll(extraKeys);
    return k;
  }

  @Override public Arbitrary<DiffusionCases.Case> cases(ClaimSpec spec) { return CaseProfile.cases(spec); }

  @Override public Map<String, Object> describe(DiffusionCases.Case c, Measurement m) {
    return CaseProfile.describe(c, m.point());
  }

  @Override public DiffusionCases.Case fromWitness(com.fasterxml.jackson.databind.JsonNode w) {
    return CaseProfile.fromWitness(w);
  }

  /** A short description of the case and point, for the report's 'where' column. */
  static String where(DiffusionCases.Case c, double[] x) {
    return String.format(Locale.ROOT, "d=%d k=%d %s t=%.4g x=%s", c.mixture().dimension(), c.mixture().components(),
        c.schedule().spec(), c.t(), x == null ? "-" : shortVector(x));
  }

  static String shortVector(double[] x) {
    StringBuilder b = new StringBuilder("(");
    for (int j = 0; j < x.length && j < 4; j++) b.append(j > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4g", x[j]));
    return b.append(x.length > 4 ? ", …)" : ")").toString();
  }

  static Map<String, Double> with(Map<String, Double> base, Object... namesAndValues) {
    Map<String, Double> v = new TreeMap<>(base);
    for (int i = 0; i < namesAndValues.length; i += 2) v.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
    return v;
  }
}
