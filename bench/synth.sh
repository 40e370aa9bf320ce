#!/usr/bin/env bash
# Benchmark 1: synthesis, whole process, Pullthrough vs a cdktf app on the prebuilt cdktf-provider-aws 18.0.3.
#
#   ours      java -jar target/pullthrough-0.1.0-cli.jar synth --out DIR   (all four modules, HCL + JSON + docs + tests)
#   baseline  java -cp bench/synth-baseline/... BaselineApp DIR            (the same four modules' resources as
#             cdktf stacks; see bench/synth-baseline/README.md for what it can and cannot express)
#
# Both run with the launcher's JVM flags, `java` directly (the launcher's staleness check is left out).
#   cold: empty jsii package cache (JSII_RUNTIME_PACKAGE_CACHE_ROOT), fresh java.io.tmpdir/TMPDIR and output dir
#   warm: the jsii cache filled by the warm-up, fresh tmpdir and output dir
# The OS page cache stays warm in both (dropping it needs the whole machine). Runs alternate ours/baseline, so each
# ratio is taken between two runs made back to back. Then the construct path with 1, 10 and 50 rules.
#
# Env: RUNS (default 5), WARMUP (1), RULE_RUNS (3), RULE_COUNTS ("1 10 50"; empty skips that part), BASELINE_RULES=0
# skips the baseline at 1/10/50 rules, WHOLE=0 skips the whole-synthesis part, HYPERFINE=0 skips the cross-check,
# BENCH_OUT (default target/bench).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RULE_RUNS="${RULE_RUNS:-3}"
RULE_COUNTS="${RULE_COUNTS-1 10 50}"
WHOLE="${WHOLE:-1}"
BASELINE_RULES="${BASELINE_RULES:-1}"

bench_init synth
bench_need java "apt-get install -y openjdk-17-jdk-headless"
bench_need javac "apt-get install -y openjdk-17-jdk-headless"
bench_need node "Node 20 (jsii runs the cdktf core in a Node child)"
bench_need mvn "apt-get install -y maven"
bench_cli_jar
if [ "$WHOLE" = 1 ]; then
  java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" synth --help >/dev/null 2>&1 \
    || die "$CLI_JAR has no 'synth' command: rebuild it (mvn -DskipTests package)"
fi

baseline="$BENCH_DIR/synth-baseline"
if [ ! -f "$baseline/target/classpath.txt" ] || [ -n "$(find "$baseline/src" "$baseline/pom.xml" -newer "$baseline/target/classpath.txt" -print -quit)" ]; then
  say "building the baseline app (bench/synth-baseline, downloads cdktf-provider-aws 18.0.3 once: ~120 MB)"
  (cd "$baseline" && { mvn -B -q -o package >&2 || mvn -B -q package >&2; }) || die "baseline build failed"
fi
BASE_CP="$baseline/target/synth-baseline-0.1.0.jar:$(cat "$baseline/target/classpath.txt")"

# fresh_run_dir: a run dir with empty cache/ and tmp/ (out/ is created by the tools).
fresh_run_dir() {
  local d
  d="$(mktemp -d "$BENCH_TMP/run.XXXXXX")"
  mkdir -p "$d/cache" "$d/tmp"
  echo "$d"
}

# ours LABEL CACHE RUN_DIR / baseline LABEL CACHE RUN_DIR [RULES]
ours() {
  bench_measure "$1" --cwd "$3" --env "JSII_RUNTIME_PACKAGE_CACHE_ROOT=$2" --env "TMPDIR=$3/tmp" -- \
    java "${JAVA_FLAGS[@]}" "-Djava.io.tmpdir=$3/tmp" -jar "$CLI_JAR" synth --out "$3/out"
}
baseline() {
  bench_measure "$1" --cwd "$3" --env "JSII_RUNTIME_PACKAGE_CACHE_ROOT=$2" --env "TMPDIR=$3/tmp" -- \
    java "${JAVA_FLAGS[@]}" "-Djava.io.tmpdir=$3/tmp" -cp "$BASE_CP" dev.pullthrough.bench.baseline.BaselineApp \
    "$3/out" "${4:-0}"
}
construct_path() {
  bench_measure "$1" --cwd "$3" --env "JSII_RUNTIME_PACKAGE_CACHE_ROOT=$2" --env "TMPDIR=$3/tmp" -- \
    java "${JAVA_FLAGS[@]}" "-Djava.io.tmpdir=$3/tmp" -cp "$CLI_JAR:$RULES_CLASSES" RulesSynth "$4" "$3/out"
}

warm_cache="$BENCH_TMP/warm-cache"
mkdir -p "$warm_cache"

if [ "$WHOLE" = 1 ]; then
say "warm-up ($WARMUP each; fills the warm jsii cache; not counted)"
for ((i = 0; i < WARMUP; i++)); do
  RESULTS="$BENCH_TMP/warmup.jsonl" ours warmup-ours "$warm_cache" "$(fresh_run_dir)"
  RESULTS="$BENCH_TMP/warmup.jsonl" baseline warmup-baseline "$warm_cache" "$(fresh_run_dir)"
done

say "cold and warm, $RUNS runs each, alternating"
for ((i = 0; i < RUNS; i++)); do
  c1="$(fresh_run_dir)"; c2="$(fresh_run_dir)"; w1="$(fresh_run_dir)"; w2="$(fresh_run_dir)"
  if ((i % 2 == 0)); then
    ours ours-cold "$c1/cache" "$c1"; baseline baseline-cold "$c2/cache" "$c2"
    ours ours-warm "$warm_cache" "$w1"; baseline baseline-warm "$warm_cache" "$w2"
  else
    baseline baseline-cold "$c2/cache" "$c2"; ours ours-cold "$c1/cache" "$c1"
    baseline baseline-warm "$warm_cache" "$w2"; ours ours-warm "$warm_cache" "$w1"
  fi
  rm -rf "$c1" "$c2" "$w1" "$w2"
done

# The same outputs every time (a sanity check that each run really synthesized something).
check="$(fresh_run_dir)"
java "${JAVA_FLAGS[@]}" -jar "$CLI_JAR" synth --out "$check/out" >/dev/null 2>&1
echo "ours writes $(find "$check/out" -type f | wc -l) files, $(du -sk "$check/out" | cut -f1) kB" > "$RESULTS_DIR/outputs.txt"
JSII_RUNTIME_PACKAGE_CACHE_ROOT="$warm_cache" TMPDIR="$check/tmp" java -Djava.io.tmpdir="$check/tmp" -cp "$BASE_CP" \
  dev.pullthrough.bench.baseline.BaselineApp "$check/base" >/dev/null 2>&1
echo "baseline writes $(find "$check/base" -type f | wc -l) files, $(du -sk "$check/base" | cut -f1) kB" >> "$RESULTS_DIR/outputs.txt"

# Cross-check of the warm wall times with hyperfine (its own runner and statistics; commands run back to back
# rather than alternating).
if [ "${HYPERFINE:-1}" = 1 ] && command -v hyperfine >/dev/null; then
  say "hyperfine cross-check (warm)"
  hf="$(fresh_run_dir)"
  printf '#!/bin/sh\nrm -rf "%s/out" "%s/tmp" && mkdir -p "%s/tmp"\n' "$hf" "$hf" "$hf" > "$hf/prepare.sh"
  chmod +x "$hf/prepare.sh"
  hyperfine -N --style basic --warmup 1 --runs "$RUNS" --prepare "$hf/prepare.sh" \
    --export-json "$RESULTS_DIR/hyperfine-warm.json" --export-markdown "$RESULTS_DIR/hyperfine-warm.md" \
    -n ours-warm "env JSII_RUNTIME_PACKAGE_CACHE_ROOT=$warm_cache TMPDIR=$hf/tmp java ${JAVA_FLAGS[*]} -Djava.io.tmpdir=$hf/tmp -jar $CLI_JAR synth --out $hf/out" \
    -n baseline-warm "env JSII_RUNTIME_PACKAGE_CACHE_ROOT=$warm_cache TMPDIR=$hf/tmp java ${JAVA_FLAGS[*]} -Djava.io.tmpdir=$hf/tmp -cp $BASE_CP dev.pullthrough.bench.baseline.BaselineApp $hf/out" \
    > "$RESULTS_DIR/hyperfine-warm.txt" 2>&1 || echo "hyperfine failed: see $RESULTS_DIR/hyperfine-warm.txt" >&2
  rm -rf "$hf"
fi

else
  RESULTS="$BENCH_TMP/warmup.jsonl" baseline warmup-baseline "$warm_cache" "$(fresh_run_dir)"
fi

pairs=()
[ "$WHOLE" = 1 ] && pairs+=(--pair ours-cold baseline-cold --pair ours-warm baseline-warm)
if [ -n "$RULE_COUNTS" ]; then
  say "construct path: 1, 10, 50 rules ($RULE_RUNS runs each, warm jsii cache)"
  RULES_CLASSES="$BENCH_TMP/rules-classes"
  mkdir -p "$RULES_CLASSES"
  javac -nowarn -d "$RULES_CLASSES" -cp "$CLI_JAR" "$BENCH_DIR/synth-rules/RulesSynth.java" \
    || die "RulesSynth does not compile against $CLI_JAR (are the cdktf constructs on this commit?)"
  RESULTS="$BENCH_TMP/warmup.jsonl" construct_path warmup-rules "$warm_cache" "$(fresh_run_dir)" 1
  for ((i = 0; i < RULE_RUNS; i++)); do
    for n in $RULE_COUNTS; do
      d="$(fresh_run_dir)"
      construct_path "constructs-$n-rules" "$warm_cache" "$d" "$n"
      rm -rf "$d"
      if [ "$BASELINE_RULES" = 1 ]; then
        d="$(fresh_run_dir)"
        baseline "baseline-$n-rules" "$warm_cache" "$d" "$n"
        rm -rf "$d"
      fi
    done
  done
  for n in $RULE_COUNTS; do
    [ "$BASELINE_RULES" = 1 ] && pairs+=(--pair "constructs-$n-rules" "baseline-$n-rules")
  done
fi

bench_summary "${pairs[@]+"${pairs[@]}"}"
cat "$RESULTS_DIR/outputs.txt" "$RESULTS_DIR/hyperfine-warm.md" 2>/dev/null | tee -a "$RESULTS_DIR/summary.txt" || true  # the optional files may be absent
