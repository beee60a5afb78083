/**
 * Certificates (docs/claims.md §8): outward-rounded interval arithmetic ({@link
 * org.mixproof.certify.Interval}), enclosures of a diffused mixture's log-terms, weights, score and
 * Hessian at a point or over a box, and the box certificate that PROVES sup ‖H‖₂ ≤ B by branch and
 * bound. Imports rounding, mixture and schedule only — never density or oracle: a certificate must
 * not reuse the code it checks.
 */
package org.mixproof.certify;
