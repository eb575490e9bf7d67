#!/usr/bin/env bash
# Batch throughput against a no-rules pass over the same generated export; prints both and their ratio.
#   bench/batch-bench.sh [records] [threads]       (defaults: 200000 records, all cores)
#   bench/batch-bench.sh --generate N FILE         write a generated export only: full IDaaS records (~480 bytes a line)
#   bench/batch-bench.sh --generate --slim N FILE  the same with only the fields the rules read (~160 bytes a line)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" dev.authdoctor.bench.BatchBench "$@"
