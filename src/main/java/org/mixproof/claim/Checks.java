package org.mixproof.claim;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.mixproof.claim.quantity.BlowupQuantities;
import org.mixproof.claim.quantity.LipschitzQuantity;
import org.mixproof.claim.quantity.MomentQuantities;
import org.mixproof.claim.quantity.OracleQuantities;
import org.mixproof.claim.quantity.PreservationQuantities;
import org.mixproof.claim.quantity.ScoreQuantities;
import org.mixproof.claim.rate.GuaranteeCheck;
import org.mixproof.claim.rate.PublishedValueCheck;
import org.mixproof.claim.rate.SolverGaussianCheck;
import org.mixproof.claim.spec.ClaimFormatException;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * The registry of claim checks by the {@code quantity} key: the bound-search quantities and the rate
 * checks. Adding a measurable quantity means adding one line here; adding a claim about an existing
 * quantity needs no Java at all.
 */
public final class Checks {

  private static final Map<String, Supplier<ClaimCheck>> CHECKS = new TreeMap<>();

  static {
    bound(LipschitzQuantity::new);
    bound(MomentQuantities.Exact::new);
    bound(MomentQuantities.MonteCarlo::new);
    bound(BlowupQuantities.ScoreNorm::new);
    bound(BlowupQuantities.DenoiserNorm::new);
    bound(PreservationQuantities::characteristicFunction);
    bound(PreservationQuantities::fokkerPlanck);
    bound(PreservationQuantities::moments);
    bound(PreservationQuantities::sampling);
    bound(ScoreQuantities::gradient);
    bound(ScoreQuantities::jacobian);
    bound(ScoreQuantities::tweedie);
    bound(ScoreQuantities::stein);
    bound(ScoreQuantities::gaussian);
    bound(OracleQuantities::agreement);
    bound(OracleQuantities::finite);
    bound(OracleQuantities::illConditioned);
    for (SolverGaussianCheck.Kind kind : SolverGaussianCheck.Kind.values()) rate(kind.quantity(), () -> new SolverGaussianCheck(kind));
    rate(GuaranteeCheck.NAME, GuaranteeCheck::new);
    rate(PublishedValueCheck.NAME, PublishedValueCheck::new);
  }

  private Checks() {}

  private static void bound(Supplier<? extends Quantity<?>> quantity) {
    CHECKS.put(quantity.get().name(), () -> new BoundSearch<>(quantity.get()));
  }

  private static void rate(String name, Supplier<ClaimCheck> check) { CHECKS.put(name, check); }

  public static Set<String> names() { return new TreeSet<>(CHECKS.keySet()); }

  /** The check for a claim file; an unknown quantity or an unknown key is an error naming file, line and key. */
  public static ClaimCheck forSpec(ClaimSpec spec) {
    Supplier<ClaimCheck> s = CHECKS.get(spec.quantity());
    if (s == null) throw spec.error("quantity", "unknown quantity '" + spec.quantity() + "', known: " + names());
    ClaimCheck check = s.get();
    for (String key : spec.values().keySet()) {
      if (!ClaimSpec.COMMON.contains(key) && !check.keys().contains(key)) {
        throw spec.error(key, "unknown key for quantity '" + spec.quantity() + "'; known: "
            + new TreeSet<>(check.keys()) + " and " + ClaimSpec.COMMON);
      }
    }
    return check;
  }

  /** Every witness names its claim, seed and claim file ({@link Witnesses#withProvenance}). */
  private static ClaimResult withProvenance(ClaimResult r) {
    if (r.witness() == null) return r;
    return new ClaimResult(r.spec(), r.verdict(), r.tries(), r.skipped(), r.refused(), r.measureName(), r.measure(),
        r.where(), r.seed(), r.detail(), Witnesses.withProvenance(r.spec(), r.seed(), r.witness()), r.certificate());
  }

  /** Runs one claim; a malformed file propagates, anything else becomes an ERROR verdict. */
  public static ClaimResult run(ClaimSpec spec, RunOptions options) {
    ClaimCheck check = forSpec(spec);
    try {
      return withProvenance(check.run(spec, options));
    } catch (ClaimFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      return ClaimResult.error(spec, options.seedFor(spec), e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (OutOfMemoryError e) {
      // a case larger than the preflight's estimate: no raw JVM error reaches the user
      return ClaimResult.error(spec, options.seedFor(spec), String.format(java.util.Locale.ROOT,
          "out of memory (heap %.0f MB): a case of this profile does not fit; lower its dimensions or components,"
              + " or give java more heap with -Xmx", Runtime.getRuntime().maxMemory() / 1048576.0));
    }
  }
}
