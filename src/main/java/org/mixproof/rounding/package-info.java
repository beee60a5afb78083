/**
 * The one rounding model of the project (docs/claims.md §6): the unit roundoff u = 2⁻⁵³, the machine
 * epsilon ε = 2⁻⁵² = 2u, the constant c(d) = 16 (d + 1)², and the a-priori bounds that the double
 * density's refusal rule, the oracle's rounding bound and the search's margins share. Every other
 * package writes a rounding error in these units. Imports nothing of the project.
 */
package org.mixproof.rounding;
