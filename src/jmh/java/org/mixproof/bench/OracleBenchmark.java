package org.mixproof.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.oracle.OracleDensity;
import org.mixproof.oracle.OracleEvaluation;
import org.mixproof.schedule.Schedules;
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

/**
 * The oracle's points per second: log-density, weights, score and Hessian at d = 8, k = 4, 60 digits,
 * one thread, cycling through 64 points around the components. The mixture and points are
 * {@code bench/oracle-d8-k4.json} and {@code bench/oracle-d8-k4-points.csv}, shared with
 * {@code bench/oracle_mpmath.py} (same algorithm and working precision in mpmath) for the comparison.
 * Run from the project root:
 *
 * <pre>
 * mvn -B -Pbench package -DskipTests
 * java -jar target/benchmarks.jar OracleBenchmark
 * python3 bench/oracle_mpmath.py --digits 60
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class OracleBenchmark {

  @Param({"60"})
  public int digits;

  /** vp-ou time; the mpmath script uses the same default. */
  @Param({"0.1"})
  public double t;

  private OracleDensity oracle;
  private double[][] points;
  private int next;

  @Setup
  public void setUp() throws IOException {
    Path dir = Path.of(System.getProperty("mixproof.bench.dir", "bench"));
    GaussianMixture m = MixtureJson.read(dir.resolve("oracle-d8-k4.json"));
    oracle = OracleDensity.at(m, Schedules.parse("vp-ou"), t, digits);
    List<double[]> pts = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("oracle-d8-k4-points.csv"))) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) continue;
      String[] parts = s.split(",");
      double[] x = new double[parts.length];
      for (int j = 0; j < parts.length; j++) x[j] = Double.parseDouble(parts[j]);
      pts.add(x);
    }
    points = pts.toArray(new double[0][]);
  }

  /** One point: log p, weights, score and Hessian (what {@code eval --oracle} computes per point). */
  @Benchmark
  public OracleEvaluation evaluate() {
    double[] x = points[next];
    next = (next + 1) % points.length;
    return oracle.evaluate(x);
  }

  /**
   * The same, then log p, weights, score and Hessian converted to apfloat (decimal) at the working
   * precision, as {@code eval --oracle} prints them: what the binary arithmetic saves is not spent
   * again on the way out.
   */
  @Benchmark
  public Object evaluateAsApfloat() {
    double[] x = points[next];
    next = (next + 1) % points.length;
    OracleEvaluation e = oracle.evaluate(x);
    return new Object[] {e.logDensity(), e.weights(), e.score(), e.hessian()};
  }
}
