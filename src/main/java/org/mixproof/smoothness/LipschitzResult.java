package org.mixproof.smoothness;

/**
 * The largest spectral norm ‖H(x)‖₂ a search found, where, and at what cost. A measured value is
 * always a lower bound on the true L_t over the domain.
 */
public record LipschitzResult(double value, double[] point, long evaluations, long seed, Domain domain) {}
