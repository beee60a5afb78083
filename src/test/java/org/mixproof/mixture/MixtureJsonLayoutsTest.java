package org.mixproof.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scikit-learn's four {@code covariance_type} layouts, its attribute names, metadata keys, witness
 * documents and non-finite numbers. Every expected mixture is written out by hand from the layout's
 * definition (tied: one matrix repeated; diag: diag(v_i); spherical: σ_i² I), never read back from the
 * code under test.
 */
class MixtureJsonLayoutsTest {

  static final double[] W2 = {0.25, 0.75};
  static final double[][] MU2x2 = {{0, 1}, {-2, 3}};

  static MixtureJson.Loaded load(String json) {
    return MixtureJson.loadText(json, "m.json");
  }

  static String rejected(String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(json));
    return e.getMessage();
  }

  static void contains(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), () -> "message should contain '" + p + "' but was: " + message);
  }

  @Test
  void fullLayoutIsOneMatrixPerComponent() {
    MixtureJson.Loaded l = load("{\"weights\": [0.25, 0.75], \"means\": [[0, 1], [-2, 3]],"
        + " \"covariances\": [[[2, 0.5], [0.5, 1]], [[1, 0], [0, 4]]]}");
    GaussianMixture expected = GaussianMixture.of(W2, MU2x2,
        new double[][][] {{{2, 0.5}, {0.5, 1}}, {{1, 0}, {0, 4}}});
    assertEquals(expected, l.mixture());
    assertEquals(CovarianceLayout.FULL, l.layout());
    assertTrue(l.layoutInferred());
    assertFalse(l.sklearnNames());
    assertEquals(List.of(), l.ignoredKeys());
    assertFalse(l.fromWitness());
  }

  @Test
  void tiedLayoutRepeatsOneMatrixForEveryComponent() {
    // k = 3, d = 2: a 2×2 array can only be tied (diag would be 3×2)
    MixtureJson.Loaded l = load("{\"weights\": [0.5, 0.25, 0.25], \"means\": [[0, 0], [1, 0], [0, 1]],"
        + " \"covariances\": [[2, -0.5], [-0.5, 1]]}");
    double[][] c = {{2, -0.5}, {-0.5, 1}};
    GaussianMixture expected = GaussianMixture.of(new double[] {0.5, 0.25, 0.25},
        new double[][] {{0, 0}, {1, 0}, {0, 1}}, new double[][][] {c, c, c});
    assertEquals(expected, l.mixture());
    assertEquals(CovarianceLayout.TIED, l.layout());
  }

  @Test
  void diagLayoutEqualsTheFullLayoutWithDiagonalMatrices() {
    // k = 2, d = 3: a 2×3 array can only be diag
    MixtureJson.Loaded diag = load("{\"weights\": [0.25, 0.75], \"means\": [[0, 0, 0], [1, 1, 1]],"
        + " \"covariances\": [[1, 2, 3], [0.5, 0, 7]]}");
    MixtureJson.Loaded full = load("{\"weights\": [0.25, 0.75], \"means\": [[0, 0, 0], [1, 1, 1]],"
        + " \"covariances\": [[[1, 0, 0], [0, 2, 0], [0, 0, 3]], [[0.5, 0, 0], [0, 0, 0], [0, 0, 7]]]}");
    assertEquals(CovarianceLayout.DIAG, diag.layout());
    assertEquals(full.mixture(), diag.mixture());
    assertEquals(0.0, diag.mixture().covarianceEntry(1, 1, 1)); // a zero variance is allowed (singular data)
    assertEquals(0.0, diag.mixture().covarianceEntry(0, 0, 1));
  }

  @Test
  void sphericalLayoutIsSigmaSquaredTimesIdentity() {
    MixtureJson.Loaded l = load("{\"weights\": [0.25, 0.75], \"means\": [[0, 1], [-2, 3]], \"covariances\": [0.5, 3]}");
    GaussianMixture expected = GaussianMixture.of(W2, MU2x2,
        new double[][][] {{{0.5, 0}, {0, 0.5}}, {{3, 0}, {0, 3}}});
    assertEquals(expected, l.mixture());
    assertEquals(CovarianceLayout.SPHERICAL, l.layout());
  }

  @Test
  void scikitLearnAttributeNamesAndCovarianceTypeReadTheSameMixture() {
    // what json.dump({"covariance_type": ..., "weights_": g.weights_.tolist(), ...}) writes
    MixtureJson.Loaded sk = load("{\"covariance_type\": \"spherical\", \"weights_\": [0.25, 0.75],"
        + " \"means_\": [[0.0, 1.0], [-2.0, 3.0]], \"covariances_\": [0.5, 3.0]}");
    assertTrue(sk.sklearnNames());
    assertFalse(sk.layoutInferred());
    assertEquals(CovarianceLayout.SPHERICAL, sk.layout());
    assertEquals(GaussianMixture.of(W2, MU2x2, new double[][][] {{{0.5, 0}, {0, 0.5}}, {{3, 0}, {0, 3}}}), sk.mixture());
    // the strict reader takes sklearn's names too
    assertEquals(sk.mixture(), MixtureJson.parse("{\"weights_\": [0.25, 0.75], \"means_\": [[0.0, 1.0], [-2.0, 3.0]],"
        + " \"covariances_\": [0.5, 3.0]}", "m.json"));
  }

  @Test
  void covarianceTypeDecidesASquareArrayWhenKEqualsD() {
    String base = "{\"weights\": [0.25, 0.75], \"means\": [[0, 1], [-2, 3]], \"covariances\": [[2, 1], [1, 3]]";
    GaussianMixture tied = load(base + ", \"covariance_type\": \"tied\"}").mixture();
    GaussianMixture diag = load(base + ", \"covariance_type\": \"diag\"}").mixture();
    double[][] c = {{2, 1}, {1, 3}};
    assertEquals(GaussianMixture.of(W2, MU2x2, new double[][][] {c, c}), tied);
    assertEquals(GaussianMixture.of(W2, MU2x2, new double[][][] {{{2, 0}, {0, 1}}, {{1, 0}, {0, 3}}}), diag);
    // without the key the shape 2×2 fits both: an error that names both readings and the key to add
    String m = rejected(base + "}");
    contains(m, "m.json:1:", "covariances is a 2×2 array", "\"tied\"", "\"diag\"", "k = d = 2", "\"covariance_type\"");
  }

  @Test
  void oneComponentInOneDimensionIsNotAmbiguous() {
    // [[v]] read as tied (1×1) or as diag (k×d = 1×1) is the same N(μ, v)
    assertEquals(GaussianMixture.gaussian(new double[] {3}, new double[][] {{2}}),
        load("{\"weights\": [1], \"means\": [[3]], \"covariances\": [[2]]}").mixture());
  }

  @Test
  void oneDimensionalLayouts() {
    // d = 1, k = 2: full 2×1×1, tied 1×1, diag 2×1 and spherical 2 are told apart by shape alone
    String head = "{\"weights\": [0.5, 0.5], \"means\": [[-1], [1]], \"covariances\": ";
    GaussianMixture twoVariances = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-1}, {1}},
        new double[][][] {{{1}}, {{4}}});
    GaussianMixture oneVariance = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-1}, {1}},
        new double[][][] {{{4}}, {{4}}});
    assertEquals(twoVariances, load(head + "[[[1]], [[4]]]}").mixture());
    assertEquals(twoVariances, load(head + "[[1], [4]]}").mixture());
    assertEquals(twoVariances, load(head + "[1, 4]}").mixture());
    assertEquals(oneVariance, load(head + "[[4]]}").mixture());
    assertEquals(CovarianceLayout.TIED, load(head + "[[4]]}").layout());
    assertEquals(CovarianceLayout.DIAG, load(head + "[[1], [4]]}").layout());
  }

  @Test
  void shapesThatFitNoLayoutOrContradictTheTypeAreNamed() {
    String m = rejected("{\"weights\": [0.5, 0.5], \"means\": [[0, 0, 0], [1, 1, 1]], \"covariances\": [[1, 2], [2, 1]]}");
    contains(m, "covariances has shape 2×2", "k = 2 components in d = 3 dimensions",
        "full k×d×d = 2×3×3", "tied d×d = 3×3", "diag k×d = 2×3", "spherical k = 2");
    m = rejected("{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]], \"covariances\": [[1, 0], [0, 1]],"
        + " \"covariance_type\": \"full\"}");
    contains(m, "covariances has shape 2×2", "covariance_type \"full\" needs k×d×d = 2×2×2");
    m = rejected("{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]], \"covariances\": [1, 1],"
        + " \"covariance_type\": \"round\"}");
    contains(m, "covariance_type must be one of \"full\", \"tied\", \"diag\", \"spherical\"", "the string \"round\"");
    m = rejected("{\"weights\": [0.25, 0.25, 0.5], \"means\": [[0], [1], [2]], \"covariances\": [1, 1]}");
    contains(m, "covariances has 2 entries", "spherical", "k = 3");
    m = rejected("{\"weights\": [0.5, 0.5], \"means\": [-1, 1], \"covariances\": [1, 1]}");
    contains(m, "means must be k×d", "[[μ_1], [μ_2], ...]");
  }

  @Test
  void negativeVariancesAreNamedInTheFilesOwnIndexing() {
    contains(rejected("{\"weights\": [0.5, 0.5], \"means\": [[0, 0, 0], [1, 1, 1]], \"covariances\": [[1, 1, 1], [1, -2, 1]]}"),
        "covariances[1][1] is -2.0; a variance must be non-negative");
    contains(rejected("{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]], \"covariances_\": [1, -0.5]}"),
        "covariances_[1] is -0.5; a variance must be non-negative");
    // a tied matrix is one matrix, named without a component index; eigenvalues of [[1, 2], [2, 1]] are −1, 3
    contains(rejected("{\"weights\": [0.5, 0.5], \"means\": [[0, 0], [1, 1]], \"covariances_\": [[1, 2], [2, 1]],"
        + " \"covariance_type\": \"tied\"}"), "m.json: covariances_ is not positive semi-definite: eigenvalue 0 (ascending) is -1.0");
    // validation by GaussianMixture speaks the file's names
    contains(rejected("{\"weights_\": [0.5, 0.6], \"means_\": [[0], [1]], \"covariances_\": [1, 1]}"),
        "m.json: weights_ must sum to 1");
  }

  @Test
  void unknownKeysAreReturnedByLoadAndRejectedByRead(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sk.json");
    Files.writeString(f, "{\"covariance_type\": \"diag\", \"weights_\": [0.5, 0.5], \"means_\": [[0.0, 0.0], [1.0, 1.0]],"
        + " \"covariances_\": [[1.0, 2.0], [3.0, 4.0]], \"n_iter_\": 7, \"converged_\": true, \"note\": {\"by\": \"me\"}}");
    MixtureJson.Loaded l = MixtureJson.load(f);
    assertEquals(List.of("n_iter_", "converged_", "note"), l.ignoredKeys());
    assertEquals(GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1, 1}},
        new double[][][] {{{1, 0}, {0, 2}}, {{3, 0}, {0, 4}}}), l.mixture());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MixtureJson.read(f));
    contains(e.getMessage(), f + ":1:", "unknown key \"n_iter_\"", "\"converged_\"", "\"note\"");
  }

  @Test
  void aMisspelledKeyIsNamedBesideTheMissingOne() {
    String m = rejected("{\"weight\": [1], \"means\": [[0]], \"covariances\": [1]}");
    contains(m, "missing key 'weights'", "'weights_'", "keys not read: \"weight\"");
    contains(rejected("{\"weights\": [1], \"weights_\": [1], \"means\": [[0]], \"covariances\": [1]}"),
        "has both \"weights\" and scikit-learn's \"weights_\"");
    contains(rejected("{\"n_components\": 2}"), "m.json:1:1: not a mixture", "\"n_components\"");
  }

  /**
   * Python's json.dump writes float('nan') as NaN and ±inf as Infinity / -Infinity. Each is named by key
   * and index, with the position counted by hand: line 3 is {@code   "means": [[0.0], [NaN]],}, whose N is
   * the 21st character.
   */
  @Test
  void nonFiniteNumbersAreNamedByKeyIndexLineAndColumn() {
    String text = "{\n  \"weights\": [0.5, 0.5],\n  \"means\": [[0.0], [NaN]],\n  \"covariances\": [1.0, 1.0]\n}\n";
    assertEquals("m.json:3:21: means[1][0] is NaN; a mixture needs finite numbers", rejected(text));
    assertEquals("m.json:4:24: covariances[1] is Infinity; a mixture needs finite numbers",
        rejected(text.replace("NaN", "1.0").replace("[1.0, 1.0]", "[1.0, Infinity]")));
    assertEquals("m.json:2:15: weights[0] is -Infinity; a mixture needs finite numbers",
        rejected(text.replace("NaN", "1.0").replace("[0.5, 0.5]", "[-Infinity, 0.5]")));
    // sklearn's names, full layout, inside a witness's "mixture"
    assertEquals("m.json:1:95: mixture.covariances_[0][1][1] is NaN; a mixture needs finite numbers",
        rejected("{\"claim\": \"c\", \"mixture\": {\"weights_\": [1], \"means_\": [[0, 0]], \"covariances_\": [[[1, 0], [0, NaN]]]}}"));
    // other spellings: a number too large for a double, a quoted "NaN", Python's str(float) 'nan'
    contains(rejected(text.replace("NaN", "1e999")), "m.json:3:21: means[1][0] is 1e999, beyond the range of a double");
    contains(rejected(text.replace("NaN", "\"NaN\"")), "means[1][0] is the string \"NaN\"; a mixture needs finite numbers");
    contains(rejected(text.replace("NaN", "nan")), "m.json:3:", "nan is not a JSON number", "NaN, Infinity and -Infinity");
    // no parser jargon
    assertFalse(rejected(text).contains("ALLOW_NON_NUMERIC_NUMBERS"));
    assertFalse(rejected(text.replace("NaN", "nan")).contains("Unrecognized token"));
  }

  /** Syntax errors keep file:line:column (column = the offending character, counted by hand) in plain words. */
  @Test
  void syntaxErrorsGiveLineAndColumnInPlainWords() {
    String ok = "{\"weights\": [1], \"means\": [[0]], \"covariances\": [1]}";
    // the '}' after the trailing comma is character 53
    assertEquals("m.json:1:53: a key was expected, found '}': JSON allows no comma before '}'",
        rejected(ok.replace("[1]}", "[1],}")));
    // "weights": [1,] -- the ']' is character 16
    assertEquals("m.json:1:16: a value was expected, found ']': JSON allows no comma before ']'",
        rejected(ok.replace("[1],", "[1,],")));
    contains(rejected(ok.substring(0, ok.length() - 1)), "m.json:1:", "the file ends before an object is closed with '}'");
    contains(rejected(ok.replace("\"weights\"", "'weights'")), "m.json:1:2: ", "single quote");
    for (String m : new String[] {rejected(ok.replace("[1]}", "[1],}")), rejected(ok.substring(0, ok.length() - 1))}) {
      assertFalse(m.contains("code 125") || m.contains("Source:") || m.contains("field name"), m);
    }
  }

  @Test
  void aWitnessDocumentIsReadThroughItsMixtureObject() {
    MixtureJson.Loaded l = load("{\"claim\": \"lipschitz.x\", \"schedule\": \"vp-ou\", \"t\": 0.1, \"point\": [1, 2],"
        + " \"variables\": {\"beta\": \"Infinity\"}, \"mixture\": {\"weights\": [1], \"means\": [[1, 2]],"
        + " \"covariances\": [[[1, 0], [0, 1]]]}}");
    assertTrue(l.fromWitness());
    assertEquals("lipschitz.x", l.witness().get("claim").asText());
    assertEquals(List.of(), l.ignoredKeys());
    assertEquals(GaussianMixture.gaussian(new double[] {1, 2}, new double[][] {{1, 0}, {0, 1}}), l.mixture());
    // a plain mixture has no witness
    assertNull(load("{\"weights\": [1], \"means\": [[0]], \"covariances\": [1]}").witness());
  }

  @Test
  void bytesThatAreNotUtf8AreNamedWithTheirLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.json");
    byte[] head = "{\"weights\": [1],\n\"means\": [[0]], \"covariances\": [1], \"note\": \"caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
    bytes[head.length] = (byte) 0xE9; // é in Latin-1
    bytes[head.length + 1] = '"';
    bytes[head.length + 2] = '}';
    Files.write(f, bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MixtureJson.load(f));
    contains(e.getMessage(), f + ":2: byte 0xE9 (offset " + head.length + ") is not UTF-8");
    // a UTF-8 byte-order mark is dropped
    Path bom = dir.resolve("bom.json");
    Files.writeString(bom, "\uFEFF{\"weights\": [1], \"means\": [[0]], \"covariances\": [1]}");
    assertEquals(GaussianMixture.gaussian(new double[] {0}, new double[][] {{1}}), MixtureJson.read(bom));
  }

  @Test
  void writingStaysFullWithOurKeysAndReadsBack() {
    GaussianMixture m = load("{\"weights\": [0.25, 0.75], \"means\": [[0, 1], [-2, 3]], \"covariances\": [0.5, 3]}").mixture();
    String json = MixtureJson.toJson(m);
    assertTrue(json.contains("\"covariances\" : [ [ [ 0.5, 0.0 ], [ 0.0, 0.5 ] ]"), json);
    assertEquals(m, MixtureJson.parse(json, "round-trip"));
  }
}
