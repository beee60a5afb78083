/**
 * The exact identities of docs/claims.md §1–2 as residual functions of the double density
 * ({@link org.mixproof.density.identity.Residual}, each normalised by the size of the terms it is computed from):
 * the characteristic function, Fokker–Planck, the moments and KS tests of forward samples
 * ({@link org.mixproof.density.identity.PreservationIdentities}); ∇ log p, ∂s/∂x, Tweedie, H ≡ −P(t) for one
 * Gaussian and Fisher's identity ({@link org.mixproof.density.identity.ScoreIdentities}); with their references
 * (Richardson central differences, a 34-digit decimal P_i(t), per-component term sizes). Evaluated at a
 * {@link org.mixproof.density.identity.Site} (a generated case implements it). May import density, mixture,
 * schedule, rounding; never oracle (beside density in the flow) nor anything later.
 */
package org.mixproof.density.identity;
