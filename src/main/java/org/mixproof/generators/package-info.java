/**
 * jqwik generators of mixtures, schedules, times and points that shrink toward the simplest case; in production code because the claim runner generates and shrinks with them (combine only, never flatMap or oneOf).
 */
package org.mixproof.generators;
