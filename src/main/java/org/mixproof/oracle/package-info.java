/**
 * The 60-digit twin of density (docs/claims.md §6), set up in apfloat and evaluated per point in binary floating point (BinaryFloat): oracle evaluations, rounding bounds, agreement and confirmation of violations. Imports mixture and schedule only.
 */
package org.mixproof.oracle;
