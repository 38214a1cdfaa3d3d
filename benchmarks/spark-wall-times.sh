#!/usr/bin/env bash
# Wall times of Replication serially (its default workers) and on Spark (local[2] unless given), alternating, each
# run into a fresh directory; prints the "wall time" line of each (the studies' training, without the JVM's start,
# the data's loading and the report) and checks that every run's results.csv equals the first serial run's.
# Usage: benchmarks/spark-wall-times.sh "REPLICATION OPTIONS" [repeats] [master]
#   e.g. benchmarks/spark-wall-times.sh "--preset smoke" 2
#        benchmarks/spark-wall-times.sh "--preset quick --splits 2 --dissimilar none" 1
# Results: target/spark-times/<serial|spark>-<i>/ and .log files.
set -euo pipefail
cd "$(dirname "$0")/.."
OPTIONS="$1"; REPEATS="${2:-1}"; MASTER="${3:-local[2]}"
OUT=target/spark-times; rm -rf "$OUT"; mkdir -p "$OUT"
mvn -B -q -pl transfer-examples -am compile
for i in $(seq 1 "$REPEATS"); do
  for mode in serial spark; do
    extra=""; [ "$mode" = spark ] && extra="--spark $MASTER"
    mvn -B -q -pl transfer-examples -am compile exec:java \
        -Dexec.args="$OPTIONS $extra --out $OUT/$mode-$i" > "$OUT/$mode-$i.log" 2>&1
    echo "$mode $i: $(grep -o 'wall time [0-9.]* s' "$OUT/$mode-$i.log")"
    for f in "$OUT/$mode-$i"/*/results.csv; do
      study=$(basename "$(dirname "$f")")
      cmp -s "$f" "$OUT/serial-1/$study/results.csv" || { echo "  $study/results.csv DIFFERS from serial 1" >&2; exit 1; }
    done
  done
done
echo "every results.csv identical to serial 1's"
