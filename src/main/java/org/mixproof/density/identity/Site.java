package org.mixproof.density.identity;

import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * Where an identity is evaluated: data, schedule and time, the time-t density (built when asked for,
 * since building it may refuse: {@link org.mixproof.density.IllConditionedException}) and the point at
 * which to evaluate, chosen from that density.
 */
public interface Site {

  GaussianMixture mixture();

  NoiseSchedule schedule();

  double t();

  /** The closed-form density at time t. */
  MixtureDensity density();

  /** The evaluation point, placed relative to {@code p}'s components. */
  double[] point(MixtureDensity p);
}
