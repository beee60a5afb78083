/**
 * The 60-digit apfloat twin of density (docs/claims.md §6): oracle evaluations, rounding bounds, agreement and confirmation of violations. Imports mixture and schedule only.
 */
package org.mixproof.oracle;
