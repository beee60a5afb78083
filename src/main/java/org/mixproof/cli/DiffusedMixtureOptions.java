package org.mixproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every command about a diffused mixture takes: the mixture file, the schedule and t.
 * The mixture file is read leniently ({@link MixtureJson#load}): scikit-learn's layouts and names,
 * unknown keys a warning on stderr. A witness file ({@code reports/counterexamples/<id>.json}) gives
 * its {@code "mixture"}, and its {@code "schedule"} and {@code "t"} where the options are not given.
 */
final class DiffusedMixtureOptions {

  @Option(names = "--mixture", required = true, paramLabel = "FILE",
      description = {"Mixture JSON: {\"weights\": [...], \"means\": [[...]], \"covariances\": [...]} in any of"
          + " scikit-learn's layouts (full k×d×d, tied d×d, diag k×d, spherical k; an optional \"covariance_type\""
          + " says which), also under its attribute names weights_, means_, covariances_. Other keys are"
          + " ignored with a warning.",
          "A witness file of reports/counterexamples/ works too: its \"mixture\" is read, and its schedule and"
              + " t are the defaults."})
  Path mixtureFile;

  @Option(names = "--schedule", paramLabel = "S",
      description = "vp-ou | vp-linear[:BMIN,BMAX] | ve-geometric[:SMIN,SMAX] | ve-linear"
          + " (required unless --mixture is a witness file that names one)")
  String schedule;

  @Option(names = "--t", paramLabel = "T",
      description = "Forward time t (required unless --mixture is a witness file that gives one).")
  Double t;

  private MixtureJson.Loaded loaded;

  /** The mixture file, read once; warnings and notes go to the command's stderr. */
  MixtureJson.Loaded load(CommandLine cl) {
    if (loaded == null) loaded = readMixture(mixtureFile, cl.getErr());
    return loaded;
  }

  /** --schedule, or the witness file's schedule. */
  NoiseSchedule schedule(CommandLine cl) {
    if (schedule != null) return Schedules.parse(schedule);
    JsonNode w = load(cl).witness();
    JsonNode s = w == null ? null : w.get("schedule");
    if (s == null || !s.isTextual()) {
      throw new CommandLine.ParameterException(cl, "Missing required option: '--schedule=S'"
          + (w == null ? "" : " (the witness file names no schedule)"));
    }
    NoiseSchedule parsed = Schedules.parse(s.textValue());
    note(cl, "schedule " + parsed.spec() + " from the witness file (--schedule overrides it)");
    return parsed;
  }

  /** --t, or the witness file's t. */
  double time(CommandLine cl) {
    if (t != null) return t;
    JsonNode w = load(cl).witness();
    JsonNode v = w == null ? null : w.get("t");
    if (v == null || !v.isNumber()) {
      throw new CommandLine.ParameterException(cl, "Missing required option: '--t=T'"
          + (w == null ? "" : " (the witness file gives no t)"));
    }
    note(cl, "t = " + v.doubleValue() + " from the witness file (--t overrides it)");
    return v.doubleValue();
  }

  /** Reads, validates and diffuses the mixture; every bad input raises a named error. */
  MixtureDensity density(CommandLine cl) {
    return MixtureDensity.at(load(cl).mixture(), schedule(cl), time(cl));
  }

  /** The witness's claim id when the mixture came from a witness file, else null. */
  String witnessClaim(CommandLine cl) {
    JsonNode w = load(cl).witness();
    return w != null && w.path("claim").isTextual() ? w.get("claim").textValue() : null;
  }

  private static void note(CommandLine cl, String message) {
    cl.getErr().println("mixproof: " + message);
    cl.getErr().flush();
  }

  /**
   * Reads a mixture file leniently ({@link MixtureJson#load}) and says on {@code err} which keys it
   * ignored and, for a witness file, that its "mixture" is what was read.
   */
  static MixtureJson.Loaded readMixture(Path file, PrintWriter err) {
    MixtureJson.Loaded l = MixtureJson.load(file);
    if (!l.ignoredKeys().isEmpty()) {
      StringBuilder keys = new StringBuilder();
      for (String k : l.ignoredKeys()) keys.append(keys.length() == 0 ? "" : ", ").append('"').append(k).append('"');
      err.println("mixproof: warning: " + file + ": ignoring " + (l.ignoredKeys().size() == 1 ? "a key" : "keys")
          + " that " + (l.ignoredKeys().size() == 1 ? "is" : "are") + " not part of a mixture: " + keys
          + " (read: weights, means, covariances, covariance_type, or scikit-learn's weights_, means_, covariances_)");
    }
    if (l.fromWitness()) {
      JsonNode claim = l.witness().get("claim");
      err.println(String.format(Locale.ROOT, "mixproof: %s is a witness file%s: reading its \"mixture\" (d = %d, k = %d)",
          file, claim != null && claim.isTextual() ? " (claim " + claim.textValue() + ")" : "",
          l.mixture().dimension(), l.mixture().components()));
      JsonNode note = l.witness().get("mixture_note");
      if (note != null && note.isTextual()) err.println("mixproof: the witness says its mixture is " + note.textValue());
    }
    err.flush();
    return l;
  }
}
