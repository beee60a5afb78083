package org.mixproof.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.mixproof.law.SeparableLaw;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.sampler.TimeGrid;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A separable-law run (docs/claims.md §5.3): an isotropic mixture in d = 10⁴ with k = 3 components whose
 * means lie on a random line, N = 1000 steps of vp-linear from N(0, I) to δ = 10⁻³, grid law on 2000
 * cells (and 1000 for the error estimate) ⊗ the exact Gaussian law, then KL, W2 and the TV bracket
 * against p_δ. Goal: under 10 s.
 *
 * <p>{@code mvn -B -Pbench package -DskipTests && java -jar target/benchmarks.jar SamplerBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class SamplerBenchmark {

  @Param({"em", "ode-heun"})
  public String scheme;

  final int d = 10_000;
  final NoiseSchedule schedule = Schedules.parse("vp-linear:0.1,20");
  final TimeGrid grid = TimeGrid.uniform(1, 1e-3, 1000);
  SeparableLaw law;

  @org.openjdk.jmh.annotations.Setup
  public void setup() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261122L);
    double[] v = new double[d], off = new double[d];
    double nv = 0;
    for (int j = 0; j < d; j++) {
      v[j] = rng.nextDouble() - 0.5;
      nv += v[j] * v[j];
    }
    for (int j = 0; j < d; j++) v[j] /= Math.sqrt(nv);
    off[1] = 0.3;
    double[] pos = {-2, 0.5, 3};
    double[][] means = new double[3][d];
    for (int i = 0; i < 3; i++) for (int j = 0; j < d; j++) means[i][j] = pos[i] * v[j] + off[j];
    law = SeparableLaw.of(new double[] {0.3, 0.3, 0.4}, means, 0.25);
  }

  @Benchmark
  public SeparableLaw.Errors separableD10kK3N1000() {
    SeparableLaw.Output out = law.propagate(Schemes.parse(scheme), schedule, grid, 0, StartLaw.PRIOR, 2000);
    return law.errors(out, schedule, 1e-3);
  }
}
