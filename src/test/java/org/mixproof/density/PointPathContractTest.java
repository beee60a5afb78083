package org.mixproof.density;

import java.util.ArrayList;
import java.util.List;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.schedule.NoiseSchedule;

/** {@link DensityContract} on MixtureDensity's single-point methods: logDensity, weights, score, hessian. */
class PointPathContractTest extends DensityContract {

  @Override
  List<Values> evaluate(GaussianMixture m, NoiseSchedule s, double t, double[]... xs) {
    MixtureDensity p = MixtureDensity.at(m, s, t);
    List<Values> out = new ArrayList<>();
    for (double[] x : xs) out.add(new Values(p.logDensity(x), p.weights(x), p.score(x), p.hessian(x)));
    return out;
  }

  @Override
  boolean refusesUnresolvable() { return true; }

  @Override
  String pointParameter() { return "x"; }

  /** docs/claims.md §6: within c(d)·u times the a-priori bound. */
  @Override
  double allowance(int d, double model, double value) { return RoundingModel.constantTimesU(d) * model; }
}
