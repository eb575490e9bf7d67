#!/usr/bin/env bash
# JDK 25 with its AOT cache against JDK 17 with its CDS archive, run as users run them: through ./authdoctor,
# side by side in one run, alternating which JDK goes first in each round.
#   cold start to a first diagnosis: ./authdoctor diagnose examples/incidents.jsonl   (median of RUNS, default 7)
#   cold batch: ./authdoctor batch over N generated records (default 30,000)         (median of BATCH_RUNS, default 3)
# Prints both JDKs' medians, their spread (min..max) and the ratio 17/25 (above 1: 25 is faster), with the load
# average before and after: the machine is shared, so read the spread before the ratio.
#   bench/jdk-compare.sh [RUNS] [BATCH_RUNS] [RECORDS]
# JDK_OLD and JDK_NEW (JDK homes) override the JDKs found: the first 17..24 and the newest 25+ among `java` on
# PATH and /usr/lib/jvm.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}" batch_runs="${2:-3}" records="${3:-30000}"

release_feature() { # the feature release in a JDK home's release file: 17, 25; 0 when unreadable
  local v
  v="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$1/release" 2>/dev/null)"
  v="${v#1.}"
  v="${v%%[!0-9]*}"
  echo "${v:-0}"
}
old="${JDK_OLD:-}" new="${JDK_NEW:-}"
for java in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [ -x "$java" ] || continue
  home="$(readlink -f "$java")" && home="${home%/bin/java}"
  f="$(release_feature "$home")"
  if [ -z "${JDK_OLD:-}" ] && [ -z "$old" ] && [ "$f" -ge 17 ] && [ "$f" -lt 25 ]; then old="$home"; fi
  if [ -z "${JDK_NEW:-}" ] && [ "$f" -ge 25 ] && { [ -z "$new" ] || [ "$f" -gt "$(release_feature "$new")" ]; }; then
    new="$home"
  fi
done
[ -n "$old" ] || { echo "jdk-compare: no JDK 17..24 found (set JDK_OLD)" >&2; exit 1; }
[ -n "$new" ] || { echo "jdk-compare: no JDK 25 or newer found (set JDK_NEW)" >&2; exit 1; }
v_old="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$old/release")"
v_new="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$new/release")"

ms() { echo $(($(date +%s%N) / 1000000)); }
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo ".." hi}'; }

work="target/jdk-compare"
mkdir -p "$work"
input="$work/records-$records.jsonl"
if [ ! -s "$input" ]; then
  bench/batch-bench.sh --generate "$records" "$input" >"$work/generate.log" 2>&1 || { cat "$work/generate.log" >&2; exit 1; }
fi
echo "machine: $(nproc) cores; load average before: $(load)"

# Build the jar once and record each JDK's cache for this build, untimed (it is once per build), but say its cost.
for home in "$old" "$new"; do
  t0=$(ms)
  AUTHDOCTOR_JAVA="$home" ./authdoctor --version >/dev/null
  echo "once per build, $(basename "$home"): $(($(ms) - t0)) ms (builds the jar and records its cache when missing)"
done
ls target/authdoctor-*.jsa target/authdoctor-*.aot 2>/dev/null | sed 's/^/  cache: /'
if [ "$(AUTHDOCTOR_JAVA="$old" ./authdoctor diagnose examples/incidents.jsonl)" != \
     "$(AUTHDOCTOR_JAVA="$new" ./authdoctor diagnose examples/incidents.jsonl)" ]; then
  echo "jdk-compare: the two JDKs answer differently" >&2
  exit 1
fi

# One timed run of the launcher on JDK home $1; the rest is the command.
timed() {
  local home="$1" t0
  shift
  t0=$(ms)
  AUTHDOCTOR_JAVA="$home" ./authdoctor "$@" >/dev/null 2>&1 </dev/null
  echo $(($(ms) - t0))
}

: >"$work/diag-old" && : >"$work/diag-new" && : >"$work/batch-old" && : >"$work/batch-new"
for i in $(seq "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for which in $order; do
    if [ "$which" = old ]; then home="$old"; else home="$new"; fi
    timed "$home" diagnose examples/incidents.jsonl >>"$work/diag-$which"
  done
done
for i in $(seq "$batch_runs"); do
  if [ $((i % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for which in $order; do
    if [ "$which" = old ]; then home="$old"; else home="$new"; fi
    rm -rf "$work/out"
    timed "$home" batch "$input" --out "$work/out" --quiet >>"$work/batch-$which"
  done
done
echo "load average after: $(load)"

report() { # label, file for 17, file for 25
  local a b
  a="$(median <"$2")" b="$(median <"$3")"
  printf '%-34s %-28s %-28s %s\n' "$1" "$a ms ($(spread <"$2"))" "$b ms ($(spread <"$3"))" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2fx", a / b}')"
}
printf '%-34s %-28s %-28s %s\n' "median (min..max), ms" "$v_old + CDS" "$v_new + AOT" "17/25"
report "diagnose examples, cold (n=$runs)" "$work/diag-old" "$work/diag-new"
report "batch $records records, cold (n=$batch_runs)" "$work/batch-old" "$work/batch-new"
