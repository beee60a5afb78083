package org.mixproof.certify;

import java.util.Map;
import java.util.TreeMap;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;

/**
 * Enclosures of the named quantities of docs/claims.md §0 that a claim's bound may use, for one case
 * (mixture, a_t, b_t²): d k t a b b2 R D lambda_min lambda_max lambda_min_t lambda_max_t kappa m2, and
 * the constants u eps c and the indicators shared isotropic singular (exact). A name not here (e.g.
 * log_gamma) has no enclosure: a bound using it cannot be certified, and the certificate says so.
 */
public final class CaseEnclosure {

  private CaseEnclosure() {}

  public static Map<String, Interval> of(GaussianMixture m, double t, ScheduleEnclosure coefficients) {
    int d = m.dimension(), k = m.components();
    Map<String, Interval> v = new TreeMap<>();
    v.put("d", Interval.of(d));
    v.put("k", Interval.of(k));
    v.put("t", Interval.of(t));
    Interval a = coefficients.a(), b2 = coefficients.b2(), a2 = a.square();
    v.put("a", a);
    v.put("b2", b2);
    v.put("b", b2.sqrt());
    v.put("u", Interval.of(RoundingModel.U));
    v.put("eps", Interval.of(RoundingModel.EPS));
    v.put("c", Interval.of(RoundingModel.constant(d)));
    Interval radius = Interval.ZERO, diameter = Interval.ZERO, lo = null, hi = null, kappa = Interval.ONE;
    Interval moment = Interval.ZERO;
    for (int i = 0; i < k; i++) {
      Interval n2 = Interval.ZERO, trace = Interval.ZERO;
      for (int r = 0; r < d; r++) {
        n2 = n2.add(Interval.of(m.meanEntry(i, r)).square());
        trace = trace.add(Interval.of(m.covarianceEntry(i, r, r)));
      }
      radius = radius.max(n2.sqrt());
      moment = moment.add(Interval.of(m.weight(i)).multiply(n2.add(trace)));
      for (int j = 0; j < i; j++) {
        Interval s = Interval.ZERO;
        for (int r = 0; r < d; r++) s = s.add(Interval.of(m.meanEntry(i, r)).subtract(m.meanEntry(j, r)).square());
        diameter = diameter.max(s.sqrt());
      }
      Interval[][] cov = new Interval[d][d];
      for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) cov[r][c] = Interval.of(m.covarianceEntry(i, r, c));
      Interval[] ext = EigenvalueEnclosure.extremes(cov);
      // eigenvalues of a PSD matrix are ≥ 0: clip the proved lower end there
      Interval eMin = Interval.of(Math.max(0, ext[0].lo()), Math.max(0, ext[0].hi())), eMax = ext[1];
      lo = lo == null ? eMin : lo.negate().max(eMin.negate()).negate();
      hi = hi == null ? eMax : hi.max(eMax);
      kappa = kappa.max(a2.multiply(eMax).add(b2).divide(a2.multiply(eMin).add(b2)));
    }
    v.put("R", radius);
    v.put("D", diameter);
    v.put("lambda_min", lo);
    v.put("lambda_max", hi);
    v.put("lambda_min_t", a2.multiply(lo).add(b2));
    v.put("lambda_max_t", a2.multiply(hi).add(b2));
    v.put("kappa", kappa);
    v.put("m2", a2.multiply(moment).add(b2.multiply(d)));
    return v;
  }
}
