package org.mixproof.claim.spec;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import parsii.eval.Expression;
import parsii.eval.Parser;
import parsii.eval.Scope;
import parsii.eval.Variable;
import parsii.tokenizer.ParseException;

/**
 * A claim file's expression (bound, tolerance or hypothesis) compiled once by parsii over the named
 * quantities a {@link Quantity} binds. Case-sensitive ({@code d} is the dimension, {@code D} the mean
 * diameter); {@code ^} is power, {@code ln} the natural and {@code log} the base-10 logarithm; an
 * unknown name or a syntax error is a {@link ClaimFormatException} naming file, line and key.
 * Not thread-safe: one instance per run.
 */
public final class BoundExpression {

  private final ClaimSpec spec;
  private final String key;
  private final String text;
  private final Expression expression;
  private final Map<String, Variable> variables = new TreeMap<>();

  public BoundExpression(ClaimSpec spec, String key, String text, Set<String> names) {
    this.spec = spec;
    this.key = key;
    this.text = text;
    Scope scope = new Scope().withStrictLookup(true);
    for (String n : names) variables.put(n, scope.create(n));
    try {
      expression = Parser.parse(plainNumbers(text), scope);
    } catch (ParseException e) {
      throw spec.error(key, "cannot evaluate '" + text + "': " + e.getErrors()
          + " (known names: " + String.join(", ", names) + ")");
    }
  }

  /** A number in scientific notation, not part of a name: 1e-9, 2.5E+3, .5e2. */
  private static final java.util.regex.Pattern SCIENTIFIC =
      java.util.regex.Pattern.compile("(?<![A-Za-z_0-9.])((?:\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+)(?![A-Za-z_0-9.])");

  /**
   * parsii reads no scientific notation ("1e-9" is a syntax error there): each such literal is
   * rewritten as its exact plain decimal (BigDecimal.toPlainString) before parsing, so 1e-9 is parsed
   * as 0.000000001, the same double.
   */
  public static String plainNumbers(String text) {
    java.util.regex.Matcher m = SCIENTIFIC.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, new java.math.BigDecimal(m.group(1)).toPlainString());
    }
    m.appendTail(b);
    return b.toString();
  }

  /** The key's expression, compiled over {@code names}. */
  public static BoundExpression of(ClaimSpec spec, String key, Set<String> names) {
    return new BoundExpression(spec, key, spec.required(key), names);
  }

  /** Evaluates with every name bound; a name the quantity did not bind is a programming error. */
  public double evaluate(Map<String, Double> values) {
    for (Map.Entry<String, Variable> e : variables.entrySet()) {
      Double v = values.get(e.getKey());
      if (v == null) throw new IllegalStateException("quantity did not bind '" + e.getKey() + "' for " + spec.id());
      e.getValue().setValue(v);
    }
    double r = expression.evaluate();
    if (Double.isNaN(r)) {
      throw spec.error(key, "'" + text + "' evaluated to NaN at " + values);
    }
    return r;
  }

  public String text() { return text; }
}
