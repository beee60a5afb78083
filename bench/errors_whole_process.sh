#!/usr/bin/env bash
# Whole-process timing of the [PG24] Table 5 grid (issue 15, goal 1): `mixproof errors` as a user runs it,
# JVM start-up included, with and without the class-data archive, against the numpy script as a process
# (interpreter start-up and imports included), alternated ROUNDS times (default 3) in one run.
#
#   mvn -B -q package -DskipTests && bench/errors_whole_process.sh [ROUNDS]
#
# Prints one line per run (wall seconds) and the load average before each round; checks that the two
# Java runs of each round print the same table. With target/benchmarks.jar (mvn -B -q -Pbench package
# -DskipTests builds both jars) each round also times the bare table (ErrorsColdStart: the same grid
# computed by a plain main, no command line, no JSON), the floor of a whole-process run on this JVM.
# Writes nothing but temporary files under $TMPDIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-3}"
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "errors_whole_process.sh: ROUNDS must be a positive integer, was '$rounds'" >&2
  exit 2
fi
jar=target/mixproof.jar
if [[ ! -f "$jar" ]]; then
  echo "errors_whole_process.sh: $jar not found; build it with: mvn -B -q package -DskipTests" >&2
  exit 2
fi
args=(errors --spectrum cifar10 --schemes em,ei,ddpm,ode-euler,ode-heun,ode-rk4 --json --quiet)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

seconds() { # wall time of "$@" in seconds, stdout to $out
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$out"
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.2f}')"
}

for r in $(seq 1 "$rounds"); do
  echo "round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  out="$tmp/plain.json"; plain=$(seconds java -Djava.awt.headless=true -jar "$jar" "${args[@]}")
  out="$tmp/cds.json"; cds=$(seconds bin/mixproof "${args[@]}")
  out="$tmp/numpy.txt"; numpy=$(seconds python3 bench/pg24_errors_numpy.py --repeat 1)
  bare=""
  if [[ -f target/benchmarks.jar ]]; then
    out="$tmp/bare.txt"; bare="   bare table (no CLI) $(seconds java -cp target/benchmarks.jar org.mixproof.bench.ErrorsColdStart) s"
  fi
  if ! cmp -s "$tmp/plain.json" "$tmp/cds.json"; then
    echo "errors_whole_process.sh: the runs with and without the archive printed different tables" >&2
    exit 1
  fi
  echo "  java -jar (no archive) ${plain} s   bin/mixproof (archive) ${cds} s   numpy ${numpy} s" \
    "  numpy/java: $(python3 -c "print(f'{$numpy / $plain:.1f}x, {$numpy / $cds:.1f}x')")${bare}"
done
