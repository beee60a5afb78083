#!/usr/bin/env python3
"""numpy twin of DensityBenchmark's batch benchmarks (mixproof MixtureDensity at t = 0.5, vp-ou).

For each (d, k) in 2x4, 16x8, 64x16 and a batch of n = 10,000 points it times, vectorised over the
points, the two batch quantities the Java benchmark times:

  log-density + score   per component: R = X - mu_i, Z = R @ W_i^T (W_i = inverse Cholesky factor of
                        Sigma_i(t)), quadratic form, log-sum-exp over k with the weights, and
                        score = sum_i w_i s_i with s_i = -Z @ W_i;
  score + Hessian       the above, then H = -sum_i w_i P_i + sum_i w_i (s_i - s)(s_i - s)^T, as
                        w @ P.reshape(k, d*d) plus a batched matmul for the centred outer products.

Everything that depends only on the mixture and t (W_i, P_i, log-determinants) is built once,
outside the timing, as MixtureDensity.at does. Times are the best of --repeat runs (timeit, one
call per run), in ms per batch of n points.

Data: by default it reads the problems Java wrote with

    java -cp target/benchmarks.jar org.mixproof.bench.DensityExport /tmp/mixproof-bench

(same mixture, same points) and also checks numpy's answers against Java's. Without that
directory it builds an equivalent problem itself (same d, k, n, condition number 100, mean radius
3, t = 0.5; different random numbers) and skips the check.

OpenBLAS threads: whatever the environment gives (by default one per core); the script prints the
count. Set OPENBLAS_NUM_THREADS=1 for a single-threaded comparison.
"""

import argparse
import ctypes
import glob
import json
import os
import platform
import timeit

import numpy as np

SHAPES = ["2x4", "16x8", "64x16"]
T = 0.5
N = 10_000
SEED = 20240601


def openblas_threads():
    """Threads OpenBLAS will use, asked of the library numpy loaded (None if it cannot be found)."""
    libdir = os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs")
    for path in glob.glob(os.path.join(libdir, "*openblas*")):
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                     "openblas_get_num_threads"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_int
                return fn()
    return None


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return f"{blas['name']} {blas['version']}"
    except Exception:  # older numpy
        return "unknown"


# ------------------------------------------------------------------ problem

def load_problem(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    p = {name: np.load(os.path.join(directory, name + ".npy"))
         for name in ("weights", "means", "covariances", "points", "logp", "score", "score_h", "hessian")}
    p["meta"] = meta
    return p


def make_problem(d, k, n=N, seed=SEED):
    """Same construction as DensityFixture.java, with numpy's generator (different numbers)."""
    rng = np.random.default_rng(seed + 1000 * d + k)
    weights = 0.5 + rng.random(k)
    weights /= weights.sum()
    means = rng.standard_normal((k, d))
    means *= 3.0 / np.linalg.norm(means, axis=1, keepdims=True)
    covs, rots, eigs = [], [], []
    for _ in range(k):
        u = rng.random(d)
        u[0], u[-1] = 0.0, 1.0
        lam = 0.1 * 100.0 ** u
        q, r = np.linalg.qr(rng.standard_normal((d, d)))
        q *= np.where(np.diag(r) < 0, -1.0, 1.0)
        c = (q * lam) @ q.T
        covs.append(0.5 * (c + c.T))
        rots.append(q)
        eigs.append(lam)
    a, b = np.exp(-T), np.sqrt(-np.expm1(-2 * T))
    comp = np.minimum(np.searchsorted(np.cumsum(weights), rng.random(n), side="right"), k - 1)
    g = rng.standard_normal((n, d))
    x0 = means[comp] + np.einsum("nij,nj->ni", np.array(rots)[comp], np.sqrt(np.array(eigs)[comp]) * g)
    points = a * x0 + b * rng.standard_normal((n, d))
    return {"weights": weights, "means": means, "covariances": np.array(covs), "points": points,
            "meta": {"d": d, "k": k, "n": n, "seed": seed, "t": T, "schedule": "vp-ou"}}


class Diffused:
    """Per-(mixture, t) data, built once (not timed): mu_i(t), W_i = L_i^-1, P_i = W_i^T W_i, c_i."""

    def __init__(self, weights, means, covs, t=T):
        k, d = means.shape
        a, b2 = np.exp(-t), -np.expm1(-2 * t)
        self.d, self.k = d, k
        self.mu = a * means
        cov_t = a * a * covs + b2 * np.eye(d)
        L = np.linalg.cholesky(cov_t)
        self.W = np.linalg.inv(L)
        self.W = np.tril(self.W)
        self.P = np.einsum("kji,kjl->kil", self.W, self.W)           # W^T W
        self.Pflat = self.P.reshape(k, d * d)
        logdet = 2 * np.log(np.diagonal(L, axis1=1, axis2=2)).sum(axis=1)
        self.c = np.log(weights) - 0.5 * d * np.log(2 * np.pi) - 0.5 * logdet


# ------------------------------------------------------------------ the two batch quantities

def log_density_and_score(m, X):
    """log p (n,), score (n,d), posterior weights (k,n) and component scores s_i (k,n,d)."""
    n = X.shape[0]
    ell = np.empty((m.k, n))
    S = np.empty((m.k, n, m.d))
    for i in range(m.k):
        Z = (X - m.mu[i]) @ m.W[i].T                                  # rows z_i = W_i (x - mu_i)
        ell[i] = m.c[i] - 0.5 * np.einsum("nd,nd->n", Z, Z)
        np.matmul(Z, -m.W[i], out=S[i])                               # rows s_i = -W_i^T z_i
    mx = ell.max(axis=0)
    e = np.exp(ell - mx)
    tot = e.sum(axis=0)
    logp = mx + np.log(tot)
    w = e / tot
    s = np.einsum("kn,knd->nd", w, S)                                 # sum_i w_i s_i
    return logp, s, w, S


def score_and_hessian(m, X):
    """score (n,d) and Hessian (n,d,d): -sum w_i P_i + sum w_i (s_i - s)(s_i - s)^T."""
    _, s, w, S = log_density_and_score(m, X)
    n = X.shape[0]
    H = (w.T @ m.Pflat).reshape(n, m.d, m.d)                          # sum_i w_i P_i
    np.negative(H, out=H)
    U = S - s                                                         # u_i = s_i - s, (k,n,d)
    H += np.matmul((U * w[:, :, None]).transpose(1, 2, 0), U.transpose(1, 0, 2))  # (n,d,k) @ (n,k,d)
    return s, H


# ------------------------------------------------------------------ check and time

def rel_err_rows(ours, ref):
    """max over rows of ||ours - ref|| / ||ref|| (rows flattened)."""
    a = ours.reshape(ours.shape[0], -1)
    b = ref.reshape(ref.shape[0], -1)
    return float(np.max(np.linalg.norm(a - b, axis=1) / np.linalg.norm(b, axis=1)))


def best_ms(fn, repeat, number=1):
    times = timeit.repeat(fn, repeat=repeat, number=number)
    return 1e3 * min(times) / number, 1e3 * float(np.median(times)) / number


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/tmp/mixproof-bench",
                    help="directory written by org.mixproof.bench.DensityExport (default %(default)s)")
    ap.add_argument("--repeat", type=int, default=7, help="timed runs per quantity; the best is reported")
    ap.add_argument("--shapes", nargs="*", default=SHAPES)
    args = ap.parse_args()

    print(f"numpy {np.__version__}, BLAS {blas_name()}, OpenBLAS threads {openblas_threads()} "
          f"(OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}), "
          f"nproc {os.cpu_count()}, Python {platform.python_version()}")
    rows = []
    for shape in args.shapes:
        d, k = map(int, shape.split("x"))
        path = os.path.join(args.data, shape)
        if os.path.isfile(os.path.join(path, "meta.json")):
            p, source = load_problem(path), f"Java export {path}"
        else:
            p, source = make_problem(d, k), "generated by numpy (no Java export; not checked)"
        X = np.ascontiguousarray(p["points"])
        m = Diffused(p["weights"], p["means"], p["covariances"], p["meta"]["t"])
        n = X.shape[0]
        print(f"\n{shape}: d={d} k={k} n={n} t={p['meta']['t']} seed={p['meta']['seed']} ({source})")

        logp, s, _, _ = log_density_and_score(m, X)
        s2, H = score_and_hessian(m, X)
        if "logp" in p:
            errs = {
                "logp": float(np.max(np.abs(logp - p["logp"]) / np.abs(p["logp"]))),
                "score": rel_err_rows(s, p["score"]),
                "score(H run)": rel_err_rows(s2, p["score_h"]),
                "hessian": rel_err_rows(H, p["hessian"]),
            }
            ok = all(v < 1e-11 for v in errs.values())
            print("  agreement with Java (max relative error over points): "
                  + ", ".join(f"{name} {v:.1e}" for name, v in errs.items())
                  + ("  OK" if ok else "  MISMATCH"))
        del H, s2

        ls_best, ls_med = best_ms(lambda: log_density_and_score(m, X), args.repeat)
        sh_best, sh_med = best_ms(lambda: score_and_hessian(m, X), args.repeat)
        print(f"  log-density + score: best {ls_best:.3f} ms, median {ls_med:.3f} ms")
        print(f"  score + Hessian:     best {sh_best:.3f} ms, median {sh_med:.3f} ms")
        rows.append((shape, ls_best, sh_best))

    print(f"\n| d x k | numpy log-density + score (ms/batch) | numpy score + Hessian (ms/batch) |")
    print("|---|---:|---:|")
    for shape, ls_best, sh_best in rows:
        print(f"| {shape} | {ls_best:.3f} | {sh_best:.3f} |")
    print(f"(n = {N} points per batch, best of {args.repeat} runs)")


if __name__ == "__main__":
    main()
