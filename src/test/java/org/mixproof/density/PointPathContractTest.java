package org.mixproof.density;

import java.util.ArrayList;
import java.util.List;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/** {@link DensityContract} on MixtureDensity's single-point methods: logDensity, weights, score, hessian. */
class PointPathContractTest extends DoubleDensityContract {

  @Override
  List<Values> evaluate(GaussianMixture m, NoiseSchedule s, double t, double[]... xs) {
    MixtureDensity p = MixtureDensity.at(m, s, t);
    List<Values> out = new ArrayList<>();
    for (double[] x : xs) out.add(new Values(p.logDensity(x), p.weights(x), p.score(x), p.hessian(x)));
    return out;
  }

  @Override
  String pointParameter() { return "x"; }
}
