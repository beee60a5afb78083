package org.mixproof.report;

/**
 * One entry of the reports' "Findings" section: what the catalog falsified or found loose.
 *
 * @param claimId the id of a {@link ClaimRow} of the same report
 * @param markdown the finding, as Markdown; written verbatim to {@code claims.md}, and as escaped
 *     paragraphs (with {@code `code`} and {@code **bold**}) to {@code index.html}
 * @param figureFile null, or the {@link Figure#fileName()} of a figure of the same report
 * @param counterexampleFile null, or {@code counterexamples/<id>.json} for an {@code id} in the
 *     report's {@link Report#counterexamples()}
 */
public record Finding(String claimId, String markdown, String figureFile, String counterexampleFile) {}
