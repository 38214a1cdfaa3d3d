#!/usr/bin/env bash
# Every figure of the speed targets in one run, back to back on this machine: the reference-net table against the
# PyTorch peer (ours/PyTorch per row, each backend given), then a whole study against the naive PyTorch sweep at the
# speed issue's sizes and at the quick preset's sizes (peer / ours, target >= 3), then where our issue-size study
# spends its time (profile-study.sh, JFR). Needs Debian's python3-torch and libopenblas0-openmp. About 16 minutes
# with the defaults.
# Usage: benchmarks/speed-report.sh [quick-splits] [backend ...]   (default: 1 split of the quick sizes; djl
#   djl-passive dl4j; djl-passive is djl with -Dtransferable.djl.openMpWaiting=passive, in the reference table only)
#   quick-splits: splits of the quick sizes to run (8 is the preset's own count, about an hour; cells, and so both
#   sides' times, scale linearly with it)
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK_SPLITS="${1:-1}"; shift || true
BACKENDS=("$@"); [ ${#BACKENDS[@]} -eq 0 ] && BACKENDS=(djl djl-passive dl4j)
OUT=benchmarks/target/speed-report; mkdir -p "$OUT"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u +%Y-%m-%d); commit \
$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo +changes)"
benchmarks/compare-with-pytorch.sh 1 "${BACKENDS[@]}" > "$OUT/reference.log" 2>&1 || { tail -20 "$OUT/reference.log"; exit 1; }
benchmarks/compare-study-with-pytorch.sh issue "${BACKENDS[0]}" 2 > "$OUT/study-issue.log" 2>&1 \
  || { tail -20 "$OUT/study-issue.log"; exit 1; }
benchmarks/compare-study-with-pytorch.sh quick "${BACKENDS[0]}" 2 "$QUICK_SPLITS" > "$OUT/study-quick.log" 2>&1 \
  || { tail -20 "$OUT/study-quick.log"; exit 1; }
benchmarks/profile-study.sh issue "${BACKENDS[0]}" 2 > "$OUT/profile-issue.log" 2>&1 \
  || { tail -20 "$OUT/profile-issue.log"; exit 1; }
echo; echo "== reference net, images/s (ours / PyTorch per row; target >= 1.0 on the default backend, ${BACKENDS[0]})"
sed -n '/^case/,$p' "$OUT/reference.log"
for size in issue quick; do
  echo; echo "== whole study at the $size sizes (target: peer / ours >= 3.0)"
  sed -n '/workload: /,$p' "$OUT/study-$size.log" | sed 's/^.*workload: /workload: /' | grep -v '^logs:'
done
echo; echo "== where our study's time goes at the issue sizes (JFR; why the ratio stops where it does)"
grep -v '^logs:' "$OUT/profile-issue.log"
echo; echo "logs: $OUT/"
