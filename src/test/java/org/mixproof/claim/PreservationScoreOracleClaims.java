package org.mixproof.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Assume;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * Lets the jqwik properties of the preservation, score and oracle families judge one of their own
 * generated cases exactly as the catalog does: the production quantity measures it and the claim
 * file's {@code bound} (the derived tolerance), {@code relation} and {@code requires} decide — one copy
 * of the measuring code and of every tolerance. A case the quantity finds outside its hypotheses, or
 * that double precision refuses, is skipped (jqwik {@link Assume}).
 */
public final class PreservationScoreOracleClaims {

  private static final Map<String, Object> JUDGES = new HashMap<>();

  private PreservationScoreOracleClaims() {}

  /**
   * Fails unless the claim {@code id} (properties/&lt;id&gt;.properties) holds on case {@code c}; returns
   * the measurement.
   */
  public static synchronized <T> Measurement assertHolds(Quantity<T> quantity, String id, T c) {
    BoundSearch.Outcome out = judge(quantity, id).judge(c);
    Assume.that(out.kind() != BoundSearch.Kind.SKIPPED && out.kind() != BoundSearch.Kind.REFUSED);
    assertNotEquals(BoundSearch.Kind.VIOLATED, out.kind(), () -> id + ": measured " + out.m().value()
        + " against bound " + out.bound() + " at " + out.m().where() + " with " + out.m().variables());
    return out.m();
  }

  @SuppressWarnings("unchecked")
  private static <T> BoundSearch<T>.Judge judge(Quantity<T> quantity, String id) {
    return (BoundSearch<T>.Judge) JUDGES.computeIfAbsent(id,
        k -> new BoundSearch<>(quantity).new Judge(spec(quantity, id)));
  }

  static ClaimSpec spec(Quantity<?> quantity, String id) {
    try {
      ClaimSpec spec = ClaimFiles.read(Path.of("properties", id + ".properties"));
      assertEquals(quantity.name(), spec.quantity(), "quantity of " + id);
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
