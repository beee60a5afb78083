package org.mixproof.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Numbers#format}: at most 4 significant digits, close to the value, locale-free. */
class NumbersTest {

  @Test
  void specialValues() {
    assertEquals("\u2014", Numbers.format(Double.NaN));
    assertEquals("0", Numbers.format(0.0));
    assertEquals("0", Numbers.format(-0.0));
    assertEquals("\u221e", Numbers.format(Double.POSITIVE_INFINITY));
    assertEquals("\u2212\u221e", Numbers.format(Double.NEGATIVE_INFINITY));
  }

  @Test
  void roundTripsWithinHalfAUnitInTheFourthDigitAndUsesAtMostFourDigits() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 5_000; i++) {
      double v = (random.nextBoolean() ? 1 : -1) * random.nextDouble(1, 10) * Math.pow(10, random.nextInt(-300, 300));
      String s = Numbers.format(v);
      double back = Double.parseDouble(s);
      assertTrue(Math.abs(back - v) <= 5.0001e-4 * Math.abs(v), v + " → " + s);
      assertTrue(new BigDecimal(s).stripTrailingZeros().precision() <= Numbers.DIGITS, v + " → " + s);
      boolean plain = !s.contains("e");
      double magnitude = new BigDecimal(s).abs().doubleValue();
      assertEquals(magnitude >= 1e-3 && magnitude < 1e5, plain, v + " → " + s);
    }
  }

  @Test
  void doesNotFollowTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      double[] values = {0.1234567, 12345.678, 1.5e-9, -2.5e12};
      String[] root = new String[values.length];
      Locale.setDefault(Locale.ROOT);
      for (int i = 0; i < values.length; i++) root[i] = Numbers.format(values[i]);
      for (Locale l : new Locale[] {Locale.GERMANY, Locale.FRANCE, new Locale("ar", "EG"), new Locale("hi", "IN")}) {
        Locale.setDefault(l);
        for (int i = 0; i < values.length; i++) assertEquals(root[i], Numbers.format(values[i]), l.toString());
      }
    } finally {
      Locale.setDefault(saved);
    }
  }
}
