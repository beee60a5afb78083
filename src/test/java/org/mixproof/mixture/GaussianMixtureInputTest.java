package org.mixproof.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/claims.md §7 ({@code input.*}) for mixtures and their JSON form: each bad input, each named message. */
class GaussianMixtureInputTest {

  static final double[][] I1 = {{1}};
  static final double[][] I2 = {{1, 0}, {0, 1}};

  static void rejected(String mustContain, Runnable construct) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
    assertTrue(e.getMessage().contains(mustContain),
        () -> "message should contain '" + mustContain + "' but was: " + e.getMessage());
  }

  @Test
  void inputWeightsNegativeNanOrInfinite() {
    for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      rejected("weights[1] must be finite and non-negative, was " + bad,
          () -> GaussianMixture.of(new double[] {0.5, bad}, new double[][] {{0}, {1}}, new double[][][] {I1, I1}));
      rejected("weights[1] must be finite and non-negative, was " + bad,
          () -> GaussianMixture.normalized(new double[] {0.5, bad}, new double[][] {{0}, {1}}, new double[][][] {I1, I1}));
    }
  }

  @Test
  void inputWeightsNotSummingToOne() {
    double off = 1 + 1e-11; // beyond the 1e-12 tolerance of docs/claims.md §7
    rejected("sum was " + (0.5 + (off - 0.5)),
        () -> GaussianMixture.of(new double[] {0.5, off - 0.5}, new double[][] {{0}, {1}}, new double[][][] {I1, I1}));
    // within 1e-12 is accepted as it is; normalized(...) rescales explicitly
    GaussianMixture ok = GaussianMixture.of(new double[] {0.5, 0.5 + 5e-13}, new double[][] {{0}, {1}}, new double[][][] {I1, I1});
    assertEquals(0.5 + 5e-13, ok.weight(1));
    GaussianMixture n = GaussianMixture.normalized(new double[] {1, 3}, new double[][] {{0}, {1}}, new double[][][] {I1, I1});
    assertArrayEquals(new double[] {0.25, 0.75}, n.weights());
    rejected("positive finite sum",
        () -> GaussianMixture.normalized(new double[] {0, 0}, new double[][] {{0}, {1}}, new double[][][] {I1, I1}));
  }

  @Test
  void inputNoComponents() {
    rejected("k (number of components) must be at least 1, was 0",
        () -> GaussianMixture.of(new double[0], new double[0][], new double[0][][]));
    rejected("k (number of components) must be at least 1, was 0",
        () -> GaussianMixture.normalized(new double[0], new double[0][], new double[0][][]));
  }

  @Test
  void inputDimensionMismatches() {
    rejected("means has 1 components but weights has k = 2",
        () -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0}}, new double[][][] {I1, I1}));
    rejected("covariances has 1 components but weights has k = 2",
        () -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0}, {1}}, new double[][][] {I1}));
    rejected("means[1] has dimension 2 but means[0] has d = 1",
        () -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0}, {1, 2}}, new double[][][] {I1, I1}));
    rejected("covariances[1] has 2 rows but d = 1",
        () -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0}, {1}}, new double[][][] {I1, I2}));
    rejected("covariances[0] row 1 has 1 entries but d = 2",
        () -> GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0}}));
    rejected("dimension d must be at least 1",
        () -> GaussianMixture.gaussian(new double[0], new double[0][]));
  }

  @Test
  void inputNonFiniteMeansAndCovariances() {
    rejected("means[0][1] must be finite, was NaN",
        () -> GaussianMixture.gaussian(new double[] {0, Double.NaN}, I2));
    rejected("covariances[0][1][1] must be finite, was Infinity",
        () -> GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}}));
  }

  @Test
  void inputNonSymmetricCovariance() {
    rejected("covariances[1] is not symmetric: entry [0][1] = 0.5 but [1][0] = 0.4",
        () -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1, 1}},
            new double[][][] {I2, {{1, 0.5}, {0.4, 1}}}));
  }

  @Test
  void inputCovarianceNotPositiveSemidefiniteNamesTheEigenvalue() {
    // eigenvalues of [[1, 2], [2, 1]] are −1 and 3
    rejected("covariances[0] is not positive semi-definite: eigenvalue 0 (ascending) is -1.0",
        () -> GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}));
  }

  @Test
  void singularCovarianceIsAcceptedAsData() {
    GaussianMixture line = GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 1}, {1, 1}});
    assertTrue(line.isSingular());
    assertEquals(0.0, line.lambdaMin());
    assertEquals(2.0, line.lambdaMax(), 4 * Math.ulp(2.0));
  }

  @Test
  void negativeZeroEntriesMakeEqualMixtures() {
    assertEquals(GaussianMixture.gaussian(new double[] {0, 0}, I2),
        GaussianMixture.gaussian(new double[] {-0.0, 0}, new double[][] {{1, -0.0}, {-0.0, 1}}));
  }

  @Test
  void accessorsReturnCopies() {
    GaussianMixture m = GaussianMixture.gaussian(new double[] {1, 2}, I2);
    m.mean(0)[0] = 99;
    m.means()[0][0] = 99;
    m.covariance(0)[0][0] = 99;
    m.covariances()[0][0][0] = 99;
    m.weights()[0] = 99;
    assertEquals(GaussianMixture.gaussian(new double[] {1, 2}, I2), m);
  }

  // ---- JSON

  @Test
  void jsonRoundTripIsExact() {
    GaussianMixture m = GaussianMixture.normalized(new double[] {1, 2},
        new double[][] {{0.1, -3}, {Math.PI, 1e-300}}, new double[][][] {I2, {{2, 0.3}, {0.3, 1.0 / 3}}});
    assertEquals(m, MixtureJson.parse(MixtureJson.toJson(m), "round-trip"));
  }

  @Test
  void jsonFromScikitLearnShape(@TempDir Path dir) throws Exception {
    // what json.dump({"weights": g.weights_.tolist(), ...}) writes: one line, full covariances
    Path f = dir.resolve("sk.json");
    Files.writeString(f, "{\"weights\": [0.3, 0.7], \"means\": [[0.0, 1.0], [2.0, -1.0]], "
        + "\"covariances\": [[[1.0, 0.1], [0.1, 2.0]], [[0.5, 0.0], [0.0, 0.5]]]}");
    GaussianMixture m = MixtureJson.read(f);
    assertEquals(2, m.dimension());
    assertEquals(2, m.components());
    assertEquals(0.1, m.covarianceEntry(0, 1, 0));
  }

  @Test
  void inputMalformedJsonNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\n  \"weights\": [1],\n  \"means\": [[0]],\n  \"covariances\": [[[1]]],\n}\n");
    rejected(f + ":5:1", () -> MixtureJson.read(f)); // the stray "}" opens line 5
    Files.writeString(f, "{\n  \"weights\": [1],\n  \"means\": [[0]]\n}\n");
    rejected("'covariances'", () -> MixtureJson.read(f));
    rejected(f + ":4:", () -> MixtureJson.read(f));
    Files.writeString(f, "{\"weights\": [1], \"means\": [[0]], \"covariances\": [[[1]]], \"extra\": 1}");
    rejected("\"extra\"", () -> MixtureJson.read(f));
    Files.writeString(f, "{\"weights\": [1], \"means\": [[\"zero\"]], \"covariances\": [[[1]]]}");
    rejected(f + ":1:", () -> MixtureJson.read(f));
    Files.writeString(f, "{\"weights\": [0.5, 0.6], \"means\": [[0], [1]], \"covariances\": [[[1]], [[1]]]}");
    rejected(f + ": weights must sum to 1", () -> MixtureJson.read(f));
    rejected("does not exist", () -> MixtureJson.read(dir.resolve("missing.json")));
  }
}
