"""Writes the benchmark case shared by OracleBenchmark (JMH) and oracle_mpmath.py: a d = 8, k = 4
Gaussian mixture with full covariances (condition numbers 10 to 1e3) and 64 points around it.
Seeded, so re-running it reproduces the committed files byte for byte."""
import json
import random

import numpy as np

rng = np.random.default_rng(20261122)
d, k = 8, 4
weights = rng.dirichlet(np.ones(k))
weights = (weights / weights.sum()).tolist()
means = (2.0 * rng.standard_normal((k, d))).tolist()
covs = []
for i in range(k):
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    lam = np.logspace(0, 1 + i * 2 / 3, d) * 0.5
    c = q @ np.diag(lam) @ q.T
    c = 0.5 * (c + c.T)
    covs.append(c.tolist())
with open("oracle-d8-k4.json", "w") as f:
    json.dump({"weights": weights, "means": means, "covariances": covs}, f, indent=1)
pts = []
for n in range(64):
    i = n % k
    pts.append((np.array(means[i]) + rng.standard_normal(d) * (1 + n % 3)).tolist())
with open("oracle-d8-k4-points.csv", "w") as f:
    f.write("# 64 points near the components of oracle-d8-k4.json (1, 2 or 3 standard units out)\n")
    for p in pts:
        f.write(",".join(repr(float(v)) for v in p) + "\n")
