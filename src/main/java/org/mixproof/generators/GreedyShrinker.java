package org.mixproof.generators;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;

/**
 * A deterministic greedy shrinker over jqwik's {@link Shrinkable} API, independent of the engine's
 * own shrinking, so tests (and later production code) can find and minimise counterexamples
 * themselves.
 *
 * <p>Algorithm: from a falsifying shrinkable, take the first suggestion of {@link Shrinkable#shrink()}
 * (jqwik orders them: parts of a {@code combine} one after the other, each towards its target) that
 * still falsifies and whose {@link Shrinkable#distance()} is strictly smaller; repeat until no
 * suggestion qualifies or {@code maxSteps} is reached. The strict decrease rules out cycles. What a
 * step can do is the generators' shrinkables: {@link Mixtures} can remove (merge or drop) any
 * component, and doubles shrink to the simplest value that still falsifies ({@link Parts#decimals},
 * {@link Parts#logUniform}).
 *
 * <p>The property must be a function of the value (every caller's is: seeded searches, no clock). A
 * suggestion whose value {@code equals} the current one — a part the value does not use, such as a
 * mean of a component beyond k — therefore still falsifies and is taken without calling the property,
 * and one equal to a value recently seen to satisfy it (the last {@value #REMEMBERED} such values) is
 * passed over without calling it again.
 */
public final class GreedyShrinker {

  /** How many values seen to satisfy the property are remembered, so that none is tested twice. */
  static final int REMEMBERED = 256;

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
    T currentValue = start.value();
    ShrinkingDistance currentDistance = start.distance();
    Set<T> satisfying = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) { return size() > REMEMBERED; }
    });
    int steps = 0;
    long tried = 0;
    while (steps < maxSteps) {
      Shrinkable<T> next = null;
      T nextValue = null;
      Iterator<Shrinkable<T>> it = current.shrink().iterator();
      while (it.hasNext()) {
        Shrinkable<T> candidate = it.next();
        tried++;
        if (candidate.distance().compareTo(currentDistance) >= 0) continue;
        T value = candidate.value();
        boolean falsifies;
        if (Objects.equals(value, currentValue)) {
          falsifies = true;
        } else if (satisfying.contains(value)) {
          falsifies = false;
        } else {
          falsifies = !property.test(value);
          if (!falsifies) satisfying.add(value);
        }
        if (falsifies) {
          next = candidate;
          nextValue = value;
          break;
        }
      }
      if (next == null) return new Result<>(currentValue, current, steps, tried, false);
      current = next;
      currentValue = nextValue;
      currentDistance = next.distance();
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
