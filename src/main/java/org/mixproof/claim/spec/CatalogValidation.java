package org.mixproof.claim.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything that can be checked in a claim catalog before any claim runs, with every problem listed
 * together (file, line, key): each file is read (strict UTF-8, no duplicate key), its quantity and keys
 * are known, its expressions compile over the quantity's names and the bound is finite at a sample
 * case, and the check's own keys parse ({@link ClaimKeys#validate}). Which check reads a file is the
 * caller's registry ({@code claim.Checks#forSpec}), which also rejects unknown quantities and keys.
 */
public final class CatalogValidation {

  /** Expressions a claim file may hold. */
  static final List<String> EXPRESSIONS = List.of("bound", "tolerance", "requires");

  private CatalogValidation() {}

  /** Every problem of every file, in file order; empty when all are valid. */
  public static List<ClaimFormatException> problems(List<Path> files, Function<ClaimSpec, ? extends ClaimKeys> checks) {
    List<ClaimFormatException> out = new ArrayList<>();
    for (Path f : files) {
      try {
        check(ClaimFiles.read(f), checks);
      } catch (ClaimFormatException e) {
        out.add(e);
      } catch (IOException e) {
        out.add(new ClaimFormatException(f, 0, "-", "cannot read the file: " + e.getMessage()));
      }
    }
    return out;
  }

  /** One parsed file: its check, expressions and keys. */
  static void check(ClaimSpec spec, Function<ClaimSpec, ? extends ClaimKeys> checks) {
    ClaimKeys check = checks.apply(spec);
    for (String key : EXPRESSIONS) {
      if (!spec.has(key)) continue;
      BoundExpression e = BoundExpression.of(spec, key, check.variables());
      if (!key.equals("bound")) continue;
      // two sample cases (every name 1, every name ½): a bound that is not finite at both is constant in
      // effect (1/0, ln(0)) and would make every case hold or fail vacuously
      double a = sample(e, check, 1), b = sample(e, check, 0.5);
      if (!Double.isFinite(a) && !Double.isFinite(b)) {
        throw spec.error(key, "'" + e.text() + "' is not finite at the sample cases (every name 1: " + a
            + "; every name 0.5: " + b + "); a bound must be a finite number");
      }
    }
    spec.deadlineSeconds(); // a `deadline` key must be positive seconds
    check.validate(spec);
  }

  private static double sample(BoundExpression e, ClaimKeys check, double value) {
    Map<String, Double> v = new TreeMap<>();
    for (String n : check.variables()) v.put(n, value);
    try {
      return e.evaluate(v);
    } catch (ClaimFormatException nan) {
      return Double.NaN;
    }
  }
}
