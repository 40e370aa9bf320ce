#!/usr/bin/env bash
# Runs every benchmark (synthesis, mirror proxy, hook start-up) with the defaults, ~10-15 min on 2 cores.
# Results: target/bench/<name>/{summary.txt,summary.md,results.jsonl,machine.txt,...}; see docs/PERFORMANCE.md.
# Needs the packages bin/setup-test-env installs (docker.io, docker-registry, nginx-light, apache2-utils,
# hyperfine, time, python3), Node 20 and Maven; run as root (private dockerd). Env is passed on (RUNS, WARMUP, ...).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status=0
for bench in synth proxy mirror-cpu mirror-tls faults upstreams hook-startup hook-start-tls images token-storm; do
  echo "######## $bench" >&2
  "$here/$bench.sh" || { echo "######## $bench FAILED" >&2; status=1; }
done
exit $status
