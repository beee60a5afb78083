package org.mixproof.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mixproof.density.MixtureDensity;

/**
 * Writes the benchmark problems and Java's batch results as .npy files, so that
 * {@code bench/density_numpy.py} times numpy on the same data and checks its answers against ours.
 *
 * <pre>java -cp target/benchmarks.jar org.mixproof.bench.DensityExport [DIR] [SHAPE...]</pre>
 *
 * <p>Per shape DxK, under DIR (default /tmp/mixproof-bench): {@code DxK/meta.json} and
 * weights (k), means (k,d), covariances (k,d,d), points (n,d), logp (n), score (n,d),
 * hessian (n,d,d), all float64 little-endian.
 */
public final class DensityExport {

  private DensityExport() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/mixproof-bench");
    String[] shapes = args.length > 1
        ? java.util.Arrays.copyOfRange(args, 1, args.length)
        : new String[] {"2x4", "16x8", "64x16"};
    for (String shape : shapes) {
      DensityFixture f = DensityFixture.of(shape);
      Path out = dir.resolve(shape);
      Files.createDirectories(out);
      int d = f.d, k = f.k, n = f.points.numRows;
      MixtureDensity md = f.density;
      MixtureDensity.Batch ls = md.logDensityAndScore(f.points);
      MixtureDensity.Batch sh = md.scoreAndHessian(f.points);

      double[] means = new double[k * d];
      double[] covs = new double[k * d * d];
      for (int i = 0; i < k; i++) {
        for (int r = 0; r < d; r++) {
          means[i * d + r] = f.mixture.meanEntry(i, r);
          for (int c = 0; c < d; c++) covs[(i * d + r) * d + c] = f.mixture.covarianceEntry(i, r, c);
        }
      }
      npy(out.resolve("weights.npy"), f.mixture.weights(), k);
      npy(out.resolve("means.npy"), means, k, d);
      npy(out.resolve("covariances.npy"), covs, k, d, d);
      npy(out.resolve("points.npy"), f.points.data, n, d);
      npy(out.resolve("logp.npy"), ls.logDensity(), n);
      npy(out.resolve("score.npy"), ls.scores().data, n, d);
      npy(out.resolve("score_h.npy"), sh.scores().data, n, d);
      npy(out.resolve("hessian.npy"), sh.hessians().data, n, d, d);

      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("d", d);
      meta.put("k", k);
      meta.put("n", n);
      meta.put("seed", f.seed);
      meta.put("schedule", f.schedule.spec());
      meta.put("t", DensityFixture.T);
      meta.put("a", md.a());
      meta.put("b2", md.b2());
      meta.put("meanRadius", DensityFixture.MEAN_RADIUS);
      meta.put("eigenvalueRange", new double[] {DensityFixture.EIG_MIN, DensityFixture.EIG_MAX});
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(out.resolve("meta.json").toFile(), meta);
      System.out.println("wrote " + out + " (d=" + d + ", k=" + k + ", n=" + n + ", seed=" + f.seed + ")");
    }
  }

  /** A float64 little-endian C-order .npy file (format version 1.0). */
  static void npy(Path file, double[] data, int... shape) throws IOException {
    StringBuilder dims = new StringBuilder();
    long count = 1;
    for (int s : shape) {
      dims.append(s).append(", ");
      count *= s;
    }
    if (count != data.length && count > data.length) {
      throw new IllegalArgumentException("shape needs " + count + " values, data has " + data.length);
    }
    String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int total = 10 + header.length() + 1;
    int pad = (64 - total % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
         DataOutputStream out = new DataOutputStream(os)) {
      out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      out.write(header.length() & 0xff);
      out.write(header.length() >>> 8);
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      for (long e = 0; e < count; e++) out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(data[(int) e])));
    }
  }
}
