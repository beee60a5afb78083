package org.mixproof.claim.quantity;

import java.util.Map;
import org.mixproof.claim.spec.BoundExpression;
import org.mixproof.certify.PointCertificate;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.mixproof.claim.Measurement;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.claim.spec.DensityVariables;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.DiffusionCases;
import org.mixproof.rounding.RoundingModel;
import org.mixproof.smoothness.Blowup;
import org.mixproof.smoothness.Domain;

/** The singular-data quantities of docs/claims.md §3.5 ([LWB23]) beyond the Lipschitz constant itself. */
public final class BlowupQuantities {

  private BlowupQuantities() {}

  /**
   * {@code score-norm}: |‖s_t(x)‖ b_t² / r − 1| at x = a_t μ_1 + r u, u a unit null direction of Σ_1
   * (key {@code r}, default 1; binds {@code r}). For one component s = −P(t)(r u) = −r u / b_t² exactly,
   * so the rescaled score equals the distance r to the support; mixtures approach it as t → 0.
   * Not applicable when Σ_1 is not singular.
   */
  public static final class ScoreNorm extends FamilyQuantity<DiffusionCases.Case> {
    public ScoreNorm() { super("score-norm", CaseFamily.DIFFUSION, Set.of("r"), Set.of("r")); }

    @Override public Measurement measure(DiffusionCases.Case c, ClaimSpec spec) {
      double r = spec.number("r", 1);
      if (!(r > 0)) throw spec.error("r", "must be > 0, was " + r);
      double[] u = nullDirection(c.mixture().covariance(0));
      if (u == null) return Measurement.notApplicable("Σ_1 is not singular");
      MixtureDensity p = MixtureDensity.at(c.mixture(), c.schedule(), c.t());
      double[] mu = p.mean(0);
      double[] x = new double[mu.length];
      for (int j = 0; j < x.length; j++) x[j] = mu[j] + r * u[j];
      double ratio = Blowup.scoreNorm(p, x) / r;
      return Measurement.of(Math.abs(ratio - 1), with(DensityVariables.of(p, Double.POSITIVE_INFINITY), "r", r), x,
          where(c, x));
    }

    /** The measured ratio and the bound in intervals at the recorded x and r (docs/claims.md §8). */
    @Override public PointCertificate certificate(DiffusionCases.Case c, Measurement m, ClaimSpec spec) {
      return PointCertificate.scoreNorm(c.mixture(), c.schedule(), c.t(), m.point(), spec.number("r", 1),
          BoundExpression.plainNumbers(spec.bound()), tolerance(spec), exact(m, "r"), variables());
    }
  }

  static String tolerance(ClaimSpec spec) {
    return spec.has("tolerance") ? BoundExpression.plainNumbers(spec.string("tolerance", "0")) : null;
  }

  /** The variables that are exact inputs: indicators and the quantity's own parameters. */
  static Map<String, Double> exact(Measurement m, String... more) {
    Map<String, Double> out = new java.util.TreeMap<>();
    for (String k : new String[] {"shared", "isotropic", "singular", "beta"}) out.put(k, m.variables().get(k));
    for (String k : more) out.put(k, m.variables().get(k));
    return out;
  }

  /** A unit eigenvector of a zero eigenvalue of the PSD matrix {@code s}, or null when it is definite. */
  static double[] nullDirection(double[][] s) {
    int d = s.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(new DMatrixRMaj(s))) throw new IllegalStateException("eigen decomposition failed");
    double max = 0;
    for (int i = 0; i < d; i++) max = Math.max(max, Math.abs(eig.getEigenvalue(i).getReal()));
    for (int i = 0; i < d; i++) {
      // GaussianMixture zeroes eigenvalues within rounding of 0; the same threshold finds the null space
      if (Math.abs(eig.getEigenvalue(i).getReal()) <= RoundingModel.eigenvalueRoundoff(d, max)) {
        DMatrixRMaj v = eig.getEigenVector(i);
        double[] out = new double[d];
        double n = 0;
        for (int j = 0; j < d; j++) n += v.get(j) * v.get(j);
        for (int j = 0; j < d; j++) out[j] = v.get(j) / Math.sqrt(n);
        return out;
      }
    }
    return null;
  }

  /**
   * {@code denoiser-norm}: ‖E[X_0 | X_t = x]‖ at the case's point projected onto the ball ‖x‖ ≤ beta
   * (key {@code beta}, default 5): the bounded target of [LWB23].
   */
  public static final class DenoiserNorm extends FamilyQuantity<DiffusionCases.Case> {
    public DenoiserNorm() { super("denoiser-norm", CaseFamily.DIFFUSION, Set.of(), Set.of("beta")); }

    @Override public Measurement measure(DiffusionCases.Case c, ClaimSpec spec) {
      double beta = spec.number("beta", 5);
      if (!(beta > 0)) throw spec.error("beta", "must be > 0, was " + beta);
      MixtureDensity p = MixtureDensity.at(c.mixture(), c.schedule(), c.t());
      double[] x = c.point(p);
      Domain.ball(beta).project(x);
      double value = Blowup.denoiserNorm(p, x);
      return Measurement.of(value, DensityVariables.of(p, beta), x, where(c, x));
    }

    /** ‖E[X_0 | X_t = x]‖ by Tweedie and the bound in intervals at the recorded x (docs/claims.md §8). */
    @Override public PointCertificate certificate(DiffusionCases.Case c, Measurement m, ClaimSpec spec) {
      return PointCertificate.denoiserNorm(c.mixture(), c.schedule(), c.t(), m.point(),
          BoundExpression.plainNumbers(spec.bound()), tolerance(spec), exact(m), variables());
    }
  }
}
