package org.mixproof.density;

import org.mixproof.rounding.RoundingModel;

/** {@link DensityContract} for the double code: it refuses what it cannot resolve, and errs within c(d)·u times the model. */
abstract class DoubleDensityContract extends DensityContract {

  @Override
  boolean refusesUnresolvable() { return true; }

  /** docs/claims.md §6: within c(d)·u times the a-priori bound. */
  @Override
  double allowance(int d, double model, double value) { return RoundingModel.constantTimesU(d) * model; }
}
