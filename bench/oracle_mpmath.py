"""The oracle's algorithm in mpmath, for comparison with OracleBenchmark (JMH) at the same precision.

Same mixture and points (oracle-d8-k4.json, oracle-d8-k4-points.csv), same working precision
(digits + 10 guard digits + ceil(log10 kappa)), same precomputation per mixture (Cholesky factors,
reciprocal pivots, precisions, log-normalisers) and the same per-point work: two triangular solves
per component, log-sum-exp, weights, score and the centred Hessian. Inputs are converted exactly
(mpf of a Python float is exact). Prints points per second and log p at the first point.

    python3 bench/oracle_mpmath.py [--digits 60] [--seconds 20] [--schedule-t 0.1]
"""
import argparse
import json
import math
import os
import time

import mpmath
from mpmath import mp, mpf

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    with open(os.path.join(HERE, "oracle-d8-k4.json")) as f:
        m = json.load(f)
    pts = []
    with open(os.path.join(HERE, "oracle-d8-k4-points.csv")) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                pts.append([float(v) for v in line.split(",")])
    return m, pts


def prepare(m, t):
    """vp-ou at time t: a = e^{-t}, b^2 = 1 - e^{-2t}, taken as doubles like the Java schedule."""
    a = math.exp(-t)
    b2 = -math.expm1(-2 * t)
    d = len(m["means"][0])
    a_ = mpf(a)
    a2 = a_ * a_
    comps = []
    for w, mu, cov in zip(m["weights"], m["means"], m["covariances"]):
        c = [[a2 * mpf(cov[r][s]) + (mpf(b2) if r == s else 0) for s in range(d)] for r in range(d)]
        low = [[mpf(0)] * d for _ in range(d)]
        inv = [mpf(0)] * d
        for r in range(d):
            for s in range(r + 1):
                v = c[r][s] - mpmath.fsum(low[r][j] * low[s][j] for j in range(s))
                if s < r:
                    low[r][s] = v * inv[s]
                else:
                    low[r][r] = mpmath.sqrt(v)
                    inv[r] = 1 / low[r][r]
        prec = [[None] * d for _ in range(d)]
        for col in range(d):
            e = [mpf(1) if r == col else mpf(0) for r in range(d)]
            y = back(low, inv, forward(low, inv, e))
            for r in range(d):
                prec[r][col] = y[r]
        logdet = 2 * mpmath.fsum(mpmath.log(low[r][r]) for r in range(d))
        lognorm = mpmath.log(mpf(w)) - mpf(d) / 2 * mpmath.log(2 * mp.pi) - logdet / 2
        comps.append((lognorm, [a_ * mpf(v) for v in mu], low, inv, prec))
    return comps


def forward(low, inv, b):
    z = []
    for r in range(len(b)):
        s = b[r]
        row = low[r]
        for j in range(r):
            s -= row[j] * z[j]
        z.append(s * inv[r])
    return z


def back(low, inv, z):
    n = len(z)
    y = [None] * n
    for r in range(n - 1, -1, -1):
        s = z[r]
        for j in range(r + 1, n):
            s -= low[j][r] * y[j]
        y[r] = s * inv[r]
    return y


def evaluate(comps, x):
    d = len(x)
    xs = [mpf(v) for v in x]
    ells, scores = [], []
    for lognorm, mu, low, inv, _ in comps:
        z = forward(low, inv, [xs[j] - mu[j] for j in range(d)])
        q = mpmath.fsum(v * v for v in z)
        ells.append(lognorm - q / 2)
        scores.append([-v for v in back(low, inv, z)])
    mx = max(ells)
    es = [mpmath.exp(l - mx) for l in ells]
    total = mpmath.fsum(es)
    logp = mx + mpmath.log(total)
    inv = 1 / total
    w = [e * inv for e in es]
    s = [mpmath.fsum(w[i] * scores[i][j] for i in range(len(comps))) for j in range(d)]
    # H = sum_i w_i u_i u_i^T - sum_i w_i P_i, u_i = s_i - s, the two sums accumulated apart
    c_ = [[mpf(0)] * d for _ in range(d)]
    m_ = [[mpf(0)] * d for _ in range(d)]
    for i, (_, _, _, _, prec) in enumerate(comps):
        u = [scores[i][j] - s[j] for j in range(d)]
        wu = [w[i] * v for v in u]
        for r in range(d):
            for c in range(r, d):
                c_[r][c] += wu[r] * u[c]
                m_[r][c] += w[i] * prec[r][c]
    h = [[None] * d for _ in range(d)]
    for r in range(d):
        for c in range(r, d):
            h[r][c] = h[c][r] = c_[r][c] - m_[r][c]
    return logp, w, s, h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--digits", type=int, default=60)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--schedule-t", type=float, default=0.1)
    args = ap.parse_args()
    m, pts = load()
    # working precision as in OracleDensity: digits + 10 guard digits + ceil(log10 kappa)
    a = math.exp(-args.schedule_t)
    b2 = -math.expm1(-2 * args.schedule_t)
    import numpy as np
    kappa = max((a * a * max(e) + b2) / (a * a * min(e) + b2)
                for e in (np.linalg.eigvalsh(np.array(c)) for c in m["covariances"]))
    mp.dps = args.digits + 10 + math.ceil(math.log10(kappa))
    comps = prepare(m, args.schedule_t)
    first = evaluate(comps, pts[0])[0]
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        evaluate(comps, pts[n % len(pts)])
        n += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({"digits": args.digits, "working_digits": mp.dps, "backend": mpmath.libmp.BACKEND,
                      "mpmath": mpmath.__version__, "points": n, "seconds": round(elapsed, 3),
                      "points_per_second": round(n / elapsed, 2),
                      "log_density_first_point": mpmath.nstr(first, 30)}))


if __name__ == "__main__":
    main()
