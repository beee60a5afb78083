/**
 * Forward noise schedules X_t = a_t X_0 + b_t Z (docs/claims.md §0): vp-ou, vp-linear, ve-geometric, ve-linear. Imports no project package.
 */
package org.mixproof.schedule;
