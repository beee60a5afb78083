/**
 * The data law p0 = Σ π_i N(μ_i, Σ_i) (docs/claims.md §0): the validated mixture, its JSON forms (every scikit-learn layout), spectra. Imports no project package.
 */
package org.mixproof.mixture;
