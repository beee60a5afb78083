package org.mixproof.report;

/**
 * One claim's result: one row of the table in {@code claims.md} and {@code index.html}.
 *
 * <p>A plain carrier: {@link ReportWriter#write} validates it (every string non-null, {@code id} a
 * usable file-name stem, {@code expect} and {@code verdict} from the sets below, {@code tries ≥ 0}).
 *
 * @param id the claim id, e.g. {@code lipschitz.global-unequal}; unique within a report
 * @param title a short human title
 * @param source the paper and lemma the claim comes from
 * @param statement the claim in one line of mathematics
 * @param expect {@code "holds"} or {@code "falsified"}: what the catalog expects of the claim
 * @param verdict {@code "HOLDS"}, {@code "FALSIFIED"}, {@code "VACUOUS"} or {@code "ERROR"}
 * @param asExpected whether the verdict is the expected one; a row with {@code false} is marked
 * @param tries the number of cases tried
 * @param measureName what {@code measureValue} is, e.g. {@code "tightness"}, {@code "Ĉ"},
 *     {@code "measured/bound"}; may be {@code ""} when there is no measure
 * @param measureValue the measure; {@link Double#NaN} for none (shown as "—")
 * @param where short text: where the worst case or the witness was
 * @param seed the seed that reproduces this row
 * @param detail the reason (for ERROR or VACUOUS) or a note; {@code ""} for none
 * @param certificate what backs the verdict beyond the search (docs/claims.md §8): {@code "CERTIFIED"} or
 *     {@code "NOT CERTIFIED"} for a falsification's point certificate, {@code "PROVED n/m"} for box
 *     certificates of a holding claim, {@code ""} for none (shown as "—")
 */
public record ClaimRow(
    String id,
    String title,
    String source,
    String statement,
    String expect,
    String verdict,
    boolean asExpected,
    long tries,
    String measureName,
    double measureValue,
    String where,
    long seed,
    String detail,
    String certificate) {

  /** A row without a certificate. */
  public ClaimRow(String id, String title, String source, String statement, String expect, String verdict,
      boolean asExpected, long tries, String measureName, double measureValue, String where, long seed, String detail) {
    this(id, title, source, statement, expect, verdict, asExpected, tries, measureName, measureValue, where, seed, detail, "");
  }

  /** The provenance label read from {@link #source}: primary, secondary, reconstructed, or "" when none. */
  public String provenance() { return provenanceOf(source); }

  /**
   * The first of "primary", "secondary", "reconstructed" in a source text (as a whole word, any case;
   * docs/claims.md §5.4's provenance rule), or "" when it names none (a proved or exact claim).
   */
  public static String provenanceOf(String source) {
    java.util.regex.Matcher m = LABEL.matcher(source == null ? "" : source);
    return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "";
  }

  private static final java.util.regex.Pattern LABEL =
      java.util.regex.Pattern.compile("\\b(primary|secondary|reconstructed)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
}
