#!/usr/bin/env bash
# JMH benchmarks (bench/src): diagnose against a hand-written decision function, rule pack build time,
# batch throughput by thread count. Never part of `mvn test`.
#   bench/jmh.sh                       all benchmarks
#   bench/jmh.sh DiagnoseBenchmark     one of them (any JMH arguments work)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/jmh.classpath)"
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -cp "$cp" -d target/bench-classes $(find bench/src -name '*.java')
exec java ${JAVA_OPTS:-} -cp "target/bench-classes:$cp" org.openjdk.jmh.Main "$@"
