#!/usr/bin/env bash
# Cold `authdoctor batch` against a hand-written single-thread pass over the same export (issue 12): for each
# size, a generated export with an IDaaS user's full facts (bench/batch-bench.sh --generate: ~480 bytes a line,
# 3 % malformed), then fresh JVMs side by side, one at a time:
#   ./authdoctor batch FILE --out DIR --quiet          (a fresh --out each run)
#   java -cp ... HandWrittenPass FILE OUT              (Jackson parse of each whole record, if/else over the 13 rows,
#                                                       one JSON line out per record, rejects included)
# Wall time, median of RUNS (default 3), and their ratio; then whether both found the same problems
# (HandWrittenAgreement: rejected lines and problem ids, record by record).
#   bench/cold-batch.sh [RECORDS...]                   (default: 30000 300000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(30000 300000)

mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
mkdir -p target/cold-batch-classes
javac -cp "$cp" -d target/cold-batch-classes bench/src/dev/authdoctor/bench/HandWrittenPass.java \
  bench/src/dev/authdoctor/bench/HandWrittenTable.java bench/src/dev/authdoctor/bench/HandWrittenAgreement.java
./authdoctor --version >/dev/null 2>&1 || true # builds the jar and its CDS archive now, not inside a timed run
work=target/cold-batch; mkdir -p "$work"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N); "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; return 1; }; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# The hand-written pass runs on the JDK the launcher picks (the newest >= 17, or JAVA_HOME / AUTHDOCTOR_JAVA), so
# both sides have the same JVM; the launcher's startup cache is authdoctor's own doing and stays on its side.
hand_java="$(JAVA_OPTS=-XshowSettings:properties AUTHDOCTOR_NO_CDS=1 ./authdoctor --version 2>&1 | awk -F' = ' '/java.home/ {print $2}')/bin/java"
[ -x "$hand_java" ] || hand_java=java
echo "cores: $(nproc), load before: $(cut -d' ' -f1-3 /proc/loadavg), java (both sides): $("$hand_java" -version 2>&1 | head -1)"
for n in "${sizes[@]}"; do
  export_file="$work/export-full-$n.jsonl" # "full": an export of the slim records, from before, is not reused
  [ -s "$export_file" ] || bench/batch-bench.sh --generate "$n" "$export_file" 2>/dev/null
  bytes=$(stat -c %s "$export_file")
  batch=(); hand=()
  for k in $(seq "$runs"); do # alternate, so a change in the machine's load falls on both
    rm -rf "$work/out-$n-$k"
    batch+=("$(time_ms ./authdoctor batch "$export_file" --out "$work/out-$n-$k" --quiet)")
    hand+=("$(time_ms "$hand_java" -cp "target/cold-batch-classes:$cp" dev.authdoctor.bench.HandWrittenPass "$export_file" "$work/hand-$n.jsonl")")
  done
  b=$(printf '%s\n' "${batch[@]}" | median); h=$(printf '%s\n' "${hand[@]}" | median)
  lines=$(wc -l < "$work/hand-$n.jsonl")
  printf '%s records, %s bytes/line on average (%s MB), %s lines out by the hand-written pass:\n' "$n" $((bytes / n)) $((bytes / 1000000)) "$lines"
  printf '  authdoctor batch (cold):          %6d ms  (runs: %s)\n' "$b" "${batch[*]}"
  printf '  hand-written pass (cold, 1 thread): %4d ms  (runs: %s)\n' "$h" "${hand[*]}"
  awk -v b="$b" -v h="$h" 'BEGIN { printf "  ratio batch / hand-written: %.1fx (issue 12 gate <= 3.0x)\n", b / h }'
  java -cp "target/cold-batch-classes:$cp" dev.authdoctor.bench.HandWrittenAgreement "$work/hand-$n.jsonl" "$work/out-$n-1"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
