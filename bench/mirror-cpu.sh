#!/usr/bin/env bash
# Benchmark: the mirror's CPU per request, against nginx, for two settings of the mirror's JVM side by side.
#
# A registry without auth, nginx in front of it (the reference proxy) and the mirror from the release tarball
# (`bin/pullthrough-hook start`, as a runner runs it). Each round starts a fresh mirror with setting A, then one with
# setting B, and for each sends BURSTS bursts of `ab -n N -c C -i` manifest HEADs to nginx and then to the mirror
# (two warm-up bursts first). Per burst: the p50 of each, and the CPU both proxies used (utime + stime from
# /proc/<pid>/stat, summed over nginx's master and workers): CPU is the figure that moves least with other load.
#
# NETTY=1 adds setting N: the bench-only Netty relay (bench/server-candidates/netty-relay, built here with Maven), one
# event loop, on the tarball's runtime with the mirror's memory and compiler flags (NETTY_OPTS adds more).
# NIO=1 adds setting J: the bench-only JDK-only relay (bench/server-candidates/nio-relay/Relay.java: one java.nio
# Selector thread, no libraries), compiled here with the JDK 25's javac, run on the tarball's runtime with the same
# flags as the Netty relay minus its Netty-only ones (NIO_OPTS adds more).
#
# Env: OPTS_A (default "": the mirror as shipped), OPTS_B (unset: A only), e.g.
#   OPTS_B="-Xmx16m" or OPTS_B="-XX:CompileThresholdScaling=1" (appended to the
#   launcher's flags for the mirror's JVM, so they win), ROUNDS (3), BURSTS (7), C (200), N (C), BENCH_OUT.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS="${ROUNDS:-3}"
BURSTS="${BURSTS:-7}"
C="${C:-200}"
N="${N:-$C}"

bench_init mirror-cpu
bench_need ab "apt-get install -y apache2-utils"
tarball="$(ls "$ROOT"/target/pullthrough-hook-*-linux-x64.tar.gz 2>/dev/null | head -1)"
[ -n "$tarball" ] || die "no target/pullthrough-hook-*-linux-x64.tar.gz: run 'mvn -DskipTests package' (needs a JDK 25)"
mkdir -p "$BENCH_TMP/tarball" && tar -xzf "$tarball" -C "$BENCH_TMP/tarball"
HOOK="$(ls -d "$BENCH_TMP"/tarball/pullthrough-hook-*)/bin/pullthrough-hook"

say "registry, token API, nginx"
bench_registry_start open ""
OPEN="127.0.0.1:$REGISTRY_PORT"
bench_seed_image "$OPEN" docker-hub/bench/app 1 1
bench_token_standin "unused"
bench_nginx_start nginx "${OPEN#*:}" "$(printf 'AWS:unused' | base64 -w0)" docker-hub
NGINX="127.0.0.1:$NGINX_PORT"
nginx_pid="$(cat "$NGINX_PID_FILE")"

rows="$RESULTS_DIR/bursts.tsv"
printf 'round\tsetting\tburst\tnginx_p50_ms\tmirror_p50_ms\tnginx_cpu_ms\tmirror_cpu_ms\tmirror_hwm_kb\n' > "$rows"
settings=(A)
[ -n "${OPTS_B+x}" ] && settings+=(B)
if [ "${NETTY:-0}" = 1 ]; then
  say "building the Netty relay (bench/server-candidates/netty-relay)"
  (cd "$BENCH_DIR/server-candidates/netty-relay" && mvn -B -q -DskipTests package >&2) || die "the Netty relay did not build"
  RELAY_JAR="$BENCH_DIR/server-candidates/netty-relay/target/relay.jar"
  # The mirror's heap, GC and compiler flags; native access lets Netty 4.2 free its buffers without falling back to a
  # slower path (blobs ran at 0.56-0.79x nginx's rate without it).
  RELAY_FLAGS="-Xms8m -Xmx24m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1 -XX:ReservedCodeCacheSize=24m -XX:MaxDirectMemorySize=32m \
-Dio.netty.leakDetection.level=disabled --enable-native-access=ALL-UNNAMED ${NETTY_OPTS:-}"
  settings+=(N)
fi
if [ "${NIO:-0}" = 1 ]; then
  say "compiling the JDK-only relay (bench/server-candidates/nio-relay)"
  NIO_JAVAC=/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac
  bench_need "$NIO_JAVAC" "install a JDK 25 (Temurin 25) at /usr/lib/jvm/temurin-25-jdk-amd64"
  "$NIO_JAVAC" --release 17 -d "$BENCH_TMP/nio-relay" "$BENCH_DIR/server-candidates/nio-relay/Relay.java" >&2 \
    || die "the JDK-only relay did not compile"
  NIO_FLAGS="-Xms8m -Xmx24m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1 -XX:ReservedCodeCacheSize=24m -XX:MaxDirectMemorySize=32m \
${NIO_OPTS:-}"
  settings+=(J)
fi
for ((r = 0; r < ROUNDS; r++)); do
  for setting in "${settings[@]}"; do
    opts="${OPTS_A:-}"
    [ "$setting" = B ] && opts="$OPTS_B"
    [ "$setting" = N ] && opts="Netty relay"
    [ "$setting" = J ] && opts="JDK-only relay"
    say "round $r, setting $setting: '${opts}'"
    state="$BENCH_TMP/state-$r-$setting"
    port="$(bench_free_port)"
    if [ "$setting" = N ]; then
      # shellcheck disable=SC2086
      "$(dirname "$HOOK")/../runtime/bin/java" $RELAY_FLAGS -jar "$RELAY_JAR" --listen "127.0.0.1:$port" --upstream "$OPEN" \
        --prefix docker-hub --user-pass AWS:unused --threads 1 > "$BENCH_TMP/relay-$r.log" 2>&1 < /dev/null &
      mirror_pid=$!
      bench_on_exit "kill $mirror_pid"
      bench_wait_http "http://127.0.0.1:$port/v2/" || die "the Netty relay did not start (see $BENCH_TMP/relay-$r.log)"
    elif [ "$setting" = J ]; then
      # shellcheck disable=SC2086
      "$(dirname "$HOOK")/../runtime/bin/java" $NIO_FLAGS -cp "$BENCH_TMP/nio-relay" bench.niorelay.Relay \
        --listen "127.0.0.1:$port" --upstream "$OPEN" --prefix docker-hub --user-pass AWS:unused \
        > "$BENCH_TMP/nio-relay-$r.log" 2>&1 < /dev/null &
      mirror_pid=$!
      bench_on_exit "kill $mirror_pid"
      bench_wait_http "http://127.0.0.1:$port/v2/" || die "the JDK-only relay did not start (see $BENCH_TMP/nio-relay-$r.log)"
    else
      PULLTHROUGH_HOOK_PROXY_JAVA_OPTS="$opts" "$HOOK" start --strict --registry "http://$OPEN" --region us-east-1 \
        --docker-hub-prefix docker-hub --daemon-config none --docker-pid-file none --containerd-certs-dir none \
        --buildkitd-config none --docker-config none --github-env none --listen "127.0.0.1:$port" \
        --state-dir "$state" > "$BENCH_TMP/start.log" 2>&1 || { cat "$BENCH_TMP/start.log" >&2; die "hook start failed"; }
      bench_on_exit "'$HOOK' stop --state-dir '$state'"
      mirror_pid="$(cut -d' ' -f1 "$state/proxy.pid")"
    fi
    for w in 1 2; do bench_manifest_burst "http://$NGINX/v2/bench/app/manifests/1" "$N" "$C" > /dev/null; bench_manifest_burst "http://127.0.0.1:$port/v2/bench/app/manifests/1" "$N" "$C" > /dev/null; done
    for ((b = 0; b < BURSTS; b++)); do
      n0="$(bench_cpu_ticks "$nginx_pid")"; ng="$(bench_manifest_burst "http://$NGINX/v2/bench/app/manifests/1" "$N" "$C")"; n1="$(bench_cpu_ticks "$nginx_pid")"
      m0="$(bench_cpu_ticks "$mirror_pid")"; mi="$(bench_manifest_burst "http://127.0.0.1:$port/v2/bench/app/manifests/1" "$N" "$C")"; m1="$(bench_cpu_ticks "$mirror_pid")"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$setting" "$b" "$ng" "$mi" $(((n1 - n0) * BENCH_TICK_MS)) \
        $(((m1 - m0) * BENCH_TICK_MS)) "$(awk '/^VmHWM:/ {print $2}' "/proc/$mirror_pid/status")" >> "$rows"
    done
    if [ "$setting" = N ] || [ "$setting" = J ]; then kill "$mirror_pid"; wait "$mirror_pid" 2>/dev/null || true
    else "$HOOK" stop --state-dir "$state" > /dev/null 2>&1 || true; fi
  done
done

{
  echo "mirror CPU per burst of $N manifest HEADs, $C at once; A='${OPTS_A:-}'${OPTS_B+ B='$OPTS_B'}${RELAY_FLAGS:+ N=Netty relay, $RELAY_FLAGS}${NIO_FLAGS:+ J=JDK-only relay, $NIO_FLAGS}"
  python3 - "$rows" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for setting in sorted({r["setting"] for r in rows}):
    rs = [r for r in rows if r["setting"] == setting]
    per_round = {}
    for r in rs:
        per_round.setdefault(r["round"], []).append(r)
    diff = [statistics.median(float(r["mirror_p50_ms"]) - float(r["nginx_p50_ms"]) for r in v) for v in per_round.values()]
    cpu = [statistics.mean(float(r["mirror_cpu_ms"]) for r in v) for v in per_round.values()]
    ncpu = [statistics.mean(float(r["nginx_cpu_ms"]) for r in v) for v in per_round.values()]
    hwm = max(int(r["mirror_hwm_kb"]) for r in rs) / 1024
    print(f"setting {setting}: mirror - nginx p50 per round (median of its bursts): {', '.join(f'{d:+.2f}' for d in diff)} ms; "
          f"mirror CPU per burst: {', '.join(f'{c:.0f}' for c in cpu)} ms (nginx {', '.join(f'{c:.0f}' for c in ncpu)}); "
          f"mirror peak RSS {hwm:.0f} MiB")
PY
} | tee "$RESULTS_DIR/summary.txt"
