/**
 * The closed-form time-t mixture in double precision (docs/claims.md §1–2, §6): log-density, weights, score, Hessian, and the refusal of points double cannot resolve. Imports mixture and schedule.
 */
package org.mixproof.density;
