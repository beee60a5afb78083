/**
 * One binding per quantity family of the bound search: what a claim file's {@code quantity} measures on a
 * generated case and which names its expressions may use. One base class,
 * {@link org.mixproof.claim.quantity.FamilyQuantity}, over a {@link org.mixproof.claim.quantity.CaseFamily}
 * (diffusion cases, seeded diffusion cases, ill-conditioned oracle cases); the families: Lipschitz (§3),
 * moments (§4), singular-data blow-up (§3.5), preservation (§1) and score (§2) identities
 * (the identities themselves are in density.identity), the oracle comparison (§6). May import claim (the
 * contract: Quantity, Measurement), claim.spec, generators, smoothness, oracle, density (and density.identity),
 * schedule, mixture, rounding; never claim.rate, figures, report or cli.
 */
package org.mixproof.claim.quantity;
