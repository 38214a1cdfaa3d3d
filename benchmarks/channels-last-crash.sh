#!/usr/bin/env bash
# The reproducer of the oneDNN crash that keeps channels-last convolutions opt-in on djl: runs the smoke replication
# with -Dtransferable.djl.channelsLast=true again and again for a while, each run a fresh JVM training its cells from
# scratch, and counts the runs the JVM died in (a crash leaves its hs_err file and log under target/channels-last-crash).
# On 2 cores of an AMD EPYC (Zen 5), 2 workers: 1 crash in 176 runs, 1 worker: 0 in 129 (SIGSEGV in oneDNN's
# brgemm_convolution_bwd_t, backward data through brgemm_convolution_fwd_t::pd_t::init_batch, null pointer).
# Usage: benchmarks/channels-last-crash.sh [seconds] [workers] [more JVM options]   (default: 1200 2)
#   e.g. benchmarks/channels-last-crash.sh 1200 1   (one worker, its 2 engine threads in one convolution)
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-1200}"; WORKERS="${2:-2}"; shift 2 2>/dev/null || shift $#
OUT=target/channels-last-crash; rm -rf "$OUT"; mkdir -p "$OUT"
# the reactor's modules resolve to their target/classes; the examples' module, built last, writes the file last
mvn -B -q -pl transfer-examples -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/classpath" \
  || exit 1
CP="transfer-examples/target/classes:$(cat "$OUT/classpath")"
if ! java -cp "$CP" org.transferable.examples.Replication --help > "$OUT/help.log" 2>&1 \
    && grep -q ClassNotFound "$OUT/help.log"; then
  echo "the classpath in $OUT/classpath does not run Replication:" >&2; tail -3 "$OUT/help.log" >&2; exit 1
fi
end=$(( $(date +%s) + SECONDS_TO_RUN )); runs=0; crashes=0
while [ "$(date +%s)" -lt "$end" ]; do
  runs=$((runs + 1))
  java -Dtransferable.djl.channelsLast=true "$@" -XX:ErrorFile="$OUT/hs_err_run$runs.log" -cp "$CP" \
    org.transferable.examples.Replication --preset smoke --workers "$WORKERS" --out "$OUT/run" > "$OUT/run.log" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then
    mv "$OUT/run.log" "$OUT/run$runs.log"
    if [ ! -f "$OUT/hs_err_run$runs.log" ]; then
      echo "run $runs failed without a JVM crash (exit $rc): $OUT/run$runs.log" >&2; tail -3 "$OUT/run$runs.log" >&2; exit 1
    fi
    crashes=$((crashes + 1)); echo "run $runs: the JVM crashed, $OUT/hs_err_run$runs.log"
  fi
  rm -rf "$OUT/run"
done
echo "channels-last, $WORKERS worker(s): $crashes crash(es) in $runs runs of the smoke replication ($SECONDS_TO_RUN s)"
