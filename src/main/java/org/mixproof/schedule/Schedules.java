package org.mixproof.schedule;

import java.util.List;

/**
 * The textual form of schedules used by the CLI and claim files: {@code vp-ou}, {@code vp-linear}
 * or {@code vp-linear:BETA_MIN,BETA_MAX}, {@code ve-geometric} or {@code ve-geometric:SIGMA_MIN,SIGMA_MAX},
 * {@code ve-linear}. {@code parse(s.spec())} equals {@code s}.
 */
public final class Schedules {

  public static final List<String> NAMES =
      List.of(VpOu.NAME, VpLinear.NAME, VeGeometric.NAME, VeLinear.NAME);

  private Schedules() {}

  public static NoiseSchedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("schedule must be one of " + NAMES + ", was '" + text + "'");
    }
    String s = text.strip();
    int colon = s.indexOf(':');
    String name = colon < 0 ? s : s.substring(0, colon);
    // the name first: an unknown name is the fault to report, whatever follows its colon
    if (!NAMES.contains(name)) throw new IllegalArgumentException("schedule must be one of " + NAMES + ", was '" + text + "'");
    double[] p = colon < 0 ? new double[0] : parameters(s, s.substring(colon + 1));
    switch (name) {
      case VpOu.NAME:
        noParameters(s, p);
        return new VpOu();
      case VeLinear.NAME:
        noParameters(s, p);
        return new VeLinear();
      case VpLinear.NAME:
        if (p.length == 0) return new VpLinear();
        twoParameters(s, p, "BETA_MIN,BETA_MAX");
        return new VpLinear(p[0], p[1]);
      case VeGeometric.NAME:
        if (p.length == 0) return new VeGeometric();
        twoParameters(s, p, "SIGMA_MIN,SIGMA_MAX");
        return new VeGeometric(p[0], p[1]);
      default:
        throw new IllegalStateException("a name in NAMES without a case: " + name);
    }
  }

  private static double[] parameters(String whole, String list) {
    String[] parts = list.split(",", -1);
    double[] p = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        p[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "schedule '" + whole + "': parameter " + (i + 1) + " is not a number: '" + parts[i] + "'");
      }
    }
    return p;
  }

  private static void noParameters(String whole, double[] p) {
    if (p.length != 0) {
      throw new IllegalArgumentException("schedule '" + whole + "' takes no parameters, got " + p.length);
    }
  }

  private static void twoParameters(String whole, double[] p, String form) {
    if (p.length != 2) {
      throw new IllegalArgumentException(
          "schedule '" + whole + "' takes two parameters " + form + ", got " + p.length);
    }
  }

  /** Shortest decimal that reads back to the same double, without a trailing ".0". */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }
}
