/**
 * The claim engine (docs/claims.md): the contract of a check ({@link org.mixproof.claim.ClaimCheck},
 * {@link org.mixproof.claim.Quantity}, {@link org.mixproof.claim.Measurement}, {@link org.mixproof.claim.ClaimResult},
 * {@link org.mixproof.claim.Verdict}, {@link org.mixproof.claim.RunOptions}), the registry of checks by quantity name
 * ({@link org.mixproof.claim.Checks}), the generic search → confirm → shrink ({@link org.mixproof.claim.BoundSearch}),
 * the run of a catalog ({@link org.mixproof.claim.Catalog}) and witnesses ({@link org.mixproof.claim.Witnesses}: JSON,
 * provenance, replay). May import claim.spec, claim.quantity and claim.rate (the registry names them, which is the
 * one cycle left inside claim: quantity and rate implement this package's contract), generators, law, sampler,
 * smoothness, oracle, density, schedule, mixture, rounding; never figures, report or cli.
 */
package org.mixproof.claim;
