#!/usr/bin/env bash
# Runs the replication on two backends with the same seed, and on the first backend once more with another seed
# (the noise yardstick: how far two runs of one backend differ), then prints how far the backends differ, cell by
# cell and finding by finding, with each run's wall time.
# Usage: benchmarks/compare-backends.sh [preset] [backend1] [backend2] [other seed]   (default: quick djl dl4j 7)
# Results: benchmarks/target/backends/<backend>-s<seed>/ (results.csv, figures) and <backend>-s<seed>.log (the table).
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET="${1:-quick}"; B1="${2:-djl}"; B2="${3:-dl4j}"; OTHER_SEED="${4:-7}"; SEED=42
OUT=benchmarks/target/backends; mkdir -p "$OUT"
mvn -B -q -pl transfer-examples -am install -DskipTests
source benchmarks/replicate.sh
run() {  # backend seed
  replicate "$OUT/$1-s$2" "$1 seed $2" --preset "$PRESET" --backend "$1" --seed "$2"
}
run "$B1" "$SEED"; run "$B2" "$SEED"; run "$B1" "$OTHER_SEED"
python3 - "$OUT" "$B1" "$B2" "$SEED" "$OTHER_SEED" <<'PY'
import csv, math, re, sys
out, b1, b2, seed, other = sys.argv[1:]
def load(run):
    with open(f"{out}/{run}/random/results.csv") as f:
        return {(r["split"], r["treatment"], r["n"]): float(r["accuracy"]) for r in csv.DictReader(f)}
def verdicts(run):
    rows = [l for l in open(f"{out}/{run}/summary.md") if re.match(r"^\| [1-5][ab]? \|", l)]
    return {r.split("|")[1].strip(): r.split("|")[5].strip() for r in rows}
x, y, z = load(f"{b1}-s{seed}"), load(f"{b2}-s{seed}"), load(f"{b1}-s{other}")
keys = sorted(set(x) & set(y))
def stats(a, b, ks):
    d = [b[k] - a[k] for k in ks]
    n = len(d); mean = sum(d) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in d) / (n - 1))
    rms = math.sqrt(sum(v * v for v in d) / n)
    return n, mean, 1.96 * sd / math.sqrt(n), rms, max(abs(v) for v in d)
print(f"\nper-cell test accuracy differences ({len(keys)} cells: split x treatment x n)")
print(f"{'comparison':40s} {'cells':>5s} {'mean':>8s} {'95% CI':>16s} {'RMS':>7s} {'max |d|':>8s}")
for label, a, b, ks in [(f"{b2} - {b1}, same seed {seed}", x, y, keys),
                        (f"{b1} seed {other} - {b1} seed {seed} (noise)", x, z, sorted(set(x) & set(z)))]:
    n, mean, half, rms, mx = stats(a, b, ks)
    print(f"{label:40s} {n:5d} {mean:+8.4f} [{mean - half:+.4f}, {mean + half:+.4f}] {rms:7.4f} {mx:8.4f}")
treatments = sorted({k[1] for k in keys})
print(f"\nmean accuracy per treatment (over splits and n): {b1} / {b2} / {b1} seed {other}")
for t in treatments:
    ks = [k for k in keys if k[1] == t]
    m = lambda d: sum(d[k] for k in ks) / len(ks)
    print(f"  {t:6s} {m(x):.3f} / {m(y):.3f} / {sum(z[k] for k in ks if k in z) / max(1, sum(1 for k in ks if k in z)):.3f}")
vx, vy, vz = verdicts(f"{b1}-s{seed}"), verdicts(f"{b2}-s{seed}"), verdicts(f"{b1}-s{other}")
print(f"\nfindings: {b1} / {b2} / {b1} seed {other}")
for f in sorted(vx):
    print(f"  ({f}) {vx.get(f)} / {vy.get(f)} / {vz.get(f)}")
within = stats(x, y, keys)[3] <= 1.25 * stats(x, z, sorted(set(x) & set(z)))[3]
print(f"\nverdict: the backends differ {'within' if within else 'BEYOND'} noise "
      f"(RMS of cross-backend differences <= 1.25 x RMS of cross-seed differences on one backend: {within})")
PY
