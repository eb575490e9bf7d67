#!/usr/bin/env bash
# Heap a compiled rule pack keeps alive: the built-in pack and a generated pack of 1,000 rules.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/jmh.classpath)"
mkdir -p target/bench-classes
javac -cp "$cp" -d target/bench-classes bench/src/dev/authdoctor/bench/PackHeap.java bench/src/dev/authdoctor/bench/Heap.java bench/src/dev/authdoctor/bench/PackBuildBenchmark.java
exec java -cp "target/bench-classes:$cp" -Dlogback.configurationFile=src/test/resources/logback-test.xml dev.authdoctor.bench.PackHeap
