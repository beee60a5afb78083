package org.mixproof.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.mixproof.certify.ForwardProcess;
import org.mixproof.certify.GaussianLawEnclosure;
import org.mixproof.certify.GaussianLawEnclosure.Bounds;
import org.mixproof.certify.GaussianLawEnclosure.EnclosedScheme;
import org.mixproof.certify.GaussianLawEnclosure.Law;
import org.mixproof.certify.Interval;
import org.mixproof.law.ErrorTable;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.sampler.Scheme;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;

/**
 * {@code errors --certified}: every W2 and KL of an exact Gaussian error table ({@link ErrorTable#gaussian})
 * as a rigorous enclosure of the real law's value (docs/claims.md §8, certified.law), from
 * {@link GaussianLawEnclosure} on the same time grids, start laws and targets, beside the double
 * value, which should lie inside (it is an approximation of the same real number).
 */
final class CertifiedErrors {

  /** The enclosures of one row; {@code undefined} when the interval run has no law (then all null). */
  record Enclosures(Bounds w2Eps, Bounds w2Zero, Bounds klEps, Bounds w2Sde, Bounds w2Ode, String undefined) {
    List<Bounds> all() {
      List<Bounds> out = new ArrayList<>();
      for (Bounds b : new Bounds[] {w2Eps, w2Zero, klEps, w2Sde, w2Ode}) if (b != null) out.add(b);
      return out;
    }
  }

  /** A double value outside its enclosure: a finding (the double approximation missed the real value). */
  record Outside(int row, String quantity, double value, Bounds enclosure) {}

  /** The enclosures row by row, their largest relative width and every double outside its enclosure. */
  record Result(List<Enclosures> rows, double maxRelativeWidth, List<Outside> outside, double seconds) {}

  private CertifiedErrors() {}

  /**
   * What --certified cannot enclose, named, before anything is computed: a schedule without a
   * {@link ForwardProcess}, a scheme without a law enclosure, a mixture with k &gt; 1 (grid and
   * separable laws) or a covariance that is not diagonal (its eigen-decomposition is not enclosed).
   */
  static List<String> refusals(NoiseSchedule s, List<Scheme> schemes, GaussianMixture mixture) {
    List<String> out = new ArrayList<>();
    if (!ForwardProcess.encloses(s)) out.add("schedule " + s.spec() + " (enclosed: " + ForwardProcess.ENCLOSED + ")");
    for (Scheme sc : schemes) {
      if (!GaussianLawEnclosure.SCHEMES.contains(sc.name())) out.add("scheme " + sc.name());
    }
    if (mixture != null) {
      if (mixture.components() != 1) {
        out.add("a mixture with k = " + mixture.components() + " components (grid and separable laws have no"
            + " enclosure; only Gaussian data, k = 1)");
      } else if (!isDiagonal(mixture.covariance(0))) {
        out.add("a non-diagonal covariance (its eigen-decomposition is computed in double precision, not enclosed;"
            + " give the data by its spectrum or a diagonal covariance)");
      }
    }
    return out;
  }

  private static boolean isDiagonal(double[][] c) {
    for (int r = 0; r < c.length; r++) for (int k = 0; k < c.length; k++) if (r != k && c[r][k] != 0) return false;
    return true;
  }

  /** The data in its eigenbasis: a spectrum (zero mean) or a diagonal one-component mixture. */
  static GaussianLawEnclosure data(double[] eigenvalues, GaussianMixture mixture) {
    if (mixture == null) return new GaussianLawEnclosure(eigenvalues, null);
    double[][] c = mixture.covariance(0);
    double[] diag = new double[c.length];
    for (int j = 0; j < c.length; j++) diag[j] = c[j][j];
    return new GaussianLawEnclosure(diag, mixture.mean(0));
  }

  /** Enclosures for every row of a Gaussian table computed with {@code c}, in the rows' order. */
  static Result compute(GaussianLawEnclosure data, ErrorTable.Config c, List<ErrorTable.Row> rows) {
    long t0 = System.nanoTime();
    ForwardProcess<Interval> process = ForwardProcess.of(c.schedule());
    record Cell(String scheme, double eps, int budget, int steps) {}
    Map<Cell, List<Integer>> cells = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      ErrorTable.Row r = rows.get(i);
      cells.computeIfAbsent(new Cell(r.scheme(), r.eps(), r.budget(), r.steps()), k -> new ArrayList<>()).add(i);
    }
    List<Cell> keys = new ArrayList<>(cells.keySet());
    Enclosures[] out = new Enclosures[rows.size()];
    Map<Double, Law> targets = new java.util.concurrent.ConcurrentHashMap<>();
    Law p0 = data.marginal(process, 0);
    IntStream.range(0, keys.size()).parallel().forEach(n -> {
      Cell cell = keys.get(n);
      List<Integer> idx = cells.get(cell);
      TimeGrid g = c.timeGrid(cell.eps(), cell.steps());
      double horizon = g.horizon(), te = c.targetTime(cell.eps(), g);
      Law target = targets.computeIfAbsent(te, x -> data.marginal(process, x));
      List<Law> starts = new ArrayList<>();
      for (int i : idx) starts.add(data.start(rows.get(i).start() == StartLaw.EXACT, process, horizon));
      GaussianLawEnclosure.Run run = data.propagate(EnclosedScheme.parse(cell.scheme()), process, g.times(),
          c.epsScore(), starts);
      for (int k = 0; k < idx.size(); k++) {
        boolean exact = rows.get(idx.get(k)).start() == StartLaw.EXACT;
        Bounds sde = bounds(data.continuousW2(process, horizon, te, starts.get(k), exact, false));
        Bounds ode = bounds(data.continuousW2(process, horizon, te, starts.get(k), exact, true));
        if (!run.defined()) {
          out[idx.get(k)] = new Enclosures(null, null, null, sde, ode, run.undefined());
          continue;
        }
        Law q = run.laws().get(k);
        out[idx.get(k)] = new Enclosures(bounds(GaussianLawEnclosure.w2(q, target)),
            bounds(GaussianLawEnclosure.w2(q, p0)), GaussianLawEnclosure.kl(q, target), sde, ode, null);
      }
    });
    List<Enclosures> list = List.of(out);
    double worst = 0;
    List<Outside> outside = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Enclosures e = list.get(i);
      ErrorTable.Row r = rows.get(i);
      for (Bounds b : e.all()) {
        // KL = ∞ exactly (a singular target) has width 0; a finite KL has its own width
        worst = Math.max(worst, b.relativeWidth());
      }
      check(outside, i, "w2_eps", r.w2Eps(), e.w2Eps());
      check(outside, i, "w2_0", r.w2Zero(), e.w2Zero());
      check(outside, i, "kl_eps", r.klEps(), e.klEps());
      check(outside, i, "w2_eps_sde_continuous", r.w2SdeContinuous(), e.w2Sde());
      check(outside, i, "w2_eps_ode_continuous", r.w2OdeContinuous(), e.w2Ode());
    }
    return new Result(list, worst, List.copyOf(outside), (System.nanoTime() - t0) / 1e9);
  }

  private static void check(List<Outside> out, int row, String key, Double value, Bounds b) {
    if (value == null || b == null || value.isNaN()) return;
    if (!b.contains(value)) out.add(new Outside(row, key, value, b));
  }

  private static Bounds bounds(Interval i) { return new Bounds(i.lo(), i.hi()); }

  // ------------------------------------------------------------------ text

  /** Significant digits printed for an enclosure's ends (each rounded outward). */
  static final int DIGITS = 12;

  /**
   * An enclosure in text, its ends rounded outward to {@link #DIGITS} significant digits and the
   * common leading digits written once: 1.05073012[3456, 4012]e-01 is [1.050730123456e-01,
   * 1.050730124012e-01]. A point prints as the number ("inf" for KL = +∞, "0" for an exact 0).
   */
  static String interval(Bounds b) {
    if (b == null) return "undefined";
    if (b.lower() == b.upper()) {
      if (Double.isInfinite(b.lower())) return "inf";
      if (b.lower() == 0) return "0";
    }
    if (Double.isInfinite(b.upper())) return "[" + end(b.lower(), RoundingMode.FLOOR) + ", inf]";
    String lo = end(b.lower(), RoundingMode.FLOOR), hi = end(b.upper(), RoundingMode.CEILING);
    int el = lo.indexOf('e'), eh = hi.indexOf('e');
    if (el < 0 || eh < 0 || !lo.substring(el).equals(hi.substring(eh)) || lo.charAt(0) == '-' || hi.charAt(0) == '-') {
      return "[" + lo + ", " + hi + "]";
    }
    String ml = lo.substring(0, el), mh = hi.substring(0, eh);
    int p = 0;
    while (p < ml.length() && p < mh.length() && ml.charAt(p) == mh.charAt(p)) p++;
    if (p < 3) return "[" + lo + ", " + hi + "]"; // no common digit after the point: both ends in full
    return ml.substring(0, p) + "[" + ml.substring(p) + ", " + mh.substring(p) + "]" + lo.substring(el);
  }

  /** x rounded in the given direction to {@link #DIGITS} significant digits, as d.ddd…e±XX. */
  static String end(double x, RoundingMode mode) {
    if (x == 0) return "0";
    BigDecimal r = new BigDecimal(x).round(new MathContext(DIGITS, mode));
    String s = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", r);
    return s;
  }

  /** Relative widths in the table's short form. */
  static String width(double w) {
    if (Double.isInfinite(w)) return "inf";
    return String.format(Locale.ROOT, "%.1e", w);
  }

  static Map<String, Bounds> named(Enclosures e) {
    Map<String, Bounds> m = new LinkedHashMap<>();
    m.put("w2_eps", e.w2Eps());
    m.put("w2_0", e.w2Zero());
    m.put("kl_eps", e.klEps());
    m.put("w2_eps_sde_continuous", e.w2Sde());
    m.put("w2_eps_ode_continuous", e.w2Ode());
    return m;
  }

  static Map<Integer, List<Outside>> byRow(List<Outside> outside) {
    Map<Integer, List<Outside>> m = new HashMap<>();
    for (Outside o : outside) m.computeIfAbsent(o.row(), k -> new ArrayList<>()).add(o);
    return m;
  }
}
