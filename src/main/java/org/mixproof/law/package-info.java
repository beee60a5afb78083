/**
 * Exact laws of sampler output (docs/claims.md §5.1–5.3): Gaussian laws, 1-D and 2-D grid laws, separable laws, divergences, error tables. Imports sampler, density, mixture, schedule.
 */
package org.mixproof.law;
