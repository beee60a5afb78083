package org.mixproof.smoothness;

import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;

/**
 * The bound formulas of docs/claims.md §3 and §4, each a named function of the mixture at time t (which
 * carries the schedule) and the domain, under the ids the claim catalog uses. A bound that does not
 * apply to a case (its hypotheses fail) says so through {@link #applies}.
 */
public enum Bound {

  LIPSCHITZ_GAUSSIAN("lipschitz.gaussian", "lipschitz",
      "k = 1: L_t = 1/λmin(t) on all of R^d, with equality (exact)") {
    @Override public boolean applies(MixtureDensity p, Domain dom) { return p.components() == 1; }

    @Override public double value(MixtureDensity p, Domain dom) { return 1 / p.lambdaMin(); }
  },

  LIPSCHITZ_SHARED_COVARIANCE("lipschitz.shared-covariance", "lipschitz",
      "all Σ_i equal: L_t ≤ max(1/λmin(t), a_t² D²/(4 λmin(t)²) − 1/λmax(t)) on R^d (proved, tight)") {
    @Override public boolean applies(MixtureDensity p, Domain dom) { return sharedCovariance(p.mixture()); }

    @Override public double value(MixtureDensity p, Domain dom) {
      double lo = p.lambdaMin(), a = p.a(), dd = p.mixture().meanDiameter();
      return Math.max(1 / lo, a * a * dd * dd / (4 * lo * lo) - 1 / p.lambdaMax());
    }
  },

  LIPSCHITZ_BALL("lipschitz.ball", "lipschitz",
      "‖x‖ ≤ β, any covariances: L_t ≤ max(1/λmin(t), (β + a_t R)²/λmin(t)² − 1/λmax(t)) (proved, k-independent)") {
    @Override public boolean applies(MixtureDensity p, Domain dom) { return !dom.isGlobal(); }

    @Override public double value(MixtureDensity p, Domain dom) {
      double lo = p.lambdaMin(), reach = dom.beta() + p.a() * p.mixture().meanRadius();
      return Math.max(1 / lo, reach * reach / (lo * lo) - 1 / p.lambdaMax());
    }
  },

  LIPSCHITZ_ISOTROPIC("lipschitz.isotropic", "lipschitz",
      "all Σ_i = σ_i² I: L_t ≤ max(1/λmin(t), Σ_{i<j} sup_x e^{−|ℓ_i−ℓ_j|} ‖s_i − s_j‖² − 1/λmax(t)), "
          + "each sup in closed form (proved, global, finite)") {
    @Override public boolean applies(MixtureDensity p, Domain dom) { return isotropic(p.mixture()); }

    @Override public double value(MixtureDensity p, Domain dom) {
      return Math.max(1 / p.lambdaMin(), IsotropicPairs.covarianceBound(p) - 1 / p.lambdaMax());
    }
  },

  LIPSCHITZ_LSSZ24("lipschitz.lssz24", "lipschitz",
      "[LSSZ24]'s quotient-rule bound on ‖x‖ ≤ β, reconstructed from the paper's structure (its full "
          + "text was not available): [(β + a_t R)²/σ² + 1/σ]/(γ (2π)^{d/2} det^{1/2}) + (β + a_t R)²/(σ² γ² (2π)^d det), "
          + "σ = λmin(t), det = min_i det Σ_i(t), γ a density floor on the ball") {
    @Override public boolean applies(MixtureDensity p, Domain dom) { return !dom.isGlobal(); }

    @Override public double value(MixtureDensity p, Domain dom) {
      int d = p.dimension();
      double sigma = p.lambdaMin();
      double reach = dom.beta() + p.a() * p.mixture().meanRadius();
      double logDetMin = Double.POSITIVE_INFINITY;
      for (int i = 0; i < p.components(); i++) logDetMin = Math.min(logDetMin, p.logDeterminant(i));
      double logGamma = logDensityFloor(p, dom.beta());
      double log2pi = Math.log(2 * Math.PI);
      double first = Math.log(reach * reach / (sigma * sigma) + 1 / sigma)
          - logGamma - 0.5 * d * log2pi - 0.5 * logDetMin;
      double second = Math.log(reach * reach / (sigma * sigma))
          - 2 * logGamma - d * log2pi - logDetMin;
      return Math.exp(first) + Math.exp(second); // +∞ when the floor underflows: the bound is vacuous
    }
  },

  MOMENT_EXACT("moment.exact", "second-moment",
      "m2(t) = E‖X_t‖² = a_t² Σ π_i (‖μ_i‖² + tr Σ_i) + b_t² d (exact)") {
    @Override public boolean applies(MixtureDensity p, Domain dom) { return true; }

    @Override public double value(MixtureDensity p, Domain dom) { return SecondMoment.exact(p); }
  },

  MOMENT_BOUND("moment.bound", "second-moment",
      "m2(t) ≤ a_t² (R² + d λmax) + b_t² d, and for vp-ou also ≤ max(m2(0), d); reconstructed form of "
          + "[LSSZ24]'s k-independent lemma (its exact text was not available)") {
    @Override public boolean applies(MixtureDensity p, Domain dom) { return true; }

    @Override public double value(MixtureDensity p, Domain dom) {
      GaussianMixture m = p.mixture();
      int d = p.dimension();
      double r = m.meanRadius(), a = p.a();
      double general = a * a * (r * r + d * m.lambdaMax()) + p.b2() * d;
      if (p.schedule() instanceof VpOu) {
        return Math.min(general, Math.max(SecondMoment.exact(m), d));
      }
      return general;
    }
  };

  private final String id;
  private final String quantity;
  private final String description;

  Bound(String id, String quantity, String description) {
    this.id = id;
    this.quantity = quantity;
    this.description = description;
  }

  /** The claim id of docs/claims.md. */
  public String id() { return id; }

  /** What it bounds: {@code lipschitz} or {@code second-moment}. */
  public String quantity() { return quantity; }

  public String description() { return description; }

  /** Whether the formula's hypotheses hold for this case. */
  public abstract boolean applies(MixtureDensity p, Domain dom);

  /** The formula's value; only meaningful where {@link #applies}. */
  public abstract double value(MixtureDensity p, Domain dom);

  public static Bound byId(String id) {
    for (Bound b : values()) if (b.id.equals(id)) return b;
    throw new IllegalArgumentException("unknown bound id '" + id + "'");
  }

  public static boolean sharedCovariance(GaussianMixture m) {
    int d = m.dimension();
    for (int i = 1; i < m.components(); i++) {
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) if (m.covarianceEntry(i, r, c) != m.covarianceEntry(0, r, c)) return false;
      }
    }
    return true;
  }

  public static boolean isotropic(GaussianMixture m) {
    int d = m.dimension();
    for (int i = 0; i < m.components(); i++) {
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          double v = m.covarianceEntry(i, r, c);
          if (r != c ? v != 0 : v != m.covarianceEntry(i, 0, 0)) return false;
        }
      }
    }
    return true;
  }

  /**
   * log γ with γ ≤ p_t on the ball ‖x‖ ≤ β: each component's quadratic form there is at most
   * (β + a‖μ_i‖)²/λmin(Σ_i(t)), so p_t ≥ Σ π_i (2π)^{−d/2} det^{−1/2} e^{−(β + a‖μ_i‖)²/(2 λmin_i)}.
   */
  public static double logDensityFloor(MixtureDensity p, double beta) {
    int d = p.dimension();
    GaussianMixture m = p.mixture();
    double[] terms = new double[p.components()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < terms.length; i++) {
      double reach = beta + p.a() * ComponentGeometry.norm(m.mean(i));
      terms[i] = Math.log(m.weight(i)) - 0.5 * d * Math.log(2 * Math.PI) - 0.5 * p.logDeterminant(i)
          - reach * reach / (2 * p.lambdaMinOf(i));
      max = Math.max(max, terms[i]);
    }
    double sum = 0;
    for (double v : terms) sum += Math.exp(v - max);
    return max + Math.log(sum);
  }
}
