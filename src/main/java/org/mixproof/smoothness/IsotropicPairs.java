package org.mixproof.smoothness;

import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.GaussianMixture;

/**
 * The covariance term of H for isotropic components Σ_i(t) = v_i I, bounded over all of R^d.
 *
 * <p>Cov_w(s_i) = ½ Σ_{i,j} w_i w_j (s_i − s_j)(s_i − s_j)ᵀ, so λmax ≤ Σ_{i<j} w_i w_j ‖s_i − s_j‖², and
 * w_i w_j ≤ min(w_i, w_j)/max(w_i, w_j) = e^{−|ℓ_i − ℓ_j|}. With c = 1/v_i − 1/v_j ≠ 0 and
 * y = x − b/c (b = m_i/v_i − m_j/v_j, m_i = a μ_i): s_i − s_j = −c y and ℓ_i − ℓ_j = −½ c ‖y‖² + K,
 * so with ρ = ‖y‖², α = |c|/2, K'' = sign(c) K, the pair term is at most
 * sup_ρ c² ρ e^{−|αρ − K''|} = 2|c| · (K'' < 1 ? e^{K''−1} : K''). For c = 0 (equal variances)
 * s_i − s_j = b is constant and w_i w_j ≤ ¼. Pairs with a zero weight contribute nothing.
 */
final class IsotropicPairs {

  private IsotropicPairs() {}

  static double covarianceBound(MixtureDensity p) {
    GaussianMixture m = p.mixture();
    int d = p.dimension(), k = p.components();
    double a = p.a();
    double[] v = new double[k];
    for (int i = 0; i < k; i++) v[i] = a * a * m.covarianceEntry(i, 0, 0) + p.b2();
    double total = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        if (m.weight(i) == 0 || m.weight(j) == 0) continue;
        double c = 1 / v[i] - 1 / v[j];
        double b2 = 0, mi2 = 0, mj2 = 0;
        for (int r = 0; r < d; r++) {
          double mi = a * m.meanEntry(i, r), mj = a * m.meanEntry(j, r);
          double br = mi / v[i] - mj / v[j];
          b2 += br * br;
          mi2 += mi * mi;
          mj2 += mj * mj;
        }
        if (c == 0) {
          total += 0.25 * b2;
          continue;
        }
        double k0 = Math.log(m.weight(i) / m.weight(j)) - 0.5 * d * Math.log(v[i] / v[j])
            - 0.5 * (mi2 / v[i] - mj2 / v[j]) + b2 / (2 * c);
        double kk = Math.signum(c) * k0;
        total += 2 * Math.abs(c) * (kk < 1 ? Math.exp(kk - 1) : kk);
      }
    }
    return total;
  }
}
