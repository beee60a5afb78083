package org.mixproof.density.identity;

import java.util.function.DoubleUnaryOperator;

/** Central differences, Richardson-extrapolated once (error O(h⁴)), on exactly representable steps. */
public final class CentralDifference {

  private CentralDifference() {}

  /**
   * f'(x) from f(x ± h) and f(x ± h/2). Each step is replaced by the one the arithmetic really takes,
   * fl(x + h) − x (exact), since near x ≫ h the rounding of x + h alone would be a relative error of
   * ulp(x)/h in the quotient.
   */
  public static double richardson(DoubleUnaryOperator f, double x, double h) {
    if (!resolvable(x, h)) throw new IllegalArgumentException("step " + h + " is below the resolution of x = " + x);
    double wide = central(f, x, h);
    double narrow = central(f, x, h / 2);
    return (4 * narrow - wide) / 3;
  }

  /** Whether x ± h/2 are distinct from x by at least 64 ulps, so both differences mean something. */
  public static boolean resolvable(double x, double h) {
    return h / 2 >= 64 * Math.ulp(x);
  }

  private static double central(DoubleUnaryOperator f, double x, double h) {
    double up = x + h, down = x - h;
    return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (up - down);
  }
}
