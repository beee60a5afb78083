package org.mixproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.U;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code errors --certified}: the double table's values lie inside the enclosures over a grid of
 * schedules, schemes, early stopping times, starts, budgets, means and score errors; the widths on
 * the [PG24] setting; text and JSON; refusals before computing.
 */
class ErrorsCertifiedTest {

  static final double[] SPECTRUM = {0, 3e-4, 0.02, 0.7, 1, 6, 150};

  @TempDir Path dir;

  static JsonNode json(String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("errors", "--certified", "--json", "-q"));
    a.addAll(List.of(args));
    CliRun r = CliRun.of(a.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  static double num(JsonNode n) {
    return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble(); // "Infinity"
  }

  /**
   * Every double value within its own rounding error of its enclosure (the enclosure is about the
   * real law; its soundness is tested against 60 digits in certify.GaussianLawEnclosureTest). The
   * double recursion's variances carry a relative error of at most 64u per step (the ~10 rounded
   * operations of a step's coefficient, squared, and the update), so with n steps a W2 is off by at
   * most Σ_j |δ_j| 64nu √v_j / W2 ≤ 64nu √(Σ_j v_j) (Cauchy–Schwarz) and a KL by at most
   * ½ Σ_j 64nu |r_j| ≤ 64nu (2 KL + 2d) (|r| ≤ 4 g(r) + 2.5 for g(r) = r − log(1 + r)), with
   * Σ_j v_j ≤ S = Σ_j (λ_j + b_T² + 1) up to that error. The continuous-time columns are closed forms
   * (n = 1) evaluated with a cancellation (v − λ_t from two rounded doubles), inside the same slack.
   */
  static void assertInside(JsonNode root, double traceBound, int d) { assertInside(root, traceBound, d, true); }

  static void assertInside(JsonNode root, double traceBound, int d, boolean kl) {
    for (JsonNode row : root.get("rows")) {
      int n = Math.max(1, row.get("steps").asInt());
      if (row.has("undefined")) {
        assertTrue(row.has("certified_undefined"), "the interval run is undefined with the double one: " + row);
      } else {
        for (String key : kl ? List.of("w2_eps", "w2_0", "kl_eps") : List.of("w2_eps", "w2_0")) {
          double v = num(row.get(key)), lo = num(row.get(key + "_lower")), hi = num(row.get(key + "_upper"));
          double slack = key.startsWith("kl") ? 64 * n * U * (2 * Math.min(v, 1e300) + 2 * d)
              : 64 * n * U * Math.sqrt(traceBound);
          if (v == Double.POSITIVE_INFINITY) slack = 0; // KL = ∞ must be enclosed exactly
          assertTrue(lo - slack <= v && v <= hi + slack, key + " = " + v + " beyond [" + lo + ", " + hi + "] ± " + slack + " in " + row);
        }
      }
      for (String key : List.of("w2_eps_sde_continuous", "w2_eps_ode_continuous")) {
        double v = num(row.get(key)), lo = num(row.get(key + "_lower")), hi = num(row.get(key + "_upper"));
        double slack = 64 * U * Math.sqrt(traceBound);
        assertTrue(lo - slack <= v && v <= hi + slack, key + " = " + v + " beyond [" + lo + ", " + hi + "] ± " + slack);
      }
    }
  }

  Path spectrum() throws Exception {
    Path p = dir.resolve("spectrum.txt");
    StringBuilder b = new StringBuilder();
    for (double l : SPECTRUM) b.append(l).append('\n');
    Files.writeString(p, b.toString());
    return p;
  }

  static double trace(double b2T) {
    double s = 0;
    for (double l : SPECTRUM) s += l + b2T + 1;
    return s;
  }

  @Test
  void doublesLieInsideOverSchedulesSchemesEpsStartsAndBudgets() throws Exception {
    String spec = spectrum().toString();
    String schemes = "em,ei,ddpm,ode-euler,ode-heun,ode-rk4,ode-ei,dpom,dpum";
    // b_T² ≤ 1 (vp), 2500 (ve-geometric, σ_max = 50), 4 (ve-linear at T = 2)
    for (String[] s : new String[][] {{"vp-linear:0.1,20", "1", "1"}, {"vp-ou", "3", "1"},
        {"ve-geometric", "1", "2500"}, {"ve-linear", "2", "4"}}) {
      JsonNode root = json("--spectrum", spec, "--schedule", s[0], "--T", s[1], "--schemes", schemes,
          "--nfe", "40,120", "--eps", "0,1e-3");
      assertEquals(2 * 2 * 9 * 2, root.get("rows").size());
      assertInside(root, trace(Double.parseDouble(s[2])), SPECTRUM.length);
    }
    for (String g : List.of("ly24", "clw25")) {
      JsonNode root = json("--spectrum", spec, "--schedule", "vp-ou", "--schemes", g, "--grid", g, "--points", "64,128");
      assertInside(root, trace(1), SPECTRUM.length); // KL too, since the step takes β from log α (below)
    }
  }

  /**
   * A finding of the law certificate, fixed: the discrete samplers' double step took β = 1 − (a_t/a_{t'})²,
   * exactly 0 once a_t = e^{−t} rounds to 1 (t below ~1e-16), while the real β ≈ 2h is of the order of
   * λ_t = b_t² ≈ 2t there. With [CLW25]'s grid at 64 levels (t_1 ≈ 5.5e-22) the double KL against p_{t_1}
   * was ~4.6e5 against a real 0.57. The step now takes α and β from log α = 2(log a_t − log a_{t'}), and
   * the double KL lies in its enclosure — which also needed the probing propagation's probes sized to the
   * step's score coefficients (≈ 1/b_t² ≈ 1e21 there; a fixed 2³² read the step's score term to only
   * ~1e-5, ProbedPropagation).
   */
  @Test
  void theDiscreteStepKeepsBetaAtTinyTimes() throws Exception {
    JsonNode row = json("--spectrum", spectrum().toString(), "--schedule", "vp-ou", "--schemes", "clw25", "--grid", "clw25",
        "--points", "64", "--start", "prior").get("rows").get(0);
    assertTrue(row.get("t_1").asDouble() < 1e-16, row.toString());
    assertTrue(row.get("kl_eps_upper").asDouble() < 1, row.toString());
    assertTrue(row.get("kl_eps_lower").asDouble() <= row.get("kl_eps").asDouble()
        && row.get("kl_eps").asDouble() <= row.get("kl_eps_upper").asDouble(), row.toString());
    // (doubles_inside stays false here for the continuous-SDE column's own cancellation, a separate finding)
  }

  /** Means (a diagonal one-component mixture) and a score error: every lane of the recursion. */
  @Test
  void meansAndScoreErrorLieInside() throws Exception {
    Path m = dir.resolve("gauss.json");
    Files.writeString(m, "{\"weights\": [1], \"means\": [[1.5, -0.5, 0]], "
        + "\"covariances\": [[[0.3, 0, 0], [0, 2, 0], [0, 0, 0.01]]]}");
    for (String err : List.of("0", "0.4")) {
      JsonNode root = json("--mixture", m.toString(), "--schedule", "vp-linear", "--score-error", err,
          "--nfe", "30,100", "--eps", "1e-3");
      assertInside(root, 3 * 3.0, 3);
    }
  }

  /** The [PG24] Table 5 cell of the README: the double 23.4195 inside, relative width ≤ 1e-9. */
  @Test
  void pg24Table5HeunCell() throws Exception {
    JsonNode root = json("--spectrum", "cifar10", "--schemes", "ode-heun", "--eps", "1e-5", "--start", "prior",
        "--points", "50");
    assertTrue(root.get("certified").get("max_relative_width").asDouble() <= 1e-9, root.get("certified").toString());
    JsonNode row = root.get("rows").get(0);
    double lo = row.get("w2_eps_lower").asDouble(), hi = row.get("w2_eps_upper").asDouble();
    assertTrue(lo <= row.get("w2_eps").asDouble() && row.get("w2_eps").asDouble() <= hi, row.toString());
    assertTrue(Math.abs(23.42 - lo) <= 0.005 && Math.abs(23.42 - hi) <= 0.005, "[PG24] prints 23.42: " + lo + ", " + hi);
    assertTrue((hi - lo) / lo <= 1e-9, "relative width " + (hi - lo) / lo);
  }

  @Test
  void textMarksTheIntervals() throws Exception {
    CliRun r = CliRun.of("errors", "--spectrum", spectrum().toString(), "--schemes", "em", "--nfe", "20", "--eps", "1e-3",
        "--certified", "-q");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("# certified (docs/claims.md §8"), r.out());
    assertTrue(r.out().contains("largest relative width"), r.out());
    assertTrue(r.out().matches("(?s).*\\nprior +1e-3 +em +20 +20 +[0-9.]+\\[[0-9]+, [0-9]+\\]e[-+][0-9]+.*"), r.out());
  }

  @Test
  void refusesWhatHasNoEnclosureBeforeComputing() throws Exception {
    CliRun r = CliRun.of("errors", "--mixture", "examples/two-component-1d.json", "--certified");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("--certified has no enclosure for") && r.err().contains("k = 2"), r.err());
    assertTrue(r.out().isEmpty(), "nothing computed: " + r.out());
    Path m = dir.resolve("full.json");
    Files.writeString(m, "{\"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 0.5], [0.5, 1]]]}");
    r = CliRun.of("errors", "--mixture", m.toString(), "--certified");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("non-diagonal covariance"), r.err());
  }

  /** ddpm under vp-ou with one step of h = 1: 1 + 2fh = −1, undefined in double and in intervals. */
  @Test
  void ddpmGuardFiresInBoth() throws Exception {
    JsonNode root = json("--spectrum", spectrum().toString(), "--schedule", "vp-ou", "--T", "1", "--schemes", "ddpm",
        "--points", "2", "--eps", "0", "--start", "prior");
    JsonNode row = root.get("rows").get(0);
    assertTrue(row.get("undefined").asText().contains("1 + 2 f h"), row.toString());
    assertTrue(row.get("certified_undefined").asText().contains("≤ 0"), row.toString());
  }
}
