package org.mixproof.certify;

import java.io.StringReader;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import parsii.eval.BinaryOperation;
import parsii.eval.Constant;
import parsii.eval.Expression;
import parsii.eval.Function;
import parsii.eval.FunctionCall;
import parsii.eval.Functions;
import parsii.eval.Parser;
import parsii.eval.Scope;
import parsii.eval.VariableReference;
import parsii.tokenizer.ParseException;

/**
 * A claim file's expression evaluated in interval arithmetic: the claim's bound, enclosed over the
 * enclosures of its variables (docs/claims.md §8, point certificates). parsii (the project's expression
 * library) parses; this class walks its tree instead of calling {@code evaluate()}, with two cautions:
 * parsii folds constant sub-expressions in double (so "0.1*3 − 0.3" would become 5.55e-17 instead of
 * 0), so the tree is taken before simplification; and a literal such as 0.1 is the double nearest the
 * decimal, so every non-integer constant counts as the interval one ulp either side of it.
 *
 * <p>Supported: + − × ÷, ^ (an integer exponent by repeated products, else exp(y ln x) for x > 0),
 * sqrt, exp, ln, log (base 10), abs, min, max. Anything else is refused, naming it.
 */
public final class IntervalExpression {

  private final String text;
  private final Expression tree;
  private final Set<String> used;

  private IntervalExpression(String text, Expression tree) {
    this.text = text;
    this.tree = tree;
    this.used = new TreeSet<>();
    collect(tree, used);
  }

  private static void collect(Expression e, Set<String> out) {
    if (e instanceof Unsimplified u) collect(u.inner, out);
    else if (e instanceof VariableReference r) out.add(r.toString());
    else if (e instanceof BinaryOperation b) {
      collect(b.getLeft(), out);
      collect(b.getRight(), out);
    } else if (e instanceof FunctionCall f) {
      for (Expression p : f.getParameters()) collect(p, out);
    }
  }

  /** The variable names the expression uses. */
  public Set<String> variables() { return java.util.Collections.unmodifiableSet(used); }

  /** Parses {@code text} (plain decimals: scientific notation already rewritten) over {@code names}. */
  public static IntervalExpression parse(String text, Set<String> names) {
    if (text == null) throw new IllegalArgumentException("text must not be null");
    Scope scope = new Scope().withStrictLookup(true);
    for (String n : names) scope.create(n);
    try {
      return new IntervalExpression(text, new TreeParser(text, scope).tree());
    } catch (ParseException e) {
      throw new IllegalArgumentException("cannot parse '" + text + "': " + e.getErrors());
    }
  }

  public String text() { return text; }

  /** Encloses the expression's value for every choice of reals in the variables' intervals. */
  public Interval evaluate(Map<String, Interval> values) { return evaluate(values, Interval.ARITHMETIC); }

  /** The same in the given arithmetic (the variables' enclosures are of that arithmetic). */
  public <T extends RealInterval<T>> T evaluate(Map<String, T> values, RealInterval.Arithmetic<T> ar) {
    for (String n : used) {
      if (!values.containsKey(n) && !n.equals("pi") && !n.equals("euler")) throw new IllegalArgumentException("no enclosure bound for '" + n + "' in '" + text + "'");
    }
    return eval(tree, values, ar);
  }

  private <T extends RealInterval<T>> T eval(Expression e, Map<String, T> v, RealInterval.Arithmetic<T> ar) {
    if (e instanceof Unsimplified u) return eval(u.inner, v, ar);
    if (e instanceof Constant c) return literal(c.evaluate(), ar);
    if (e instanceof VariableReference r) {
      String name = r.toString();
      if (!v.containsKey(name) && name.equals("pi")) return ar.pi(); // parsii's built-in constants
      if (!v.containsKey(name) && name.equals("euler")) return ar.one().exp();
      return v.get(name);
    }
    if (e instanceof BinaryOperation b) {
      T l = eval(b.getLeft(), v, ar), r = eval(b.getRight(), v, ar);
      return switch (b.getOp()) {
        case ADD -> l.add(r);
        case SUBTRACT -> l.subtract(r);
        case MULTIPLY -> l.multiply(r);
        case DIVIDE -> l.divide(r);
        case POWER -> power(l, r);
        default -> throw unsupported("operator " + b.getOp());
      };
    }
    if (e instanceof FunctionCall f) {
      Function fn = function(f);
      List<Expression> p = f.getParameters();
      if (fn == Functions.SQRT) return eval(p.get(0), v, ar).sqrt();
      if (fn == Functions.EXP) return eval(p.get(0), v, ar).exp();
      if (fn == Functions.LN) return eval(p.get(0), v, ar).log();
      if (fn == Functions.LOG) return eval(p.get(0), v, ar).log().divide(ar.of(10).log());
      if (fn == Functions.ABS) return eval(p.get(0), v, ar).abs();
      if (fn == Functions.POW) return power(eval(p.get(0), v, ar), eval(p.get(1), v, ar));
      if (fn == Functions.MIN || fn == Functions.MAX) {
        T a = eval(p.get(0), v, ar), b = eval(p.get(1), v, ar);
        return fn == Functions.MAX ? a.max(b) : a.negate().max(b.negate()).negate();
      }
      throw unsupported("a function other than sqrt, exp, ln, log, abs, pow, min, max");
    }
    throw unsupported("the term " + e);
  }

  /** The real a literal stands for: exact when an integer below 2⁵³, else within one ulp of the double. */
  static <T extends RealInterval<T>> T literal(double c, RealInterval.Arithmetic<T> ar) {
    if (c == Math.rint(c) && Math.abs(c) <= 0x1p53) return ar.of(c);
    return ar.of(Math.nextDown(c)).hull(ar.of(Math.nextUp(c)));
  }

  static <T extends RealInterval<T>> T power(T x, T y) {
    if (y.lo() == y.hi() && y.lo() == Math.rint(y.lo()) && Math.abs(y.lo()) <= 1024) {
      int n = (int) y.lo();
      T r = x.arithmetic().one(), base = x;
      for (int m = Math.abs(n); m > 0; m >>= 1) { // binary powering; squares stay non-negative
        if ((m & 1) == 1) r = r.multiply(base);
        if (m > 1) base = base.square();
      }
      return n < 0 ? r.reciprocal() : r;
    }
    if (!x.positive()) throw new IllegalArgumentException("x^y with a non-integer y needs x > 0, had x in " + x);
    return y.multiply(x.log()).exp();
  }

  private IllegalArgumentException unsupported(String what) {
    return new IllegalArgumentException("'" + text + "' cannot be evaluated in intervals: " + what + " is not supported");
  }

  /**
   * parsii 4.0 (pinned) keeps a call's function private; reading it here, in one place, is what lets
   * the tree be evaluated in intervals (the same stance as the project's one use of jqwik's internals).
   */
  private static Function function(FunctionCall f) {
    try {
      Field field = FunctionCall.class.getDeclaredField("function");
      field.setAccessible(true);
      return (Function) field.get(f);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("parsii's FunctionCall has no 'function' field (parsii version changed?)", e);
    }
  }

  /** Parses without the final simplify(), which would fold constants in double. */
  private static final class TreeParser extends Parser {
    private boolean top = true;

    TreeParser(String text, Scope scope) { super(new StringReader(text), scope); }

    Expression tree() throws ParseException { return parse(); }

    @Override
    protected Expression expression() {
      boolean outer = top;
      top = false;
      Expression e = super.expression();
      return outer ? new Unsimplified(e) : e;
    }
  }

  /** A wrapper whose simplify() is the identity: parse() simplifies only its result's root. */
  private record Unsimplified(Expression inner) implements Expression {
    @Override public double evaluate() { return inner.evaluate(); }
    @Override public Expression simplify() { return this; }
  }
}
