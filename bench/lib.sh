# Shared helpers for the benchmark scripts (sourced, not run). Everything runs on this machine, on loopback,
# in temp dirs under $BENCH_TMP that are removed on exit; nothing is left running.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
MEASURE="$BENCH_DIR/lib/measure.py"
CLI_JAR="$ROOT/target/pullthrough-0.1.0-cli.jar"
HOOK_JAR="$ROOT/target/pullthrough-0.1.0-hook.jar"
# The launcher's JVM flags (bin/pullthrough): the benchmarks run `java -jar` with them directly, which leaves out
# only the launcher's staleness check (a `find` over the sources, ~10 ms).
JAVA_FLAGS=(-Xshare:auto -XX:TieredStopAtLevel=1)
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

# bench_need TOOL HOW-TO-INSTALL: fails with the install hint when TOOL is missing.
bench_need() {
  command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] || die "$1 is missing: $2 (or run bin/setup-test-env)"
}

# bench_init NAME: results go to $BENCH_OUT/NAME (default target/bench/NAME); scratch to a temp dir removed on exit.
bench_init() {
  BENCH_NAME="$1"
  bench_need python3 "apt-get install -y python3-minimal"
  [ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install -y time"
  RESULTS_DIR="${BENCH_OUT:-$ROOT/target/bench}/$BENCH_NAME"
  mkdir -p "$RESULTS_DIR"
  RESULTS="$RESULTS_DIR/results.jsonl"
  rm -f "$RESULTS" "$RESULTS.log"
  # Short path: dockerd's unix sockets must stay under 108 characters.
  BENCH_TMP="$(mktemp -d /tmp/ptb-XXXXXX)"
  BENCH_CLEANUPS=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  {
    echo "benchmark: $BENCH_NAME"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "runs: $RUNS after $WARMUP warm-up"
  } > "$RESULTS_DIR/machine.txt"
}

# bench_on_exit CMD...: registers a cleanup step (run in reverse order on exit).
bench_on_exit() { BENCH_CLEANUPS+=("$*"); }

bench_cleanup() {
  local i
  for ((i = ${#BENCH_CLEANUPS[@]} - 1; i >= 0; i--)); do
    eval "${BENCH_CLEANUPS[$i]}" >/dev/null 2>&1 || true
  done
  if [ -n "${BENCH_TMP:-}" ] && [ -d "$BENCH_TMP" ]; then
    # Leftover mounts of a private dockerd (netns) must go before the files.
    awk -v p="$BENCH_TMP/" 'index($5, p) == 1 {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$BENCH_TMP"
  fi
}

# bench_measure LABEL [--env K=V]... -- CMD...: one whole-process run, appended to $RESULTS.
bench_measure() { python3 "$MEASURE" run "$RESULTS" "$@"; }

# bench_summary [--pair A B]...: prints and saves the summary (median [min-max], paired ratios).
bench_summary() {
  python3 "$MEASURE" summary "$RESULTS" "$@" | tee "$RESULTS_DIR/summary.txt"
  python3 "$MEASURE" summary "$RESULTS" --markdown "$@" > "$RESULTS_DIR/summary.md" || true
  cat "$RESULTS_DIR/machine.txt" >&2
}

# bench_cli_jar / bench_hook_jar: the jars as `mvn package` builds them (built when missing).
bench_cli_jar() {
  if [ ! -f "$CLI_JAR" ] || [ ! -f "$HOOK_JAR" ]; then
    say "building the jars (mvn -DskipTests package)"
    (cd "$ROOT" && mvn -B -q -o -DskipTests package >&2) || (cd "$ROOT" && mvn -B -q -DskipTests package >&2) \
      || die "build failed: run 'mvn -DskipTests package' in $ROOT"
  fi
}
bench_hook_jar() { bench_cli_jar; }

# bench_median FILE: median of the numbers in FILE, one per line.
bench_median() { sort -g "$1" | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# bench_free_port: a free TCP port on 127.0.0.1.
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# bench_wait_http URL [SECONDS]: until URL answers any HTTP status.
bench_wait_http() {
  local url="$1" deadline=$((SECONDS + ${2:-20}))
  until curl -s -o /dev/null --max-time 1 "$url"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}
