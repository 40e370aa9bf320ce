#!/usr/bin/env bash
# Benchmark 2: the hook's loopback mirror proxy vs nginx (the reference proxy) vs straight to the registry.
#
# Everything on loopback in a temp dir: an "ECR" distribution registry with Basic auth for user AWS and a 2 KB
# password, the ECR token API stand-in, a private dockerd (vfs), nginx configured with the same Authorization header
# and /v2/ rewrite, and the mirror started by `hook start` (the real hook jar, as a runner would run it).
#   pull      warm `docker pull` of a 50 MB image in 4 random (incompressible) layers: the image is removed before
#             every pull, the registry and the proxies are warm. dockerd pulls through registry-mirrors for the two
#             proxies (reconfigured with SIGHUP between runs, outside the timing) and with its own login for direct.
#   manifest  200 concurrent manifest HEADs (ab -n 200 -c 200 -i), per-request latency percentiles, errors; against
#             the Basic-auth registry (its bcrypt check per request is part of every path), and against a second
#             registry without auth on the same storage, where the proxies' own latency is not hidden behind it
#             (a second nginx and a second `hook start` forward there).
#   blob      a 200 MB blob fetched with curl through each path: throughput.
# Modes rotate in every round, so each ratio compares runs made back to back. Peak RSS from /proc (VmHWM).
#
# Env: RUNS (default 5), WARMUP (1), IMAGE_LAYERS_MB ("5 10 15 20"), BLOB_MB (200), HEADS (200), BENCH_OUT,
# PULLS=0 (skip the docker pulls and the private dockerd), HOOK_JAVA (the java that runs `hook start`, and so the
# mirror: e.g. a Java 25 runtime), TARBALL=1 (start and stop the hook with
# the release tarball's launcher, target/pullthrough-hook-*-linux-x64.tar.gz unpacked here: the mirror as shipped,
# on the bundled JDK 25 runtime with its own AOT cache; HOOK_JAVA is then not used), PULLTHROUGH_HOOK_PROXY_JAVA_OPTS
# (extra flags for the mirror's JVM, e.g. -XX:AOTMode=off).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

IMAGE_LAYERS_MB="${IMAGE_LAYERS_MB:-5 10 15 20}"
BLOB_MB="${BLOB_MB:-200}"
HEADS="${HEADS:-200}"
PULLS="${PULLS:-1}"
HOOK_JAVA="${HOOK_JAVA:-java}"
TARBALL="${TARBALL:-0}"

bench_init proxy
bench_need java "apt-get install -y openjdk-17-jre-headless"
bench_need ab "apt-get install -y apache2-utils"
bench_need curl "apt-get install -y curl"
bench_hook_jar

say "registry, token API, images"
password="$(bench_random_password)"
bench_registry_start ecr "$password"
ECR="127.0.0.1:$REGISTRY_PORT"
auth_b64="$(printf 'AWS:%s' "$password" | base64 -w0)"
auth_header="$BENCH_TMP/auth-header"
( umask 077; printf 'Authorization: Basic %s\n' "$auth_b64" > "$auth_header" )
# shellcheck disable=SC2086
bench_seed_image "$ECR" docker-hub/bench/app 1 $IMAGE_LAYERS_MB -- -H "@$auth_header"
bench_registry_start open "" "$BENCH_TMP/ecr/data"
OPEN="127.0.0.1:$REGISTRY_PORT"
image_bytes="$(cat "$BENCH_TMP/image-docker-hub_bench_app-1.size")"
head -c "$((BLOB_MB * 1024 * 1024))" /dev/urandom > "$BENCH_TMP/big.bin"
blob_digest="$(bench_push_blob "$ECR" docker-hub/bench/big "$BENCH_TMP/big.bin" -H "@$auth_header")"
rm -f "$BENCH_TMP/big.bin"
bench_token_standin "$password"

say "nginx (reference proxy)"
bench_nginx_start nginx "${ECR#*:}" "$auth_b64" docker-hub
NGINX="127.0.0.1:$NGINX_PORT"
nginx_pid_file="$NGINX_PID_FILE"
bench_nginx_start nginx-open "${OPEN#*:}" "$auth_b64" docker-hub
NGINX_OPEN="127.0.0.1:$NGINX_PORT"

HOOK=("$HOOK_JAVA" -jar "$HOOK_JAR")
if [ "$TARBALL" = 1 ]; then
  tarball="$(ls "$ROOT"/target/pullthrough-hook-*-linux-x64.tar.gz 2>/dev/null | head -1)"
  [ -n "$tarball" ] || die "no target/pullthrough-hook-*-linux-x64.tar.gz: run 'mvn -DskipTests package' (needs a JDK 25)"
  mkdir -p "$BENCH_TMP/tarball" && tar -xzf "$tarball" -C "$BENCH_TMP/tarball"
  HOOK=("$(ls -d "$BENCH_TMP"/tarball/pullthrough-hook-*)/bin/pullthrough-hook")
fi

say "hook start (the mirror under test)"
# hook_start NAME REGISTRY PORT: the daemon is reconfigured by this script between modes, so the hook is told to
# leave every file alone here (hook-startup.sh measures it with the daemon, containerd, BuildKit and client files).
hook_start() {
  mkdir -p "$BENCH_TMP/$1"
  "${HOOK[@]}" start --strict --registry "http://$2" --region us-east-1 --docker-hub-prefix docker-hub \
    --daemon-config none --docker-pid-file none --containerd-certs-dir none --buildkitd-config none \
    --docker-config none --github-env none --listen "127.0.0.1:$3" --state-dir "$BENCH_TMP/$1/state" \
    > "$BENCH_TMP/$1/start.log" 2>&1 || { cat "$BENCH_TMP/$1/start.log" >&2; die "hook start failed"; }
  cut -d' ' -f1 "$BENCH_TMP/$1/state/proxy.pid"
}
bench_on_exit "${HOOK[*]} stop --state-dir '$BENCH_TMP/hook/state'"
bench_on_exit "${HOOK[*]} stop --state-dir '$BENCH_TMP/hook-open/state'"
port="$(bench_free_port)"
proxy_pid="$(hook_start hook "$ECR" "$port")"
PROXY="127.0.0.1:$port"
port="$(bench_free_port)"
proxy_open_pid="$(hook_start hook-open "$OPEN" "$port")"
PROXY_OPEN="127.0.0.1:$port"
kill -0 "$proxy_pid" || die "no mirror process"
read -r proxy_idle_rss _ < <(bench_rss_kb "$proxy_pid")
echo "mirror pid $proxy_pid: $(tr '\0' ' ' < /proc/"$proxy_pid"/cmdline | sed 's/-cp [^ ]*/-cp HOOK_JAR/')" > "$RESULTS_DIR/proxy-process.txt"

modes_for_round() { # rotate the order: round 0 d n p, round 1 n p d, round 2 p d n
  local all=(direct nginx proxy) r=$(($1 % 3))
  echo "${all[@]:r} ${all[@]:0:r}"
}

if [ "$PULLS" != 0 ]; then
say "private dockerd"
bench_dockerd_start "[\"http://$PROXY\"]"
printf '%s' "$password" | docker login "$ECR" -u AWS --password-stdin >/dev/null 2>&1 || die "docker login to $ECR failed"

DIRECT_REF="$ECR/docker-hub/bench/app:1"
MIRROR_REF="bench/app:1"
current_mirror=""
remove_images() {
  docker rmi -f "$DIRECT_REF" "$MIRROR_REF" >/dev/null 2>&1 || true
  [ -z "$(docker images -q)" ] || die "images left: $(docker images --format '{{.Repository}}:{{.Tag}}')"
}
pull() { # MODE LABEL
  case "$1" in
    direct) remove_images; bench_measure "$2" -- docker pull -q "$DIRECT_REF" ;;
    nginx | proxy)
      local url="http://$NGINX"
      [ "$1" = proxy ] && url="http://$PROXY"
      [ "$current_mirror" = "$url" ] || { bench_set_mirror "$url"; current_mirror="$url"; }
      remove_images
      bench_measure "$2" -- docker pull -q "$MIRROR_REF" ;;
  esac
}

say "docker pull, $(( image_bytes / 1024 / 1024 )) MB in $(wc -w <<< "$IMAGE_LAYERS_MB") layers: warm-up"
for ((i = 0; i < WARMUP; i++)); do
  for m in direct nginx proxy; do RESULTS="$BENCH_TMP/warmup.jsonl" pull "$m" "warmup-$m"; done
done
say "docker pull: $RUNS rounds"
for ((i = 0; i < RUNS; i++)); do
  for m in $(modes_for_round "$i"); do pull "$m" "pull-$m"; done
done
remove_images
fi

say "manifest HEADs: $HEADS concurrent, $RUNS rounds"
heads_tsv="$RESULTS_DIR/manifest-heads.tsv"
printf 'round\tconcurrency\tmode\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tfailed\tnon2xx\n' > "$heads_tsv"
accept='Accept: application/vnd.docker.distribution.manifest.v2+json'
heads() { # MODE ROUND [CONCURRENCY]
  local conc="${3:-$HEADS}"
  local url args=(-q -n "$HEADS" -c "$conc" -i -s 30 -H "$accept")
  case "$1" in
    direct) url="http://$ECR/v2/docker-hub/bench/app/manifests/1"; args+=(-H "$(cat "$auth_header")") ;;
    nginx) url="http://$NGINX/v2/bench/app/manifests/1" ;;
    proxy) url="http://$PROXY/v2/bench/app/manifests/1" ;;
    direct-open) url="http://$OPEN/v2/docker-hub/bench/app/manifests/1" ;;
    nginx-open) url="http://$NGINX_OPEN/v2/bench/app/manifests/1" ;;
    proxy-open) url="http://$PROXY_OPEN/v2/bench/app/manifests/1" ;;
  esac
  local csv="$BENCH_TMP/ab-$1-$2-$conc.csv" out="$BENCH_TMP/ab-$1-$2-$conc.txt"
  ab "${args[@]}" -e "$csv" "$url" > "$out" 2>&1 || true
  local failed non2xx
  failed="$(awk '/^Failed requests:/ {print $3}' "$out")"
  non2xx="$(awk '/^Non-2xx responses:/ {print $3}' "$out")"
  [ -n "$failed" ] || { cat "$out" >&2; failed="$HEADS"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$conc" "$1" \
    "$(awk -F, '$1==50 {print $2}' "$csv" 2>/dev/null)" "$(awk -F, '$1==90 {print $2}' "$csv" 2>/dev/null)" \
    "$(awk -F, '$1==99 {print $2}' "$csv" 2>/dev/null)" "$(awk -F, '$1==100 {print $2}' "$csv" 2>/dev/null)" \
    "$failed" "${non2xx:-0}" >> "$heads_tsv"
}
for m in direct nginx proxy direct-open nginx-open proxy-open; do heads "$m" warmup; done
for ((i = 0; i < RUNS; i++)); do
  for m in $(modes_for_round "$i"); do heads "$m" "$i"; heads "$m-open" "$i"; done
done
# The same requests one at a time: the latency each path adds to a single request, without queueing.
for ((i = 0; i < RUNS; i++)); do
  for m in $(modes_for_round "$i"); do heads "$m" "$i" 1; heads "$m-open" "$i" 1; done
done

say "${BLOB_MB} MB blob: $RUNS rounds"
blob() { # MODE LABEL
  local url args=(-sSf -o /dev/null)
  case "$1" in
    direct) url="http://$ECR/v2/docker-hub/bench/big/blobs/$blob_digest"; args+=(-H "@$auth_header") ;;
    nginx) url="http://$NGINX/v2/bench/big/blobs/$blob_digest" ;;
    proxy) url="http://$PROXY/v2/bench/big/blobs/$blob_digest" ;;
  esac
  bench_measure "$2" -- curl "${args[@]}" "$url"
}
for m in direct nginx proxy; do RESULTS="$BENCH_TMP/warmup.jsonl" blob "$m" "warmup-blob-$m"; done
for ((i = 0; i < RUNS; i++)); do
  for m in $(modes_for_round "$i"); do blob "$m" "blob-$m"; done
done

read -r proxy_rss proxy_hwm < <(bench_rss_kb "$proxy_pid")
read -r _ proxy_open_hwm < <(bench_rss_kb "$proxy_open_pid")
nginx_hwm="$(bench_tree_hwm_kb "$(cat "$nginx_pid_file")")"
java -jar "$HOOK_JAR" status --state-dir "$BENCH_TMP/hook/state" > "$RESULTS_DIR/hook-status.txt" 2>&1 || true

{
  echo
  echo "## manifest HEADs ($HEADS concurrent; ms; per round)"
  column -t "$heads_tsv"
  python3 - "$heads_tsv" <<'PY'
import csv, statistics, sys
all_rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["round"] != "warmup"]
for conc in sorted({r["concurrency"] for r in all_rows}, key=int, reverse=True):
    rows = [r for r in all_rows if r["concurrency"] == conc]
    print(f"-- concurrency {conc}")
    by = {}
    for r in rows:
        by.setdefault(r["mode"], []).append(r)
    for mode, rs in by.items():
        p50 = [float(r["p50_ms"] or "nan") for r in rs]
        errors = sum(int(r["failed"] or 0) + int(r["non2xx"] or 0) for r in rs)
        print(f"manifest-{mode} (c={conc}): p50 median {statistics.median(p50):.2f} ms [{min(p50):.2f}-{max(p50):.2f}], "
              f"p99 median {statistics.median(float(r['p99_ms'] or 'nan') for r in rs):.2f} ms, errors {errors}")
    rounds = {}
    for r in rows:
        rounds.setdefault(r["round"], {})[r["mode"]] = float(r["p50_ms"] or "nan")
    for suffix in ("", "-open"):
        for ref in ("nginx", "direct"):
            diff = [v["proxy" + suffix] - v[ref + suffix] for v in rounds.values()
                    if "proxy" + suffix in v and ref + suffix in v]
            if diff:
                print(f"manifest p50 proxy{suffix} - {ref}{suffix} (c={conc}, paired per round): median "
                      f"{statistics.median(diff):+.2f} ms [{min(diff):+.2f} to {max(diff):+.2f}]")
PY
  echo
  echo "## ${BLOB_MB} MB blob throughput (MB/s = ${BLOB_MB} MiB / curl wall time)"
  python3 - "$RESULTS" "$BLOB_MB" <<'PY'
import json, statistics, sys
mb = float(sys.argv[2])
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for mode in ("direct", "nginx", "proxy"):
    walls = [r["wall_s"] for r in rows if r["label"] == f"blob-{mode}" and r["rc"] == 0]
    if walls:
        rates = [mb / w for w in walls]
        print(f"blob-{mode}: {statistics.median(rates):.0f} MiB/s [{min(rates):.0f}-{max(rates):.0f}]")
PY
  echo
  echo "## memory"
  echo "mirror proxy: idle after start $((proxy_idle_rss / 1024)) MiB, now $((proxy_rss / 1024)) MiB, peak (VmHWM) $((proxy_hwm / 1024)) MiB (pulls, HEADs, blobs)"
  echo "mirror proxy on the registry without auth: peak (VmHWM) $((proxy_open_hwm / 1024)) MiB (HEADs only)"
  echo "nginx (master + workers): peak (VmHWM, summed) $((nginx_hwm / 1024)) MiB"
  echo "image: $image_bytes bytes of blobs"
} > "$RESULTS_DIR/extra.txt"

bench_summary --pair pull-proxy pull-direct --pair pull-nginx pull-direct --pair pull-proxy pull-nginx \
  --pair blob-proxy blob-direct --pair blob-proxy blob-nginx
cat "$RESULTS_DIR/extra.txt" | tee -a "$RESULTS_DIR/summary.txt"
