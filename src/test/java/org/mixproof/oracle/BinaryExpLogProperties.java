package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * The binary exp and log against ApfloatMath's, to the full precision. Unit: 2^{1−bits}, the final
 * cut. Allowed: 2 units — one for the cut, one (far more than needed) for the work below it, which
 * runs 24 bits finer and loses at most 11 + log2(terms) of them to the 10 squarings and the series.
 * exp is relative to e^x (x exact, so its absolute error is 0); log absolute, of max(1, |log x|); the
 * reciprocal relative. The reference runs 20 digits finer than the bits.
 */
class BinaryExpLogProperties {

  @Provide
  Arbitrary<Double> expArguments() {
    return ExpLogProperties.expArguments(Math.log(2), -745.1332191019411, 709.782712893384, -1e6, 2e6, 1e-300);
  }

  @Provide
  Arbitrary<Double> logArguments() {
    return ExpLogProperties.logArguments(1.0, 2.0, 0.5, Math.nextUp(1.0), Math.nextDown(1.0), Double.MIN_VALUE,
        Double.MAX_VALUE);
  }

  @Provide
  Arbitrary<Integer> bits() { return Arbitraries.of(67, 150, 247, 340); }

  private static long referenceDigits(int bits) { return (long) Math.ceil(bits / BinaryFloat.BITS_PER_DIGIT) + 20; }

  private static Apfloat twoUnits(Apfloat size, int bits, long digits) {
    return size.multiply(ApfloatMath.pow(new Apfloat(2, digits), 2 - bits));
  }

  @Property(tries = 60, seed = "20261202")
  @AddLifecycleHook(ThoroughTries.class)
  void expMatchesApfloatMath(@ForAll("expArguments") double x, @ForAll("bits") int bits) {
    long p = referenceDigits(bits);
    Apfloat ref = ApfloatMath.exp(DoubleConversion.exact(x, p + Math.max(0, Math.getExponent(x) * 3 / 10 + 2)));
    Apfloat mine = BinaryExpLog.atBits(bits).exp(BinaryFloat.exact(x)).toApfloat(p);
    Apfloat error = ApfloatMath.abs(mine.subtract(ref));
    Apfloat allowed = twoUnits(ApfloatMath.abs(ref), bits, p);
    assertTrue(error.compareTo(allowed) <= 0,
        "exp(" + x + ") at " + bits + " bits: error " + error.toString(false) + " > " + allowed.toString(false));
  }

  @Property(tries = 60, seed = "20261202")
  @AddLifecycleHook(ThoroughTries.class)
  void logAndReciprocalMatchApfloatMath(@ForAll("logArguments") double x, @ForAll("bits") int bits) {
    long p = referenceDigits(bits);
    Apfloat xa = DoubleConversion.exact(x, p);
    BinaryExpLog.LogAndReciprocal mine = BinaryExpLog.atBits(bits).logAndReciprocal(BinaryFloat.exact(x));
    Apfloat ref = x == 1.0 ? Apfloat.ZERO : ApfloatMath.log(xa);
    Apfloat size = ApfloatMath.abs(ref).compareTo(Apfloat.ONE) > 0 ? ApfloatMath.abs(ref) : new Apfloat(1, p);
    Apfloat error = ApfloatMath.abs(mine.log().toApfloat(p).subtract(ref));
    Apfloat allowed = twoUnits(size, bits, p);
    assertTrue(error.compareTo(allowed) <= 0,
        "log(" + x + ") at " + bits + " bits: error " + error.toString(false) + " > " + allowed.toString(false));
    Apfloat inverse = new Apfloat(1, p).divide(xa);
    Apfloat rError = ApfloatMath.abs(mine.reciprocal().toApfloat(p).subtract(inverse));
    Apfloat rAllowed = twoUnits(inverse, bits, p);
    assertTrue(rError.compareTo(rAllowed) <= 0,
        "1/" + x + " at " + bits + " bits: error " + rError.toString(false) + " > " + rAllowed.toString(false));
  }

  @Test
  void badInputIsNamed() {
    BinaryExpLog f = BinaryExpLog.atBits(100);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.logAndReciprocal(BinaryFloat.exact(-2)));
    assertTrue(e.getMessage().contains("x must be positive, was -2.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.logAndReciprocal(BinaryFloat.ZERO));
    assertTrue(e.getMessage().contains("x must be positive, was 0.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.exp(BinaryFloat.exact(-2.5e6)));
    assertTrue(e.getMessage().contains("x must satisfy |x| <= 2000000.0, was -2500000.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BinaryExpLog.atBits(20));
    assertTrue(e.getMessage().contains("bits must be in [53, 400000], was 20"), e.getMessage());
    assertEquals(0, f.exp(BinaryFloat.ZERO).compareTo(BinaryFloat.ONE));
    assertEquals(0, new BigDecimal(f.exp(BinaryFloat.ZERO).toApfloat(20).toString(true)).compareTo(BigDecimal.ONE));
  }
}
