#!/usr/bin/env bash
# Benchmark: `hook start` from the release tarball against a registry over TLS (as ECR is), with a plain-HTTP
# registry as the anchor in the same run.
#
# `start` returns once a request went through the mirror to the registry with the token, so over TLS it includes the
# mirror's first handshake (a cold JVM meeting the JDK's TLS code). One distribution registry serves the same images
# over HTTP and, on another port, over HTTPS (a self-signed certificate the mirror trusts through
# -Djavax.net.ssl.trustStore); the token API is the ECR stand-in. Each run starts (timed from the shell, the launcher
# included) and stops the hook once per setting, the settings alternating:
#   plain      the tarball, plain-HTTP registry (the anchor)
#   tls-ecr    the tarball, TLS registry named as ECR ($BENCH_ECR_HOST, resolved by the mirror through a hosts file
#              of its own): the mirror maps lib/mirror-tls.aot and runs C1 alone, as for ECR
#   tls-other  the same registry by its address: an https registry that is not ECR, C2 for the cipher classes
#   tls-without-archive  (ARCHIVE_AB=1) tls-ecr from the same tarball without lib/mirror-tls.aot (the mirror falls
#              back to lib/mirror.aot, which holds no TLS class): what the TLS archive saves
# Reported per setting: median [min-max] in ms, and the ratios of the medians to plain.
#
# Env: RUNS (9), ARCHIVE_AB (0), OPTS (extra flags for the mirror's JVM), BENCH_OUT.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${RUNS:-9}"
ARCHIVE_AB="${ARCHIVE_AB:-0}"

bench_init hook-start-tls
tarball="$(ls "$ROOT"/target/pullthrough-hook-*-linux-x64.tar.gz 2>/dev/null | head -1)"
[ -n "$tarball" ] || die "no target/pullthrough-hook-*-linux-x64.tar.gz: run 'mvn -DskipTests package' (needs a JDK 25)"
mkdir -p "$BENCH_TMP/tarball" && tar -xzf "$tarball" -C "$BENCH_TMP/tarball"
home="$(ls -d "$BENCH_TMP"/tarball/pullthrough-hook-*)"
# tls-ecr: the registry named as ECR (C1 alone, what ECR runners get); tls-other: the same registry by its address
# (C2 for the cipher classes, for an https registry that streams blobs itself).
settings=(plain tls-ecr tls-other)
if [ "$ARCHIVE_AB" = 1 ]; then
  mkdir -p "$BENCH_TMP/without" && tar -xzf "$tarball" -C "$BENCH_TMP/without"
  without="$(ls -d "$BENCH_TMP"/without/pullthrough-hook-*)"
  rm "$without/lib/mirror-tls.aot"
  settings+=(tls-without-archive)
fi

say "registry over HTTP and over TLS, token API"
password="$(bench_random_password)"
bench_registry_start plain "$password"
PLAIN_PORT="$REGISTRY_PORT"
certs="$BENCH_TMP/certs"
KEYTOOL="$home/runtime/bin/keytool" bench_tls_certs "$certs"
BENCH_REGISTRY_TLS="$certs" bench_registry_start tls "$password" "$BENCH_TMP/plain/data"
TLS_PORT="$REGISTRY_PORT"
bench_token_standin "$password"

rows="$RESULTS_DIR/starts.tsv"
printf 'run\tsetting\tms\n' > "$rows"
for ((k = 0; k < RUNS; k++)); do
  for setting in "${settings[@]}"; do
    case "$setting" in
      plain) hook="$home/bin/pullthrough-hook"; registry="http://127.0.0.1:$PLAIN_PORT" ;;
      tls-ecr) hook="$home/bin/pullthrough-hook"; registry="https://$BENCH_ECR_HOST:$TLS_PORT" ;;
      tls-other) hook="$home/bin/pullthrough-hook"; registry="https://127.0.0.1:$TLS_PORT" ;;
      tls-without-archive) hook="$without/bin/pullthrough-hook"; registry="https://$BENCH_ECR_HOST:$TLS_PORT" ;;
    esac
    hosts="$(bench_hosts_opt "$registry")"
    state="$BENCH_TMP/state-$setting-$k"
    t0="$(date +%s%N)"
    PULLTHROUGH_HOOK_PROXY_JAVA_OPTS="-Djavax.net.ssl.trustStore=$certs/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit $hosts ${OPTS:-}" \
      "$hook" start --strict --registry "$registry" --region us-east-1 --docker-hub-prefix docker-hub \
      --daemon-config none --docker-pid-file none --containerd-certs-dir none --buildkitd-config none \
      --docker-config none --github-env none --listen "127.0.0.1:$(bench_free_port)" --state-dir "$state" \
      > "$BENCH_TMP/start.log" 2>&1 || { cat "$BENCH_TMP/start.log" >&2; die "hook start ($setting) failed"; }
    t1="$(date +%s%N)"
    "$hook" stop --state-dir "$state" > /dev/null 2>&1 || die "hook stop ($setting) failed"
    printf '%s\t%s\t%s\n' "$k" "$setting" "$(((t1 - t0) / 1000000))" >> "$rows"
  done
done

{
  echo "hook start from the tarball until a request went through the mirror to the registry: $RUNS runs per setting, alternating"
  python3 - "$rows" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
ms = {}
for r in rows:
    ms.setdefault(r["setting"], []).append(int(r["ms"]))
plain = statistics.median(ms["plain"])
for setting, values in ms.items():
    median = statistics.median(values)
    print(f"{setting}: median {median:.0f} ms [{min(values)}-{max(values)}]; / plain {median / plain:.2f}x")
PY
} | tee "$RESULTS_DIR/summary.txt"
