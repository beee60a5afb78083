package org.mixproof.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Defensive copies for the report records that, unlike {@code List.copyOf}, let nulls through. */
final class ReportCollections {

  private ReportCollections() {}

  static <T> List<T> copy(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }

  static <K, V> SortedMap<K, V> copy(SortedMap<K, V> map) {
    return map == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}
