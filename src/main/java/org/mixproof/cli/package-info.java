/**
 * The mixproof command (picocli): check, validate, replay, eval, lipschitz, errors; progress on stderr, exit codes 0/1/2.
 */
package org.mixproof.cli;
