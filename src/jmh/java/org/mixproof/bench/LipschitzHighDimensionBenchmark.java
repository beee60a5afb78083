package org.mixproof.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.schedule.Schedules;
import org.mixproof.smoothness.Domain;
import org.mixproof.smoothness.LipschitzResult;
import org.mixproof.smoothness.LipschitzSearch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15's high-dimensional figures of {@code mixproof lipschitz} (README, Performance, "High
 * dimensions"): {@code bin/mixproof lipschitz --mixture M --schedule vp-ou --t 0.1 --json} on the cases of
 * {@code bench/make_lipschitz_case.py}, d = 512, k = 4 with diagonal covariances (goal: within 2 minutes)
 * and d = 3072, k = 4 on the CIFAR-10 spectrum (goal: within 30 minutes). One shot times what the command
 * computes between start-up and printing, through the same library calls: reading the file leniently
 * ({@link MixtureJson#load}), diffusing the mixture ({@link MixtureDensity#at}) and the subspace search over
 * R^d with the command's default seed 1 ({@link LipschitzSearch#search}); no bound of docs/claims.md §3
 * applies to these cases, so the command evaluates none. Not timed: JVM start-up and the output. The
 * supremum, its evaluations and |x| are printed after the shot, to compare with the command's
 * {@code "measured"}. Run from the project root (d = 512 takes about a minute, d = 3072 about 25; the
 * d = 3072 components hold about 4.5 GB of d × d arrays):
 *
 * <pre>
 * python3 bench/make_lipschitz_case.py --d 512 --k 4 --out /tmp/lip/d512.json
 * python3 bench/make_lipschitz_case.py --cifar --k 4 --out /tmp/lip/cifar.json
 * mvn -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar LipschitzHighDimensionBenchmark
 * java -jar target/benchmarks.jar LipschitzHighDimensionBenchmark -p mixture=/tmp/lip/cifar.json
 * </pre>
 *
 * (The parameter is {@code mixture}, as the command's {@code --mixture}: {@code case} is a Java keyword and
 * cannot name a JMH parameter.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class LipschitzHighDimensionBenchmark {

  /** The case file, as the command's {@code --mixture}. */
  @Param({"/tmp/lip/d512.json"})
  public String mixture;

  /** The figures' schedule and time, as the command's {@code --schedule} and {@code --t}. */
  @Param({"vp-ou"})
  public String schedule;

  @Param({"0.1"})
  public double t;

  /** The command's default {@code --seed}. */
  static final long SEED = 1;

  private Path file;
  private LipschitzResult last;

  @Setup(Level.Trial)
  public void setUp() {
    file = Path.of(mixture);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " not found: write the cases first with"
          + " python3 bench/make_lipschitz_case.py --d 512 --k 4 --out /tmp/lip/d512.json"
          + " (d = 512) or python3 bench/make_lipschitz_case.py --cifar --k 4 --out /tmp/lip/cifar.json"
          + " (d = 3072), then pass -p mixture=FILE");
    }
  }

  /** {@code mixproof lipschitz --mixture FILE --schedule vp-ou --t 0.1}: read, diffuse, search R^d. */
  @Benchmark
  public LipschitzResult lipschitz() {
    MixtureDensity p = MixtureDensity.at(MixtureJson.load(file).mixture(), Schedules.parse(schedule), t);
    last = new LipschitzSearch(SEED).search(p, Domain.global());
    return last;
  }

  @TearDown(Level.Trial)
  public void report() {
    if (last == null) return;
    double norm = 0;
    for (double v : last.point()) norm += v * v;
    System.out.printf("%n%s: d = %d, measured sup ||H(x)|| = %s = %.17g (%d evaluations, |x| = %.6g, seed %d)%n",
        mixture, last.point().length, last.value(), last.value(), last.evaluations(), Math.sqrt(norm), last.seed());
  }
}
