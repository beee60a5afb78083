package org.mixproof.claim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import org.mixproof.certify.BoxCertifier;
import org.mixproof.certify.PointCertificate;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimFormatException;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.density.IllConditionedException;
import org.mixproof.generators.GreedyShrinker;

/**
 * The generic check of a claim "quantity ≤ bound" (or ≥, key {@code relation}): generate cases from
 * the file's profile with the quantity's jqwik arbitrary (seeded), measure, evaluate the bound over
 * the measured names, and on a violation beyond the {@code tolerance} expression that the quantity
 * confirms (oracle), shrink it greedily ({@link GreedyShrinker}) to a minimal witness.
 *
 * <p>A case whose {@code requires} expression is 0, or that the quantity finds outside its
 * hypotheses, is skipped; one that double precision refuses is counted as refused. The claim makes
 * {@code tries} applicable cases (default 20) within at most {@link #ATTEMPTS_PER_TRY} times as many
 * generated ones.
 */
public final class BoundSearch<T> implements ClaimCheck {

  /** Generated cases per wanted applicable try before a claim is declared vacuous or short. */
  public static final int ATTEMPTS_PER_TRY = 10;
  /** Cap on accepted shrinking steps. */
  public static final int MAX_SHRINK_STEPS = 2000;
  /** jqwik's generation size (the default of a property). */
  public static final int GEN_SIZE = 1000;

  private final Quantity<T> quantity;

  public BoundSearch(Quantity<T> quantity) { this.quantity = quantity; }

  @Override public Set<String> keys() { return quantity.keys(); }

  @Override public Set<String> variables() { return quantity.variables(); }

  @Override public void validate(ClaimSpec spec) {
    new Judge(spec);
    certifiesBoxes(spec);
    if (spec.has("dimensions") || spec.has("components")) {
      int d = spec.intRange("dimensions", 1, 4)[1], k = spec.intRange("components", 1, 4)[1];
      long need = memoryEstimate(d, k), heap = Runtime.getRuntime().maxMemory();
      if (need > 0.8 * heap) {
        throw spec.error(spec.has("dimensions") ? "dimensions" : "components", String.format(java.util.Locale.ROOT,
            "a case with d = %d, k = %d needs about %.0f MB, more than 80%% of the heap (%.0f MB): lower the profile's"
                + " largest d or k, or give java more heap with -Xmx", d, k, need / 1048576.0, heap / 1048576.0));
      }
    }
    quantity.cases(spec);
  }

  /**
   * Bytes a case with d and k needs at least: per component its covariance, time-t covariance, Cholesky
   * factor, precision and two solve scratch matrices (6 d×d doubles), plus the Hessian, its eigen
   * decomposition and the search's work matrices (8 d×d): 8 (6k + 8) d² bytes.
   */
  static long memoryEstimate(int d, int k) { return 8L * (6L * k + 8) * d * (long) d; }

  /**
   * Key {@code certify}: {@code point} (the default: a falsification's witness carries its point
   * certificate where the quantity has one) or {@code box} (also every try gets a box certificate).
   */
  boolean certifiesBoxes(ClaimSpec spec) {
    String mode = spec.string("certify", "point");
    if (!mode.equals("point") && !mode.equals("box")) throw spec.error("certify", "must be 'point' or 'box', was '" + mode + "'");
    if (mode.equals("box") && !quantity.keys().contains("box")) {
      throw spec.error("certify", "'box' is not supported for quantity '" + quantity.name() + "' (only lipschitz)");
    }
    return mode.equals("box");
  }

  enum Kind { SKIPPED, REFUSED, WITHIN, UNCONFIRMED, VIOLATED }

  record Outcome(Kind kind, Measurement m, double bound, double tightness) {}

  /** The claim's expressions bound to the quantity's names. */
  final class Judge {
    final ClaimSpec spec;
    final BoundExpression bound;
    final BoundExpression tolerance;
    final BoundExpression requires;
    final boolean atMost;

    Judge(ClaimSpec spec) {
      this.spec = spec;
      bound = BoundExpression.of(spec, "bound", quantity.variables());
      tolerance = spec.has("tolerance") ? BoundExpression.of(spec, "tolerance", quantity.variables()) : null;
      requires = spec.has("requires") ? BoundExpression.of(spec, "requires", quantity.variables()) : null;
      String rel = spec.string("relation", "<=");
      if (!rel.equals("<=") && !rel.equals(">=")) throw spec.error("relation", "must be '<=' or '>=', was '" + rel + "'");
      atMost = rel.equals("<=");
    }

    Outcome judge(T c) {
      Measurement m;
      try {
        m = quantity.measure(c, spec);
      } catch (IllConditionedException e) {
        return new Outcome(Kind.REFUSED, null, Double.NaN, Double.NaN);
      }
      if (!m.applicable()) return new Outcome(Kind.SKIPPED, m, Double.NaN, Double.NaN);
      if (requires != null && requires.evaluate(m.variables()) == 0) return new Outcome(Kind.SKIPPED, m, Double.NaN, Double.NaN);
      double b = bound.evaluate(m.variables());
      double slack = tolerance == null ? 0 : tolerance.evaluate(m.variables());
      double v = m.value();
      double tight = atMost ? v / b : b / v;
      boolean beyond = atMost ? v > b + slack : v < b - slack;
      if (!beyond) return new Outcome(Kind.WITHIN, m, b, tight);
      return new Outcome(quantity.confirms(c, m, b, spec) ? Kind.VIOLATED : Kind.UNCONFIRMED, m, b, tight);
    }

    boolean holds(T c) {
      try {
        return judge(c).kind() != Kind.VIOLATED;
      } catch (RuntimeException e) {
        return true; // a candidate that cannot be judged is no counterexample
      }
    }
  }

  /**
   * A witness judged again: the measured value, the bound, whether it still violates the claim, and its
   * point certificate recomputed from the witness alone (null when the quantity has none).
   */
  public record Replayed(double measured, double bound, boolean violated, String where, PointCertificate certificate) {}

  /** Rebuilds the case of a witness ({@link Quantity#fromWitness}) and judges it again. */
  public Replayed replay(ClaimSpec spec, com.fasterxml.jackson.databind.JsonNode witness) {
    T c = quantity.fromWitness(witness);
    Outcome out = new Judge(spec).judge(c);
    if (out.m() == null || !out.m().applicable()) {
      return new Replayed(Double.NaN, Double.NaN, false, out.kind() == Kind.REFUSED ? "refused by double precision" : "hypotheses not met",
          null);
    }
    return new Replayed(out.m().value(), out.bound(), out.kind() == Kind.VIOLATED, out.m().where(),
        out.kind() == Kind.VIOLATED ? quantity.certificate(c, out.m(), spec) : null);
  }

  @Override
  public ClaimResult run(ClaimSpec spec, RunOptions options) {
    long seed = options.seedFor(spec);
    Judge judge = new Judge(spec);
    spec.boundIsTolerance(); // validates the key before any work
    int wanted = options.triesFor(spec, 20);
    RandomGenerator<T> generator = quantity.cases(spec).generator(GEN_SIZE);
    Random random = new Random(seed);
    boolean boxes = certifiesBoxes(spec);
    long proved = 0, undecided = 0;
    long tries = 0, skipped = 0, refused = 0, unconfirmed = 0;
    double worst = Double.NEGATIVE_INFINITY;
    String worstWhere = "";
    boolean stopped = false;
    for (int attempt = 0; attempt < wanted * ATTEMPTS_PER_TRY && tries < wanted; attempt++) {
      if (options.pastDeadline()) {
        stopped = true;
        break;
      }
      Shrinkable<T> s = generator.next(random);
      Outcome out;
      try {
        out = judge.judge(s.value());
      } catch (ClaimFormatException e) {
        throw e;
      } catch (RuntimeException e) {
        return ClaimResult.error(spec, seed, e.getClass().getSimpleName() + ": " + e.getMessage() + " on case " + s.value());
      }
      switch (out.kind()) {
        case SKIPPED -> skipped++;
        case REFUSED -> refused++;
        case VIOLATED -> {
          return falsified(spec, judge, s, tries + 1, skipped, refused, seed, boxes);
        }
        default -> {
          tries++;
          if (boxes) {
            Quantity.BoxOutcome box = quantity.boxCertificate(s.value(), out.m(), spec);
            if (box.verdict() == BoxCertifier.Verdict.PROVED) proved++;
            else if (box.verdict() == BoxCertifier.Verdict.UNDECIDED) undecided++;
            else return certifiedCounterexample(spec, s.value(), out, box, tries, skipped, refused, seed);
          }
          if (out.kind() == Kind.UNCONFIRMED) unconfirmed++;
          if (out.tightness() > worst || worstWhere.isEmpty()) {
            worst = out.tightness();
            worstWhere = out.m().where();
          }
        }
      }
    }
    String detail = (unconfirmed > 0 ? unconfirmed + " apparent violations within rounding, not confirmed; " : "")
        + (stopped ? "stopped at the time budget after " + tries + " of " + wanted + " tries (not reproducible)" : "");
    if (tries == 0) {
      return new ClaimResult(spec, Verdict.VACUOUS, 0, skipped, refused, "tightness", Double.NaN, "", seed,
          ("hypotheses never met in " + (skipped + refused) + " generated cases. " + detail).trim(), null);
    }
    if (tries < wanted && !stopped) {
      detail = (detail + " only " + tries + " of " + wanted + " tries met the hypotheses").trim();
    }
    String tally = boxes ? "PROVED " + proved + "/" + tries + (undecided > 0 ? ", UNDECIDED " + undecided : "") : "";
    if (boxes) detail = (detail + " box certificates: " + proved + " of " + tries + " cases PROVED, " + undecided + " UNDECIDED").trim();
    return new ClaimResult(spec, Verdict.HOLDS, tries, skipped, refused,
        spec.boundIsTolerance() ? "error/tolerance" : "tightness", worst, worstWhere, seed,
        detail.trim(), null, tally);
  }

  /** A try the search passed but whose box certificate found a rigorous violation inside the domain. */
  private ClaimResult certifiedCounterexample(ClaimSpec spec, T c, Outcome out, Quantity.BoxOutcome box, long tries,
      long skipped, long refused, long seed) {
    Measurement m = Measurement.of(box.lower(), out.m().variables(), box.point(), out.m().where());
    Map<String, Object> w = witness(spec, seed, tries, -1, c, m, out.bound());
    w.put("box_certificate", BoxCertifier.Verdict.FALSIFIED.name());
    return new ClaimResult(spec, Verdict.FALSIFIED, tries, skipped, refused, "measured/bound", box.lower() / out.bound(),
        out.m().where(), seed, "the search found no violation but the box certificate did: " + box.note()
            + " > bound " + out.bound() + " (not shrunk)", w, "CERTIFIED");
  }

  /**
   * A witness's fields in the order every witness file has them (the claim id and file are added by
   * Witnesses.withProvenance); {@code shrinkSteps} < 0 for a witness that was not shrunk.
   */
  private Map<String, Object> witness(ClaimSpec spec, long seed, long tries, int shrinkSteps, T c, Measurement m,
      double bound) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("quantity", quantity.name());
    w.put("statement", spec.statement());
    w.put("bound", spec.bound());
    w.put("seed", seed);
    w.put("try", tries);
    if (shrinkSteps >= 0) w.put("shrink_steps", shrinkSteps);
    w.put("measured_value", m.value());
    w.put("bound_value", bound);
    w.put("variables", m.variables());
    w.putAll(quantity.describe(c, m));
    return w;
  }

  private ClaimResult falsified(ClaimSpec spec, Judge judge, Shrinkable<T> found, long tries, long skipped,
      long refused, long seed, boolean boxes) {
    GreedyShrinker.Result<T> shrunk = GreedyShrinker.shrink(found, judge::holds, MAX_SHRINK_STEPS);
    T c = shrunk.value();
    Outcome out = judge.judge(c);
    Map<String, Object> w = witness(spec, seed, tries, shrunk.steps(), c, out.m(), out.bound());
    PointCertificate certificate = quantity.certificate(c, out.m(), spec);
    if (certificate != null) w.put("certificate", certificate.fields());
    if (boxes) {
      // soundness: a case whose violation the oracle confirmed must never be PROVED
      Quantity.BoxOutcome box = quantity.boxCertificate(c, out.m(), spec);
      if (box.verdict() == BoxCertifier.Verdict.PROVED) {
        return ClaimResult.error(spec, seed, "unsound: the box certificate PROVED the bound for a case whose violation "
            + "the search found and the oracle confirmed (" + out.m().where() + ")");
      }
      w.put("box_certificate", box.verdict().name());
    }
    String detail = "measured " + out.m().value() + " > bound " + out.bound() + " (" + spec.bound() + "), shrunk in "
        + shrunk.steps() + " steps" + (shrunk.capped() ? " (step cap reached)" : "");
    if (!judge.atMost) detail = detail.replace(" > ", " < ");
    return new ClaimResult(spec, Verdict.FALSIFIED, tries, skipped, refused, "measured/bound", out.tightness(),
        out.m().where(), seed, detail, w);
  }
}
