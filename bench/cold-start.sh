#!/usr/bin/env bash
# Cold start as users run it: `./authdoctor diagnose` of one incident, a fresh JVM each time, against a fresh JVM
# of the same JDK that prints one line. For the JDK the launcher picks (the newest >= 17: on 25, with its AOT
# cache) and for the java on PATH (17, with its class-data-sharing archive), each also without its cache.
# Runs each RUNS times (default 7), alternating, and prints the medians and ratios.
#   bench/cold-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
mkdir -p target/bench-classes
javac -d target/bench-classes bench/src/dev/authdoctor/bench/Hello.java
head -1 examples/incidents.jsonl > target/one-incident.jsonl

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N); "$@" >/dev/null 2>&1 </dev/null; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
java_of() { # the java binary the launcher runs for AUTHDOCTOR_JAVA=$1
  echo "$(AUTHDOCTOR_JAVA="$1" JAVA_OPTS=-XshowSettings:properties AUTHDOCTOR_NO_CDS=1 ./authdoctor --version 2>&1 \
    | awk -F' = ' '/java.home/ {print $2}')/bin/java"
}
echo "cores: $(nproc), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for which in newest path; do
  jbin="$(java_of "$which")"
  AUTHDOCTOR_JAVA="$which" ./authdoctor --version >/dev/null 2>&1 # builds the jar and records the cache, untimed
  hello=(); cached=(); bare=()
  for _ in $(seq "$runs"); do
    hello+=("$(time_ms "$jbin" -cp target/bench-classes dev.authdoctor.bench.Hello)")
    cached+=("$(AUTHDOCTOR_JAVA="$which" time_ms ./authdoctor diagnose target/one-incident.jsonl)")
    bare+=("$(AUTHDOCTOR_JAVA="$which" AUTHDOCTOR_NO_CDS=1 time_ms ./authdoctor diagnose target/one-incident.jsonl)")
  done
  h=$(printf '%s\n' "${hello[@]}" | median); c=$(printf '%s\n' "${cached[@]}" | median); b=$(printf '%s\n' "${bare[@]}" | median)
  echo "$("$jbin" -version 2>&1 | head -1):"
  echo "  JVM printing one line:                    ${h} ms"
  echo "  ./authdoctor diagnose, one incident:      ${c} ms  ($(awk -v a="$c" -v b="$h" 'BEGIN {printf "%.1fx", a / b}'); runs: ${cached[*]})"
  echo "  the same without the startup cache:       ${b} ms  ($(awk -v a="$b" -v b="$h" 'BEGIN {printf "%.1fx", a / b}'))"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
