package org.mixproof.generators;

import java.util.Iterator;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * A deterministic greedy shrinker over jqwik's {@link Shrinkable} API, independent of the engine's
 * own shrinking, so tests (and later production code) can find and minimise counterexamples
 * themselves.
 *
 * <p>Algorithm: from a falsifying shrinkable, take the first suggestion of {@link Shrinkable#shrink()}
 * (jqwik orders them: parts of a {@code combine} one after the other, each towards its target) that
 * still falsifies and whose {@link Shrinkable#distance()} is strictly smaller; repeat until no
 * suggestion qualifies or {@code maxSteps} is reached. The strict decrease rules out cycles.
 */
public final class GreedyShrinker {

  /** Default cap on accepted shrinking steps. */
  public static final int DEFAULT_MAX_STEPS = 10_000;

  private GreedyShrinker() {}

  /**
   * The outcome: the minimal value found, its shrinkable, the accepted steps and the candidates
   * tried, and whether the step cap stopped the search before a local minimum.
   */
  public record Result<T>(T value, Shrinkable<T> shrinkable, int steps, long candidatesTried, boolean capped) {}

  /**
   * Shrinks {@code start}, whose value must falsify {@code property} (make it return false), to a
   * local minimum: no single suggestion from there falsifies with a smaller distance.
   */
  public static <T> Result<T> shrink(Shrinkable<T> start, Predicate<? super T> property, int maxSteps) {
    if (property.test(start.value())) {
      throw new IllegalArgumentException("start value does not falsify the property: " + start.value());
    }
    Shrinkable<T> current = start;
    int steps = 0;
    long tried = 0;
    while (steps < maxSteps) {
      Shrinkable<T> next = null;
      Iterator<Shrinkable<T>> it = current.shrink().iterator();
      while (it.hasNext()) {
        Shrinkable<T> candidate = it.next();
        tried++;
        if (candidate.distance().compareTo(current.distance()) < 0 && !property.test(candidate.value())) {
          next = candidate;
          break;
        }
      }
      if (next == null) return new Result<>(current.value(), current, steps, tried, false);
      current = next;
      steps++;
    }
    return new Result<>(current.value(), current, steps, tried, true);
  }

  /**
   * The first value of {@code arbitrary.generator(genSize)}, driven by {@code new Random(seed)},
   * that falsifies {@code property}, within {@code maxTries}.
   */
  public static <T> Optional<Shrinkable<T>> firstCounterexample(
      Arbitrary<T> arbitrary, int genSize, long seed, int maxTries, Predicate<? super T> property) {
    RandomGenerator<T> generator = arbitrary.generator(genSize);
    Random random = new Random(seed);
    for (int i = 0; i < maxTries; i++) {
      Shrinkable<T> s = generator.next(random);
      if (!property.test(s.value())) return Optional.of(s);
    }
    return Optional.empty();
  }

  /**
   * Finds a counterexample (genSize 1000, at most 10 000 tries) and shrinks it with the default cap;
   * fails with {@link AssertionError} when none is found or the cap is reached.
   */
  public static <T> Result<T> minimalCounterexample(Arbitrary<T> arbitrary, long seed, Predicate<? super T> property) {
    Shrinkable<T> start = firstCounterexample(arbitrary, 1000, seed, 10_000, property)
        .orElseThrow(() -> new AssertionError("no counterexample in 10000 tries with seed " + seed));
    Result<T> result = shrink(start, property, DEFAULT_MAX_STEPS);
    if (result.capped()) {
      throw new AssertionError("shrinking did not settle within " + DEFAULT_MAX_STEPS + " steps: " + result.value());
    }
    return result;
  }
}
