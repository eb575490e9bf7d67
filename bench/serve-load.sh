#!/usr/bin/env bash
# `authdoctor serve` under load over loopback (issue 13): the JDK HttpClient (HTTP/1.1, keep-alive), a fixed pool of
# 1, 8 and 64 threads posting full-fact incidents (RealisticExportGenerator, cycled) to POST /v1/diagnoses back to
# back. Against a fresh `./authdoctor serve` process, then a DiagnosisServer in the load tool's JVM (where the
# Troubleshooter's open sessions can be read). Prints, side by side: diagnoses/s, p50 / p99 / max latency, errors and
# the CPU each side spent per request; then open rule sessions, live heap before and after (jcmd
# GC.class_histogram), the first diagnosis after readiness of fresh processes (beside a stand-in server warmed before
# it says ready: ServeWarmed), and the goals met or not. A "no HTTP" row does the route's work in the load tool's JVM
# (read, diagnose, write JSON), the ceiling any server could reach here. SERVE_JAVA_OPTS goes to the server's JVM
# (e.g. -XX:StartFlightRecording=filename=/tmp/serve.jfr,settings=profile,dumponexit=true).
# Every loop stops at its request count or its time cap.
#   bench/serve-load.sh            full: 1,000,000 requests at concurrency 8 (about 15 to 25 minutes)
#   bench/serve-load.sh --quick    a few minutes, for trying; any ServeLoad argument works:
#                                  --process-only, --in-process-only, --first-only, --first-runs N
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
# HdrHistogram comes with Micrometer (the server's metrics); the load tool records latencies with it
grep -q HdrHistogram target/bench.classpath || { echo "serve-load: HdrHistogram is not on the classpath" >&2; exit 1; }
mkdir -p target/serve-load-classes
javac -cp "$cp" -d target/serve-load-classes bench/src/dev/authdoctor/bench/ServeLoad.java \
  bench/src/dev/authdoctor/bench/ServeWarmed.java
./authdoctor --version >/dev/null 2>&1 || true # builds the jar and its startup cache now, not inside a timed run
# the stand-ins for the first-diagnosis comparison run on the JDK the launcher picks, as `authdoctor serve` does
server_java="$(JAVA_OPTS=-XshowSettings:properties AUTHDOCTOR_NO_CDS=1 ./authdoctor --version 2>&1 | awk -F' = ' '/java.home/ {print $2}')/bin/java"
[ -x "$server_java" ] || server_java=java
exec java ${JAVA_OPTS:-} -cp "target/serve-load-classes:$cp" -Dlogback.configurationFile=src/test/resources/logback-test.xml \
  dev.authdoctor.bench.ServeLoad --server-java "$server_java" "$@"
