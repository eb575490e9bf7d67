#!/usr/bin/env bash
# Embedding the library: the full artifact (dev.authdoctor:authdoctor) against the lean runtime
# (dev.authdoctor:authdoctor-runtime, runtime/pom.xml). For each, as an application's build resolves it: the jars
# and their total size; a fresh JVM to its first diagnosis (median of RUNS, default 5); retained heap per
# Troubleshooter. Installs both artifacts into the local Maven repository first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
mvn -q -B -o install -DskipTests >/dev/null
mvn -q -B -o -f runtime/pom.xml install >/dev/null
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
mkdir -p target/bench-classes
line=$(head -1 examples/incidents.jsonl)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

for flavour in full lean; do
  artifact=authdoctor; type=jar
  if [ "$flavour" = lean ]; then artifact=authdoctor-runtime; type=pom; fi
  dir=target/embed-$flavour
  rm -rf "$dir"; mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>embed-$flavour</artifactId><version>1</version>
  <dependencies><dependency><groupId>dev.authdoctor</groupId><artifactId>$artifact</artifactId>
    <version>$version</version><type>$type</type></dependency></dependencies>
</project>
POM
  mvn -q -B -o -f "$dir/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy-dependencies -DoutputDirectory=libs -DincludeScope=runtime >/dev/null
  cp="$dir/libs/*"
  javac -cp "$cp" -d target/bench-classes bench/src/dev/authdoctor/bench/FirstDiagnosis.java \
    bench/src/dev/authdoctor/bench/TroubleshooterHeap.java bench/src/dev/authdoctor/bench/Heap.java bench/src/dev/authdoctor/bench/LeanSmoke.java
  jars=$(ls "$dir/libs" | wc -l)
  size=$(du -sk "$dir/libs" | cut -f1)
  first=$(for _ in $(seq "$runs"); do time_ms java -cp "target/bench-classes:$cp" dev.authdoctor.bench.FirstDiagnosis "$line"; done | median)
  heap=$(java -cp "target/bench-classes:$cp" dev.authdoctor.bench.TroubleshooterHeap 5 2>/dev/null)
  echo "$flavour: $jars jars, $((size / 1024)) MiB ($size KiB); JVM to first diagnosis ${first} ms (median of $runs); $heap"
  ls "$dir/libs" | sed 's/^/    /' > "$dir/jars.txt"
done
echo "jar lists: target/embed-full/jars.txt, target/embed-lean/jars.txt"
echo "lean runtime: the examples diagnosed and explained; a DRL pack folder; the same pack precompiled:"
java -cp "target/bench-classes:target/embed-lean/libs/*" dev.authdoctor.bench.LeanSmoke packs/idaas-extended 2>/dev/null | tail -3
./authdoctor compile packs/idaas-extended --out target/idaas-extended.pack.zip
java -cp "target/bench-classes:target/embed-lean/libs/*" dev.authdoctor.bench.LeanSmoke target/idaas-extended.pack.zip 2>/dev/null | tail -1
