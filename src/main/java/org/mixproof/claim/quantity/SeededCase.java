package org.mixproof.claim.quantity;

import org.mixproof.generators.DiffusionCases;

/** A diffusion case and the seed of whatever its measurement draws (a frequency ω, Monte Carlo samples). */
public record SeededCase(DiffusionCases.Case c, long seed) {
  @Override public String toString() { return c + " seed=" + seed; }
}
