#!/usr/bin/env bash
# A whole study, ours against the naive PyTorch sweep (shared/peers/pytorch_study.py), back to back on the same
# workload: the peer's network (the small 8-layer net with dropout 0.5), every treatment at every n = 1..7, SGD at a
# constant learning rate of 0.01, the random splits only, with the sizes (splits, images per class, epochs, batch)
# of one of our presets or of the issue that set the target. Prints both wall times and the ratio peer / ours, then
# the study's arithmetic (StudyArithmetic) at two rates measured right after (benchmarks/machine-rates.py: this
# machine's matrix-product peak and the fastest training step of the network): the best ratio any implementation
# that trains the same cells could reach here.
# Needs Debian's python3-torch and libopenblas0-openmp (apt-get install -y python3-torch libopenblas0-openmp).
# Usage: benchmarks/compare-study-with-pytorch.sh [issue|quick|paper] [backend] [workers] [splits]
#   issue: 4 splits, 250 training / 200 test images per class, 2 epochs, batch 32 (148 cells, about 3 minutes)
#   quick: 8 splits, 600 / 1,000, 12 epochs, batch 64 (296 cells, the quick preset's sizes; about an hour)
#   paper: 4 splits, 6,000 / 1,000, 18 epochs, batch 64 (148 cells; many hours)
#   splits, if given, replaces the size's split count (cells scale linearly: 1 split of quick is 37 cells)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${1:-issue}"; BACKEND="${2:-djl}"; WORKERS="${3:-2}"
. benchmarks/study-workload.sh; study_sizes "$SIZE"
SPLITS="${4:-$SPLITS}"
PEER="${PEER_SCRIPT:-../shared/peers/pytorch_study.py}"
DATA=transfer-examples/src/main/resources/org/transferable/examples/fashion-mnist
OUT="benchmarks/target/study-vs-pytorch/$SIZE"; rm -rf "$OUT"; mkdir -p "$OUT"
mvn -B -q -pl transfer-examples -am install -DskipTests

start=$(date +%s.%N)
mvn -B -q -pl transfer-examples exec:java -Dexec.args="$(study_args "$BACKEND" "$WORKERS" "$OUT/ours")" \
  > "$OUT/ours.log" 2>&1 \
  || { tail -20 "$OUT/ours.log"; exit 1; }
ours_process=$(echo "$(date +%s.%N) - $start" | bc)
ours_study=$(grep -o 'wall time [0-9.]* s' "$OUT/ours.log" | tail -1 | awk '{print $3}')

start=$(date +%s.%N)
FASHION_MNIST_DIR="$DATA" RESULT_JSON="$OUT/peer.json" /usr/bin/python3 "$PEER" --splits "$SPLITS" \
  --train-per-class "$TRAIN" --test-per-class "$TEST" --epochs "$EPOCHS" --batch "$BATCH" --threads 2 \
  > "$OUT/peer.log" 2>&1 || { tail -20 "$OUT/peer.log"; exit 1; }
peer_process=$(echo "$(date +%s.%N) - $start" | bc)
peer_sweep=$(python3 -c "import json; print(round(json.load(open('$OUT/peer.json'))['wall_s'], 1))")

echo "workload: $SIZE sizes ($SPLITS splits, $TRAIN/$TEST images per class, $EPOCHS epochs, batch $BATCH), n = 1..7,"
echo "          $(grep -o '[0-9]*/[0-9]* cells' "$OUT/ours.log" | head -1) ours, $(grep -o '[0-9]* cells' "$OUT/peer.log" | head -1) peer"
printf '%-34s %10s %10s %14s\n' "" "ours" "peer" "peer / ours"
printf '%-34s %10.1f %10.1f %14.2f\n' "study (ours) / sweep (peer), s" "$ours_study" "$peer_sweep" \
  "$(echo "$peer_sweep / $ours_study" | bc -l)"
printf '%-34s %10.1f %10.1f %14.2f\n' "whole process, s" "$ours_process" "$peer_process" \
  "$(echo "$peer_process / $ours_process" | bc -l)"
echo "ours: $BACKEND, $WORKERS worker(s); peer: PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), 2 threads"

/usr/bin/python3 benchmarks/machine-rates.py 2 > "$OUT/rates.json"
rate() { python3 -c "import json; print(json.load(open('$OUT/rates.json'))['$1'])"; }
echo
benchmarks/run.sh arithmetic --splits "$SPLITS" --train-per-class "$TRAIN" --test-per-class "$TEST" --epochs "$EPOCHS" \
  --peak-gflops "$(rate matmul_gflops)" --training-images-per-second "$(rate best_training_images_per_s)" \
  --peer-seconds "$peer_sweep" --ours-seconds "$ours_study"
echo "  rates: PyTorch $(rate torch), 2 threads; matrix product 2048 x 2048 best of 3 x 10; training step $(rate best_training)"
echo "logs: $OUT/ours.log, $OUT/peer.log, $OUT/rates.json"
