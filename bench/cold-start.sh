#!/usr/bin/env bash
# Cold start: a fresh JVM to its first diagnosis (the command-line jar, one incident) against a fresh JVM
# that prints one line. Runs each RUNS times (default 5), prints the medians and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
./authdoctor --version >/dev/null 2>&1   # builds the jar if needed
mkdir -p target/bench-classes
javac -d target/bench-classes bench/src/dev/authdoctor/bench/Hello.java
head -1 examples/incidents.jsonl > target/one-incident.jsonl

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
hello=$(for _ in $(seq "$runs"); do time_ms java ${JAVA_OPTS:-} -cp target/bench-classes dev.authdoctor.bench.Hello; done | median)
first=$(for _ in $(seq "$runs"); do time_ms java ${JAVA_OPTS:-} -jar target/authdoctor-cli.jar diagnose target/one-incident.jsonl; done | median)
java -XX:ArchiveClassesAtExit=target/cold-start.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar target/authdoctor-cli.jar diagnose examples/incidents.jsonl >/dev/null 2>&1
cds=$(for _ in $(seq "$runs"); do time_ms java -XX:SharedArchiveFile=target/cold-start.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar target/authdoctor-cli.jar diagnose target/one-incident.jsonl; done | median)
echo "JVM printing one line:        ${hello} ms (median of $runs)"
echo "JVM to its first diagnosis:   ${first} ms (median of $runs)"
echo "  with a CDS archive:         ${cds} ms (median of $runs; what ./authdoctor does)"
awk -v a="$first" -v c="$cds" -v b="$hello" 'BEGIN {printf "ratio: %.1fx, with CDS %.1fx (target <= 5x)\n", a / b, c / b}'
