package org.mixproof.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Example;
import net.jqwik.api.Shrinkable;
import org.mixproof.mixture.GaussianMixture;

/**
 * {@link GreedyShrinker} asks the property about a value at most once: a suggestion equal to the current
 * value (a part the mixture does not use, such as the rows beyond k) is taken without asking, and a value
 * seen to satisfy the property is passed over. The property is a function of the value, so the result
 * is the one asking every time would give.
 */
class GreedyShrinkerTest {

  @Example
  void noValueIsAskedAboutTwice() {
    Mixtures.Builder profile = Mixtures.builder().dimensions(1, 4).components(1, 5).family(CovarianceFamily.FULL)
        .conditionNumber(1, 1e4).meanRadius(3).weightFloor(0.05);
    for (long seed : new long[] {20240611L, 7L}) {
      Predicate<GaussianMixture> atMostTwo = x -> x.components() <= 2;
      Shrinkable<GaussianMixture> start =
          GreedyShrinker.firstCounterexample(profile.build(), 1000, seed, 10_000, atMostTwo).orElseThrow();
      List<GaussianMixture> asked = new ArrayList<>();
      GreedyShrinker.Result<GaussianMixture> r = GreedyShrinker.shrink(start, x -> {
        asked.add(x);
        return atMostTwo.test(x);
      }, GreedyShrinker.DEFAULT_MAX_STEPS);
      assertFalse(r.capped());
      assertEquals(3, r.value().components(), "seed " + seed);
      assertTrue(asked.size() < GreedyShrinker.REMEMBERED, "few enough calls that every satisfying value is remembered");
      assertEquals(asked.size(), new HashSet<>(asked).size(), "seed " + seed + ": a value was asked about twice");
      assertTrue(asked.size() < r.candidatesTried(), "seed " + seed + ": some suggestions were answered without asking");
    }
  }
}
