#!/usr/bin/env bash
# Issue 12's warm gate against Drools' own floor (DroolsFloorBenchmark): the whole diagnosis, the built-in rules on
# the same facts alone, every fact of the diagnosis through one do-nothing rule per class and through no rules, and
# the hand-written decision function; then each as a ratio of the diagnosis, side by side.
#   bench/drools-floor.sh            (any JMH arguments may follow)
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/drools-floor.csv
mkdir -p target
bench/jmh.sh DroolsFloorBenchmark -rf csv -rff "$out" "$@"
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, a, "."); name = a[n]; score[name] = $5; err[name] = $6; order[++k] = name }
  END {
    printf "\n%-18s %10s %10s %12s\n", "benchmark", "us/op", "+-", "of diagnose"
    for (i = 1; i <= k; i++) { b = order[i]; printf "%-18s %10.3f %10.3f %11.2fx\n", b, score[b], err[b], score[b] / score["diagnose"] }
  }' "$out"
