package org.mixproof.sampler;

import org.ejml.data.DMatrixRMaj;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;

/**
 * The exact score of a Gaussian mixture diffused by a schedule (docs/claims.md §2), through
 * {@link MixtureDensity}. The time-t density (its Cholesky factors) is built once per distinct time
 * and kept for the last few times a step asked for (a step evaluates at one to three times).
 * Not thread-safe: one instance per thread.
 */
public final class MixtureScore implements Score {

  private static final int CACHE = 4;

  private final GaussianMixture mixture;
  private final NoiseSchedule schedule;
  private final double[] times = new double[CACHE];
  private final MixtureDensity[] densities = new MixtureDensity[CACHE];
  private int next;

  public MixtureScore(GaussianMixture mixture, NoiseSchedule schedule) {
    if (mixture == null) throw new IllegalArgumentException("mixture must not be null");
    if (schedule == null) throw new IllegalArgumentException("schedule must not be null");
    this.mixture = mixture;
    this.schedule = schedule;
    java.util.Arrays.fill(times, Double.NaN);
  }

  public GaussianMixture mixture() { return mixture; }

  public NoiseSchedule schedule() { return schedule; }

  @Override public int dimension() { return mixture.dimension(); }

  /** The time-t density (built once per time, cached). */
  public MixtureDensity density(double t) {
    for (int i = 0; i < CACHE; i++) {
      if (times[i] == t && densities[i] != null) return densities[i];
    }
    schedule.checkTime(t);
    if (mixture.isSingular() && schedule.b2(t) == 0) {
      throw new UndefinedStepException("the score of singular data is undefined at t = " + t
          + " where b_t² = 0 (it divides by a zero eigenvalue)");
    }
    MixtureDensity p = MixtureDensity.at(mixture, schedule, t);
    times[next] = t;
    densities[next] = p;
    next = (next + 1) % CACHE;
    return p;
  }

  @Override
  public void evaluate(double t, double[] y, double[] out) {
    int d = mixture.dimension();
    if (y.length % d != 0 || out.length != y.length) {
      throw new IllegalArgumentException("y has length " + y.length + ", not a multiple of d = " + d
          + " matching out (" + out.length + ")");
    }
    MixtureDensity p = density(t);
    int n = y.length / d;
    if (n == 1) {
      System.arraycopy(p.score(y), 0, out, 0, d);
      return;
    }
    MixtureDensity.Batch b = p.logDensityAndScore(DMatrixRMaj.wrap(n, d, y));
    System.arraycopy(b.scores().data, 0, out, 0, y.length);
  }
}
