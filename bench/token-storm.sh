#!/usr/bin/env bash
# Fleet start-up storm: N runners ask ECR for a token within T seconds, against a stand-in that throttles like ECR
# (GetAuthorizationToken: bucket of 200, refilled at 20/s per account and region). Before (the SDK's default retries)
# and after (RetryingTokenSource, and a reused token on long-lived hosts). Figures: docs/SCALE.md.
#   bench/token-storm.sh            # all scenarios (~6 min)
#   SCENARIOS="after 1000 60" bench/token-storm.sh
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
HOOK_JAR="$ROOT/target/pullthrough-0.1.0-hook.jar"
OUT="$ROOT/target/bench/token-storm"
[ -x "$JAVA25" ] || { echo "token-storm: needs a JDK >= 21 for virtual threads (JAVA25=/path/to/java)" >&2; exit 1; }
[ -f "$HOOK_JAR" ] && [ -d "$ROOT/target/test-classes" ] \
  || { echo "token-storm: run 'mvn -DskipTests package test-compile' first" >&2; exit 1; }
mkdir -p "$OUT"
: > "$OUT/results.jsonl"
default_scenarios="before 200 10|before 1000 10|before 1000 60|after 200 10|after 1000 10|after 1000 60|after 5000 10|after 5000 60|reuse 5000 60 500"
IFS='|' read -r -a scenarios <<< "${SCENARIOS:-$default_scenarios}"
for s in "${scenarios[@]}"; do
  # shellcheck disable=SC2086
  "$JAVA25" -cp "$HOOK_JAR:$ROOT/target/test-classes" "$BENCH_DIR/token-storm/TokenStorm.java" $s \
    2>>"$OUT/stderr.log" | tee -a "$OUT/results.jsonl"
done
echo "results: $OUT/results.jsonl"
