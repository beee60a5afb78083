package org.mixproof.claim;

import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.mixproof.certify.PointCertificate;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * A measurable quantity of a claim family (the {@code quantity} key of a claim file): how cases are
 * generated from the file's profile, what is measured on one case, which names its expressions may
 * use, and how a violation is confirmed before it is reported (e.g. by the apfloat oracle).
 *
 * @param <T> the generated case
 */
public interface Quantity<T> {

  /** The {@code quantity} key value. */
  String name();

  /** Names the {@code bound}, {@code tolerance} and {@code requires} expressions may use. */
  Set<String> variables();

  /** Keys this quantity reads beyond {@link ClaimSpec#COMMON}; any other key is an error. */
  Set<String> keys();

  /** The cases, from the claim file's profile keys (a jqwik arbitrary, so a violation shrinks). */
  Arbitrary<T> cases(ClaimSpec spec);

  /**
   * Measures one case. May throw {@link org.mixproof.density.IllConditionedException} where double
   * precision refuses the case (counted as refused, not a try).
   */
  Measurement measure(T c, ClaimSpec spec);

  /**
   * Whether a measured violation ({@code value} beyond {@code bound}) is real: beyond rounding and,
   * where an oracle exists, confirmed by it. Default: every violation is real (the bound expression
   * already carries the derived tolerance).
   */
  default boolean confirms(T c, Measurement m, double bound, ClaimSpec spec) { return true; }

  /**
   * The point certificate of a violation (docs/claims.md §8) in interval arithmetic, or null when the
   * quantity has none: CERTIFIED when a rigorous lower bound on the measured quantity exceeds a rigorous
   * upper bound on the claim's bound plus tolerance.
   */
  default PointCertificate certificate(T c, Measurement m, ClaimSpec spec) { return null; }

  /**
   * The box certificate of one case for a claim with {@code certify = box} (docs/claims.md §8): PROVED
   * when the bound holds on the whole box by branch and bound, FALSIFIED only for a rigorous violation
   * inside the claim's domain, else UNDECIDED; null when the quantity has no box certificate.
   */
  default BoxOutcome boxCertificate(T c, Measurement m, ClaimSpec spec) { return null; }

  /** A box certificate's verdict on one case, with the point and certified lower value of a violation. */
  record BoxOutcome(org.mixproof.certify.BoxCertifier.Verdict verdict, double[] point, double lower, String note) {}

  /** The witness fields of a case (mixture, schedule, t, point…), for counterexamples/<id>.json. */
  Map<String, Object> describe(T c, Measurement m);

  /** The case back from the fields {@link #describe} wrote, for {@code mixproof replay}. */
  default T fromWitness(com.fasterxml.jackson.databind.JsonNode witness) {
    throw new UnsupportedOperationException("replay is not supported for quantity '" + name() + "'");
  }
}
