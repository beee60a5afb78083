package org.mixproof.law;

import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * The exact TV between N(0, v I_m) and N(0, λ I_m): both laws depend on y only through S = ‖y‖², which is
 * therefore sufficient for the pair, so TV equals the TV of S ~ v χ²_m against λ χ²_m, i.e. Gamma(m/2, 2v)
 * against Gamma(m/2, 2λ). Their densities cross once, at s* = m v λ ln(v/λ)/(v − λ), so
 * TV = |F_v(s*) − F_λ(s*)|. As the TV of a marginal (the block of the separable law's m identical
 * zero-mean coordinates) it is a lower bound on the TV of the whole law.
 */
public final class ScaledChiSquare {

  private ScaledChiSquare() {}

  public static double tv(int m, double v, double lambda) {
    if (m < 1) throw new IllegalArgumentException("m must be >= 1, was " + m);
    if (!(v > 0) || !(lambda > 0)) throw new IllegalArgumentException("variances must be > 0, were " + v + ", " + lambda);
    if (v == lambda) return 0;
    double r = v / lambda;
    // s*/λ = m r ln r/(r − 1), written with log1p/expm1-free forms that stay accurate for r near 1
    double sOverLambda = m * r * Math.log(r) / (r - 1);
    double fv = GammaDistribution.of(0.5 * m, 2).cumulativeProbability(sOverLambda / r);
    double fl = GammaDistribution.of(0.5 * m, 2).cumulativeProbability(sOverLambda);
    return Math.min(1, Math.abs(fv - fl));
  }
}
