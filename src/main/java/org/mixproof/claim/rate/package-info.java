/**
 * The rate checks of docs/claims.md §5 (claim checks of their own, not bound searches): exact Gaussian-law
 * claims ({@link org.mixproof.claim.rate.SolverGaussianCheck}), sampler guarantees checked through their empirical
 * constant ({@link org.mixproof.claim.rate.GuaranteeCheck}) and the shrinking of a falsified sweep
 * ({@link org.mixproof.claim.rate.RateShrinker}), and a paper's printed value against the exact law
 * ({@link org.mixproof.claim.rate.PublishedValueCheck}). May import claim (the contract: ClaimCheck, ClaimResult,
 * RunOptions, Verdict), claim.spec, law, sampler, schedule, mixture, rounding; never claim.quantity, figures,
 * report or cli.
 */
package org.mixproof.claim.rate;
