package org.mixproof.claim.spec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.smoothness.Bound;
import org.mixproof.smoothness.SecondMoment;

/**
 * The named quantities of docs/claims.md §0 for a mixture diffused to time t, as claim expressions see them:
 * <pre>
 * d k t a b b2           dimension, components, time, a_t, b_t, b_t²
 * R D                    max ‖μ_i‖, max ‖μ_i − μ_j‖ (time 0)
 * lambda_min lambda_max  extreme eigenvalues of the Σ_i (time 0)
 * lambda_min_t lambda_max_t   a_t² λ + b_t²
 * kappa u                max_i cond(Σ_i(t)), unit roundoff 2⁻⁵³
 * m2                     E_{p_t}‖X‖² (exact)
 * beta                   the domain's radius (+∞ for all of R^d)
 * log_gamma log_det_min  log of the density floor on the ball ‖x‖ ≤ beta, log min_i det Σ_i(t)
 * shared isotropic singular   1 when all Σ_i are equal / all σ_i² I / some Σ_i is singular, else 0
 * </pre>
 */
public final class DensityVariables {

  public static final Set<String> NAMES = Collections.unmodifiableSet(new TreeSet<>(List.of(
      "d", "k", "t", "a", "b", "b2", "R", "D", "lambda_min", "lambda_max", "lambda_min_t", "lambda_max_t",
      "kappa", "u", "eps", "c", "m2", "beta", "log_gamma", "log_det_min", "shared", "isotropic", "singular")));

  private DensityVariables() {}

  public static Map<String, Double> of(MixtureDensity p, double beta) {
    GaussianMixture m = p.mixture();
    Map<String, Double> v = new TreeMap<>();
    v.put("d", (double) p.dimension());
    v.put("k", (double) p.components());
    v.put("t", p.time());
    v.put("a", p.a());
    v.put("b", Math.sqrt(p.b2()));
    v.put("b2", p.b2());
    v.put("R", m.meanRadius());
    v.put("D", m.meanDiameter());
    v.put("lambda_min", m.lambdaMin());
    v.put("lambda_max", m.lambdaMax());
    v.put("lambda_min_t", p.lambdaMin());
    v.put("lambda_max_t", p.lambdaMax());
    double kappa = 1, logDetMin = Double.POSITIVE_INFINITY;
    for (int i = 0; i < p.components(); i++) {
      kappa = Math.max(kappa, p.conditionNumber(i));
      logDetMin = Math.min(logDetMin, p.logDeterminant(i));
    }
    v.put("kappa", kappa);
    v.put("u", RoundingModel.U);
    v.put("eps", RoundingModel.EPS);
    v.put("c", RoundingModel.constant(m.dimension()));
    v.put("m2", SecondMoment.exact(p));
    v.put("beta", beta);
    v.put("log_gamma", Double.isFinite(beta) ? Bound.logDensityFloor(p, beta) : Double.NEGATIVE_INFINITY);
    v.put("log_det_min", logDetMin);
    v.put("shared", Bound.sharedCovariance(m) ? 1.0 : 0.0);
    v.put("isotropic", Bound.isotropic(m) ? 1.0 : 0.0);
    v.put("singular", m.lambdaMin() == 0 ? 1.0 : 0.0);
    return v;
  }
}
