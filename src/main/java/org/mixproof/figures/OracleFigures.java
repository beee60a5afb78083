package org.mixproof.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.RandomGenerator;
import org.mixproof.claim.BoundSearch;
import org.mixproof.claim.quantity.OracleQuantities;
import org.mixproof.generators.IllConditionedCases;
import org.mixproof.generators.IllConditionedCases.Case;
import org.mixproof.generators.Mixtures;
import org.mixproof.oracle.RoundingBound;

/** Report figures of docs/claims.md §6 ({@code oracle.*}), computed here, rendered by {@code report/}. */
public final class OracleFigures {

  /** The figure's dimension: one constant c = 16(d + 1)² for every point. */
  public static final int DIMENSION = 2;
  /** Generated cases (refused ones are counted, not plotted). */
  public static final int CASES = 120;

  private OracleFigures() {}

  /**
   * The double code's error against the 20-digit oracle, normalised as in {@code oracle.agreement}
   * (the largest of the weight, log p, score and Hessian errors, each over the size of the terms that
   * cancel), against κ = max_i cond(Σ_i(t)), over {@value #CASES} cases of the full ill-conditioned
   * range ({@link IllConditionedCases#fullRange()} with d = {@value #DIMENSION}), log-log, with the
   * tolerance c·u·κ (c = 16(d + 1)² = 144). Exact agreements (error 0) cannot be drawn on a log axis
   * and are counted in the caption, as are refusals. Deterministic for a seed.
   */
  public static Figure errorVsConditioning(long seed) {
    Mixtures.Builder profile = IllConditionedCases.fullRange().dimensions(DIMENSION, DIMENSION);
    RandomGenerator<Case> gen = IllConditionedCases.of(profile).generator(BoundSearch.GEN_SIZE);
    Random random = new Random(seed);
    List<double[]> points = new ArrayList<>();
    int refused = 0, exact = 0, beyond = 0;
    double kMin = Double.POSITIVE_INFINITY, kMax = 1;
    double c = RoundingBound.constant(DIMENSION), u = RoundingBound.UNIT_ROUNDOFF;
    for (int n = 0; n < CASES; n++) {
      OracleQuantities.Comparison r = OracleQuantities.compare(gen.next(random).value(), OracleQuantities.DEFAULT_DIGITS);
      if (r.refused()) {
        refused++;
        continue;
      }
      double e = r.error();
      if (e > c * u * r.kappa()) beyond++;
      if (e == 0) {
        exact++;
        continue;
      }
      points.add(new double[] {r.kappa(), e});
      kMin = Math.min(kMin, r.kappa());
      kMax = Math.max(kMax, r.kappa());
    }
    points.sort((p, q) -> Double.compare(p[0], q[0]));
    double[] x = new double[points.size()], y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
    }
    if (!(kMin < kMax)) kMin = 1;
    int m = 25;
    double[] lx = new double[m], ly = new double[m];
    for (int i = 0; i < m; i++) {
      lx[i] = kMin * Math.pow(kMax / kMin, i / (m - 1.0));
      ly[i] = c * u * lx[i];
    }
    String caption = String.format(Locale.ROOT,
        "Normalised error of the double code against the %d-digit apfloat oracle (largest of the posterior "
            + "weights', log p's, score's and Hessian's errors, each over the size of the terms that cancel, as in "
            + "oracle.agreement) against κ = max_i cond(Σ_i(t)), over %d generated ill-conditioned cases in d = %d "
            + "(cond up to 1e12, singular data with b_t² down to 1e-12, points up to 1e3 standard deviations out, "
            + "ties), seed %d. %d cases were refused by the double code (IllConditionedException), %d agreed exactly "
            + "(not drawn on the log axis), %d exceeded the tolerance c·u·κ (c = 16(d+1)² = %.0f).",
        OracleQuantities.DEFAULT_DIGITS, CASES, DIMENSION, seed, refused, exact, beyond, c);
    return new Figure("oracle-error-vs-conditioning.png", "Double vs oracle: error against conditioning",
        "κ = max cond(Σ_i(t))", "normalised error", true, true,
        List.of(new Series("double vs oracle (one case each)", x, y, Series.Style.MARKERS),
            new Series("tolerance c·u·κ", lx, ly, Series.Style.DASHED)), caption);
  }
}
