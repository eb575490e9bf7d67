#!/usr/bin/env bash
# authdoctor batch against the hand-written pass, round after round in one JVM (WarmBatch): the first round is
# cold for both, the later ones show what a batch costs once the JIT's warm-up is paid, as a resident process would.
# The JVM is the launcher's (the newest JDK >= 17) with the launcher's collector.
#   bench/warm-batch.sh [RECORDS] [ROUNDS]        (default: 300000 4)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-300000}"; rounds="${2:-4}"
mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
mkdir -p target/warm-batch-classes target/cold-batch
javac -cp "$cp" -d target/warm-batch-classes bench/src/dev/authdoctor/bench/WarmBatch.java \
  bench/src/dev/authdoctor/bench/HandWrittenPass.java bench/src/dev/authdoctor/bench/HandWrittenTable.java
export_file="target/cold-batch/export-full-$n.jsonl" # shared with bench/cold-batch.sh
[ -s "$export_file" ] || bench/batch-bench.sh --generate "$n" "$export_file" 2>/dev/null
java_bin="$(JAVA_OPTS=-XshowSettings:properties AUTHDOCTOR_NO_CDS=1 ./authdoctor --version 2>&1 | awk -F' = ' '/java.home/ {print $2}')/bin/java"
[ -x "$java_bin" ] || java_bin=java
echo "$n records, cores: $(nproc), java: $("$java_bin" -version 2>&1 | head -1)"
"$java_bin" -XX:+UseParallelGC ${JAVA_OPTS:-} -cp "target/warm-batch-classes:$cp" dev.authdoctor.bench.WarmBatch \
  "$export_file" "$rounds" target/cold-batch 2>/dev/null
