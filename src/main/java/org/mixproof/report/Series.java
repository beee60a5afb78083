package org.mixproof.report;

import java.util.Arrays;

/**
 * One named line of points in a {@link Figure}.
 *
 * <p>The arrays are copied on the way in and on the way out, so a series cannot change after it was
 * made; equality compares the arrays' contents. {@code x} and {@code y} must have the same length:
 * {@link ReportWriter#write} fails with an {@link IllegalArgumentException} while rendering the
 * figure otherwise. Points that cannot be drawn (non-finite, or non-positive on a log axis) are
 * dropped and counted in the figure's caption.
 *
 * @param name the legend entry; unique within its figure
 * @param x the abscissae
 * @param y the ordinates, one per abscissa
 */
public record Series(String name, double[] x, double[] y) {

  /** Copies the arrays (null stays null, for the writer's validation to report). */
  public Series {
    x = x == null ? null : x.clone();
    y = y == null ? null : y.clone();
  }

  /** A copy of the abscissae, or null. */
  @Override
  public double[] x() {
    return x == null ? null : x.clone();
  }

  /** A copy of the ordinates, or null. */
  @Override
  public double[] y() {
    return y == null ? null : y.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s
        && java.util.Objects.equals(name, s.name)
        && Arrays.equals(x, s.x)
        && Arrays.equals(y, s.y);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y));
  }

  @Override
  public String toString() {
    return "Series[name=" + name + ", x=" + Arrays.toString(x) + ", y=" + Arrays.toString(y) + "]";
  }
}
