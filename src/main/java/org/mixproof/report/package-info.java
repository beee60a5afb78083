/**
 * Renders a claim run without computing: Markdown, self-contained HTML, PNG figures, witness files, and the decision whether a directory may receive a report. Imports claim only.
 */
package org.mixproof.report;
