package org.mixproof.generators;

import java.util.Arrays;
import java.util.Locale;

/**
 * The shape of a mixture's covariances, as named in claim files (docs/design.md "Claims as data").
 *
 * <ul>
 *   <li>{@link #SHARED}: one full SPD matrix Σ for every component;
 *   <li>{@link #DIAGONAL}: each Σ_i diagonal (off-diagonal entries exactly 0);
 *   <li>{@link #ISOTROPIC}: each Σ_i = σ_i² I;
 *   <li>{@link #FULL}: each Σ_i an independent rotated SPD matrix;
 *   <li>{@link #SINGULAR}: each Σ_i positive semi-definite with m_i ≥ 1 eigenvalues exactly 0; the
 *       null space is span(e_0, …, e_{m_i−1}), so the components share the null direction e_0
 *       (docs/claims.md §3.5). Such mixtures are valid but only evaluable at t &gt; 0.
 * </ul>
 */
public enum CovarianceFamily {
  SHARED, DIAGONAL, ISOTROPIC, FULL, SINGULAR;

  /** The name used in claim files: lower case, e.g. {@code shared}. */
  public String id() { return name().toLowerCase(Locale.ROOT); }

  /** The family named {@code id} (case-insensitive); rejects anything else, naming the value. */
  public static CovarianceFamily fromId(String id) {
    for (CovarianceFamily f : values()) {
      if (f.id().equalsIgnoreCase(id == null ? "" : id.strip())) return f;
    }
    throw new IllegalArgumentException(
        "covariance family must be one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT)
            + ", was '" + id + "'");
  }
}
