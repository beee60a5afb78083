/**
 * Reverse-time samplers (docs/claims.md §5): schemes, time grids (uniform, exponential, [LY24], [CLW25]), scores and start laws. Imports density, mixture, schedule.
 */
package org.mixproof.sampler;
