package org.mixproof.certify;

import java.util.ArrayList;
import java.util.List;

/**
 * The law certificate of docs/claims.md §8 for Gaussian data N(μ̃, diag(λ)) (docs/claims.md §5.1): the
 * exact output law of each sampling scheme, per eigen-coordinate, with every mean and variance
 * enclosed in an {@link Interval}. An independent implementation of the mathematics of
 * {@code sampler.Schemes} and {@code law.GaussianLaw}: each scheme's step is written here again, in
 * intervals, as an affine map of the coordinate y (c₀ + c₁ y) plus independent Gaussian noise.
 *
 * <p>Inputs are exact: the eigenvalues λ_j and eigen-means μ̃_j (doubles), the forward times of the
 * grid (doubles, strictly decreasing), the schedule's parameters. The schedule's real coefficients
 * come from {@link ForwardProcess}. The score at forward time t is the exact Gaussian score plus
 * the affine error of docs/claims.md §5 (ε_score = 0 for the exact score):
 * ŝ_t(y) = Q_t (y − a_t μ̃_j), Q_t = ε_score c_t − 1/(a_t² λ_j + b_t²), c_t = 1/√(a_t² Σλ + d b_t²).
 * A step goes from t to t' &lt; t, h = t − t'; F_t(y) = −f(t) y + ½ g(t)² ŝ_t(y):
 * <ul>
 *   <li>{@code em}: y' = (1 − h f) y + h g² ŝ_t(y), noise variance g² h;
 *   <li>{@code ei}: y' = Φ y + I_s ŝ_t(y), noise I_n ({@link ForwardProcess#step});
 *   <li>{@code ddpm}: β = g² h, y' = (y + β ŝ_t(y))/√(1 + 2fh), noise β; undefined when 1 + 2fh ≤ 0;
 *   <li>{@code ode-euler}: y + h F_t(y); {@code ode-heun}: y + (h/2)(F_t(y) + F_{t'}(y + h F_t(y)));
 *       {@code ode-rk4}: the four classical stages at t, (t + t')/2 (twice), t';
 *   <li>{@code ode-ei}: y' = Φ y + ½ I_s ŝ_t(y);
 *   <li>{@code dpom}: an ode-ei predictor, then M corrector steps y ← y + η ŝ_{t'}(y), noise 2η,
 *       η = κ h g(t')²/2;
 *   <li>{@code dpum} (M = 1): an ode-ei predictor y₁, a fresh velocity v ~ N(0, 1), then
 *       v ← (1 − ηγ) v + η ŝ_{t'}(y₁) + √(2γη) ξ and y ← y₁ + η v: y' = y₁ + η² ŝ_{t'}(y₁) with noise
 *       η²(1 − ηγ)² + 2γη³;
 *   <li>{@code ly24}, {@code clw25}: α = a_t²/a_{t'}², β = 1 − α; y' = (y + β ŝ_t(y))/√α with noise
 *       β/α (ly24, noise inside the rescaling) or β (clw25); 1/√α = Φ.
 * </ul>
 * Every start law is N(m, v) per coordinate; after a step m' = c₀ + c₁ m, v' = c₁² v + noise.
 * The prior start is N(0, 1) for a variance-preserving schedule and N(0, b_T²) otherwise; the exact
 * start is p_T = N(a_T μ̃, a_T² λ + b_T²).
 */
public final class GaussianLawEnclosure {

  /** The schemes enclosed, by the names of the sampler's command line. */
  public static final List<String> SCHEMES =
      List.of("em", "ei", "ddpm", "ode-euler", "ode-heun", "ode-rk4", "ode-ei", "dpom", "dpum", "ly24", "clw25");

  /**
   * A scheme with its parameters: M corrector steps, κ (η = κ h g(t')²/2) and γ (dpum's friction);
   * {@link #parse} gives the sampler's defaults (dpom: M = 1, κ = 1; dpum: M = 1, κ = 1, γ = 2).
   */
  public record EnclosedScheme(String name, int correctorSteps, double kappa, double friction) {
    public EnclosedScheme {
      if (!SCHEMES.contains(name)) {
        throw new IllegalArgumentException("scheme " + name + " has no law enclosure (enclosed: " + SCHEMES + ")");
      }
      if (name.equals("dpum") && correctorSteps != 1) {
        throw new IllegalArgumentException("dpum's law enclosure has one corrector step, was " + correctorSteps);
      }
      if (correctorSteps < 1 || !(kappa > 0) || !Double.isFinite(kappa) || !(friction > 0) || !Double.isFinite(friction)) {
        throw new IllegalArgumentException("corrector steps >= 1, kappa and friction positive and finite, were "
            + correctorSteps + ", " + kappa + ", " + friction);
      }
    }

    /** By name, with the sampler's defaults. */
    public static EnclosedScheme parse(String name) {
      String n = name == null ? "" : name.strip();
      return new EnclosedScheme(n, 1, 1, 2);
    }
  }

  /**
   * N(m, v) per coordinate; {@code mean} is null when every mean is exactly 0. {@code logVariance}
   * (null, or null entries, where not known) is a second, tighter enclosure of log v_j, from which
   * differences of nearby variances are formed without cancellation (v − w = w·expm1(log v − log w)).
   */
  public record Law(Interval[] mean, Interval[] variance, Interval[] logVariance) {
    public Law(Interval[] mean, Interval[] variance) { this(mean, variance, null); }

    public int dimension() { return variance.length; }

    public Interval mean(int j) { return mean == null ? Interval.ZERO : mean[j]; }

    /** The enclosure of log v_j, or null. */
    public Interval logVariance(int j) { return logVariance == null ? null : logVariance[j]; }
  }

  /** The output laws of a run, one per start, or why the run has none (then {@code laws} is empty). */
  public record Run(List<Law> laws, String undefined) {
    public boolean defined() { return undefined == null; }
  }

  private final double[] lambda;
  private final double[] meanU;
  private final boolean zeroMean;
  private final Interval traceSigma;

  /**
   * Data N(μ̃, diag(λ)) in its eigenbasis; both arrays exact (λ ≥ 0 and μ̃ finite, equal lengths;
   * {@code mean} null for zero).
   */
  public GaussianLawEnclosure(double[] eigenvalues, double[] mean) {
    if (eigenvalues == null || eigenvalues.length == 0) throw new IllegalArgumentException("eigenvalues must not be empty");
    if (mean != null && mean.length != eigenvalues.length) {
      throw new IllegalArgumentException("mean must have length d = " + eigenvalues.length + ", was " + mean.length);
    }
    Interval tr = Interval.ZERO;
    boolean zero = true;
    for (int j = 0; j < eigenvalues.length; j++) {
      if (!(eigenvalues[j] >= 0) || !Double.isFinite(eigenvalues[j])) {
        throw new IllegalArgumentException("eigenvalue " + j + " must be finite and >= 0, was " + eigenvalues[j]);
      }
      if (mean != null && !Double.isFinite(mean[j])) throw new IllegalArgumentException("mean[" + j + "] must be finite");
      if (mean != null && mean[j] != 0) zero = false;
      tr = tr.add(eigenvalues[j]);
    }
    this.lambda = eigenvalues.clone();
    this.meanU = mean == null ? new double[eigenvalues.length] : mean.clone();
    this.zeroMean = zero;
    this.traceSigma = tr;
  }

  public int dimension() { return lambda.length; }

  // ------------------------------------------------------------------ closed forms

  /** p_t = N(a_t μ̃, a_t² λ + b_t²). */
  public Law marginal(ForwardProcess<Interval> s, double t) {
    Interval time = Interval.of(t), a = s.a(time), a2 = s.a2(time), b2 = s.b2(time);
    int d = lambda.length;
    Interval[] m = zeroMean ? null : new Interval[d], v = new Interval[d], logV = new Interval[d];
    for (int j = 0; j < d; j++) {
      v[j] = lambda[j] == 0 ? b2 : a2.multiply(lambda[j]).add(b2); // a² · 0 is an exact 0
      logV[j] = v[j].lo() > 0 ? v[j].log() : null;
      if (m != null) m[j] = a.multiply(meanU[j]);
    }
    return new Law(m, v, logV);
  }

  /** The prior N(0, 1) (vp) or N(0, b_T²) (ve) at T, or p_T ({@code exact}). */
  public Law start(boolean exact, ForwardProcess<Interval> s, double horizon) {
    if (exact) return marginal(s, horizon);
    Interval v = s.variancePreserving() ? Interval.ONE : s.b2(Interval.of(horizon));
    Interval[] vs = new Interval[lambda.length], logV = new Interval[lambda.length];
    java.util.Arrays.fill(vs, v);
    java.util.Arrays.fill(logV, s.variancePreserving() ? Interval.ZERO : v.log());
    return new Law(null, vs, logV);
  }

  /**
   * W2 against p_t of the continuous-time reverse SDE ({@code ode} false) or probability-flow ODE
   * from {@code start} at T, with the exact score (docs/claims.md §5.1; law.GaussianLaw): with
   * λ_s = a_s² λ + b_s², K = (a_T/a_t) λ_t/λ_T, the SDE's law is N(a_t μ̃ + K(m_T − a_T μ̃),
   * λ_t + K²(v_T − λ_T)) and the ODE's N(a_t μ̃ + √(λ_t/λ_T)(m_T − a_T μ̃), (λ_t/λ_T) v_T). The
   * differences to p_t are formed directly (v − λ_t = K²(v_T − λ_T), resp. (λ_t/λ_T)(v_T − λ_T)),
   * and for a vp schedule's prior v_T − λ_T = a_T²(1 − λ) exactly, so nothing cancels; from p_T
   * itself ({@code startIsPT}) both processes give p_t exactly and W2 = 0.
   */
  public Interval continuousW2(ForwardProcess<Interval> s, double horizon, double t, Law start, boolean startIsPT, boolean ode) {
    if (startIsPT) return Interval.ZERO;
    Interval tT = Interval.of(horizon), tt = Interval.of(t);
    Interval aT = s.a(tT), a2T = s.a2(tT), b2T = s.b2(tT), at = s.a(tt), a2t = s.a2(tt), b2t = s.b2(tt);
    boolean vpPrior = s.variancePreserving() && start.mean() == null && isOne(start.variance());
    Interval sum = Interval.ZERO;
    for (int j = 0; j < lambda.length; j++) {
      Interval lt = lambda[j] == 0 ? b2t : a2t.multiply(lambda[j]).add(b2t);
      Interval lT = lambda[j] == 0 ? b2T : a2T.multiply(lambda[j]).add(b2T);
      Interval gap = vpPrior ? a2T.multiply(Interval.ONE.subtract(lambda[j])) : start.variance()[j].subtract(lT);
      Interval ratio = lt.divide(lT), dv, dm;
      Interval meanGap = start.mean(j).subtract(aT.multiply(meanU[j]));
      if (ode) {
        dv = ratio.multiply(gap);
        dm = ratio.sqrt().multiply(meanGap);
      } else {
        Interval k = aT.divide(at).multiply(ratio);
        dv = k.square().multiply(gap);
        dm = k.multiply(meanGap);
      }
      Interval v = lt.add(dv).max(Interval.ZERO);
      sum = sum.add(dm.square()).add(sqrtGapSquared(v, lt, dv));
    }
    return sum.sqrt();
  }

  private static boolean isOne(Interval[] v) {
    for (Interval x : v) if (!x.equals(Interval.ONE)) return false;
    return true;
  }

  // ------------------------------------------------------------------ divergences

  /**
   * (√v − √w)² from v, w and an enclosure of v − w, as (v − w)²/(√v + √w)², which does not cancel;
   * where √v + √w may be 0, (√v − √w)² directly (both forms are exact identities).
   */
  static Interval sqrtGapSquared(Interval v, Interval w, Interval difference) {
    Interval sv = v.max(Interval.ZERO).sqrt(), sw = w.max(Interval.ZERO).sqrt(), den = sv.add(sw);
    if (den.lo() > 0) return difference.divide(den).square();
    return sv.subtract(sw).square();
  }

  /**
   * v_Pj − v_Qj: the difference of the enclosures, intersected (both contain it) with
   * v_Qj·expm1(log v_Pj − log v_Qj) where both logarithms are known.
   */
  static Interval difference(Law p, Law q, int j) {
    Interval v = p.variance()[j], w = q.variance()[j], d = v.subtract(w);
    Interval lv = p.logVariance(j), lw = q.logVariance(j);
    if (lv == null || lw == null) return d;
    return d.intersect(w.multiply(lv.subtract(lw).expm1()));
  }

  /** v_Pj/v_Qj − 1 for v_Qj &gt; 0, likewise intersected with expm1(log v_Pj − log v_Qj). */
  static Interval relativeDifference(Law p, Law q, int j) {
    Interval v = p.variance()[j], w = q.variance()[j], r = v.subtract(w).divide(w);
    Interval lv = p.logVariance(j), lw = q.logVariance(j);
    if (lv == null || lw == null) return r;
    return r.intersect(lv.subtract(lw).expm1());
  }

  /** W2(P, Q) = √(Σ_j (m_Pj − m_Qj)² + (√v_Pj − √v_Qj)²) (docs/claims.md §5.1, commuting case). */
  public static Interval w2(Law p, Law q) {
    checkSame(p, q);
    Interval sum = Interval.ZERO;
    for (int j = 0; j < p.dimension(); j++) {
      Interval v = p.variance()[j], w = q.variance()[j];
      Interval dm = p.mean == null && q.mean == null ? Interval.ZERO : p.mean(j).subtract(q.mean(j));
      sum = sum.add(dm.square()).add(sqrtGapSquared(v, w, difference(p, q, j)));
    }
    return sum.sqrt();
  }

  /** An enclosure whose ends may be +∞ (KL against a point mass). */
  public record Bounds(double lower, double upper) {
    public Bounds {
      if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
        throw new IllegalArgumentException("bounds must satisfy lower <= upper, were " + lower + ", " + upper);
      }
    }

    public boolean contains(double x) { return lower <= x && x <= upper; }

    /** (upper − lower)/min(|lower|, |upper|), rounded up; 0 for a point (also [∞, ∞]), ∞ across 0. */
    public double relativeWidth() {
      if (lower == upper) return 0;
      if (lower <= 0 && upper >= 0) return Double.POSITIVE_INFINITY;
      return Interval.of(lower, upper).relativeWidth();
    }
  }

  /**
   * KL(P ‖ Q) = ½ Σ_j [r_j − log(1 + r_j) + (m_Qj − m_Pj)²/v_Qj], r_j = (v_Pj − v_Qj)/v_Qj, as the
   * double code defines it: +∞ where Q or P has a point mass that the other does not share (exactly
   * 0 where both have the same point mass).
   */
  public static Bounds kl(Law p, Law q) {
    checkSame(p, q);
    Interval sum = Interval.ZERO;
    boolean unboundedAbove = false;
    for (int j = 0; j < p.dimension(); j++) {
      Interval v = p.variance()[j], w = q.variance()[j];
      Interval dm = p.mean == null && q.mean == null ? Interval.ZERO : q.mean(j).subtract(p.mean(j));
      if (w.lo() <= 0 || v.lo() <= 0) { // a point mass possible (variances are >= 0)
        boolean dmZero = dm.lo() == 0 && dm.hi() == 0, dmNonzero = dm.lo() > 0 || dm.hi() < 0;
        boolean wZero = w.hi() <= 0, vZero = v.hi() <= 0;
        if ((wZero && (v.lo() > 0 || dmNonzero)) || (vZero && w.lo() > 0)) {
          return new Bounds(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        if (wZero && vZero && dmZero) continue; // the same point mass: 0
        unboundedAbove = true; // this term is in [0, ∞]
        continue;
      }
      Interval r = relativeDifference(p, q, j);
      // r > −1 in reals (v > 0); an enclosure reaching −1 (v/w below u) falls back to g = v/w − 1 − log(v/w)
      Interval g = r.lo() > -1 ? rMinusLog1p(r) : v.divide(w).subtract(1).subtract(v.divide(w).log()).max(Interval.ZERO);
      sum = sum.add(g).add(dm.square().divide(w));
    }
    Interval half = sum.multiply(0.5);
    return new Bounds(Math.max(0, half.lo()), unboundedAbove ? Double.POSITIVE_INFINITY : half.hi());
  }

  /**
   * g(r) = r − log(1 + r) ≥ 0 over an interval r &gt; −1: g decreases on (−1, 0] and increases on
   * [0, ∞), so it is enclosed from its values at the ends ({@link #rMinusLog1pAt}).
   */
  static Interval rMinusLog1p(Interval r) {
    if (r.lo() <= -1) throw new IllegalArgumentException("r must be > -1, was " + r);
    if (r.lo() >= 0) return Interval.of(rMinusLog1pAt(r.lo()).lo(), rMinusLog1pAt(r.hi()).hi());
    if (r.hi() <= 0) return Interval.of(rMinusLog1pAt(r.hi()).lo(), rMinusLog1pAt(r.lo()).hi());
    return Interval.of(0, Math.max(rMinusLog1pAt(r.lo()).hi(), rMinusLog1pAt(r.hi()).hi()));
  }

  /** Terms of the series r − log(1 + r) = Σ_{k ≥ 2} (−r)^k/k used for |r| ≤ 1/8. */
  private static final int SERIES_TERMS = 18;

  /**
   * g(x) for a double x &gt; −1: for |x| ≤ 1/8 by the series Σ_{k=2}^{18} (−1)^k x^k/k plus its
   * remainder, at most |x|^{19}/(19 (1 − |x|)) (below 1e-16 relative to g ≥ x²/2·(1 − 2|x|/3)); else
   * x − log1p(x), where g ≥ 0.0085 so the two ulps of log1p stay below 1e-13 relative.
   */
  static Interval rMinusLog1pAt(double x) {
    Interval r = Interval.of(x);
    if (Math.abs(x) <= 0.125) {
      Interval sum = Interval.ZERO, power = r.square();
      for (int k = 2; k <= SERIES_TERMS; k++) {
        Interval term = power.divide(Interval.of(k));
        sum = k % 2 == 0 ? sum.add(term) : sum.subtract(term);
        power = power.multiply(r);
      }
      Interval tail = power.abs().divide(Interval.of(SERIES_TERMS + 1).multiply(Interval.ONE.subtract(Math.abs(x))));
      return sum.add(Interval.of(-tail.hi(), tail.hi())).max(Interval.ZERO);
    }
    return r.subtract(r.log1p()).max(Interval.ZERO);
  }

  private static void checkSame(Law p, Law q) {
    if (p.dimension() != q.dimension()) {
      throw new IllegalArgumentException("laws have dimensions " + p.dimension() + " and " + q.dimension());
    }
  }

  // ------------------------------------------------------------------ propagation

  /**
   * The output laws of {@code scheme} over the forward times {@code times} (T = times[0] &gt; … &gt;
   * times[N] = δ, exact) from each of {@code starts}, with score error ε_score. The run is
   * undefined when a step certainly divides by zero (a zero eigenvalue where b_t² = 0, i.e. at
   * t = 0) or a ddpm step has 1 + 2fh ≤ 0; it is reported as not certified when an enclosure cannot
   * decide such a guard.
   */
  public Run propagate(EnclosedScheme scheme, ForwardProcess<Interval> s, double[] times, double epsScore, List<Law> starts) {
    if (scheme == null || s == null || times == null || starts == null || starts.isEmpty()) {
      throw new IllegalArgumentException("scheme, schedule, times and starts must be given");
    }
    if (times.length < 2) throw new IllegalArgumentException("a run needs at least 2 times, was " + times.length);
    for (int i = 0; i < times.length; i++) {
      if (!(times[i] >= 0) || !Double.isFinite(times[i]) || (i > 0 && !(times[i] < times[i - 1]))) {
        throw new IllegalArgumentException("times must be finite, >= 0 and strictly decreasing; times[" + i + "] = " + times[i]);
      }
    }
    if (!Double.isFinite(epsScore)) throw new IllegalArgumentException("epsScore must be finite, was " + epsScore);
    int d = lambda.length, nV = starts.size();
    boolean means = !zeroMean;
    for (Law st : starts) {
      if (st.dimension() != d) throw new IllegalArgumentException("a start law has dimension " + st.dimension() + ", data d = " + d);
      if (st.mean() != null) means = true;
    }
    Interval[][] m = new Interval[nV][], v = new Interval[nV][];
    for (int k = 0; k < nV; k++) {
      v[k] = starts.get(k).variance().clone();
      if (means) {
        m[k] = new Interval[d];
        for (int j = 0; j < d; j++) m[k][j] = starts.get(k).mean(j);
      }
    }
    StepMap map = new StepMap(scheme, s, epsScore, means);
    // A deterministic scheme multiplies v_j by c_j² each step, so log v_N = log v_0 + Σ 2 log|c_j|: the
    // sum is carried exactly as a double plus a small interval (TwoSum), each term 2 log1p(c_j − 1)
    // enclosed from c_j − 1 without forming c_j, so its width does not grow by an ulp of v per step.
    boolean logTrack = DETERMINISTIC.contains(scheme.name());
    double[] sumHi = logTrack ? new double[d] : null;
    Interval[] sumRest = logTrack ? new Interval[d] : null;
    if (logTrack) java.util.Arrays.fill(sumRest, Interval.ZERO);
    for (int i = 0; i + 1 < times.length; i++) {
      String why = map.prepare(times[i], times[i + 1]);
      if (why != null) return new Run(List.of(), why);
      for (int j = 0; j < d; j++) {
        why = map.apply(j, m, v);
        if (why != null) return new Run(List.of(), why);
        if (logTrack && sumRest[j] != null) {
          Interval term = map.logGain();
          if (term == null) {
            sumRest[j] = null; // c_j may be 0: the logarithm is not tracked for this coordinate
            continue;
          }
          double x = sumHi[j], y = term.mid(), sum = x + y, back = sum - x;
          double err = (x - (sum - back)) + (y - back); // TwoSum: x + y = sum + err exactly
          sumHi[j] = sum;
          sumRest[j] = sumRest[j].add(err).add(term.subtract(y));
        }
      }
    }
    List<Law> out = new ArrayList<>();
    for (int k = 0; k < nV; k++) {
      Interval[] logV = null;
      if (logTrack) {
        logV = new Interval[d];
        for (int j = 0; j < d; j++) {
          Interval l0 = starts.get(k).logVariance(j);
          logV[j] = l0 == null || sumRest[j] == null ? null : l0.add(Interval.of(sumHi[j]).add(sumRest[j]));
        }
      }
      out.add(new Law(means ? m[k] : null, v[k], logV));
    }
    return new Run(List.copyOf(out), null);
  }

  /** The schemes without noise, whose steps only scale the variance. */
  private static final List<String> DETERMINISTIC = List.of("ode-euler", "ode-heun", "ode-rk4", "ode-ei");

  /** c₀ + c₁ y, with c₀ null for an exact 0. */
  private record Affine(Interval c0, Interval c1) {
    static final Affine IDENTITY = new Affine(null, Interval.ONE);

    Affine times(Interval k) { return new Affine(c0 == null ? null : c0.multiply(k), c1.multiply(k)); }

    Affine plus(Affine o) {
      Interval c = c0 == null ? o.c0 : (o.c0 == null ? c0 : c0.add(o.c0));
      return new Affine(c, c1.add(o.c1));
    }
  }

  /** One step's constants (per time of a score call) and its map per coordinate. */
  private final class StepMap {
    private final EnclosedScheme scheme;
    private final ForwardProcess<Interval> s;
    private final double epsScore;
    private final boolean means;
    // per call time: 0 = t, 1 = t', 2 = (t + t')/2
    private final Interval[] a = new Interval[3], a2 = new Interval[3], b2 = new Interval[3], f = new Interval[3],
        g2 = new Interval[3], pert = new Interval[3];
    private final double[] pointTime = new double[3];
    private Interval h, phi, phiMinusOne, is, in, eta, discreteBeta, keepScale;
    private Interval gain; // c₁ − 1 of the last deterministic coordinate step

    StepMap(EnclosedScheme scheme, ForwardProcess<Interval> s, double epsScore, boolean means) {
      this.scheme = scheme;
      this.s = s;
      this.epsScore = epsScore;
      this.means = means;
    }

    private void at(int i, Interval time) {
      a[i] = s.a(time);
      a2[i] = s.a2(time);
      b2[i] = s.b2(time);
      f[i] = s.f(time);
      g2[i] = s.g2(time);
      pert[i] = epsScore == 0 ? Interval.ZERO
          : Interval.of(epsScore).divide(a2[i].multiply(traceSigma).add(b2[i].multiply(lambda.length)).sqrt());
    }

    /** The step's constants; a reason when the step is undefined or undecided for every coordinate. */
    String prepare(double t, double tNext) {
      Interval ti = Interval.of(t), tn = Interval.of(tNext);
      pointTime[0] = t;
      pointTime[1] = tNext;
      pointTime[2] = Double.NaN;
      h = ti.subtract(tn);
      at(0, ti);
      String name = scheme.name();
      if (name.equals("ode-heun") || name.equals("dpom") || name.equals("dpum") || name.equals("ode-rk4")) at(1, tn);
      if (name.equals("ode-rk4")) at(2, ti.add(tn).multiply(0.5));
      if (name.equals("ei") || name.equals("ode-ei") || name.equals("dpom") || name.equals("dpum")) {
        ForwardProcess.Step<Interval> e = s.step(ti, tn);
        phi = e.phi();
        phiMinusOne = e.phiMinusOne();
        is = e.scoreCoefficient();
        in = e.noiseVariance();
      }
      if (name.equals("dpom") || name.equals("dpum")) eta = Interval.of(scheme.kappa()).multiply(h).multiply(g2[1]).multiply(0.5);
      if (name.equals("ly24") || name.equals("clw25")) {
        phi = s.integralOfF(ti, tn).negate().exp(); // 1/√α = a_{t'}/a_t
        discreteBeta = s.discreteBeta(ti, tn);
      }
      if (name.equals("ddpm")) {
        Interval keep = Interval.ONE.add(f[0].multiply(2).multiply(h));
        if (keep.hi() <= 0) {
          return "ddpm step from t = " + t + " to " + tNext + " has 1 + 2 f h = " + keep + " ≤ 0 (discrete β ≥ 1)";
        }
        if (keep.lo() <= 0) {
          return "not certified: the enclosure " + keep + " of 1 + 2 f h in the ddpm step from t = " + t + " to "
              + tNext + " does not decide its sign";
        }
        keepScale = keep.sqrt().reciprocal();
      }
      return null;
    }

    /** ŝ at call time i for coordinate j applied to y = c₀ + c₁ y₀; null when a denominator may be 0. */
    private Affine score(int i, int j, Affine y, String[] why) {
      Interval den = lambda[j] == 0 ? b2[i] : a2[i].multiply(lambda[j]).add(b2[i]); // a² · 0 is an exact 0
      if (den.lo() <= 0) {
        why[0] = den.hi() <= 0
            ? "the score is undefined at t = " + timeLabel(i) + ": eigenvalue " + j + " of Σ is 0 and b_t² = 0, so the"
                + " step divides by zero"
            : "not certified: the enclosure " + den + " of a_t² λ + b_t² at t = " + timeLabel(i) + ", eigenvalue " + j
                + ", does not exclude 0";
        return null;
      }
      Interval q = pert[i].subtract(den.reciprocal());
      Affine out = y.times(q);
      if (means && meanU[j] != 0) {
        Interval c = q.multiply(a[i].multiply(meanU[j])).negate();
        out = new Affine(out.c0() == null ? c : out.c0().add(c), out.c1());
      }
      return out;
    }

    private String timeLabel(int i) { return i == 2 ? "(t + t')/2" : Double.toString(pointTime[i]); }

    /** F_t(y) = −f y + ½ g² ŝ_t(y) at call time i. */
    private Affine flow(int i, int j, Affine y, String[] why) {
      Affine sc = score(i, j, y, why);
      return sc == null ? null : y.times(f[i].negate()).plus(sc.times(g2[i].multiply(0.5)));
    }

    /** Applies the step to coordinate j of every start law; a reason when undefined. */
    String apply(int j, Interval[][] m, Interval[][] v) {
      String[] why = new String[1];
      Affine y = Affine.IDENTITY, out;
      Interval noise = Interval.ZERO;
      switch (scheme.name()) {
        case "em" -> {
          Affine sc = score(0, j, y, why);
          if (sc == null) return why[0];
          out = y.times(Interval.ONE.subtract(h.multiply(f[0]))).plus(sc.times(h.multiply(g2[0])));
          noise = g2[0].multiply(h);
        }
        case "ei" -> {
          Affine sc = score(0, j, y, why);
          if (sc == null) return why[0];
          out = y.times(phi).plus(sc.times(is));
          noise = in;
        }
        case "ddpm" -> {
          Affine sc = score(0, j, y, why);
          if (sc == null) return why[0];
          Interval beta = g2[0].multiply(h);
          out = y.plus(sc.times(beta)).times(keepScale);
          noise = beta;
        }
        case "ly24", "clw25" -> {
          Affine sc = score(0, j, y, why);
          if (sc == null) return why[0];
          out = y.plus(sc.times(discreteBeta)).times(phi);
          noise = scheme.name().equals("ly24") ? discreteBeta.multiply(phi.square()) : discreteBeta;
        }
        case "ode-euler" -> {
          Affine k1 = flow(0, j, y, why);
          if (k1 == null) return why[0];
          out = increment(y, k1.times(h));
        }
        case "ode-heun" -> {
          Affine k1 = flow(0, j, y, why);
          if (k1 == null) return why[0];
          Affine k2 = flow(1, j, y.plus(k1.times(h)), why);
          if (k2 == null) return why[0];
          out = increment(y, k1.plus(k2).times(h.multiply(0.5)));
        }
        case "ode-rk4" -> {
          Interval half = h.multiply(0.5);
          Affine k1 = flow(0, j, y, why);
          if (k1 == null) return why[0];
          Affine k2 = flow(2, j, y.plus(k1.times(half)), why);
          if (k2 == null) return why[0];
          Affine k3 = flow(2, j, y.plus(k2.times(half)), why);
          if (k3 == null) return why[0];
          Affine k4 = flow(1, j, y.plus(k3.times(h)), why);
          if (k4 == null) return why[0];
          Interval two = Interval.of(2);
          out = increment(y, k1.plus(k2.times(two)).plus(k3.times(two)).plus(k4).times(h.divide(Interval.of(6))));
        }
        case "ode-ei", "dpom", "dpum" -> {
          Affine sc = score(0, j, y, why);
          if (sc == null) return why[0];
          // Φ y + ½ I_s ŝ = y + ((Φ − 1) y + ½ I_s ŝ): the increment keeps Φ − 1 from expm1
          out = increment(y, y.times(phiMinusOne).plus(sc.times(is.multiply(0.5))));
          if (!scheme.name().equals("ode-ei")) return corrector(j, out, m, v);
        }
        default -> throw new IllegalStateException("no law enclosure for scheme " + scheme.name());
      }
      update(j, out, noise, m, v);
      return null;
    }

    /** y + δ, remembering δ's coefficient c₁ − 1 for {@link #logGain}. */
    private Affine increment(Affine y, Affine delta) {
      gain = delta.c1();
      return y.plus(delta);
    }

    /**
     * 2 log|c₁| of the last deterministic step: 2 log1p(c₁ − 1) when c₁ − 1 &gt; −½, else log(c₁²);
     * null when c₁ may be 0.
     */
    Interval logGain() {
      if (gain.lo() > -0.5) return gain.log1p().multiply(2);
      Interval c2 = Interval.ONE.add(gain).square();
      return c2.lo() > 0 ? c2.log() : null;
    }

    /** dpom's M corrector steps or dpum's one, after the predictor map {@code pred}. */
    private String corrector(int j, Affine pred, Interval[][] m, Interval[][] v) {
      String[] why = new String[1];
      update(j, pred, Interval.ZERO, m, v);
      int steps = scheme.name().equals("dpom") ? scheme.correctorSteps() : 1;
      for (int c = 0; c < steps; c++) {
        Affine y = Affine.IDENTITY;
        Affine sc = score(1, j, y, why);
        if (sc == null) return why[0];
        if (scheme.name().equals("dpom")) {
          update(j, y.plus(sc.times(eta)), eta.multiply(2), m, v);
        } else {
          Interval gamma = Interval.of(scheme.friction()), damp = Interval.ONE.subtract(eta.multiply(gamma));
          Interval noise = eta.square().multiply(damp.square()).add(gamma.multiply(2).multiply(eta.square().multiply(eta)));
          update(j, y.plus(sc.times(eta.square())), noise, m, v);
        }
      }
      return null;
    }

    private void update(int j, Affine map, Interval noise, Interval[][] m, Interval[][] v) {
      Interval c1sq = map.c1().square();
      for (int k = 0; k < v.length; k++) {
        v[k][j] = c1sq.multiply(v[k][j]).add(noise).max(Interval.ZERO);
        if (m[k] != null) {
          Interval mm = map.c1().multiply(m[k][j]);
          m[k][j] = map.c0() == null ? mm : mm.add(map.c0());
        }
      }
    }
  }
}
