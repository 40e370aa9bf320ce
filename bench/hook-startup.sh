#!/usr/bin/env bash
# Benchmark 3: hook start-up. How long from `hook start` until the first mirrored pull can begin, against what a
# naive hook does to apply registry-mirrors (restart dockerd).
#
#   hook-start       lib/hook-start-ready.sh: `java -jar pullthrough-0.1.0-hook.jar start` on a private dockerd
#                    (daemon.json, pid file, containerd hosts dir, buildkitd.toml, client config, GITHUB_ENV: every
#                    file a runner has), then until dockerd's /info lists the mirror and a manifest HEAD through the
#                    mirror answers 200. JVM start included. `hook stop` between runs (not timed).
#   hook-start-tuned the same with the JVM flags a short-lived CLI wants (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
#                    and an AppCDS archive (-XX:SharedArchiveFile), via JAVA_TOOL_OPTIONS so that the mirror's JVM
#                    gets them too; the archive is made once by a training run (-XX:ArchiveClassesAtExit), as an
#                    installer would.
#   hook-tarball     the same from the release tarball (target/pullthrough-hook-*-linux-x64.tar.gz, unpacked here):
#                    bin/pullthrough-hook on its jlink'ed JDK 25 runtime with the build-time AOT cache, in both JVMs.
#                    Its ratio to hook-start (today's `java -jar`) is paired run by run.
#   dockerd-restart  lib/dockerd-restart.sh: SIGTERM dockerd, wait, start it, wait for /_ping (no containers
#                    running: the best case for the naive hook; with containers it takes ~10 s and kills them).
# Then the phases of one start (PULLTHROUGH_HOOK_TRACE), to see what dominates: the hook's steps, the mirror's and
# the script's own marks on one clock, counted from just before the launcher runs.
#
# Every start gets its token from the token API stand-in (the AWS SDK's call included), as on an ephemeral runner's
# first and only start: the token `stop` keeps in the state dir (token.json) is removed between runs. TOKEN_CACHE=1
# keeps it, as on a long-lived runner that starts the hook before every job (then no start calls the SDK).
#
# Env: RUNS (default 5), WARMUP (1), CDS=0 skips the AppCDS variant, TARBALL=0 the tarball one, TOKEN_CACHE, BENCH_OUT.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CDS="${CDS:-1}"
TARBALL="${TARBALL:-1}"
TOKEN_CACHE="${TOKEN_CACHE:-0}"

bench_init hook-startup
bench_need java "apt-get install -y openjdk-17-jre-headless"
bench_need curl "apt-get install -y curl"
bench_hook_jar

say "registry, token API, private dockerd"
password="$(bench_random_password)"
bench_registry_start ecr "$password"
ECR="127.0.0.1:$REGISTRY_PORT"
auth_header="$BENCH_TMP/auth-header"
( umask 077; printf 'Authorization: Basic %s\n' "$(printf 'AWS:%s' "$password" | base64 -w0)" > "$auth_header" )
bench_seed_image "$ECR" docker-hub/bench/small 1 1 -- -H "@$auth_header"
bench_token_standin "$password"
bench_dockerd_start "[]"
cp "$DOCKERD_DIR/daemon.json" "$BENCH_TMP/daemon.json.orig"

runner="$BENCH_TMP/runner"
mkdir -p "$runner/certs.d" "$runner/buildkit" "$runner/client"
printf '{"auths": {}}\n' > "$runner/client/config.json"
: > "$runner/github_env"
export HOOK_JAR ECR_HOST="http://$ECR" DOCKERD_DIR RUNNER_DIR="$runner"
stop_hook() {
  java -jar "$HOOK_JAR" stop --state-dir "$runner/state" >> "$BENCH_TMP/hook-stop.log" 2>&1 || true
  cmp -s "$DOCKERD_DIR/daemon.json" "$BENCH_TMP/daemon.json.orig" || die "hook stop did not restore daemon.json"
  # stop keeps the token for the next start (a long-lived runner); an ephemeral runner starts without one.
  [ "$TOKEN_CACHE" = 1 ] || rm -f "$runner/state/token.json"
}
bench_on_exit stop_hook
ready="$BENCH_DIR/lib/hook-start-ready.sh"

if [ "$CDS" = 1 ]; then
  say "AppCDS archive (training run)"
  jsa="$BENCH_TMP/hook.jsa"
  # The archive is trained on the hook's JVM only (HOOK_JAVA_OPTS reaches `java -jar ... start`, not the mirror's
  # JVM, which would overwrite it when it exits). Both JVMs then map it: the mirror shares most of its classes.
  HOOK_JAVA_OPTS="-XX:ArchiveClassesAtExit=$jsa -Xlog:cds=off -Xlog:cds+dynamic=off" "$ready" "$(bench_free_port)" > "$BENCH_TMP/cds-train.log" 2>&1 \
    || { cat "$BENCH_TMP/cds-train.log" >&2; die "training run failed"; }
  stop_hook
  [ -s "$jsa" ] || die "no archive written"
  echo "AppCDS archive: $(du -k "$jsa" | cut -f1) kB" > "$RESULTS_DIR/cds.txt"
fi

if [ "$TARBALL" = 1 ]; then
  say "release tarball, unpacked"
  tarball="$(ls "$ROOT"/target/pullthrough-hook-*-linux-x64.tar.gz 2>/dev/null | head -1)"
  [ -n "$tarball" ] || die "no target/pullthrough-hook-*-linux-x64.tar.gz: run 'mvn -DskipTests package' (needs a JDK 25)"
  mkdir -p "$BENCH_TMP/tarball" && tar -xzf "$tarball" -C "$BENCH_TMP/tarball"
  TARBALL_HOOK="$(ls -d "$BENCH_TMP"/tarball/pullthrough-hook-*)/bin/pullthrough-hook"
  echo "tarball: $(basename "$tarball") $(du -k "$tarball" | cut -f1) kB" > "$RESULTS_DIR/tarball.txt"
fi

variants=(hook-start)
[ "$CDS" = 1 ] && variants+=(hook-start-tuned)
[ "$TARBALL" = 1 ] && variants+=(hook-tarball)
variants+=(dockerd-restart)
TUNED="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile=${jsa:-} -Xshare:auto -Xlog:cds=off"
run_variant() { # VARIANT RESULTS_LABEL
  case "$1" in
    hook-start) bench_measure "$2" -- "$ready" "$(bench_free_port)"; stop_hook ;;
    hook-start-tuned)
      bench_measure "$2" --env "JAVA_TOOL_OPTIONS=$TUNED" -- "$ready" "$(bench_free_port)"
      stop_hook ;;
    hook-tarball) bench_measure "$2" --env "HOOK_CMD=$TARBALL_HOOK" -- "$ready" "$(bench_free_port)"; stop_hook ;;
    dockerd-restart) bench_measure "$2" -- "$BENCH_DIR/lib/dockerd-restart.sh" "$DOCKERD_DIR" ;;
  esac
}

say "warm-up"
for ((i = 0; i < WARMUP; i++)); do
  for v in "${variants[@]}"; do RESULTS="$BENCH_TMP/warmup.jsonl" run_variant "$v" "warmup-$v"; done
done
say "$RUNS rounds"
for ((i = 0; i < RUNS; i++)); do
  n=${#variants[@]}
  for ((k = 0; k < n; k++)); do
    v="${variants[$(((i + k) % n))]}"
    run_variant "$v" "$v"
  done
done

if [ "${HYPERFINE:-1}" = 1 ] && command -v hyperfine >/dev/null; then
  say "hyperfine cross-check (hook start vs dockerd restart)"
  hf_port="$(bench_free_port)"
  hyperfine -N --style basic --warmup 1 --runs "$RUNS" \
    --prepare "java -jar $HOOK_JAR stop --state-dir $runner/state" --prepare "true" \
    --export-json "$RESULTS_DIR/hyperfine.json" --export-markdown "$RESULTS_DIR/hyperfine.md" \
    -n hook-start "$ready $hf_port" -n dockerd-restart "$BENCH_DIR/lib/dockerd-restart.sh $DOCKERD_DIR" \
    > "$RESULTS_DIR/hyperfine.txt" 2>&1 || echo "hyperfine failed: see $RESULTS_DIR/hyperfine.txt" >&2
  stop_hook
fi

say "a real pull through the mirror, and the dockerd pid across a start (no restart)"
port="$(bench_free_port)"
pid_before="$(cat "$DOCKERD_DIR/docker.pid")"
"$ready" "$port" > /dev/null 2>&1 || die "hook start failed"
docker pull -q bench/small:1 > "$BENCH_TMP/pull.log" 2>&1 || { cat "$BENCH_TMP/pull.log" >&2; die "pull through the mirror failed"; }
pid_after="$(cat "$DOCKERD_DIR/docker.pid")"
served="$(java -jar "$HOOK_JAR" status --state-dir "$runner/state" 2>&1 | tr '\n' ' ')"
stop_hook
{
  echo "dockerd pid before hook start $pid_before, after $pid_after ($([ "$pid_before" = "$pid_after" ] && echo 'same process: no restart' || echo 'RESTARTED'))"
  echo "hook status after the pull: $served"
} > "$RESULTS_DIR/checks.txt"

say "phases of one start (PULLTHROUGH_HOOK_TRACE)"
for variant in plain tuned tarball; do
  [ "$variant" = tuned ] && [ "$CDS" != 1 ] && continue
  [ "$variant" = tarball ] && [ "$TARBALL" != 1 ] && continue
  for ((i = 0; i < 3; i++)); do
    opts=""
    [ "$variant" = tuned ] && opts="$TUNED"
    start_ns=$(date +%s%N)
    cmd=""
    [ "$variant" = tarball ] && cmd="$TARBALL_HOOK"
    log_lines=$(cat "$runner/state/proxy.log" 2>/dev/null | wc -l)
    HOOK_CMD="$cmd" JAVA_TOOL_OPTIONS="$opts" PULLTHROUGH_HOOK_TRACE=1 READY_TRACE=1 "$ready" "$(bench_free_port)" > "$BENCH_TMP/trace.log" 2>&1 || true
    total_ms=$((($(date +%s%N) - start_ns) / 1000000))
    # One clock for the hook's JVM, the mirror's JVM (its lines are in proxy.log) and the script's own marks.
    tail -n "+$((log_lines + 1))" "$runner/state/proxy.log" 2>/dev/null | grep -o ' trace +[0-9]*ms [a-z ,]*' > "$BENCH_TMP/mirror-trace.log" || true
    stop_hook
    echo "$variant run $i: total ${total_ms} ms; from the launcher: $( { grep -o ' trace +[0-9]*ms [a-z ,]*' "$BENCH_TMP/trace.log" || true; cat "$BENCH_TMP/mirror-trace.log"; grep -o 'ready-trace +[0-9]*ms [a-zA-Z ]*' "$BENCH_TMP/trace.log" || true; } | sed 's/^ *\(ready-\)\{0,1\}trace //' | sort -t+ -k2 -n | paste -sd';' -)"
  done
done > "$RESULTS_DIR/phases.txt"
# JVM start alone: the hook jar's --help (picocli, no SDK).
for ((i = 0; i < 3; i++)); do bench_measure jvm-hook-help -- java -jar "$HOOK_JAR" --help; done

bench_summary --pair hook-start dockerd-restart --pair hook-start-tuned dockerd-restart --pair hook-start-tuned hook-start \
  --pair hook-tarball hook-start --pair hook-tarball dockerd-restart
cat "$RESULTS_DIR/tarball.txt" "$RESULTS_DIR/cds.txt" "$RESULTS_DIR/checks.txt" "$RESULTS_DIR/phases.txt" "$RESULTS_DIR/hyperfine.md" 2>/dev/null | tee -a "$RESULTS_DIR/summary.txt" || true  # the optional files may be absent
