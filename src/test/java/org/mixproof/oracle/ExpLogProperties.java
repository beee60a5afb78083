package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * The oracle's exp and log against ApfloatMath's, to the full precision: within one unit of the last
 * of p digits (10^{1−p} relative for exp, given x to 10^−p absolute — exp turns x's absolute error
 * into its relative one; for log 10^{1−p} of max(1, |log x|), its absolute accuracy near x = 1). ExpLog carries 8 guard digits, and its 10 squarings cost 3 of them, so a correct
 * implementation is far inside this; the reference runs 20 digits higher so its own error is below.
 */
class ExpLogProperties {

  @Provide
  Arbitrary<Double> expArguments() {
    return expArguments(0.0, Math.log(10), -745.1332191019411, 709.782712893384, -1e6, 1e-300);
  }

  @Provide
  Arbitrary<Double> logArguments() {
    return logArguments(1.0, Math.nextUp(1.0), Math.nextDown(1.0), Double.MIN_VALUE, Double.MAX_VALUE);
  }

  /** |x| log-uniform over 1e-20 .. 1e6, either sign, and the given edge cases (shared with the binary exp). */
  static Arbitrary<Double> expArguments(Double... edges) {
    Arbitrary<Double> magnitude = Combinators.combine(Arbitraries.integers().between(-20, 5),
            Arbitraries.doubles().between(1, 10).ofScale(6))
        .as((e, m) -> m * Math.pow(10, e));
    return Arbitraries.oneOf(magnitude, magnitude.map(v -> -v), Arbitraries.of(edges));
  }

  /** x log-uniform over 1e-300 .. 1e301, near 1, and the given edge cases (shared with the binary log). */
  static Arbitrary<Double> logArguments(Double... edges) {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.integers().between(-300, 300), Arbitraries.doubles().between(1, 10).ofScale(6))
            .as((e, m) -> m * Math.pow(10, e)),
        Arbitraries.doubles().between(0.999, 1.001).ofScale(9),
        Arbitraries.of(edges));
  }

  @Provide
  Arbitrary<Integer> precisions() { return Arbitraries.of(20, 45, 70, 100); }

  @Property(tries = 60, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void expMatchesApfloatMath(@ForAll("expArguments") double x, @ForAll("precisions") int p) {
    // x is exact, so carried to 10^−p absolute: exp's relative error is x's absolute error
    Apfloat xa = DoubleConversion.exact(x, p + Math.max(0, Math.getExponent(x) * 3 / 10 + 2));
    Apfloat mine = ExpLog.atPrecision(p).exp(xa);
    Apfloat ref = ApfloatMath.exp(xa.precision(Math.max(xa.precision(), p + 20)));
    Apfloat error = ApfloatMath.abs(mine.precision(p + 20).subtract(ref));
    Apfloat allowed = ApfloatMath.scale(ApfloatMath.abs(ref), 1 - p);
    assertTrue(error.compareTo(allowed) <= 0,
        "exp(" + x + ") at " + p + " digits: error " + error.toString(false) + " > " + allowed.toString(false));
  }

  @Property(tries = 60, seed = "20261122")
  @AddLifecycleHook(ThoroughTries.class)
  void logMatchesApfloatMath(@ForAll("logArguments") double x, @ForAll("precisions") int p) {
    Apfloat xa = DoubleConversion.exact(x, p);
    Apfloat mine = ExpLog.atPrecision(p).log(xa);
    Apfloat ref = x == 1.0 ? Apfloat.ZERO : ApfloatMath.log(xa.precision(Math.max(xa.precision(), p + 20)));
    Apfloat error = ApfloatMath.abs(mine.precision(p + 20).subtract(ref));
    Apfloat size = ApfloatMath.abs(ref).compareTo(Apfloat.ONE) > 0 ? ApfloatMath.abs(ref) : Apfloat.ONE;
    Apfloat allowed = ApfloatMath.scale(size, 1 - p);
    assertTrue(error.compareTo(allowed) <= 0,
        "log(" + x + ") at " + p + " digits: error " + error.toString(false) + " > " + allowed.toString(false));
  }

  @Test
  void badInputIsNamed() {
    ExpLog f = ExpLog.atPrecision(30);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.log(new Apfloat(-2)));
    assertTrue(e.getMessage().contains("x must be positive, was -2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.exp(new Apfloat(2e12, 30)));
    assertTrue(e.getMessage().contains("x must satisfy |x| <= 1.0E12"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ExpLog.atPrecision(5));
    assertTrue(e.getMessage().contains("precision must be in [16, 100000], was 5"), e.getMessage());
    assertEquals(0, f.exp(Apfloat.ZERO).compareTo(Apfloat.ONE));
  }
}
