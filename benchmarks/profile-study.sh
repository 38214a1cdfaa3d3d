#!/usr/bin/env bash
# Where our whole study spends its time: the same study as compare-study-with-pytorch.sh (the small 8-layer net,
# every treatment at n = 1..7, the random splits), run as a new user runs it (mvn exec:java) under Java Flight
# Recorder, then JfrProfile's tables: stack samples by the method on top (libtorch's kernels appear as the DJL JNI
# call that runs them) and the native calls by the method of ours that made them. Recording costs a few percent, so
# this run's wall time is not the benchmark's.
# Usage: benchmarks/profile-study.sh [issue|quick|paper] [backend] [workers] [splits] [rows]   (default issue djl 2)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${1:-issue}"; BACKEND="${2:-djl}"; WORKERS="${3:-2}"
. benchmarks/study-workload.sh; study_sizes "$SIZE"
SPLITS="${4:-$SPLITS}"; ROWS="${5:-12}"
OUT="benchmarks/target/profile-study/$SIZE"; rm -rf "$OUT"; mkdir -p "$OUT"
mvn -B -q -pl transfer-examples -am install -DskipTests > "$OUT/build.log" 2>&1 \
  || { tail -20 "$OUT/build.log"; exit 1; }
JFR="settings=$PWD/benchmarks/profile.jfc,filename=$PWD/$OUT/study.jfr,dumponexit=true"
MAVEN_OPTS="${MAVEN_OPTS:-} -XX:StartFlightRecording=$JFR" mvn -B -q -pl transfer-examples exec:java \
  -Dexec.args="$(study_args "$BACKEND" "$WORKERS" "$OUT/ours")" > "$OUT/ours.log" 2>&1 \
  || { tail -20 "$OUT/ours.log"; exit 1; }
echo "workload: $SIZE sizes ($SPLITS splits, $TRAIN/$TEST images per class, $EPOCHS epochs, batch $BATCH), $BACKEND," \
  "$WORKERS worker(s); $(grep -o 'wall time [0-9.]* s' "$OUT/ours.log" | tail -1) under JFR"
benchmarks/run.sh profile --jfr "$OUT/study.jfr" --top "$ROWS"
