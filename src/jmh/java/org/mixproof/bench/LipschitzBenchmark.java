package org.mixproof.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.mixproof.density.MixtureDensity;
import org.mixproof.generators.CovarianceFamily;
import org.mixproof.generators.GreedyShrinker;
import org.mixproof.generators.Mixtures;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.VpOu;
import org.mixproof.smoothness.Domain;
import org.mixproof.smoothness.LipschitzResult;
import org.mixproof.smoothness.LipschitzSearch;
import org.mixproof.smoothness.Rounding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3's speed goals: the Lipschitz search for d = 8, k = 6 on a ball, to a converged maximum
 * (checked in setup: within 1e-6 of a run with ten times the starts and budget), and the
 * lipschitz.global-unequal witness found from random mixtures and shrunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class LipschitzBenchmark {

  MixtureDensity p;
  Domain ball;

  @Setup
  public void setup() {
    Random rnd = new Random(20261122);
    int d = 8, k = 6;
    double[] w = new double[k];
    double[][] mu = new double[k][d];
    double[][][] cov = new double[k][][];
    for (int i = 0; i < k; i++) {
      w[i] = 0.5 + rnd.nextDouble();
      for (int j = 0; j < d; j++) mu[i][j] = 1.5 * rnd.nextGaussian();
      cov[i] = randomSpd(rnd, d, 100);
    }
    p = MixtureDensity.at(GaussianMixture.normalized(w, mu, cov), new VpOu(), 0.3);
    ball = Domain.ball(5);
    double quick = new LipschitzSearch(1).search(p, ball).value();
    double longer = new LipschitzSearch(1, 10 * LipschitzSearch.DEFAULT_RANDOM_STARTS,
        10 * LipschitzSearch.DEFAULT_POLISHED, 10 * LipschitzSearch.DEFAULT_POLISH_BUDGET).search(p, ball).value();
    System.out.printf("%nd = 8, k = 6 search: %.15g; 10x longer run: %.15g; relative gap %.3g%n",
        quick, longer, (longer - quick) / longer);
    if (longer - quick > 1e-6 * longer) throw new IllegalStateException("search not converged");
  }

  @Benchmark
  public LipschitzResult searchD8K6() {
    return new LipschitzSearch(1).search(p, ball);
  }

  @Benchmark
  public GaussianMixture globalUnequalFoundAndShrunk() {
    Arbitrary<GaussianMixture> mixtures = Mixtures.builder().dimensions(1, 4).components(1, 4)
        .families(CovarianceFamily.FULL, CovarianceFamily.DIAGONAL).conditionNumber(1, 100)
        .scale(0.5, 2).meanRadius(3).weightFloor(0.05).build();
    GaussianMixture w = GreedyShrinker.minimalCounterexample(mixtures, 1, m -> {
      MixtureDensity q = MixtureDensity.at(m, new VpOu(), 0.1);
      double lo = q.lambdaMin(), a = q.a(), r = m.meanRadius();
      double proposed = 10 * Math.max(1 / lo, a * a * r * r / (lo * lo) - 1 / q.lambdaMax());
      return !Rounding.confirmedViolation(q, new LipschitzSearch(1).search(q, Domain.global()), proposed);
    }).value();
    if (w.dimension() != 2 || w.components() != 2) throw new IllegalStateException("unexpected witness " + w);
    return w;
  }

  public static double[][] randomSpdPublic(Random rnd, int d, double cond) { return randomSpd(rnd, d, cond); }

  static double[][] randomSpd(Random rnd, int d, double cond) {
    DMatrixRMaj g = new DMatrixRMaj(d, d);
    for (int i = 0; i < d * d; i++) g.data[i] = rnd.nextGaussian();
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
    qr.decompose(g);
    DMatrixRMaj q = qr.getQ(null, false);
    double[][] out = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c <= r; c++) {
        double v = 0;
        for (int j = 0; j < d; j++) v += q.get(r, j) * Math.pow(cond, (double) j / (d - 1)) * q.get(c, j);
        out[r][c] = v;
        out[c][r] = v;
      }
    }
    return out;
  }
}
