package org.mixproof.density;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/** {@link DensityContract} on MixtureDensity's batch path: every point of a case in one {@code evaluate(DMatrixRMaj)}. */
class BatchPathContractTest extends DoubleDensityContract {

  @Override
  List<Values> evaluate(GaussianMixture m, NoiseSchedule s, double t, double[]... xs) {
    MixtureDensity p = MixtureDensity.at(m, s, t);
    int d = xs[0].length, k = m.components();
    DMatrixRMaj points = new DMatrixRMaj(xs.length, d);
    for (int r = 0; r < xs.length; r++) for (int c = 0; c < d; c++) points.set(r, c, xs[r][c]);
    MixtureDensity.Batch b = p.evaluate(points);
    List<Values> out = new ArrayList<>();
    for (int r = 0; r < xs.length; r++) {
      double[] w = new double[k], sc = new double[d];
      double[][] h = new double[d][d];
      for (int i = 0; i < k; i++) w[i] = b.weights().get(r, i);
      for (int c = 0; c < d; c++) {
        sc[c] = b.scores().get(r, c);
        for (int c2 = 0; c2 < d; c2++) h[c][c2] = b.hessians().get(r, c * d + c2);
      }
      out.add(new Values(b.logDensity()[r], w, sc, h));
    }
    return out;
  }

  @Override
  String pointParameter() { return "points"; }
}
