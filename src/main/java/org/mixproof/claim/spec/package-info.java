/**
 * Claim files as data: reading them ({@link org.mixproof.claim.spec.ClaimFiles}, strict UTF-8, no duplicate key), the
 * parsed file ({@link org.mixproof.claim.spec.ClaimSpec}, typed accessors whose failures are
 * {@link org.mixproof.claim.spec.ClaimFormatException}s naming file, line and key, and the one "parse, else error"
 * helper), the generator profile ({@link org.mixproof.claim.spec.CaseProfile}), bound expressions
 * ({@link org.mixproof.claim.spec.BoundExpression}, parsii), the named quantities of docs/claims.md §0
 * ({@link org.mixproof.claim.spec.DensityVariables}) and the preflight of a catalog
 * ({@link org.mixproof.claim.spec.CatalogValidation}, over the {@link org.mixproof.claim.spec.ClaimKeys} a check
 * reads). May import generators, smoothness, density, schedule, mixture, rounding; never the engine (claim) or
 * its other subpackages.
 */
package org.mixproof.claim.spec;
