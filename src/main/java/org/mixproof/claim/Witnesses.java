package org.mixproof.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mixproof.claim.spec.CaseProfile;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimSpec;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.oracle.OracleConfirmation;
import org.mixproof.schedule.Schedules;
import org.mixproof.smoothness.Rounding;

/**
 * Counterexample files ({@code reports/counterexamples/<id>.json}): the shrunk witness as JSON, and
 * {@code mixproof replay}: the witness rebuilt from the file alone (its claim file's keys are inside)
 * and judged again in double, with the 60-digit oracle's ‖H(x)‖₂ at the witness point.
 */
public final class Witnesses {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Witnesses() {}

  /**
   * The witness fields of a check stamped with their provenance, so {@code mixproof replay} needs nothing
   * else: the claim id first, then the seed (unless the fields place it themselves), the fields in their
   * order, and the claim file's keys last.
   */
  public static Map<String, Object> withProvenance(ClaimSpec spec, long seed, Map<String, Object> fields) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("claim", spec.id());
    if (!fields.containsKey("seed")) w.put("seed", seed);
    w.putAll(fields);
    w.put("claim_file", new TreeMap<>(spec.values()));
    return w;
  }

  /** The witness as indented JSON, keys in the order the runner wrote them, ending in a newline. */
  public static String toJson(Map<String, Object> witness) {
    try {
      return MAPPER.writeValueAsString(witness) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise witness: " + e.getMessage(), e);
    }
  }

  /**
   * What replay found. For a case witness ({@code now} set): the recorded and re-measured values and
   * the oracle's ‖H(x)‖₂ (NaN when the quantity has no oracle check). For a rate claim, whose witness
   * is a sweep, the claim re-run at the witness's seed ({@code rerun} set).
   */
  public record Replay(String claim, String statement, String bound, double recordedMeasured, double recordedBound,
      BoundSearch.Replayed now, double oracleHessianNorm, String oracleNote, ClaimResult rerun) {

    /** Whether the witness still falsifies its claim. */
    public boolean stillViolates() {
      return now != null ? now.violated() : rerun.verdict() == Verdict.FALSIFIED;
    }
  }

  public static Replay replay(Path file) throws IOException {
    JsonNode w;
    try {
      w = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not a witness JSON file: " + e.getOriginalMessage(), e);
    }
    JsonNode claimFile = field(file, w, "claim_file");
    StringBuilder text = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = claimFile.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      text.append(e.getKey()).append(" = ").append(e.getValue().asText().replace("\\", "\\\\")).append('\n');
    }
    String id = field(file, w, "claim").asText();
    ClaimSpec spec = ClaimFiles.parse(text.toString(), Path.of(id + ".properties"));
    ClaimCheck check = Checks.forSpec(spec);
    if (!(check instanceof BoundSearch<?> search)) {
      ClaimResult rerun = Checks.run(spec, new RunOptions(field(file, w, "seed").asLong(), 1, Long.MAX_VALUE));
      return new Replay(id, spec.statement(), spec.bound(), Double.NaN, Double.NaN, null, Double.NaN,
          "a rate claim: its witness is a sweep, re-run at seed " + rerun.seed(), rerun);
    }
    BoundSearch.Replayed now = search.replay(spec, w);
    double oracle = Double.NaN;
    String note = "no oracle check for quantity '" + spec.quantity() + "'";
    JsonNode point = w.get("point");
    if (spec.quantity().equals("lipschitz") && point != null && point.isArray() && Double.isFinite(now.bound())) {
      OracleConfirmation.Confirmation c = OracleConfirmation.check(
          MixtureJson.fromTree(field(file, w, "mixture"), file.toString()),
          Schedules.parse(field(file, w, "schedule").asText()), field(file, w, "t").asDouble(),
          CaseProfile.doubles(point), now.bound(), Rounding.ORACLE_DIGITS);
      oracle = c.hessianNormValue();
      note = c.confirmed() ? "the 60-digit oracle confirms ‖H(x)‖₂ > bound" : "the oracle does not confirm ‖H(x)‖₂ > bound";
    }
    return new Replay(id, spec.statement(), spec.bound(), field(file, w, "measured_value").asDouble(),
        field(file, w, "bound_value").asDouble(), now, oracle, note, null);
  }

  /** The value of a snake_case key, or of its camelCase spelling in witness files written before 2026-12. */
  private static JsonNode field(Path file, JsonNode w, String key) {
    JsonNode v = w.get(key);
    if (v == null) v = w.get(camel(key));
    if (v == null || v.isNull()) throw new IllegalArgumentException(file + ": witness lacks '" + key + "'");
    return v;
  }

  static String camel(String snake) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}
