package org.mixproof.claim;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Quantity} measured on one case: the value, the named quantities the claim's
 * expressions may use, the point where it was attained (may be null) and a short description of where.
 * {@code applicable == false} means the claim's hypotheses do not hold for this case (it is not a try).
 */
public record Measurement(boolean applicable, double value, Map<String, Double> variables, double[] point, String where) {

  public Measurement {
    variables = Collections.unmodifiableMap(new TreeMap<>(variables));
  }

  public static Measurement of(double value, Map<String, Double> variables, double[] point, String where) {
    if (Double.isNaN(value)) throw new IllegalStateException("measured NaN at " + where);
    return new Measurement(true, value, variables, point, where);
  }

  public static Measurement notApplicable(String why) {
    return new Measurement(false, Double.NaN, Map.of(), null, why);
  }
}
