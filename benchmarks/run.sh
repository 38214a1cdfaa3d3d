#!/usr/bin/env bash
# Builds the benchmarks module and runs a program in it.
#   benchmarks/run.sh jmh [JMH options, e.g. TrainingBenchmark -p backend=dl4j]
#   benchmarks/run.sh study [--backend dl4j] [--preset quick]
#   benchmarks/run.sh reference [--reps 3] [--backend dl4j] [--json out.json]   (JVM options: BENCH_JAVA_OPTS)
#   benchmarks/run.sh generality [--backend dl4j] [--images 5000] [--network DIR]
#   benchmarks/run.sh arithmetic --peak-gflops G [--splits 4 --train-per-class 250 ...] (see StudyArithmetic)
#   benchmarks/run.sh profile --jfr FILE [--top 12]   (a JFR recording's samples by method; see profile-study.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/target
mvn -q -B -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime > benchmarks/target/build.log 2>&1 || { cat benchmarks/target/build.log >&2; exit 1; }
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
what="${1:-jmh}"; shift || true
case "$what" in
  jmh) exec java -cp "$CP" org.openjdk.jmh.Main "$@" ;;
  study) exec java -Xmx6g -cp "$CP" org.transferable.benchmarks.StudyBenchmark "$@" ;;
  reference) exec java -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "$CP" org.transferable.benchmarks.ReferenceComparison "$@" ;;
  generality) exec java -Xmx6g -cp "$CP" org.transferable.benchmarks.GeneralityBenchmark "$@" ;;
  arithmetic) exec java -cp "$CP" org.transferable.benchmarks.StudyArithmetic "$@" ;;
  profile) exec java -cp "$CP" org.transferable.benchmarks.JfrProfile "$@" ;;
  *) echo "usage: benchmarks/run.sh jmh|study|reference|generality|arithmetic|profile [options]" >&2; exit 2 ;;
esac
