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

  public static <T extends RealInterval<T>> Map<String, T> of(GaussianMixture m, double t, ScheduleEnclosure<T> coefficients) {
    int d = m.dimension(), k = m.components();
    RealInterval.Arithmetic<T> ar = coefficients.arithmetic();
    Map<String, T> v = new TreeMap<>();
    v.put("d", ar.of(d));
    v.put("k", ar.of(k));
    v.put("t", ar.of(t));
    T a = coefficients.a(), b2 = coefficients.b2(), a2 = a.square();
    v.put("a", a);
    v.put("b2", b2);
    v.put("b", b2.sqrt());
    v.put("u", ar.of(RoundingModel.U));
    v.put("eps", ar.of(RoundingModel.EPS));
    v.put("c", ar.of(RoundingModel.constant(d)));
    T radius = ar.zero(), diameter = ar.zero(), lo = null, hi = null, kappa = ar.one();
    T moment = ar.zero();
    for (int i = 0; i < k; i++) {
      T n2 = ar.zero(), trace = ar.zero();
      for (int r = 0; r < d; r++) {
        n2 = n2.add(ar.of(m.meanEntry(i, r)).square());
        trace = trace.add(ar.of(m.covarianceEntry(i, r, r)));
      }
      radius = radius.max(n2.sqrt());
      moment = moment.add(ar.of(m.weight(i)).multiply(n2.add(trace)));
      for (int j = 0; j < i; j++) {
        T s = ar.zero();
        for (int r = 0; r < d; r++) s = s.add(ar.of(m.meanEntry(i, r)).subtract(m.meanEntry(j, r)).square());
        diameter = diameter.max(s.sqrt());
      }
      T[][] cov = IntervalArrays.matrix(ar, d, d);
      for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) cov[r][c] = ar.of(m.covarianceEntry(i, r, c));
      T[] ext = EigenvalueEnclosure.extremes(cov);
      // eigenvalues of a PSD matrix are ≥ 0: clip the proved lower end there
      T eMin = ext[0].max(ar.zero()), eMax = ext[1];
      lo = lo == null ? eMin : lo.min(eMin);
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
