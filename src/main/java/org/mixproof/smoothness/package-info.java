/**
 * Lipschitz constants and second moments (docs/claims.md §3–4, §3.5): the multi-start search, the bound formulas, when a measured value counts as a violation. Imports density, oracle, mixture, schedule.
 */
package org.mixproof.smoothness;
