#!/usr/bin/env bash
# The kill-and-resume check of Replication --spark: runs the preset serially; then on Spark (local[2] unless given),
# kills the driver's JVM (kill -9) once a few cells are on disk, runs the same command again, and compares every
# study's results.csv with the serial run's byte for byte. Prints the wall times.
# Usage: benchmarks/spark-resume.sh [preset] [master] [cells before the kill]   (default: smoke local[2] 4)
# Results: target/spark-resume/{serial,spark}/ and their .log files.
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET="${1:-smoke}"; MASTER="${2:-local[2]}"; KILL_AFTER="${3:-4}"
OUT=target/spark-resume; rm -rf "$OUT"; mkdir -p "$OUT"
mvn -B -q -pl transfer-examples -am compile
replication() {  # log, arguments...
  local log="$1"; shift
  mvn -B -q -pl transfer-examples -am compile exec:java -Dexec.args="--preset $PRESET $*" >> "$log" 2>&1
}
seconds() { date +%s.%N; }
t0=$(seconds); replication "$OUT/serial.log" --out "$OUT/serial"; t1=$(seconds)
echo "serial run: $(echo "$t1 - $t0" | bc) s (Maven's up-to-date check included)"

set -m
t0=$(seconds)
replication "$OUT/spark.log" --spark "$MASTER" --out "$OUT/spark" &
job=$!
while [ "$(find "$OUT/spark" -path '*/cells/*.json' 2>/dev/null | wc -l)" -lt "$KILL_AFTER" ]; do
  if ! kill -0 "$job" 2>/dev/null; then echo "the Spark run ended before $KILL_AFTER cells" >&2; exit 1; fi
  sleep 0.2
done
kill -9 -- -"$job"; wait "$job" 2>/dev/null || true
t1=$(seconds)
killed=$(find "$OUT/spark" -path '*/cells/*.json' | wc -l)
echo "killed the driver after $(echo "$t1 - $t0" | bc) s with $killed cell(s) on disk:" \
  "$(find "$OUT/spark" -name 'results.csv' | wc -l) results.csv written"
set +m
t0=$(seconds); replication "$OUT/spark.log" --spark "$MASTER" --out "$OUT/spark"; t1=$(seconds)
echo "rerun on Spark $MASTER: $(echo "$t1 - $t0" | bc) s"
status=0
for study in random dissimilar-AB dissimilar-BA; do
  if cmp -s "$OUT/serial/$study/results.csv" "$OUT/spark/$study/results.csv"; then
    echo "$study/results.csv: identical ($(($(wc -l < "$OUT/serial/$study/results.csv") - 1)) cells)"
  else
    echo "$study/results.csv: DIFFERS" >&2; status=1
  fi
done
exit $status
