"""Tests of roundtrip.py's JSON writing and reading; numpy only (scikit-learn is not needed).

    python3 -m unittest discover -s examples/python -v

The tests that run mixproof are skipped when target/mixproof.jar is absent. These tests are not part
of `mvn verify` (the Java build needs no Python).
"""
import json
import math
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace

import numpy as np

import roundtrip

JAR = roundtrip.REPO / "target" / "mixproof.jar"
HAVE_JAR = JAR.is_file() and shutil.which("java") is not None


def fitted(layout, covariances):
    """A stand-in for a fitted GaussianMixture: the four attributes roundtrip.py reads."""
    return SimpleNamespace(covariance_type=layout, weights_=np.array([0.5, 0.5]),
                           means_=np.array([[-2.0], [2.0]]), covariances_=np.asarray(covariances))


class MixtureJsonTest(unittest.TestCase):

    def test_each_layout_is_written_as_sklearn_holds_it(self):
        # shapes for k = 2, d = 1: full k*d*d, tied d*d, diag k*d, spherical k
        shapes = {"full": [[[1.0]], [[1.0]]], "tied": [[1.0]], "diag": [[1.0], [1.0]], "spherical": [1.0, 1.0]}
        for layout, cov in shapes.items():
            doc = json.loads(json.dumps(roundtrip.mixture_json(fitted(layout, cov), n_iter_=3)))
            self.assertEqual(doc["covariance_type"], layout)
            self.assertEqual(doc["weights_"], [0.5, 0.5])
            self.assertEqual(doc["means_"], [[-2.0], [2.0]])
            self.assertEqual(doc["covariances_"], cov)
            self.assertEqual(doc["n_iter_"], 3)

    def test_python_writes_nan_bare(self):
        # what mixproof must name in the user's terms: json.dump writes NaN and Infinity unquoted
        text = json.dumps(roundtrip.mixture_json(fitted("spherical", [1.0, math.inf])))
        self.assertIn('"covariances_": [1.0, Infinity]', text)

    def test_mixproof_spellings_of_non_finite_numbers_become_floats(self):
        doc = roundtrip.read_mixproof_json('{"a": "Infinity", "b": ["-Infinity", 1.5], "c": {"d": "NaN"}, "e": "x"}')
        self.assertEqual(doc["a"], math.inf)
        self.assertEqual(doc["b"], [-math.inf, 1.5])
        self.assertTrue(math.isnan(doc["c"]["d"]))
        self.assertEqual(doc["e"], "x")


@unittest.skipUnless(HAVE_JAR, "needs target/mixproof.jar and java")
class MixproofRoundTripTest(unittest.TestCase):

    def run_mixproof(self, *args):
        return subprocess.run(["java", "-jar", str(JAR), *args], capture_output=True, text=True, check=False)

    def test_lipschitz_of_a_spherical_mixture(self):
        # pi = (1/2, 1/2), mu = -2, 2, sigma^2 = 1; vp-ou at t: components N(+-2a, 1), sup ||H|| = 4a^2 - 1
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "m.json"
            roundtrip.write_mixture(fitted("spherical", [1.0, 1.0]), path)
            lip, _ = roundtrip.mixproof(JAR, "lipschitz", "--mixture", str(path), "--schedule", "vp-ou",
                                        "--t", "0.1", "--json")
        a = math.exp(-0.1)
        self.assertAlmostEqual(lip["measured"], 4 * a * a - 1, delta=1e-8)

    def test_nan_is_named_by_key_and_index(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "m.json"
            with open(path, "w") as f:
                json.dump({"weights_": [0.5, 0.5], "means_": [[0.0], [math.nan]], "covariances_": [1.0, 1.0]}, f)
            run = self.run_mixproof("lipschitz", "--mixture", str(path), "--schedule", "vp-ou", "--t", "0.1")
        self.assertEqual(run.returncode, 2)
        self.assertIn("means_[1][0] is NaN; a mixture needs finite numbers", run.stderr)


if __name__ == "__main__":
    unittest.main()
