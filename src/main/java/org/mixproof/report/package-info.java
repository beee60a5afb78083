/**
 * Renders a claim run without computing: Markdown, self-contained HTML, PNG figures (of figures' one figure model), witness files, and the decision whether a directory may receive a report. Imports claim (results, witnesses) and figures (the figure model) only.
 */
package org.mixproof.report;
