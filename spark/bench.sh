#!/usr/bin/env bash
# Records/s of the Spark job at local[1] and local[2] beside ./authdoctor batch on the same generated export, and
# whether they gave the same diagnoses.
#   spark/bench.sh [records] [slice-mb]     (defaults: 1000000 records, 16 MiB slices)
# The issue's "done" check is the default: a 1,000,000-record export (about 480 MB) in local[2], reconciled, with
# batch's diagnoses. Figures include each JVM's start; the job's own duration is in its summary.json.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
slice="${2:-16}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench/batch-bench.sh --generate "$n" "$work/export.jsonl" >/dev/null
echo "export: $n records, $(du -h "$work/export.jsonl" | cut -f1), slices of $slice MiB; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"

rate() { # records, seconds -> records/s
  awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'
}

start=$(date +%s.%N)
./authdoctor batch "$work/export.jsonl" --out "$work/batch" --quiet
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
printf '%-22s %8.1f s  %8s records/s\n' "authdoctor batch" "$secs" "$(rate "$n" "$secs")"

for cores in 1 2; do
  master="local[$cores]"
  out="$work/spark-local[$cores]" # brackets and all: the job reads its outputs back as named, not as glob patterns
  start=$(date +%s.%N)
  spark/authdoctor-spark batch "$work/export.jsonl" --out "$out" --master "$master" --slice-mb "$slice" 2>"$work/err" ||
    { cat "$work/err" >&2; exit 1; }
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  job=$(sed -n 's/.*"durationSeconds" : \([0-9.]*\).*/\1/p' "$out/summary.json")
  same=$(cat "$out/diagnoses.jsonl"/part-* | cmp -s - "$work/batch/diagnoses.jsonl" && echo "same diagnoses as batch" || echo "DIFFERENT diagnoses")
  reconciled=$(grep -q '"reconciled" : true' "$out/summary.json" && echo reconciled || echo "NOT reconciled")
  printf '%-22s %8.1f s  %8s records/s  (job %s s: %s records/s); %s, %s\n' "spark $master" "$secs" "$(rate "$n" "$secs")" \
    "$job" "$(rate "$n" "$job")" "$same" "$reconciled"
done
