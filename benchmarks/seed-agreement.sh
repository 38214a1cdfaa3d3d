#!/usr/bin/env bash
# Runs the replication twice with two seeds on one backend and prints how far the runs differ: the per-cell RMS of
# the accuracy differences over the base and transfer cells (split x treatment x n, RnB apart: random features vary
# by nature), the same over the table's means (treatment x n, averaged over splits), the largest differences, and
# the two runs' verdicts side by side. Also the dissimilar split's cells.
# Usage: benchmarks/seed-agreement.sh [preset] [backend] [seed1] [seed2]   (default: quick djl 42 7)
# Results: benchmarks/target/seeds/<preset>-<backend>-s<seed>/ and .log; a finished run (its .wall file) is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET="${1:-quick}"; BACKEND="${2:-djl}"; S1="${3:-42}"; S2="${4:-7}"
OUT=benchmarks/target/seeds; mkdir -p "$OUT"
mvn -B -q -pl transfer-examples -am install -DskipTests
source benchmarks/replicate.sh
run() {  # seed
  replicate "$OUT/$PRESET-$BACKEND-s$1" "seed $1" --preset "$PRESET" --backend "$BACKEND" --seed "$1"
}
run "$S1"; run "$S2"
python3 - "$OUT/$PRESET-$BACKEND-s$S1" "$OUT/$PRESET-$BACKEND-s$S2" <<'PY'
import csv, math, os, re, sys
a_dir, b_dir = sys.argv[1:]
def load(d, study):
    path = f"{d}/{study}/results.csv"
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {(r["split"], r["treatment"], int(r["n"])): float(r["accuracy"]) for r in csv.DictReader(f)
                if r["status"] == "ok"}
def rms(values):
    return math.sqrt(sum(v * v for v in values) / len(values)) if values else float("nan")
for study in ["random", "dissimilar-AB", "dissimilar-BA"]:
    a, b = load(a_dir, study), load(b_dir, study)
    keys = sorted(set(a) & set(b))
    if not keys:
        continue
    base = [k for k in keys if k[1] != "RnB"]
    rnb = [k for k in keys if k[1] == "RnB"]
    d = {k: b[k] - a[k] for k in keys}
    print(f"\n{study}: {len(keys)} cells in both runs")
    print(f"  per-cell RMS, base and transfer cells ({len(base)}): {rms([d[k] for k in base]):.4f}"
          f"; RnB ({len(rnb)}): {rms([d[k] for k in rnb]):.4f}")
    groups = {}
    for k in base:
        groups.setdefault((k[1], k[2]), []).append(d[k])
    means = [sum(v) / len(v) for v in groups.values()]
    print(f"  RMS of the table's means (treatment x n over splits, {len(means)} entries): {rms(means):.4f}")
    worst = sorted(base, key=lambda k: -abs(d[k]))[:5]
    print("  largest: " + ", ".join(f"split{k[0]}-{k[1]}-{k[2]} {a[k]:.4f} vs {b[k]:.4f}" for k in worst))
def verdicts(d):
    rows = [l for l in open(f"{d}/summary.md") if re.match(r"^\| [1-5][ab]? \|", l)]
    return [(r.split("|")[1].strip(), r.split("|")[3].strip(), r.split("|")[5].strip()) for r in rows]
print("\nverdicts: finding, seed 1 (ours), seed 2 (ours)")
for (f, h1, v1), (_, h2, v2) in zip(verdicts(a_dir), verdicts(b_dir)):
    print(f"  ({f}) {v1} / {v2}   {h1}   |   {h2}")
PY
