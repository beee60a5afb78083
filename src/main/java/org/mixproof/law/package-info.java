/**
 * Exact laws of sampler output (docs/claims.md §5.1–5.3): Gaussian laws, 1-D and 2-D grid laws, separable laws, divergences, error tables, the §5.1 measurements on the exact Gaussian law ({@link org.mixproof.law.SolverGaussian}) and the TV of scaled χ² laws ({@link org.mixproof.law.ScaledChiSquare}). Imports sampler, density, mixture, schedule, rounding.
 */
package org.mixproof.law;
