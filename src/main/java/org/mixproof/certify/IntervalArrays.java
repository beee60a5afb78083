package org.mixproof.certify;

import java.lang.reflect.Array;

/**
 * Arrays of one interval type, created with that type's runtime class (so that a caller holding
 * {@code T = Interval} reads an {@code Interval[]}, not a {@code RealInterval[]} it cannot cast).
 */
final class IntervalArrays {

  private IntervalArrays() {}

  @SuppressWarnings("unchecked")
  static <T extends RealInterval<T>> T[] vector(RealInterval.Arithmetic<T> ar, int n) {
    return (T[]) Array.newInstance(ar.zero().getClass(), n);
  }

  @SuppressWarnings("unchecked")
  static <T extends RealInterval<T>> T[][] matrix(RealInterval.Arithmetic<T> ar, int rows, int columns) {
    return (T[][]) Array.newInstance(ar.zero().getClass(), rows, columns);
  }

  /** rows × (unallocated rows). */
  @SuppressWarnings("unchecked")
  static <T extends RealInterval<T>> T[][] rows(RealInterval.Arithmetic<T> ar, int rows) {
    return (T[][]) Array.newInstance(ar.zero().getClass().arrayType(), rows);
  }

  /** n × (unallocated matrices). */
  @SuppressWarnings("unchecked")
  static <T extends RealInterval<T>> T[][][] matrices(RealInterval.Arithmetic<T> ar, int n) {
    return (T[][][]) Array.newInstance(ar.zero().getClass().arrayType().arrayType(), n);
  }

  /** Point intervals at the given doubles. */
  static <T extends RealInterval<T>> T[] points(RealInterval.Arithmetic<T> ar, double[] x) {
    T[] out = vector(ar, x.length);
    for (int j = 0; j < x.length; j++) out[j] = ar.of(x[j]);
    return out;
  }

  /** Σ a_r b_r. */
  static <T extends RealInterval<T>> T dot(T[] a, T[] b) {
    T v = a[0].arithmetic().zero();
    for (int r = 0; r < a.length; r++) v = v.add(a[r].multiply(b[r]));
    return v;
  }

  /** √(Σ v_r²). */
  static <T extends RealInterval<T>> T norm(T[] v) {
    T s = v[0].arithmetic().zero();
    for (T c : v) s = s.add(c.square());
    return s.sqrt();
  }
}
