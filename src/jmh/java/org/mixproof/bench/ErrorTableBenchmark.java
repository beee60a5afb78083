package org.mixproof.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mixproof.law.ErrorTable;
import org.mixproof.law.GaussianLaw;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.schedule.Schedules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole CIFAR-10 error table of {@code mixproof errors --spectrum cifar10}: 6 schemes (em, ei,
 * ddpm, ode-euler, ode-heun, ode-rk4) × 4 ε × NFE {50, 250, 500, 1000} × 2 starts, with W2 against
 * p_ε and p_0, KL and the TV bracket. Compare with {@code bench/pg24_errors_numpy.py} (the same
 * recursions in vectorised numpy) on the same machine.
 *
 * <p>{@code mvn -B -Pbench package -DskipTests && java -jar target/benchmarks.jar ErrorTableBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ErrorTableBenchmark {

  final GaussianLaw cifar = GaussianLaw.ofSpectrum(Spectrum.cifar10());
  final ErrorTable.Config config = new ErrorTable.Config(Schedules.parse("vp-linear:0.1,20"), 1.0,
      Schemes.parseList("em,ei,ddpm,ode-euler,ode-heun,ode-rk4"), List.of(50, 250, 500, 1000),
      ErrorTable.Budget.NFE, List.of(0.0, 1e-5, 1e-4, 1e-3), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0,
      ErrorTable.GridKind.UNIFORM);

  @Benchmark
  public List<ErrorTable.Row> cifar10ErrorTable() {
    return ErrorTable.gaussian(cifar, config);
  }
}
