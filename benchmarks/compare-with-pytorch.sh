#!/usr/bin/env bash
# Runs our reference-net measurements and the PyTorch peer (shared/peers/pytorch_reference.py) on the same data
# in one go, and prints ours/PyTorch per row. Needs Debian's python3-torch and libopenblas0-openmp:
#   apt-get install -y python3-torch libopenblas0-openmp
# Usage: benchmarks/compare-with-pytorch.sh [reps] [backend ...]     (default: 1 rep, every backend on the class path)
#   backend djl-passive: djl with its OpenMP threads sleeping at once when they wait
#   (-Dtransferable.djl.openMpWaiting=passive; by default they spin briefly first)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS="${1:-1}"; shift || true
PEER="${PEER_SCRIPT:-../shared/peers/pytorch_reference.py}"
DATA=transfer-examples/src/main/resources/org/transferable/examples/fashion-mnist
OUT=benchmarks/target/compare; mkdir -p "$OUT"
BACKENDS=("$@")
if [ ${#BACKENDS[@]} -eq 0 ]; then BACKENDS=(dl4j); ls transfer-djl >/dev/null 2>&1 && BACKENDS+=(djl); fi
for b in "${BACKENDS[@]}"; do
  if [ "$b" = djl-passive ]; then
    BENCH_JAVA_OPTS=-Dtransferable.djl.openMpWaiting=passive \
      benchmarks/run.sh reference --reps "$REPS" --backend djl --json "$OUT/ours-$b.json"
  else
    benchmarks/run.sh reference --reps "$REPS" --backend "$b" --json "$OUT/ours-$b.json"
  fi
done
FASHION_MNIST_DIR="$DATA" RESULT_JSON="$OUT/peer.json" /usr/bin/python3 "$PEER" "$REPS"
python3 - "$OUT" "${BACKENDS[@]}" <<'PY'
import json, sys
out, backends = sys.argv[1], sys.argv[2:]
peer = json.load(open(f"{out}/peer.json"))["median"]
ours = {b: json.load(open(f"{out}/ours-{b}.json"))["median"] for b in backends}
rows = [("train all layers", "full_ep2"), ("train with both conv layers frozen", "frozen_ep2"),
        ("train the dense head on cached conv features", "cached_ep2"), ("inference, batch 1000", "inf1000")]
widths = {b: (max(12, len(b) + 6), max(13, len(b) + 9)) for b in backends}
head = f"{'case':46s} {'PyTorch img/s':>13s}" + "".join(
    f" {b + ' img/s':>{widths[b][0]}s} {b + '/PyTorch':>{widths[b][1]}s}" for b in backends)
print(head); print("-" * len(head))
for name, key in rows:
    line = f"{name:46s} {peer[key]:13.0f}"
    for b in backends:
        line += f" {ours[b][key]:{widths[b][0]}.0f} {ours[b][key] / peer[key]:{widths[b][1]}.2f}"
    print(line)
# What a user gets for a frozen transfer: ours by default computes the frozen prefix once (epoch 1 includes it);
# a naive PyTorch loop recomputes it every step (the peer's frozen row).
name = "frozen transfer, 2-epoch fit as run by default"
line = f"{name:46s} {peer['frozen_ep2']:13.0f}"
for b in backends:
    o = ours[b]
    rate = 2 / (1 / o["cached_ep1"] + 1 / o["cached_ep2"])
    line += f" {rate:{widths[b][0]}.0f} {rate / peer['frozen_ep2']:{widths[b][1]}.2f}"
print(line)
print("accuracy after 2 epochs: PyTorch A %.3f" % peer["accA_2ep"] + "".join(f", {b} A {ours[b]['accA_2ep']:.3f}" for b in backends))
print("our frozen transfer on B, plain path / default path (must be equal): " + ", ".join(
    f"{b} {ours[b]['accB_frozen_2ep']:.4f} / {ours[b]['accB_cached_2ep']:.4f}" for b in backends))
PY
