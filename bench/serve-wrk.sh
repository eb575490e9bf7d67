#!/usr/bin/env bash
# `./authdoctor serve` under load over loopback with wrk (Debian's `wrk` package: a C client that costs the machine
# far less per request than a JVM client, so the server gets the cores; bench/serve-load.sh is the JDK HttpClient
# version). Full-fact incidents (bench/batch-bench.sh --generate, the valid ones) are POSTed to /v1/diagnoses at
# concurrency 1, 8 and 64, each level bounded by its duration. Prints per level: diagnoses/s, p50 / p99 / max
# latency, errors; then the server's open rule sessions (/metrics), its live heap after a full GC before and after
# the run (jcmd), and the first diagnosis after /readyz of the fresh process.
#   bench/serve-wrk.sh            full: 8 for 240 s (over a million requests here), 1 and 64 for 60 s
#   bench/serve-wrk.sh --quick    10 s per level
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "serve-wrk: needs wrk (apt-get install wrk)" >&2; exit 1; }
d1=60 d8=240 d64=60 warm=30
if [ "${1:-}" = "--quick" ]; then d1=10 d8=10 d64=10 warm=10; fi
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
./authdoctor --version >/dev/null 2>&1 || true # builds the jar and its startup cache before anything is timed
[ -s target/serve-wrk-bodies.jsonl ] || {
  bench/batch-bench.sh --generate 20000 "$work/export.jsonl" 2>/dev/null
  # only records the contract accepts: a 422 would be counted as an error
  ./authdoctor diagnose "$work/export.jsonl" 2>/dev/null | paste -d '\t' - "$work/export.jsonl" \
    | grep -v '"outcome":"REJECTED"' | cut -f2- > target/serve-wrk-bodies.jsonl
}
export BODIES="$PWD/target/serve-wrk-bodies.jsonl"
./authdoctor serve --port 0 >"$work/serve.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 1200); do
  port="$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")"
  [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ] && break
  sleep 0.005
done
url="http://127.0.0.1:$port"
first="$(head -1 "$BODIES" | curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' --data-binary @- "$url/v1/diagnoses")"
heap() { jcmd "$pid" GC.run >/dev/null; sleep 0.5; jcmd "$pid" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'; }
wrk -t2 -c8 -d"${warm}s" -s bench/wrk/diagnoses.lua "$url" >/dev/null 2>&1 # warm-up, not reported
heap_before="$(heap)"
printf '%-12s %12s %10s %8s %8s %8s %7s\n' concurrency requests 'diag/s' 'p50 ms' 'p99 ms' 'max ms' errors
for level in "1 1 $d1" "8 2 $d8" "64 2 $d64"; do
  set -- $level
  line="$(wrk -t"$2" -c"$1" -d"$3s" --timeout 30s -s bench/wrk/diagnoses.lua "$url" 2>"$work/wrk.err" | grep '^RESULT')"
  eval "${line#RESULT }"
  printf '%-12s %12s %10s %8s %8s %8s %7s\n' "$1" "$requests" "$rps" "$p50_ms" "$p99_ms" "$max_ms" "$errors"
  [ -s "$work/wrk.err" ] && cat "$work/wrk.err" >&2
done
heap_after="$(heap)"
sessions="$(curl -s "$url/metrics" | awk '/^authdoctor_open_sessions / {print $2}')"
echo "open rule sessions after: $sessions; live heap after a full GC: before $heap_before, after $heap_after"
echo "first diagnosis after /readyz of the fresh process: $(awk -v t="$first" 'BEGIN {printf "%.1f ms", t * 1000}') (curl)"
echo "server: $(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$(dirname "$(dirname "$(readlink -f /proc/$pid/exe)")")/release" 2>/dev/null), load average $(cut -d' ' -f1-3 /proc/loadavg)"
