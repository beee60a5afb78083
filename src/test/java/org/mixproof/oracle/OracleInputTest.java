package org.mixproof.oracle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mixproof.mixture.GaussianMixture;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The oracle refuses bad input before computing, with a message naming the parameter and the value —
 * each guard fires here once (the oracle is the ground truth; a NaN in it would poison every check).
 */
class OracleInputTest {

  static final NoiseSchedule OU = Schedules.parse("vp-ou");
  static final GaussianMixture TWO = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{-1, 0.5}, {1, 0}},
      new double[][][] {{{1, 0.2}, {0.2, 2}}, {{0.5, 0}, {0, 0.5}}});

  static void refused(Executable call, String... words) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String w : words) assertTrue(e.getMessage().contains(w), "message lacks '" + w + "': " + e.getMessage());
  }

  @Test
  void constructionRefusesMissingPartsDigitsAndTimes() {
    refused(() -> OracleDensity.at(null, OU, 0.1), "mixture");
    refused(() -> OracleDensity.at(TWO, null, 0.1), "schedule");
    refused(() -> OracleDensity.at(TWO, OU, 0.1, OracleDensity.MIN_DIGITS - 1), "digits", "" + (OracleDensity.MIN_DIGITS - 1));
    refused(() -> OracleDensity.at(TWO, OU, 0.1, OracleDensity.MAX_DIGITS + 1), "digits", "" + (OracleDensity.MAX_DIGITS + 1));
    refused(() -> OracleDensity.at(TWO, OU, -0.5), "t", "-0.5");
    refused(() -> OracleDensity.at(TWO, OU, Double.NaN), "t", "NaN");
    GaussianMixture singular = GaussianMixture.gaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0, 0}});
    refused(() -> OracleDensity.at(singular, OU, 0.0), "covariances[0]", "singular", "t = 0.0");
  }

  @Test
  void evaluationRefusesPointsOfTheWrongShapeOrNotFinite() {
    OracleDensity o = OracleDensity.at(TWO, OU, 0.1, 20);
    refused(() -> o.evaluate(null), "x");
    refused(() -> o.evaluate(new double[] {1, 2, 3}), "x", "3", "d = 2");
    refused(() -> o.evaluate(new double[] {0, Double.NaN}), "x[1]", "NaN");
    refused(() -> o.evaluate(new double[] {Double.NEGATIVE_INFINITY, 0}), "x[0]", "Infinity");
  }

  @Test
  void agreementRefusesDoubleResultsOfTheWrongShape() {
    OracleEvaluation e = OracleDensity.at(TWO, OU, 0.1, 20).evaluate(new double[] {0.3, -0.2});
    double[] w = {0.5, 0.5}, s = {0, 0};
    double[][] h = {{0, 0}, {0, 0}};
    refused(() -> Agreement.of(null, 0, w, s, h), "oracle");
    refused(() -> Agreement.of(e, 0, new double[] {1}, s, h), "weights", "k = 2", "1");
    refused(() -> Agreement.of(e, 0, w, new double[] {0, 0, 0}, h), "score", "d = 2", "3");
    refused(() -> Agreement.of(e, 0, w, s, new double[][] {{0, 0}}), "hessian", "2×2");
    refused(() -> Agreement.of(e, 0, w, s, new double[][] {{0, 0}, {0}}), "hessian row 1", "d = 2");
    refused(() -> RoundingBound.of(null), "evaluation");
  }

  @Test
  void confirmationRefusesANonFiniteOrMissingBound() {
    OracleDensity o = OracleDensity.at(TWO, OU, 0.1, 20);
    double[] x = {0, 0};
    refused(() -> OracleConfirmation.check(o, x, Double.NaN), "bound", "NaN");
    refused(() -> OracleConfirmation.check(o, x, Double.POSITIVE_INFINITY), "bound", "Infinity");
    refused(() -> OracleConfirmation.check(null, x, 1.0), "oracle");
    refused(() -> OracleConfirmation.check(o, x, (Apfloat) null), "bound");
    refused(() -> OracleConfirmation.check(null, x, new Apfloat(1)), "oracle");
  }
}
