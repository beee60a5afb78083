package org.mixproof.claim.rate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * Shrinks a falsified guarantee (a sweep of one try whose Ĉ certainly grows beyond the allowed factor)
 * the way a point witness is shrunk: greedily, accepting any simpler case that still falsifies —
 * fewer swept values (at least two), fewer components k, a smaller dimension d, fewer steps or noise
 * levels in the base case (each only when it is not the swept parameter). Every candidate is a full
 * exact computation of the sweep, so the number of evaluations is capped ({@link #MAX_EVALUATIONS})
 * and the run's deadline is honoured; the result is a local minimum or says it was cut short.
 */
final class RateShrinker {

  /** Cap on candidate sweeps evaluated. */
  static final int MAX_EVALUATIONS = 20;

  private RateShrinker() {}

  /** The reduced case: its try, base case, swept values, the sweep and its certain growth. */
  record Shrunk(int tryIndex, GuaranteeCheck.Base base, List<Double> values, GuaranteeCheck.Sweep sweep, double certain,
      int steps, boolean cut) {

    String describe() {
      String p = sweep.parameter();
      return String.format(Locale.ROOT, "%s = %s%s%s, %d steps (certain growth %.3g×)%s", p, values,
          p.equals("dimension") ? "" : ", d = " + base.d(), p.equals("components") ? "" : ", k = " + base.k(), base.N(),
          certain, cut ? ", cut short" : "");
    }

    Map<String, Object> tree() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("parameter", sweep.parameter());
      m.put("values", values);
      m.put("d", base.d());
      m.put("k", base.k());
      m.put("steps", base.N());
      m.put("try", tryIndex);
      m.put("certain_growth", certain);
      m.put("shrink_steps", steps);
      m.put("cut_short", cut);
      List<Double> c = new ArrayList<>();
      for (GuaranteeCheck.Point p : sweep.points()) c.add(p.c());
      m.put("C_hat", c);
      return m;
    }
  }

  static Shrunk shrink(ClaimSpec spec, BoundExpression bound, long seed, int i, GuaranteeCheck.Base base,
      GuaranteeCheck.Sweep start, double allowed, RunOptions options) {
    String name = start.parameter();
    List<Double> values = new ArrayList<>();
    for (GuaranteeCheck.Point p : start.points()) values.add(p.x());
    Shrunk current = new Shrunk(i, base, values, start, start.certainGrowth(), 0, false);
    int evaluations = 0;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Candidate c : candidates(current, name)) {
        if (evaluations >= MAX_EVALUATIONS || options.pastDeadline()) {
          return new Shrunk(i, current.base(), current.values(), current.sweep(), current.certain(), current.steps(), true);
        }
        evaluations++;
        GuaranteeCheck.Sweep sw;
        try {
          sw = GuaranteeCheck.sweep(spec, bound, seed, i, c.base(), name, c.values());
        } catch (IllegalArgumentException | IllegalStateException invalid) {
          continue; // a base case the grid cannot build (too few levels for the schedule, say) is not simpler
        }
        if (sw.certainGrowth() > allowed) {
          current = new Shrunk(i, c.base(), c.values(), sw, sw.certainGrowth(), current.steps() + 1, false);
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  private record Candidate(GuaranteeCheck.Base base, List<Double> values) {}

  /** Simpler cases, most reducing first: drop a swept value, then k − 1, d halved, N halved. */
  private static List<Candidate> candidates(Shrunk s, String name) {
    List<Candidate> out = new ArrayList<>();
    GuaranteeCheck.Base b = s.base();
    List<Double> v = s.values();
    if (v.size() > 2) {
      for (int j = 0; j < v.size(); j++) {
        List<Double> fewer = new ArrayList<>(v);
        fewer.remove(j);
        out.add(new Candidate(b, fewer));
      }
    }
    if (!name.equals("components") && b.k() > 1) out.add(new Candidate(b.with("components", b.k() - 1), v));
    if (!name.equals("dimension") && b.d() > 1) out.add(new Candidate(b.with("dimension", Math.max(1, b.d() / 2)), v));
    boolean stepsSwept = name.equals("steps") || name.equals("levels") || name.equals("horizon") || name.equals("spread");
    if (!stepsSwept && b.N() > 8) out.add(new Candidate(b.with("steps", b.N() / 2), v));
    return out;
  }
}
