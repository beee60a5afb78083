"""Writes the high-dimensional cases of `mixproof lipschitz` (issue 15): k components with diagonal
covariances (scikit-learn's "diag" layout), so that P_i - P_j is indefinite and the tie sets reach
infinity. Seeded: re-running it reproduces the files byte for byte.

  python3 bench/make_lipschitz_case.py --d 512 --k 4 --out bench/lipschitz-d512-k4.json
  python3 bench/make_lipschitz_case.py --cifar --k 4 --out /tmp/lipschitz-cifar-k4.json

--cifar: d = 3072, each component's variances the CIFAR-10 covariance spectrum
(src/main/resources/data/cifar10-covariance-eigenvalues.txt, zeros included) in its own random order
(component 0 in the file's order). Otherwise log-spaced variances 0.1 to 10 in a random order."""
import argparse
import json
import os

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--d", type=int, default=512)
ap.add_argument("--k", type=int, default=4)
ap.add_argument("--cifar", action="store_true")
ap.add_argument("--seed", type=int, default=20261202)
ap.add_argument("--out", required=True)
a = ap.parse_args()
rng = np.random.default_rng(a.seed)
if a.cifar:
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "src", "main", "resources", "data", "cifar10-covariance-eigenvalues.txt")
    spectrum = np.array([abs(float(l)) for l in open(path) if l.strip() and not l.startswith("#")])
    d = spectrum.size
    variances = [spectrum.tolist()] + [spectrum[rng.permutation(d)].tolist() for _ in range(a.k - 1)]
else:
    d = a.d
    base = np.logspace(-1, 1, d)
    variances = [base[rng.permutation(d)].tolist() for _ in range(a.k)]
weights = rng.dirichlet(np.ones(a.k))
weights = (weights / weights.sum()).tolist()
means = (2.0 * rng.standard_normal((a.k, d))).tolist()
with open(a.out, "w") as f:
    json.dump({"weights": weights, "means": means, "covariance_type": "diag", "covariances": variances}, f)
print(f"wrote {a.out}: d = {d}, k = {a.k}")
