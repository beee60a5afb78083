/**
 * The claim engine: claim files as data, their preflight validation, the bound searches and rate checks, verdicts, witnesses and shrinking, and the figure data of the reports (docs/claims.md). Imports every package above it.
 */
package org.mixproof.claim;
