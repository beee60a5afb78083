package org.mixproof.generators;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.ExhaustiveGenerator;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * An arbitrary that draws exactly what {@code base} draws — the same generators called on the same
 * {@link java.util.Random}, so the same values, the same edge cases and the same exhaustive values — but
 * gives each value a shrinkable of its own ({@code shrinkable.apply(value)}). The generators use it to
 * change how a part shrinks without changing a single generated case, so a seed finds the same
 * counterexample as before and only the witness it shrinks to differs.
 *
 * <p>Edge cases are rebuilt through {@link EdgeCases#fromSuppliers}, which jqwik marks internal; like
 * {@code Shrinkable.shrink()} in {@link GreedyShrinker} it is safe only because jqwik is pinned to
 * 1.9.3 (docs/design.md, "Known pitfalls"), and it is used here only.
 */
final class OwnShrinking<T> implements Arbitrary<T> {

  private final Arbitrary<T> base;
  private final Function<? super T, ? extends Shrinkable<T>> shrinkable;

  OwnShrinking(Arbitrary<T> base, Function<? super T, ? extends Shrinkable<T>> shrinkable) {
    this.base = base;
    this.shrinkable = shrinkable;
  }

  @Override
  public RandomGenerator<T> generator(int genSize) {
    return reshrunk(base.generator(genSize));
  }

  @Override
  public RandomGenerator<T> generatorWithEmbeddedEdgeCases(int genSize) {
    return reshrunk(base.generatorWithEmbeddedEdgeCases(genSize));
  }

  private RandomGenerator<T> reshrunk(RandomGenerator<T> generator) {
    return random -> shrinkable.apply(generator.next(random).value());
  }

  @Override
  public Optional<ExhaustiveGenerator<T>> exhaustive(long maxNumberOfSamples) {
    return base.exhaustive(maxNumberOfSamples);
  }

  @Override
  public EdgeCases<T> edgeCases(int maxEdgeCases) {
    List<Supplier<Shrinkable<T>>> suppliers = new ArrayList<>();
    for (Shrinkable<T> edge : base.edgeCases(maxEdgeCases)) {
      T value = edge.value();
      suppliers.add(() -> shrinkable.apply(value));
    }
    return EdgeCases.fromSuppliers(suppliers);
  }
}
