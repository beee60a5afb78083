package org.mixproof.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mixproof.law.GaussianLaw;
import org.mixproof.mixture.Spectrum;
import org.mixproof.schedule.Schedules;

/** docs/claims.md §7 for samplers and spectra: each bad input is an IllegalArgumentException naming it. */
class SamplerInputTest {

  static void message(IllegalArgumentException e, String... parts) {
    for (String p : parts) assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should name " + p);
  }

  @Test
  void stepsMustBePositive() {
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(1, 0, 0)), "steps", "0");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(1, 0, -3)), "steps", "-3");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.exponential(1, 0.1, 0)), "steps", "0");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.clw25(Schedules.parse("vp-ou"), 0, 2, 10)), "levels", "0");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(Schedules.parse("vp-ou"), 1, 2, 4)), "levels", "1");
    // c0 = 0 or c1 = 0 are refused by name, not later by a consequence (β₁ = 1, coinciding times)
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.ly24(Schedules.parse("vp-ou"), 50, 0, 4)), "c0", "0.0");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.clw25(Schedules.parse("vp-ou"), 50, 2, 0)), "c1", "0.0");
  }

  @Test
  void horizonMustExceedEarlyStopping() {
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(0.5, 0.5, 10)), "T", "0.5");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(0.1, 0.2, 10)), "T", "0.1", "0.2");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(1, -0.1, 10)), "delta", "-0.1");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(Double.NaN, 0, 10)), "T", "NaN");
    message(assertThrows(IllegalArgumentException.class, () -> TimeGrid.exponential(1, 0, 10)), "delta", "0");
    // a grid beyond the schedule's range is caught when used with it
    message(assertThrows(IllegalArgumentException.class,
        () -> TimeGrid.uniform(2, 0, 10).checkFor(Schedules.parse("vp-linear"))), "t must be in", "2");
  }

  @Test
  void unknownSchemeNamesAreRejectedNamingThem() {
    message(assertThrows(IllegalArgumentException.class, () -> Schemes.parse("euler")), "'euler'", "em");
    message(assertThrows(IllegalArgumentException.class, () -> Schemes.parseList("em,,ei")), "''");
    message(assertThrows(IllegalArgumentException.class, () -> Schemes.parseList("")), "schemes");
    message(assertThrows(IllegalArgumentException.class, () -> Schemes.parse(null)), "null");
    message(assertThrows(IllegalArgumentException.class, () -> StartLaw.parse("gaussian")), "'gaussian'");
    assertEquals(Schemes.NAMES.size(), Schemes.NAMES.stream().map(Schemes::parse).map(Scheme::name).distinct().count());
  }

  @Test
  void spectrumFilesWithBadEntriesNameFileAndLine(@TempDir Path dir) throws Exception {
    Path neg = dir.resolve("neg.txt");
    Files.writeString(neg, "# header\n1.0\n\n-0.0\n-1e-3\n");
    message(assertThrows(IllegalArgumentException.class, () -> Spectrum.read(neg)), neg + ":5", "-1e-3", ">= 0");
    Path word = dir.resolve("word.txt");
    Files.writeString(word, "1.0\nabc\n");
    message(assertThrows(IllegalArgumentException.class, () -> Spectrum.read(word)), word + ":2", "'abc'", "not a number");
    Path nan = dir.resolve("nan.txt");
    Files.writeString(nan, "NaN\n");
    message(assertThrows(IllegalArgumentException.class, () -> Spectrum.read(nan)), nan + ":1", "finite");
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "# nothing\n");
    message(assertThrows(IllegalArgumentException.class, () -> Spectrum.read(empty)), empty.toString(), "no eigenvalues");
    message(assertThrows(IllegalArgumentException.class, () -> Spectrum.read(dir.resolve("missing.txt"))), "missing.txt", "does not exist");
  }

  @Test
  void minusZeroIsZeroAndTheBundledSpectrumIsCifar10() {
    Spectrum s = Spectrum.parse("-0.0\n0\n2.5\n", "inline");
    assertEquals(2, s.zeros());
    assertEquals(0, Double.compare(0.0, s.eigenvalues()[0]), "−0.0 is stored as +0.0");
    Spectrum c = Spectrum.cifar10();
    assertEquals(3072, c.dimension());
    assertEquals(9, c.zeros(), "CIFAR-10's covariance has nine zero eigenvalues (docs/claims.md §5.1)");
    assertEquals(c.dimension(), Spectrum.read("cifar10").dimension());
  }

  @Test
  void propagationRejectsMismatchedStartsAndNonFiniteScoreError() {
    GaussianLaw law = GaussianLaw.ofSpectrum(Spectrum.of(new double[] {1, 2}, "x"));
    message(assertThrows(IllegalArgumentException.class, () -> law.propagate(Schemes.EM, Schedules.parse("vp-ou"),
        TimeGrid.uniform(1, 0.1, 5), Double.NaN, java.util.List.of(law.start(StartLaw.PRIOR, Schedules.parse("vp-ou"), 1)))),
        "epsScore", "NaN");
    message(assertThrows(IllegalArgumentException.class, () -> Spectrum.of(new double[] {1, -2}, "x")), "eigenvalues[1]", "-2");
  }
}
