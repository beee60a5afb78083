package org.mixproof.law;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Under -Pthorough (jqwik.tries.default ≥ 10000): the W2 upper bound of a separable law with means
 * in a plane converges on 64, 128, 256 cells per axis (about 30 s per scheme, too long for the
 * normal build), with the same criterion as {@link SeparablePlaneRefinement#converges}.
 */
class GridLaw2DThoroughTest {

  static boolean thorough() {
    String v = System.getProperty("jqwik.tries.default");
    try {
      return v != null && Integer.parseInt(v.strip()) >= 10000;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Test
  void separablePlaneW2UpperBoundConvergesOnFinerGrids() {
    assumeTrue(thorough(), "runs with -Pthorough only");
    for (String scheme : new String[] {"em", "ode-heun", "dpum"}) {
      double[][] d = SeparablePlaneRefinement.errors(scheme, 64);
      SeparablePlaneRefinement.converges(scheme + " W2 upper", d[3]);
    }
  }
}
