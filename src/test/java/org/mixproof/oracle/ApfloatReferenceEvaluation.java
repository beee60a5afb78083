package org.mixproof.oracle;

import org.apfloat.Apfloat;

/**
 * The oracle's per-point algorithm in apfloat throughout (as it was before {@link BinaryFloat}), from
 * an {@link OracleDensity}'s apfloat means, factors, precisions and constants and its {@link ExpLog}:
 * an independent reference for the binary arithmetic. Weight-0 and negligible components are not
 * special-cased beyond what the cases need (log-terms more than 10^6 below the largest are dropped).
 */
record ApfloatReferenceEvaluation(Apfloat logDensity, Apfloat[] weights, Apfloat[] score, Apfloat[][] hessian) {

  static ApfloatReferenceEvaluation of(OracleDensity o, double[] x) {
    int d = o.dimension();
    int k = o.components();
    long p = o.workingPrecision();
    Apfloat half = new Apfloat("0.5", p);
    Apfloat[] ell = new Apfloat[k];
    Apfloat[][] py = new Apfloat[k][];
    Apfloat max = null;
    for (int i = 0; i < k; i++) {
      if (o.logNormalisation(i) == null) continue;
      Apfloat[] mu = o.mean(i);
      Apfloat[] r = new Apfloat[d];
      for (int j = 0; j < d; j++) r[j] = DoubleConversion.exact(x[j], p).subtract(mu[j]);
      Apfloat[] z = o.factor(i).solveLower(r);
      Apfloat q = Apfloat.ZERO;
      for (Apfloat v : z) q = q.add(v.multiply(v));
      ell[i] = o.logNormalisation(i).subtract(half.multiply(q));
      py[i] = o.factor(i).solveUpper(z);
      if (max == null || ell[i].compareTo(max) > 0) max = ell[i];
    }
    Apfloat[] e = new Apfloat[k];
    Apfloat sum = Apfloat.ZERO;
    for (int i = 0; i < k; i++) {
      if (ell[i] == null) continue;
      Apfloat diff = ell[i].subtract(max);
      if (diff.doubleValue() < OracleDensity.NEGLIGIBLE_LOG_WEIGHT) continue;
      e[i] = diff.signum() == 0 ? new Apfloat(1, p) : o.functions().exp(diff);
      sum = sum.add(e[i]);
    }
    ExpLog.LogAndReciprocal ls = o.functions().logAndReciprocal(sum);
    Apfloat[] w = new Apfloat[k];
    Apfloat[] ybar = new Apfloat[d];
    java.util.Arrays.fill(ybar, Apfloat.ZERO);
    for (int i = 0; i < k; i++) {
      w[i] = e[i] == null ? Apfloat.ZERO : e[i].multiply(ls.reciprocal());
      if (e[i] != null) for (int j = 0; j < d; j++) ybar[j] = ybar[j].add(w[i].multiply(py[i][j]));
    }
    Apfloat[][] h = new Apfloat[d][d];
    Apfloat[] s = new Apfloat[d];
    for (int j = 0; j < d; j++) s[j] = ybar[j].negate();
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        Apfloat centred = Apfloat.ZERO;
        Apfloat precision = Apfloat.ZERO;
        for (int i = 0; i < k; i++) {
          if (e[i] == null) continue;
          Apfloat ur = ybar[r].subtract(py[i][r]);
          Apfloat uc = ybar[c].subtract(py[i][c]);
          centred = centred.add(w[i].multiply(ur).multiply(uc));
          precision = precision.add(w[i].multiply(o.precision(i)[r][c]));
        }
        h[r][c] = centred.subtract(precision);
      }
    }
    return new ApfloatReferenceEvaluation(max.add(ls.log()), w, s, h);
  }
}
