package org.mixproof.bench;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.mixproof.density.MixtureDensity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link MixtureDensity} at t = 0.5 (vp-ou) on the seeded problem of {@link DensityFixture}:
 * log-density + score and score + Hessian, one point at a time (cycling through the 10,000 batch
 * points) and for the whole 10,000-point batch (which runs on every core of the common pool).
 *
 * <p>Single points go through the public API: {@code score(x)} evaluates log p (the log-sum-exp) and
 * the score in one pass and returns a copy of the score; {@code hessian(x)} evaluates the score and
 * the Hessian and returns it as a fresh d×d array.
 *
 * <pre>mvn -B -Pbench package -DskipTests &amp;&amp; java -jar target/benchmarks.jar DensityBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DensityBenchmark {

  /** d x k. */
  @Param({"2x4", "16x8", "64x16"})
  public String shape;

  private MixtureDensity density;
  private DMatrixRMaj batch;
  private double[][] rows;
  private int next;

  @Setup
  public void setUp() {
    DensityFixture f = DensityFixture.of(shape);
    density = f.density;
    batch = f.points;
    rows = new double[batch.numRows][];
    for (int p = 0; p < rows.length; p++) rows[p] = f.point(p);
    next = 0;
  }

  private double[] nextPoint() {
    double[] x = rows[next];
    next = next + 1 == rows.length ? 0 : next + 1;
    return x;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void pointLogDensityScore(Blackhole bh) {
    bh.consume(density.score(nextPoint()));
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void pointScoreHessian(Blackhole bh) {
    bh.consume(density.hessian(nextPoint()));
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public MixtureDensity.Batch batchLogDensityScore() {
    return density.logDensityAndScore(batch);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public MixtureDensity.Batch batchScoreHessian() {
    return density.scoreAndHessian(batch);
  }
}
