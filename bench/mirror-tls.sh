#!/usr/bin/env bash
# Benchmark: the mirror in front of a registry over TLS, as ECR always is, against nginx doing the same.
#
# A distribution registry serving HTTPS with a self-signed certificate for 127.0.0.1 (the mirror trusts it through
# -Djavax.net.ssl.trustStore in PULLTHROUGH_HOOK_PROXY_JAVA_OPTS; nginx does not verify it), nginx with an https
# upstream and keep-alive, and the mirror from the release tarball (`bin/pullthrough-hook start`). Each round starts a
# fresh mirror, then sends BURSTS bursts of `ab -n N -c C -i` manifest HEADs to nginx and to the mirror, back to back.
# The first burst of a fresh mirror opens its registry connections (TLS handshakes); later ones reuse them. Per
# burst: both p50s, the CPU each used (utime + stime from /proc) and the mirror's RSS; per round the mirror's peak
# (VmHWM). Then, per round, a BLOB_MB blob fetched with curl through the mirror, through nginx and straight from the
# registry (curl's own TLS), BLOB_RUNS times each: throughput. The token is a 2 KB password, as ECR's are.
#
# REGISTRY_AS picks what the mirror is told the registry is, which picks its compilers (ProxyProcess.jvmFlags):
#   ecr      (default) the registry named as ECR ($BENCH_ECR_HOST, resolved by the mirror through a hosts file of its
#            own): C1 alone, what ECR runners get. Real ECR redirects every blob to S3, so the blob figures of this
#            setting are for a case ECR never sends through the mirror.
#   address  the registry by its address, an https registry that is not ECR: C2 for the cipher classes, for blobs.
#
# Env: ROUNDS (3), BURSTS (12), C (200), N (C), BLOB_MB (64), BLOB_RUNS (3), REGISTRY_AS (ecr), OPTS (extra flags for
# the mirror's JVM), BENCH_OUT.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS="${ROUNDS:-3}"
BURSTS="${BURSTS:-12}"
C="${C:-200}"
N="${N:-$C}"
BLOB_MB="${BLOB_MB:-64}"
BLOB_RUNS="${BLOB_RUNS:-3}"
REGISTRY_AS="${REGISTRY_AS:-ecr}"
case "$REGISTRY_AS" in
  ecr|address) ;;
  *) die "REGISTRY_AS=$REGISTRY_AS: use ecr (the registry named as ECR) or address (by its address)" ;;
esac

bench_init mirror-tls
bench_need ab "apt-get install -y apache2-utils"
bench_need openssl "apt-get install -y openssl"
tarball="$(ls "$ROOT"/target/pullthrough-hook-*-linux-x64.tar.gz 2>/dev/null | head -1)"
[ -n "$tarball" ] || die "no target/pullthrough-hook-*-linux-x64.tar.gz: run 'mvn -DskipTests package' (needs a JDK 25)"
mkdir -p "$BENCH_TMP/tarball" && tar -xzf "$tarball" -C "$BENCH_TMP/tarball"
HOOK="$(ls -d "$BENCH_TMP"/tarball/pullthrough-hook-*)/bin/pullthrough-hook"
KEYTOOL="$(dirname "$HOOK")/../runtime/bin/keytool"
[ -x "$KEYTOOL" ] || KEYTOOL="$(command -v keytool)" || die "no keytool: install a JDK"

say "registry over TLS, token API, nginx"
password="$(bench_random_password)"
bench_registry_start seed ""
bench_seed_image "127.0.0.1:$REGISTRY_PORT" docker-hub/bench/app 1 1
head -c "$((BLOB_MB * 1024 * 1024))" /dev/urandom > "$BENCH_TMP/big.bin"
blob_digest="$(bench_push_blob "127.0.0.1:$REGISTRY_PORT" docker-hub/bench/big "$BENCH_TMP/big.bin")"
rm -f "$BENCH_TMP/big.bin"
certs="$BENCH_TMP/certs"
KEYTOOL="$KEYTOOL" bench_tls_certs "$certs"
# The seeded registry's images, served over TLS with Basic auth for the token's password.
BENCH_REGISTRY_TLS="$certs" bench_registry_start tls "$password" "$BENCH_TMP/seed/data"
TLS_PORT="$REGISTRY_PORT"
if [ "$REGISTRY_AS" = ecr ]; then registry="https://$BENCH_ECR_HOST:$TLS_PORT"; else registry="https://127.0.0.1:$TLS_PORT"; fi
hosts="$(bench_hosts_opt "$registry")"
bench_token_standin "$password"
NGINX_UPSTREAM_TLS=1 bench_nginx_start nginx "$TLS_PORT" "$(printf 'AWS:%s' "$password" | base64 -w0)" docker-hub
NGINX="127.0.0.1:$NGINX_PORT"
nginx_pid="$(cat "$NGINX_PID_FILE")"

rows="$RESULTS_DIR/bursts.tsv"
blobs="$RESULTS_DIR/blobs.tsv"
printf 'round\tvia\tbytes_per_s\n' > "$blobs"
printf 'round\tburst\tnginx_p50_ms\tmirror_p50_ms\tnginx_cpu_ms\tmirror_cpu_ms\tmirror_rss_kb\tmirror_hwm_kb\n' > "$rows"
for ((r = 0; r < ROUNDS; r++)); do
  say "round $r"
  state="$BENCH_TMP/state-$r"
  port="$(bench_free_port)"
  PULLTHROUGH_HOOK_PROXY_JAVA_OPTS="-Djavax.net.ssl.trustStore=$certs/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit $hosts ${OPTS:-}" \
    "$HOOK" start --strict --registry "$registry" --region us-east-1 \
    --docker-hub-prefix docker-hub --daemon-config none --docker-pid-file none --containerd-certs-dir none \
    --buildkitd-config none --docker-config none --github-env none --listen "127.0.0.1:$port" \
    --state-dir "$state" > "$BENCH_TMP/start.log" 2>&1 || { cat "$BENCH_TMP/start.log" >&2; die "hook start failed"; }
  bench_on_exit "'$HOOK' stop --state-dir '$state'"
  mirror_pid="$(cut -d' ' -f1 "$state/proxy.pid")"
  for ((b = 0; b < BURSTS; b++)); do
    n0="$(bench_cpu_ticks "$nginx_pid")"; ng="$(bench_manifest_burst "http://$NGINX/v2/bench/app/manifests/1" "$N" "$C")"; n1="$(bench_cpu_ticks "$nginx_pid")"
    m0="$(bench_cpu_ticks "$mirror_pid")"; mi="$(bench_manifest_burst "http://127.0.0.1:$port/v2/bench/app/manifests/1" "$N" "$C")"; m1="$(bench_cpu_ticks "$mirror_pid")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$b" "$ng" "$mi" $(((n1 - n0) * BENCH_TICK_MS)) $(((m1 - m0) * BENCH_TICK_MS)) \
      $(bench_rss_kb "$mirror_pid") >> "$rows"
  done
  for ((k = 0; k < BLOB_RUNS; k++)); do
    for via in mirror nginx direct; do
      case "$via" in
        mirror) url="http://127.0.0.1:$port/v2/bench/big/blobs/$blob_digest"; extra=() ;;
        nginx) url="http://$NGINX/v2/bench/big/blobs/$blob_digest"; extra=() ;;
        direct) url="https://127.0.0.1:$TLS_PORT/v2/docker-hub/bench/big/blobs/$blob_digest"
          extra=(--cacert "$certs/cert.pem" -u "AWS:$password") ;;
      esac
      speed="$(curl -sf "${extra[@]}" -o /dev/null -w '%{speed_download}' "$url")" || die "blob through $via failed"
      printf '%s\t%s\t%s\n' "$r" "$via" "$speed" >> "$blobs"
    done
  done
  "$HOOK" stop --state-dir "$state" > /dev/null 2>&1 || true
done

{
  echo "mirror over TLS: $BURSTS bursts of $N manifest HEADs, $C at once, per fresh mirror; registry as $REGISTRY_AS ($registry); OPTS='${OPTS:-}'"
  python3 - "$rows" "$blobs" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
blobs = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
first = [r for r in rows if r["burst"] == "0"]
rest = [r for r in rows if r["burst"] != "0"]
def f(rs, key):
    return statistics.median(float(r[key]) for r in rs)
print(f"first burst (handshakes): mirror CPU {f(first, 'mirror_cpu_ms'):.0f} ms (nginx {f(first, 'nginx_cpu_ms'):.0f}), "
      f"p50 mirror - nginx {statistics.median(float(r['mirror_p50_ms']) - float(r['nginx_p50_ms']) for r in first):+.1f} ms")
print(f"later bursts (median of {len(rest)}): mirror CPU {f(rest, 'mirror_cpu_ms'):.0f} ms (nginx {f(rest, 'nginx_cpu_ms'):.0f}), "
      f"p50 mirror - nginx {statistics.median(float(r['mirror_p50_ms']) - float(r['nginx_p50_ms']) for r in rest):+.1f} ms")
per_round = {}
for r in rows:
    per_round.setdefault(r["round"], []).append(int(r["mirror_hwm_kb"]))
print("mirror peak RSS per round: " + ", ".join(f"{max(v) / 1024:.1f}" for v in per_round.values()) + " MiB")
speeds = {}
for b in blobs:
    speeds.setdefault(b["via"], []).append(float(b["bytes_per_s"]) / 1048576)
print("blob throughput (median [min-max] MiB/s): " + "; ".join(
    f"{via} {statistics.median(v):.0f} [{min(v):.0f}-{max(v):.0f}]" for via, v in speeds.items()))
PY
} | tee "$RESULTS_DIR/summary.txt"
