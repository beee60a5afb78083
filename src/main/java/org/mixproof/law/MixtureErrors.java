package org.mixproof.law;

import java.util.List;
import org.mixproof.mixture.GaussianMixture;

/** Error tables for mixtures (k &gt; 1): 1-D grid law, or the separable law. */
public final class MixtureErrors {

  private MixtureErrors() {}

  public record Result(String method, List<ErrorTable.Row> rows) {}

  public static Result table(GaussianMixture m, ErrorTable.Config c, int cells) {
    throw new IllegalArgumentException("mixtures with k > 1 are not supported yet");
  }
}
