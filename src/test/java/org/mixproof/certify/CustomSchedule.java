package org.mixproof.certify;

import org.mixproof.schedule.NoiseSchedule;

/** A valid schedule (a = 1, b² = t) that is none of the bundled ones: certify has no closed form for it. */
final class CustomSchedule implements NoiseSchedule {
  static final CustomSchedule INSTANCE = new CustomSchedule();

  @Override public String spec() { return "custom"; }
  @Override public double tMax() { return 1; }
  @Override public double a(double t) { return 1; }
  @Override public double b2(double t) { return t; }
  @Override public double f(double t) { return 0; }
  @Override public double g2(double t) { return 1; }
}
