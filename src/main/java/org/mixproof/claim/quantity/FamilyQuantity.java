package org.mixproof.claim.quantity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitrary;
import org.mixproof.claim.Measurement;
import org.mixproof.claim.Quantity;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.claim.spec.DensityVariables;
import org.mixproof.density.identity.Residual;
import org.mixproof.generators.DiffusionCases;

/**
 * The base class of every quantity: its name, the {@link CaseFamily} it is measured on (how cases are
 * generated from the file's profile, the names and keys the whole family has, how a case is written to
 * and rebuilt from a witness) and the names and keys of its own.
 *
 * @param <T> the generated case
 */
public abstract class FamilyQuantity<T> implements Quantity<T> {

  private final String name;
  private final CaseFamily<T> family;
  private final Set<String> ownVariables;
  private final Set<String> ownKeys;

  protected FamilyQuantity(String name, CaseFamily<T> family, Set<String> ownVariables, Set<String> ownKeys) {
    this.name = name;
    this.family = family;
    this.ownVariables = Set.copyOf(ownVariables);
    this.ownKeys = Set.copyOf(ownKeys);
  }

  /** A quantity whose measurement is {@code measure}. */
  public static <T> FamilyQuantity<T> of(String name, CaseFamily<T> family, Set<String> ownVariables, Set<String> ownKeys,
      BiFunction<T, ClaimSpec, Measurement> measure) {
    return new FamilyQuantity<>(name, family, ownVariables, ownKeys) {
      @Override public Measurement measure(T c, ClaimSpec spec) { return measure.apply(c, spec); }
    };
  }

  @Override public String name() { return name; }

  @Override public Set<String> variables() {
    Set<String> v = new TreeSet<>(family.variables());
    v.addAll(ownVariables);
    return v;
  }

  @Override public Set<String> keys() {
    Set<String> k = new TreeSet<>(family.keys());
    k.addAll(ownKeys);
    return k;
  }

  @Override public Arbitrary<T> cases(ClaimSpec spec) { return family.cases().apply(spec); }

  @Override public Map<String, Object> describe(T c, Measurement m) { return family.describe().apply(c, m.point()); }

  @Override public T fromWitness(JsonNode witness) {
    if (family.fromWitness() == null) return Quantity.super.fromWitness(witness);
    return family.fromWitness().apply(witness);
  }

  /** An identity's residual on a diffusion case as a measurement: {@link DensityVariables} over R^d, its scales, {@code extra}. */
  static Measurement measurement(DiffusionCases.Case c, Residual r, Map<String, Double> extra) {
    if (!r.applicable()) return Measurement.notApplicable(r.why());
    Map<String, Double> v = new TreeMap<>(DensityVariables.of(r.density(), Double.POSITIVE_INFINITY));
    v.putAll(r.scales());
    v.putAll(extra);
    return Measurement.of(r.value(), v, r.point(), where(c, r.point()));
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
