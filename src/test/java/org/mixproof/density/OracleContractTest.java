package org.mixproof.density;

import static org.mixproof.rounding.RoundingModel.U;

import java.util.ArrayList;
import java.util.List;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.oracle.OracleEvaluation;
import org.mixproof.schedule.NoiseSchedule;

/**
 * {@link DensityContract} on the 60-digit oracle, each result rounded to the nearest double. It evaluates
 * what the double code refuses, so there it must meet the closed form.
 */
class OracleContractTest extends DensityContract {

  @Override
  List<Values> evaluate(GaussianMixture m, NoiseSchedule s, double t, double[]... xs) {
    OracleDensity p = OracleDensity.at(m, s, t);
    List<Values> out = new ArrayList<>();
    for (double[] x : xs) {
      OracleEvaluation e = p.evaluate(x);
      out.add(new Values(e.logDensityValue(), e.weightValues(), e.scoreValues(), e.hessianValues()));
    }
    return out;
  }

  @Override
  boolean refusesUnresolvable() { return false; }

  @Override
  String pointParameter() { return "x"; }

  /** 60 digits rounded to the nearest double: within u|value|, whatever the conditioning. */
  @Override
  double allowance(int d, double model, double value) { return U * Math.abs(value); }
}
