package org.mixproof.claim.rate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mixproof.claim.ClaimCheck;
import org.mixproof.claim.ClaimResult;
import org.mixproof.claim.RunOptions;
import org.mixproof.claim.Verdict;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.law.DiagonalGaussian;
import org.mixproof.law.Divergences;
import org.mixproof.certify.ForwardProcess;
import org.mixproof.certify.GaussianLawEnclosure;
import org.mixproof.certify.Interval;
import org.mixproof.law.GaussianLaw;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * {@code quantity = published-value}: a number a paper prints for Gaussian data (reference data, its
 * table, row and column named in {@code reference}) against the exact W2 of the sampler's output law
 * (docs/claims.md §5.1), computed under the two readings of a budget column: {@code N} grid points
 * (N − 1 steps) and {@code N} score evaluations (⌊N/e⌋ steps, e per step). The claim is that the
 * reading named by {@code reading} reproduces the printed value: |W2 − printed| ≤ {@code bound}, where
 * the bound is half a unit of the printed last digit. Deterministic: no seed, one try.
 */
public final class PublishedValueCheck implements ClaimCheck {

  public static final String NAME = "published-value";

  /** The two readings of a budget column. */
  public enum Reading {
    POINTS("grid points"), NFE("score evaluations");

    final String words;

    Reading(String words) { this.words = words; }

    int steps(int column, Scheme scheme) {
      return this == POINTS ? column - 1 : column / scheme.scoreEvaluationsPerStep();
    }

    static Reading parse(ClaimSpec spec) {
      String r = spec.required("reading");
      if (r.equals("points")) return POINTS;
      if (r.equals("nfe")) return NFE;
      throw spec.error("reading", "must be 'points' or 'nfe', was '" + r + "'");
    }
  }

  @Override public Set<String> keys() {
    return new TreeSet<>(List.of("printed", "reference", "reading", "column", "spectrum", "schedule", "horizon",
        "scheme", "eps", "start"));
  }

  @Override public Set<String> variables() { return Set.of(); }

  /** The exact W2(output, p_ε) under one reading. */
  public record Value(Reading reading, int steps, long nfe, double w2) {}

  /**
   * The claimed reading's W2 enclosed in interval arithmetic (docs/claims.md §8, certified.law) by
   * {@link GaussianLawEnclosure}, from the same inputs (spectrum, double time grid, schedule); null when
   * the schedule or scheme has no enclosure or the run is undefined.
   */
  static Interval certifiedW2(ClaimSpec spec, int steps) {
    Spectrum spectrum = spec.read("spectrum", Spectrum::read);
    NoiseSchedule s = spec.read("schedule", Schedules::parse);
    Scheme scheme = spec.read("scheme", Schemes::parse);
    StartLaw start = spec.read("start", "prior", StartLaw::parse);
    double T = spec.number("horizon", 1), eps = spec.number("eps", 0);
    if (!ForwardProcess.encloses(s) || !GaussianLawEnclosure.SCHEMES.contains(scheme.name())) return null;
    ForwardProcess<Interval> process = ForwardProcess.of(s);
    GaussianLawEnclosure data = new GaussianLawEnclosure(spectrum.eigenvalues(), null);
    GaussianLawEnclosure.Law first = data.start(start == StartLaw.EXACT, process, T);
    GaussianLawEnclosure.Run run = data.propagate(GaussianLawEnclosure.EnclosedScheme.parse(scheme.name()), process,
        TimeGrid.uniform(T, eps, steps).times(), 0, List.of(first));
    if (!run.defined()) return null;
    return GaussianLawEnclosure.w2(run.laws().get(0), data.marginal(process, eps));
  }

  /** Both readings of the file's column, in the order POINTS, NFE. */
  public static List<Value> values(ClaimSpec spec) {
    Spectrum spectrum = spec.read("spectrum", Spectrum::read);
    NoiseSchedule s = spec.read("schedule", Schedules::parse);
    Scheme scheme = spec.read("scheme", Schemes::parse);
    StartLaw start = spec.read("start", "prior", StartLaw::parse);
    double T = spec.number("horizon", 1), eps = spec.number("eps", 0);
    if (!(T > eps && eps >= 0)) throw spec.error("horizon", "need horizon > eps >= 0, was " + T + " and " + eps);
    int column = spec.integer("column", 0);
    if (column < 2) throw spec.error("column", "must be at least 2, was " + column);
    GaussianLaw law = GaussianLaw.ofSpectrum(spectrum);
    DiagonalGaussian target = law.marginal(s, eps);
    List<Value> out = new java.util.ArrayList<>();
    for (Reading r : Reading.values()) {
      int steps = r.steps(column, scheme);
      if (steps < 1) throw spec.error("column", column + " gives no " + scheme.name() + " step when read as " + r.words);
      GaussianLaw.Propagation p = law.propagate(scheme, s, TimeGrid.uniform(T, eps, steps), start);
      if (!p.defined()) throw new IllegalStateException("the run is undefined: " + p.undefined());
      out.add(new Value(r, steps, (long) steps * scheme.scoreEvaluationsPerStep(), Divergences.w2(p.law(0), target)));
    }
    return out;
  }

  @Override public ClaimResult run(ClaimSpec spec, RunOptions options) {
    double printed = spec.number("printed", Double.NaN);
    if (!Double.isFinite(printed)) throw spec.error("printed", "the printed value must be a finite number");
    String reference = spec.required("reference");
    Reading claimed = Reading.parse(spec);
    double tol = BoundExpression.of(spec, "bound", Set.of()).evaluate(Map.of());
    if (!(tol > 0)) throw spec.error("bound", "must be positive (half a unit of the printed last digit), was " + tol);
    List<Value> values = values(spec);
    Value mine = values.get(claimed.ordinal()), other = values.get(1 - claimed.ordinal());
    double err = Math.abs(mine.w2() - printed);
    int column = spec.integer("column", 0);
    String detail = String.format(Locale.ROOT, "printed %s (%s); computed W2 = %.4f with %d %s (%d steps, NFE %d) and"
        + " %.4f with %d %s (%d steps, NFE %d)", fmt(printed), reference, values.get(0).w2(), column, Reading.POINTS.words,
        values.get(0).steps(), values.get(0).nfe(), values.get(1).w2(), column, Reading.NFE.words, values.get(1).steps(),
        values.get(1).nfe());
    String where = "column " + column + " read as " + claimed.words;
    // the claimed reading's W2 in intervals: PROVED when the whole enclosure lies within printed ± bound
    // (printed and bound taken as the doubles the file's decimals parse to)
    Interval certified = certifiedW2(spec, mine.steps());
    String certificate = "";
    if (certified != null) {
      boolean proved = certified.lo() >= printed - tol && certified.hi() <= printed + tol;
      boolean refuted = certified.hi() < printed - tol || certified.lo() > printed + tol;
      certificate = proved ? "PROVED 1/1" : refuted ? "CERTIFIED" : "";
      // both ends rounded outward to 13 digits, so the printed interval still contains the enclosure
      java.math.MathContext down = new java.math.MathContext(13, java.math.RoundingMode.FLOOR);
      java.math.MathContext up = new java.math.MathContext(13, java.math.RoundingMode.CEILING);
      detail += String.format(Locale.ROOT, "; certified: W2 (%s) in [%s, %s], relative width %.1e", claimed.words,
          new java.math.BigDecimal(certified.lo()).round(down).toPlainString(),
          new java.math.BigDecimal(certified.hi()).round(up).toPlainString(), certified.relativeWidth());
    }
    if (err > tol) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("printed", printed);
      w.put("reading", claimed.name().toLowerCase(Locale.ROOT));
      w.put("computed", mine.w2());
      w.put("computed_other_reading", other.w2());
      return new ClaimResult(spec, Verdict.FALSIFIED, 1, 0, 0, "|W2 − printed|/tolerance", err / tol, where,
          options.seedFor(spec), detail, w, certificate.startsWith("PROVED") ? "" : certificate);
    }
    return new ClaimResult(spec, Verdict.HOLDS, 1, 0, 0, "|W2 − printed|/tolerance", err / tol, where,
        options.seedFor(spec), detail, null, certificate.startsWith("PROVED") ? certificate : "");
  }

  static String fmt(double x) { return String.format(Locale.ROOT, "%s", x); }
}
