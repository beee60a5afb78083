package org.mixproof.cli;

import java.nio.file.Path;
import org.mixproof.density.MixtureDensity;
import org.mixproof.mixture.MixtureJson;
import org.mixproof.schedule.Schedules;
import picocli.CommandLine.Option;

/** The options every command about a diffused mixture takes: the mixture file, the schedule and t. */
final class DiffusedMixtureOptions {

  @Option(names = "--mixture", required = true, paramLabel = "FILE",
      description = "Mixture JSON: {\"weights\": [...], \"means\": [[...]], \"covariances\": [[[...]]]}.")
  Path mixtureFile;

  @Option(names = "--schedule", required = true, paramLabel = "S",
      description = "vp-ou | vp-linear[:BMIN,BMAX] | ve-geometric[:SMIN,SMAX] | ve-linear")
  String schedule;

  @Option(names = "--t", required = true, paramLabel = "T", description = "Forward time t.")
  double t;

  /** Reads, validates and diffuses the mixture; every bad input raises a named error. */
  MixtureDensity density() {
    return MixtureDensity.at(MixtureJson.read(mixtureFile), Schedules.parse(schedule), t);
  }
}
