#!/usr/bin/env python3
"""Round trip between scikit-learn and mixproof.

For each covariance_type of sklearn's GaussianMixture (full, tied, diag, spherical) this script

1. fits a 3-component mixture to a small synthetic 2-D data set (seeded),
2. writes it as JSON with sklearn's own attribute names (weights_, means_, covariances_,
   covariance_type) -- the layout sklearn holds, no conversion -- plus one metadata key,
3. runs `mixproof eval` at a small noise level (ve-linear, t = 1e-6, so p_t is the fitted
   density convolved with N(0, 1e-12 I)) and compares log p_t with sklearn's score_samples:
   agreement to ~1e-10 shows mixproof read the layout as sklearn means it,
4. runs `mixproof lipschitz --json` and reads the JSON back,

and prints one row per layout. Run it from the repository root after `mvn -q package -DskipTests`:

    python3 examples/python/roundtrip.py

mixproof's JSON spells the numbers JSON cannot hold as the strings "Infinity", "-Infinity" and
"NaN"; `read_mixproof_json` turns them back into floats.
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

LAYOUTS = ("full", "tied", "diag", "spherical")
NON_FINITE = {"Infinity": math.inf, "-Infinity": -math.inf, "NaN": math.nan}
REPO = Path(__file__).resolve().parents[2]


def read_mixproof_json(text):
    """Parses mixproof's JSON output; the strings "Infinity", "-Infinity", "NaN" become floats."""
    def numbers(value):
        if isinstance(value, str):
            return NON_FINITE.get(value, value)
        if isinstance(value, list):
            return [numbers(v) for v in value]
        if isinstance(value, dict):
            return {k: numbers(v) for k, v in value.items()}
        return value
    return numbers(json.loads(text))


def mixture_json(gmm, **metadata):
    """The fitted mixture as mixproof reads it: sklearn's attribute names and layout, as they are."""
    doc = {
        "covariance_type": gmm.covariance_type,
        "weights_": np.asarray(gmm.weights_).tolist(),
        "means_": np.asarray(gmm.means_).tolist(),
        "covariances_": np.asarray(gmm.covariances_).tolist(),
    }
    doc.update(metadata)  # any other key is ignored by mixproof, with a warning on stderr
    return doc


def write_mixture(gmm, path, **metadata):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(mixture_json(gmm, **metadata), f, indent=1)


def synthetic_data(n, seed):
    """n points from three 2-D Gaussians of different shapes (one elongated and tilted)."""
    rng = np.random.default_rng(seed)
    means = np.array([[-3.0, 0.0], [2.0, 2.0], [2.5, -2.0]])
    covs = np.array([[[1.0, 0.0], [0.0, 1.0]],
                     [[1.5, 0.9], [0.9, 1.0]],
                     [[0.3, 0.0], [0.0, 0.6]]])
    labels = rng.choice(3, size=n, p=[0.4, 0.35, 0.25])
    return np.array([rng.multivariate_normal(means[c], covs[c]) for c in labels])


def mixproof(jar, *args):
    """Runs `java -jar JAR args...`; returns (parsed JSON of stdout, stderr lines)."""
    run = subprocess.run(["java", "-jar", str(jar), *args], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"mixproof {' '.join(args)} failed with exit code {run.returncode}:\n{run.stderr}")
    return read_mixproof_json(run.stdout), [line for line in run.stderr.splitlines() if line]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jar", default=str(REPO / "target" / "mixproof.jar"), help="the mixproof jar")
    ap.add_argument("--out", help="directory for the JSON files (default: a temporary one)")
    ap.add_argument("--schedule", default="vp-ou", help="schedule for `mixproof lipschitz` (default vp-ou)")
    ap.add_argument("--t", default="0.1", help="time for `mixproof lipschitz` (default 0.1)")
    ap.add_argument("--samples", type=int, default=600, help="data set size (default 600)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the data and of the fits (default 0)")
    ap.add_argument("--write-only", action="store_true", help="only fit and write the JSON files (no Java needed)")
    args = ap.parse_args()
    try:
        from sklearn.mixture import GaussianMixture
    except ImportError:
        sys.exit("this example needs scikit-learn: pip install scikit-learn")
    jar = Path(args.jar)
    if not args.write_only and not jar.is_file():
        sys.exit(f"{jar} not found: build it with `mvn -q package -DskipTests` in {REPO}")

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="mixproof-roundtrip-"))
    out.mkdir(parents=True, exist_ok=True)
    x = synthetic_data(args.samples, args.seed)
    probe = x[:: max(1, len(x) // 8)][:8]  # points at which eval and sklearn are compared
    probe_csv = out / "probe.csv"
    np.savetxt(probe_csv, probe, delimiter=",", fmt="%.17g")

    rows, warnings = [], []
    for layout in LAYOUTS:
        gmm = GaussianMixture(n_components=3, covariance_type=layout, random_state=args.seed).fit(x)
        path = out / f"gmm-{layout}.json"
        write_mixture(gmm, path, n_iter_=int(gmm.n_iter_))
        if args.write_only:
            print(path)
            continue
        ev, err = mixproof(jar, "eval", "--mixture", str(path), "--schedule", "ve-linear", "--t", "1e-6",
                           "--points", str(probe_csv))
        warnings += err
        ours = np.array([p["log_density"] for p in ev["points"]])
        gap = float(np.max(np.abs(ours - gmm.score_samples(probe))))
        lip, err = mixproof(jar, "lipschitz", "--mixture", str(path), "--schedule", args.schedule, "--t", args.t,
                            "--json")
        warnings += err
        bounds = sorted(lip["bounds"], key=lambda b: b["value"])
        best = bounds[0] if bounds else None
        rows.append((layout, lip["k"], lip["d"], gap, lip["measured"],
                     f"{best['id']} = {best['value']:.6g}" if best else "(none applies)",
                     "yes" if any(b["violated"] for b in bounds) else "no"))
    if args.write_only:
        return

    print(f"sklearn GaussianMixture (n = {args.samples}, seed {args.seed}) -> mixproof; JSON files in {out}")
    print(f"|log p - sklearn|: largest gap at {len(probe)} points, mixproof eval at ve-linear t = 1e-6")
    print(f"sup ||H||: mixproof lipschitz at {args.schedule} t = {args.t} on R^d")
    head = ("covariance_type", "k", "d", "|log p - sklearn|", "sup ||H||", "smallest bound that applies", "violated")
    fmt = "{:<15}  {:>1}  {:>1}  {:>17}  {:>11}  {:<40}  {}"
    print(fmt.format(*head))
    for layout, k, d, gap, measured, best, violated in rows:
        print(fmt.format(layout, k, d, f"{gap:.1e}", f"{measured:.6g}", best, violated))
    ignored = sorted({w.split(": ignoring ", 1)[1] for w in warnings if ": ignoring " in w})
    for w in ignored:
        print(f"mixproof warned about each file: ignoring {w}")


if __name__ == "__main__":
    main()
