package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * {@link BinaryExpLog} against ApfloatMath's exp and log at twice the digits (an independent method:
 * apfloat's own series and AGM), on the argument ranges of {@link ExpLogProperties} at the bit counts
 * of 20, 45, 73 and 100 digits.
 */
class BinaryExpLogProperties {

  @Provide
  Arbitrary<Integer> bitCounts() { return Arbitraries.of(67, 150, 243, 333); }

  @Provide
  Arbitrary<Double> expArguments() {
    Arbitrary<Double> magnitude = Combinators.combine(Arbitraries.integers().between(-20, 5),
            Arbitraries.doubles().between(1, 10).ofScale(6))
        .as((e, m) -> m * Math.pow(10, e));
    return Arbitraries.oneOf(magnitude, magnitude.map(v -> -v),
        Arbitraries.of(0.0, Math.log(2), -745.1332191019411, 709.782712893384, -1e6, 1e-300));
  }

  @Provide
  Arbitrary<Double> logArguments() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.integers().between(-300, 300), Arbitraries.doubles().between(1, 10).ofScale(6))
            .as((e, m) -> m * Math.pow(10, e)),
        Arbitraries.doubles().between(0.999, 1.001).ofScale(9),
        Arbitraries.of(1.0, Math.nextUp(1.0), Math.nextDown(1.0), 0.5, Double.MIN_VALUE, Double.MAX_VALUE));
  }

  /** The reference at twice the digits of the bits, from x's exact value. */
  static long referenceDigits(int bits) { return 2 * (long) Math.ceil(bits * Math.log10(2)) + 20; }

  /** |got − ref| ≤ allowed · size, all in apfloat at the reference's digits. */
  static void assertClose(BinaryFloat got, Apfloat ref, Apfloat size, int units, int bits, String what) {
    long digits = referenceDigits(bits);
    Apfloat error = ApfloatMath.abs(got.toApfloat(digits).subtract(ref));
    Apfloat allowed = ApfloatMath.abs(size).precision(digits).multiply(new Apfloat(units, digits))
        .divide(ApfloatMath.pow(new Apfloat(2, digits), bits));
    assertTrue(error.compareTo(allowed) <= 0, what + " at " + bits + " bits: error " + error.toString(false)
        + " > " + allowed.toString(false));
  }

  @Property(tries = 80, seed = "20261122")
  void expMatchesApfloatMath(@ForAll("expArguments") double x, @ForAll("bitCounts") int bits) {
    long digits = referenceDigits(bits);
    Apfloat ref = ApfloatMath.exp(DoubleConversion.exact(x, digits));
    // 2N + 3 roundings of 2^{1−inner}, each doubled by the 10 squarings: (2N + 3) 2^{−5−bits} ≤ 2 · 2^{−bits}
    // for the N ≤ 25 terms used here, plus the final truncation's 2 · 2^{−bits}: 4 units of 2^{−bits}
    assertClose(BinaryExpLog.atBits(bits).exp(BinaryFloat.of(x)), ref, ref, 4, bits, "exp(" + x + ")");
  }

  @Property(tries = 80, seed = "20261122")
  void logAndReciprocalMatchApfloatMath(@ForAll("logArguments") double x, @ForAll("bitCounts") int bits) {
    long digits = referenceDigits(bits);
    Apfloat xa = DoubleConversion.exact(x, digits);
    Apfloat log = x == 1.0 ? new Apfloat(0, digits) : ApfloatMath.log(xa);
    BinaryExpLog.LogAndReciprocal got = BinaryExpLog.atBits(bits).logAndReciprocal(BinaryFloat.of(x));
    // log: L₀ + series absolute 2^{1−inner} each, E ln 2 to 2^{−inner−54}, final truncation 2^{1−bits}
    // of |log x|: 4 units of max(1, |log x|) is generous; 1/x: the exp's 2 units, 4 roundings, truncation
    Apfloat size = ApfloatMath.abs(log).compareTo(Apfloat.ONE) > 0 ? log : Apfloat.ONE;
    assertClose(got.log(), log, size, 4, bits, "log(" + x + ")");
    Apfloat reciprocal = new Apfloat(1, digits).divide(xa);
    assertClose(got.reciprocal(), reciprocal, reciprocal, 4, bits, "1/" + x);
  }
}
