package org.mixproof.sampler;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The Gaussian draws ξ of a scheme: each call fills one whole state-sized vector with one fresh
 * draw. Seeded sample paths use {@link #gaussian}; the exact Gaussian law replaces the draws by unit
 * vectors to read off how each draw enters a step.
 */
@FunctionalInterface
public interface Noise {

  /** Fills xi (a state-sized vector) with the next draw. */
  void fill(double[] xi);

  /** Independent standard normal entries from a seeded generator (commons-rng ziggurat). */
  static Noise gaussian(UniformRandomProvider rng) {
    if (rng == null) throw new IllegalArgumentException("rng must not be null");
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    return xi -> {
      for (int i = 0; i < xi.length; i++) xi[i] = g.sample();
    };
  }

  /** No noise (ξ = 0): the deterministic part of a step. */
  static Noise none() { return xi -> java.util.Arrays.fill(xi, 0.0); }
}
