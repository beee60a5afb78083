#!/usr/bin/env python3
"""The CIFAR-10 error table of `mixproof errors --spectrum cifar10`, in vectorised numpy.

[PG24]'s per-eigenvalue recursions exactly as docs/claims.md §5.1 writes them (em, ei, ddpm, ode-euler,
ode-heun, ode-rk4), vectorised over the 3072 eigenvalues and over both start laws (an array of
shape (2, d)), one Python loop over the steps: 6 schemes x 4 eps x NFE {50, 250, 500, 1000} x 2
starts. For each run: W2 against p_eps and p_0, KL(output || p_eps) and the TV bracket (max 1-D
marginal TV, Pinsker), as the Java table does. NFE budget: floor(NFE / evaluations per step) steps.

Usage: python3 bench/pg24_errors_numpy.py [SPECTRUM] [--repeat R]
Prints the best wall time of R runs and a few table entries to compare with the Java output.
"""
import sys
import time

import numpy as np
from scipy.special import ndtr

T = 1.0
SCHEMES = {"em": 1, "ei": 1, "ddpm": 1, "ode-euler": 1, "ode-heun": 2, "ode-rk4": 4}
EPS = [0.0, 1e-5, 1e-4, 1e-3]
NFE = [50, 250, 500, 1000]


def beta(t):
    return 0.05 + t * 9.95


def big_b(t):
    return 0.05 * t + 4.975 * t * t


def lam_at(lam, t):
    e = np.exp(-2 * big_b(t))
    return e * lam - np.expm1(-2 * big_b(t))


def c_of(lam, t):
    return beta(t) * (1 - 1 / lam_at(lam, t))


def run(scheme, lam, v, eps, steps):
    """v: (2, d) start variances; returns the output variances (2, d)."""
    ft = T - (T - eps) * np.arange(steps + 1) / steps  # forward times T - t_k
    for k in range(steps):
        tk, tk1 = ft[k], ft[k + 1]
        dt = tk - tk1
        if scheme == "em":
            m = 1 + dt * beta(tk) * (1 - 2 / lam_at(lam, tk))
            v = m * m * v + 2 * dt * beta(tk)
        elif scheme == "ei":
            db = (tk - tk1) * (0.05 + 4.975 * (tk + tk1))
            m = 1 + np.expm1(db) * (1 - 2 / lam_at(lam, tk))
            v = m * m * v + np.expm1(2 * db)
        elif scheme == "ddpm":
            bd = 2 * dt * beta(tk)
            m = (1 - bd / lam_at(lam, tk))
            v = m * m * v / (1 - bd) + bd
        elif scheme == "ode-euler":
            m = 1 + dt * c_of(lam, tk)
            v = m * m * v
        elif scheme == "ode-heun":
            ck = c_of(lam, tk)
            m = 1 + dt / 2 * ck + dt / 2 * c_of(lam, tk1) * (1 + dt * ck)
            v = m * m * v
        elif scheme == "ode-rk4":
            ch = c_of(lam, tk - dt / 2)
            c1 = c_of(lam, tk)
            c2 = ch * (1 + dt * c1 / 2)
            c3 = ch * (1 + dt * c2 / 2)
            c4 = c_of(lam, tk1) * (1 + dt * c3)
            m = 1 + dt / 6 * (c1 + 2 * c2 + 2 * c3 + c4)
            v = m * m * v
    return v


def w2(v, lam_t):
    return np.sqrt(np.sum((np.sqrt(v) - np.sqrt(lam_t)) ** 2, axis=-1))


def kl(v, lam_t):
    with np.errstate(divide="ignore", invalid="ignore"):
        r = v / lam_t - 1
        terms = r - np.log1p(r)
        terms = np.where(lam_t == 0, np.where(v == 0, 0.0, np.inf), terms)
    return 0.5 * np.sum(terms, axis=-1)


def tv1d_zero_mean(v1, v2):
    """Exact TV between N(0, v1) and N(0, v2), elementwise."""
    with np.errstate(divide="ignore", invalid="ignore"):
        vn, vw = np.minimum(v1, v2), np.maximum(v1, v2)
        rho = vw / vn
        u = np.sqrt(np.log(rho) / (1 - 1 / rho))  # crossings at +-u (in units of the narrow sd)
        tv = (2 * ndtr(u) - 1) - (2 * ndtr(u / np.sqrt(rho)) - 1)
        tv = np.where(v1 == v2, 0.0, tv)
        tv = np.where((vn == 0) & (vw > 0), 1.0, tv)
    return tv


def table(lam):
    rows = []
    for eps in EPS:
        lam_eps, lam_0 = lam_at(lam, eps), lam
        starts = np.stack([np.ones_like(lam), lam_at(lam, T)])
        for scheme, per_step in SCHEMES.items():
            for nfe in NFE:
                steps = nfe // per_step
                with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                    v = run(scheme, lam, starts, eps, steps)
                ok = np.all(np.isfinite(v), axis=-1)
                rows.append((eps, scheme, nfe, steps, ok, w2(v, lam_eps), w2(v, lam_0), kl(v, lam_eps),
                             np.max(tv1d_zero_mean(v, lam_eps), axis=-1),
                             np.minimum(1, np.sqrt(np.minimum(kl(v, lam_eps), kl(lam_eps, v)) / 2))))
    return rows


def read_spectrum(path):
    vals = []
    with open(path) as f:
        for line in f:
            s = line.strip()
            if s and not s.startswith("#"):
                vals.append(float(s) + 0.0)
    return np.array(vals)


def main():
    path = "src/main/resources/data/cifar10-covariance-eigenvalues.txt"
    repeat = 3
    args = sys.argv[1:]
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    if args:
        path = args[0]
    lam = read_spectrum(path)
    best = best_cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        rows = table(lam)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"numpy {np.__version__}: {len(rows) * 2} table entries (6 schemes x 4 eps x 4 NFE x 2 starts), "
          f"d = {lam.size}, best of {repeat}: {best:.3f} s wall, {best_cpu:.3f} s CPU")
    for (eps, scheme, nfe, steps, ok, w2e, w20, kle, tvl, tvu) in rows:
        if nfe in (50, 1000) and eps in (0.0, 1e-3):
            for s, name in enumerate(["prior", "exact"]):
                val = f"{w2e[s]:.4e}  {w20[s]:.4e}" if ok[s] else "undefined"
                print(f"{name:6s} {eps:<7g} {scheme:10s} {nfe:5d} {steps:5d}  {val}")


if __name__ == "__main__":
    main()
