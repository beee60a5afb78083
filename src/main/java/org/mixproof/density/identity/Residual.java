package org.mixproof.density.identity;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.mixproof.density.MixtureDensity;

/**
 * An identity's residual at one site: the value (a residual normalised by the size of the terms it is
 * computed from, or a p-value for the statistical identities), the density it was computed at (whose
 * named quantities a claim file's tolerance uses), the point or direction where it was attained (may
 * be null) and the identity's own scales by name ({@code h}, {@code scale}, {@code lp_terms}, …).
 * {@code why} is non-null when the identity cannot be evaluated at the site (then nothing else is set).
 */
public record Residual(MixtureDensity density, double value, double[] point, Map<String, Double> scales, String why) {

  public Residual {
    scales = Collections.unmodifiableMap(new TreeMap<>(scales));
  }

  public static Residual of(MixtureDensity density, double value, double[] point, Map<String, Double> scales) {
    return new Residual(density, value, point, scales, null);
  }

  public static Residual notApplicable(String why) {
    return new Residual(null, Double.NaN, null, Map.of(), why);
  }

  public boolean applicable() { return why == null; }

  /** error / scale, an exact agreement counting 0 even where the scale is 0. */
  public static double ratio(double error, double scale) {
    return error == 0 ? 0 : error / scale;
  }
}
