package org.mixproof.mixture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON text of a mixture in any of scikit-learn's {@code GaussianMixture} layouts
 * ({@link CovarianceLayout}), with mixproof's keys or sklearn's attribute names, and reports every
 * problem in the file's own terms: the file, line and column, and the key and index as written
 * (e.g. {@code m.json:3:14: means_[1][0] is NaN; a mixture needs finite numbers}).
 *
 * <p>The text is parsed once into a tree (bare {@code NaN}, {@code Infinity} and {@code -Infinity},
 * as Python's {@code json.dump} writes them, are accepted by the parser so that they can be named
 * here); a problem's line and column are found by a second, streaming pass to the key's path, only
 * when there is a problem to report.
 */
final class MixtureReader {

  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** mixproof's key and scikit-learn's attribute name for weights, means and covariances. */
  static final String[][] KEYS = {{"weights", "weights_"}, {"means", "means_"}, {"covariances", "covariances_"}};

  static final String TYPE = "covariance_type";

  /** The key of a witness file (or any document) that holds the mixture as an object. */
  static final String CONTAINER = "mixture";

  private static final String LAYOUTS = "full k×d×d, tied d×d, diag k×d or spherical k";

  private final String text;
  private final String source;

  MixtureReader(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** Where a value is: its path from the root (keys and indices) and its name as messages show it. */
  private record At(List<Object> path, String label) {
    At key(String name) {
      List<Object> p = new ArrayList<>(path);
      p.add(name);
      return new At(p, label.isEmpty() ? name : label + "." + name);
    }

    At index(int i) {
      List<Object> p = new ArrayList<>(path);
      p.add(i);
      return new At(p, label + "[" + i + "]");
    }
  }

  /** One of the three arrays, under whichever name the file used. */
  private record Field(String name, JsonNode node, At at) {}

  /** A value's position in the text and, for a scalar, its text as written. */
  private record Spot(int line, int column, String text) {}

  /**
   * The mixture the text describes. {@code strict}: a key that is not a mixture key is an error;
   * otherwise it is returned in {@link MixtureJson.Loaded#ignoredKeys()}.
   */
  MixtureJson.Loaded read(boolean strict) {
    JsonNode root = tree();
    At top = new At(List.of(), "");
    if (root == null || root.isMissingNode()) throw new MixtureFormatException(source + ": empty mixture file");
    if (!root.isObject()) {
      throw error(top, false, "a mixture file is a JSON object {\"weights\": [...], \"means\": [[...]], "
          + "\"covariances\": [...]}, but this one holds " + describe(root));
    }
    JsonNode m = root;
    At at = top;
    JsonNode witness = null;
    if (!hasMixtureKey(root) && root.path(CONTAINER).isObject()) {
      m = root.get(CONTAINER);
      at = top.key(CONTAINER);
      witness = root;
    }
    List<String> ignored = new ArrayList<>();
    Set<String> known = Set.of(KEYS[0][0], KEYS[0][1], KEYS[1][0], KEYS[1][1], KEYS[2][0], KEYS[2][1], TYPE);
    for (Iterator<String> it = m.fieldNames(); it.hasNext();) {
      String name = it.next();
      if (!known.contains(name)) ignored.add(name);
    }
    if (!hasMixtureKey(m)) {
      throw error(at, false, (at.label().isEmpty() ? "not a mixture" : at.label() + " is not a mixture")
          + ": none of the keys weights, means, covariances (nor scikit-learn's weights_, means_, covariances_)"
          + (witness == null ? ", and no \"" + CONTAINER + "\" object as in a witness file" : "")
          + (ignored.isEmpty() ? "" : "; its keys are " + quoted(ignored)));
    }
    Field w = pick(m, at, KEYS[0], ignored);
    Field mu = pick(m, at, KEYS[1], ignored);
    Field c = pick(m, at, KEYS[2], ignored);
    if (strict && !ignored.isEmpty()) {
      throw error(at.key(ignored.get(0)), false, "unknown key " + quoted(ignored.subList(0, 1))
          + (ignored.size() > 1 ? " (and " + quoted(ignored.subList(1, ignored.size())) + ")" : "")
          + ": a mixture has the keys weights, means, covariances and covariance_type"
          + " (or scikit-learn's weights_, means_, covariances_); MixtureJson.load ignores other keys");
    }
    double[] weights = vector(w.node(), w.at(), "an array of k numbers, one weight per component");
    if (weights.length == 0) throw error(w.at(), false, w.at().label() + " is empty; a mixture needs at least one component");
    if (mu.node().isArray() && !mu.node().isEmpty() && mu.node().get(0).isNumber()) {
      throw error(mu.at().index(0), false, mu.at().label() + " must be k×d, an array of k means each an array of d numbers"
          + " (in one dimension [[μ_1], [μ_2], ...]), but " + mu.at().label() + "[0] is " + describe(mu.node().get(0)));
    }
    double[][] means = matrix(mu.node(), mu.at(), "an array of k means, each an array of d numbers");
    if (means.length == 0) throw error(mu.at(), false, mu.at().label() + " is empty; a mixture needs at least one component");
    int k = weights.length;
    int d = means[0].length;
    if (d == 0) throw error(mu.at().index(0), false, mu.at().label() + "[0] is empty; the dimension d must be at least 1");

    JsonNode cn = c.node();
    At ca = c.at();
    if (!cn.isArray()) {
      throw error(ca, false, ca.label() + " must be an array (" + LAYOUTS + "), but is " + describe(cn));
    }
    CovarianceLayout layout;
    boolean inferred;
    JsonNode tn = m.get(TYPE);
    int depth = depth(cn);
    if (tn != null) {
      At ta = at.key(TYPE);
      layout = tn.isTextual() ? CovarianceLayout.parse(tn.textValue()) : null;
      if (layout == null) {
        throw error(ta, false, ta.label() + " must be one of \"full\", \"tied\", \"diag\", \"spherical\""
            + " (scikit-learn's covariance_type), but is " + describe(tn));
      }
      inferred = false;
      if (depth != layout.depth()) {
        throw error(ca, false, ca.label() + " has shape " + shape(cn) + ", but covariance_type \"" + layout.label()
            + "\" needs " + layout.shape(k, d) + " (" + layout.meaning() + ")");
      }
    } else {
      inferred = true;
      layout = infer(cn, ca, depth, k, d);
    }

    Object data;
    switch (layout) {
      case FULL -> data = tensor(cn, ca);
      case TIED -> {
        double[][] t = matrix(cn, ca, "a d×d matrix");
        if (t.length != d) throw error(ca, false, ca.label() + " has " + t.length + " rows, but the tied layout needs d×d = " + d + "×" + d);
        for (int r = 0; r < d; r++) {
          if (t[r].length != d) {
            throw error(ca.index(r), false, ca.label() + "[" + r + "] has " + t[r].length
                + " entries, but the tied layout needs d×d = " + d + "×" + d);
          }
        }
        data = t;
      }
      case DIAG -> {
        double[][] v = matrix(cn, ca, "an array of k arrays of d variances");
        if (v.length != k) {
          throw error(ca, false, ca.label() + " has " + v.length + " rows, but the diag layout needs one per component: k×d = "
              + k + "×" + d);
        }
        for (int i = 0; i < k; i++) {
          if (v[i].length != d) {
            throw error(ca.index(i), false, ca.label() + "[" + i + "] has " + v[i].length
                + " variances, but d = " + d);
          }
          for (int j = 0; j < d; j++) nonNegative(v[i][j], ca.index(i).index(j));
        }
        data = v;
      }
      default -> {
        double[] v = vector(cn, ca, "an array of k variances");
        if (v.length != k) {
          throw error(ca, false, ca.label() + " has " + v.length + " entries, but the spherical layout needs one variance"
              + " per component: k = " + k);
        }
        for (int i = 0; i < k; i++) nonNegative(v[i], ca.index(i));
        data = v;
      }
    }
    GaussianMixture mixture;
    try {
      mixture = GaussianMixture.of(weights, means, layout.expand(data, k, d));
    } catch (InvalidMixtureException e) {
      String msg = rename(e.getMessage(), Map.of("weights", w.at().label(), "means", mu.at().label(),
          "covariances", ca.label()), layout == CovarianceLayout.TIED);
      throw new InvalidMixtureException(source + ": " + msg, e);
    }
    boolean sklearn = w.name().endsWith("_") || mu.name().endsWith("_") || c.name().endsWith("_");
    return new MixtureJson.Loaded(mixture, layout, inferred, sklearn, List.copyOf(ignored), witness);
  }

  private JsonNode tree() {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new MixtureFormatException(where + ": " + plain(e.getOriginalMessage()), e);
    }
  }

  private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '([^']*)'");
  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) [\"']([^\"']*)[\"']");

  /** The parser's message, in the user's terms where it is about a spelling Python or a person writes. */
  static String plain(String message) {
    if (message == null) return "not valid JSON";
    Matcher u = UNRECOGNIZED.matcher(message);
    if (u.find()) {
      String token = u.group(1);
      if (token.matches("(?i)[+-]?(nan|inf|infinity)")) {
        return token + " is not a JSON number (Python's json.dump writes NaN, Infinity and -Infinity),"
            + " and a mixture needs finite numbers in any case";
      }
      return token + " is not a JSON value (a number, a \"string\", an array, an object, true, false or null)";
    }
    Matcher dup = DUPLICATE.matcher(message);
    if (dup.find()) return "the key \"" + dup.group(1) + "\" appears twice";
    Matcher c = UNEXPECTED.matcher(message);
    if (c.find()) {
      String ch = c.group(1);
      String rest = c.group(2);
      if (rest.startsWith("was expecting double-quote to start field name")) {
        if (ch.equals("}")) return "a key was expected, found '}': JSON allows no comma before '}'";
        if (ch.equals("'")) return "a key in double quotes was expected, found a single quote: JSON has no single-quoted strings";
        return "a key in double quotes was expected, found '" + ch + "'";
      }
      if (rest.startsWith("expected a valid value")) {
        if (ch.equals("]")) return "a value was expected, found ']': JSON allows no comma before ']'";
        return "a value (a number, a \"string\", an array, an object, true, false or null) was expected, found '" + ch + "'";
      }
      if (rest.startsWith("was expecting comma to separate Object entries")) {
        return "',' or '}' was expected after a value, found '" + ch + "'";
      }
      if (rest.startsWith("was expecting comma to separate Array entries")) {
        return "',' or ']' was expected after an array entry, found '" + ch + "'";
      }
      if (rest.startsWith("maybe a (non-standard) comment?")) return "JSON has no comments, found '" + ch + "'";
      return "unexpected character '" + ch + "'";
    }
    Matcher end = END.matcher(message);
    if (end.find()) {
      return "the file ends before an " + (end.group(1).equals("Object") ? "object is closed with '}'" : "array is closed with ']'");
    }
    return message;
  }

  private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.)' \\(code \\d+\\)\\): (.*)", Pattern.DOTALL);
  private static final Pattern END = Pattern.compile("^Unexpected end-of-input: expected close marker for (Object|Array)");

  private static boolean hasMixtureKey(JsonNode n) {
    for (String[] names : KEYS) if (n.has(names[0]) || n.has(names[1])) return true;
    return n.has(TYPE);
  }

  private Field pick(JsonNode m, At at, String[] names, List<String> ignored) {
    JsonNode ours = m.get(names[0]);
    JsonNode theirs = m.get(names[1]);
    if (ours != null && theirs != null) {
      throw error(at.key(names[1]), false, (at.label().isEmpty() ? "the file" : at.label())
          + " has both \"" + names[0] + "\" and scikit-learn's \"" + names[1] + "\"; keep one");
    }
    if (ours == null && theirs == null) {
      throw error(at, true, (at.label().isEmpty() ? "" : at.label() + ": ") + "missing key '" + names[0]
          + "' (scikit-learn's '" + names[1] + "' is read too)"
          + (ignored.isEmpty() ? "" : "; keys not read: " + quoted(ignored)));
    }
    return ours != null ? new Field(names[0], ours, at.key(names[0])) : new Field(names[1], theirs, at.key(names[1]));
  }

  private CovarianceLayout infer(JsonNode cn, At ca, int depth, int k, int d) {
    if (depth == 3) return CovarianceLayout.FULL;
    if (depth == 1) return CovarianceLayout.SPHERICAL;
    if (depth == 2) {
      int rows = cn.size();
      int cols = cn.get(0).size();
      boolean tied = rows == d && cols == d;
      boolean diag = rows == k && cols == d;
      if (tied && diag && !(k == 1 && d == 1)) { // k = d = 1: both read [[v]] as N(μ, v)
        throw error(ca, false, ca.label() + " is a " + rows + "×" + cols + " array, which is scikit-learn's \"tied\""
            + " layout (d×d, one matrix shared by every component) and also its \"diag\" layout (k×d, the variances"
            + " of each component), since k = d = " + k + "; add \"" + TYPE + "\": \"tied\" or \"" + TYPE
            + "\": \"diag\" to the file");
      }
      if (diag) return CovarianceLayout.DIAG;
      if (tied) return CovarianceLayout.TIED;
    }
    throw error(ca, false, ca.label() + " has shape " + shape(cn) + ", which is none of scikit-learn's layouts for k = "
        + k + " components in d = " + d + " dimensions: full " + CovarianceLayout.FULL.shape(k, d) + ", tied "
        + CovarianceLayout.TIED.shape(k, d) + ", diag " + CovarianceLayout.DIAG.shape(k, d) + ", spherical "
        + CovarianceLayout.SPHERICAL.shape(k, d));
  }

  /** How many arrays nest at the first element: [[[1]]] is 3, [1] is 1, a number 0. */
  private static int depth(JsonNode n) {
    int depth = 0;
    while (n.isArray()) {
      depth++;
      if (n.isEmpty()) break;
      n = n.get(0);
    }
    return depth;
  }

  /** The shape along first elements, e.g. "2×3". */
  private static String shape(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    while (n.isArray()) {
      sb.append(sb.length() == 0 ? "" : "×").append(n.size());
      if (n.isEmpty()) break;
      n = n.get(0);
    }
    return sb.length() == 0 ? "(not an array)" : sb.toString();
  }

  private void nonNegative(double v, At at) {
    if (v < 0) throw error(at, false, at.label() + " is " + v + "; a variance must be non-negative");
  }

  private double number(JsonNode n, At at) {
    if (n.isNumber()) {
      double v = n.doubleValue();
      if (Double.isFinite(v)) return v;
      if (Double.isNaN(v)) throw error(at, false, at.label() + " is NaN; a mixture needs finite numbers");
      Spot s = spot(at.path(), false);
      if (s != null && s.text() != null && !s.text().matches("[+-]?(Infinity|INF)")) {
        throw error(at, false, at.label() + " is " + s.text() + ", beyond the range of a double (about ±1.8e308);"
            + " a mixture needs finite numbers");
      }
      throw error(at, false, at.label() + " is " + (v > 0 ? "Infinity" : "-Infinity") + "; a mixture needs finite numbers");
    }
    if (n.isTextual() && n.textValue().trim().matches("(?i)[+-]?(nan|inf|infinity)")) {
      throw error(at, false, at.label() + " is the string \"" + n.textValue() + "\"; a mixture needs finite numbers");
    }
    throw error(at, false, at.label() + " must be a number, but is " + describe(n));
  }

  private double[] vector(JsonNode n, At at, String what) {
    if (!n.isArray()) throw error(at, false, at.label() + " must be " + what + ", but is " + describe(n));
    double[] v = new double[n.size()];
    for (int i = 0; i < v.length; i++) v[i] = number(n.get(i), at.index(i));
    return v;
  }

  private double[][] matrix(JsonNode n, At at, String what) {
    if (!n.isArray()) throw error(at, false, at.label() + " must be " + what + ", but is " + describe(n));
    double[][] m = new double[n.size()][];
    for (int i = 0; i < m.length; i++) m[i] = vector(n.get(i), at.index(i), "an array of numbers");
    return m;
  }

  private double[][][] tensor(JsonNode n, At at) {
    double[][][] t = new double[n.size()][][];
    for (int i = 0; i < t.length; i++) t[i] = matrix(n.get(i), at.index(i), "a d×d matrix (an array of rows)");
    return t;
  }

  /** The validation message with the file's own key names; a tied matrix is one matrix, not covariances[0]. */
  private static String rename(String message, Map<String, String> labels, boolean tied) {
    String plain = message.replace(" (use GaussianMixture.normalized(...) to rescale)", "");
    Matcher m = Pattern.compile("\\b(weights|means|covariances)\\b(\\[0\\](?!\\[))?").matcher(plain);
    return m.replaceAll(r -> {
      String label = labels.get(r.group(1));
      if (r.group(2) == null) return Matcher.quoteReplacement(label);
      return Matcher.quoteReplacement(tied && r.group(1).equals("covariances") ? label : label + "[0]");
    });
  }

  private static String describe(JsonNode n) {
    if (n.isNull()) return "null";
    if (n.isArray()) return "an array";
    if (n.isObject()) return "an object";
    if (n.isTextual()) return "the string \"" + n.textValue() + "\"";
    if (n.isBoolean()) return "the boolean " + n.booleanValue();
    return n.asText();
  }

  private static String quoted(List<String> keys) {
    StringBuilder sb = new StringBuilder();
    for (String k : keys) sb.append(sb.length() == 0 ? "" : ", ").append('"').append(k).append('"');
    return sb.toString();
  }

  private MixtureFormatException error(At at, boolean end, String message) {
    Spot s = spot(at.path(), end);
    return new MixtureFormatException((s == null ? source : source + ":" + s.line() + ":" + s.column()) + ": " + message);
  }

  /** Where the value at {@code path} starts (or, with {@code end}, where its closing bracket is). */
  private Spot spot(List<Object> path, boolean end) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) return null;
      return find(p, new ArrayList<>(), path, end);
    } catch (IOException | RuntimeException e) {
      return null; // only a message's position is lost
    }
  }

  private static Spot find(JsonParser p, List<Object> here, List<Object> target, boolean end) throws IOException {
    JsonToken t = p.currentToken();
    if (!isPrefix(here, target)) {
      p.skipChildren(); // the target is not inside this value
      return null;
    }
    boolean hit = here.size() == target.size();
    if (hit && !end) return spot(p, t.isScalarValue() ? p.getText() : null);
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        here.add(p.currentName());
        p.nextToken();
        Spot s = find(p, here, target, end);
        here.remove(here.size() - 1);
        if (s != null) return s;
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        here.add(i++);
        Spot s = find(p, here, target, end);
        here.remove(here.size() - 1);
        if (s != null) return s;
      }
    }
    return hit ? spot(p, null) : null;
  }

  private static boolean isPrefix(List<Object> prefix, List<Object> path) {
    return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  private static Spot spot(JsonParser p, String text) {
    JsonLocation l = p.currentTokenLocation();
    return new Spot(l.getLineNr(), l.getColumnNr(), text);
  }
}
