# Shared helpers for the benchmark scripts (sourced, not run). Everything runs on this machine, on loopback,
# in temp dirs under $BENCH_TMP that are removed on exit; nothing is left running.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
MEASURE="$BENCH_DIR/lib/measure.py"
CLI_JAR="${CLI_JAR:-$ROOT/target/pullthrough-0.1.0-cli.jar}"
HOOK_JAR="${HOOK_JAR:-$ROOT/target/pullthrough-0.1.0-hook.jar}"
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
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS_DIR/machine.txt"
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

# bench_wait_http URL [SECONDS [CURL_ARGS...]]: until URL answers any HTTP status.
bench_wait_http() {
  local url="$1" deadline=$((SECONDS + ${2:-20}))
  shift $(($# < 2 ? $# : 2)) # what follows are curl's extra arguments
  until curl -s -o /dev/null --max-time 1 "$@" "$url"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Docker side: a private dockerd, distribution registries, nginx, the ECR token stand-in (recipes from
# docs/DOMAIN.md and the hook e2e test harness, in shell).

# bench_dockerd_start [MIRRORS_JSON]: a private dockerd under $BENCH_TMP/d (vfs, no bridge, no iptables), started by
# lib/dockerd-start.sh. Sets DOCKERD_DIR and exports DOCKER_HOST and DOCKER_CONFIG (the client config, for logins).
bench_dockerd_start() {
  bench_need dockerd "apt-get install -y docker.io"
  bench_need docker "apt-get install -y docker.io"
  DOCKERD_DIR="$BENCH_TMP/d"
  mkdir -p "$DOCKERD_DIR/client"
  bench_daemon_json "${1:-[]}"
  bench_on_exit "bench_dockerd_stop"
  export DOCKER_HOST="unix://$DOCKERD_DIR/docker.sock" DOCKER_CONFIG="$DOCKERD_DIR/client" DOCKER_CLI_HINTS=false
  "$BENCH_DIR/lib/dockerd-start.sh" "$DOCKERD_DIR" || die "dockerd did not start"
}

# bench_daemon_json MIRRORS_JSON: writes the private daemon's config (atomically).
bench_daemon_json() {
  printf '{"iptables": false, "bridge": "none", "storage-driver": "vfs", "registry-mirrors": %s}\n' "$1" \
    > "$DOCKERD_DIR/daemon.json.tmp"
  mv -f "$DOCKERD_DIR/daemon.json.tmp" "$DOCKERD_DIR/daemon.json"
}

# bench_dockerd_await [SECONDS]: until the API answers /_ping.
bench_dockerd_await() {
  local deadline=$((SECONDS + ${1:-30}))
  until curl -sf --unix-socket "$DOCKERD_DIR/docker.sock" http://d/_ping >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.02
  done
}

# bench_set_mirror URL: rewrites registry-mirrors and reloads dockerd with SIGHUP; waits until it took effect.
bench_set_mirror() {
  bench_daemon_json "[\"$1\"]"
  kill -HUP "$(cat "$DOCKERD_DIR/docker.pid")"
  local deadline=$((SECONDS + 10))
  until docker info --format '{{json .RegistryConfig.Mirrors}}' 2>/dev/null | grep -qF "${1%/}"; do
    [ $SECONDS -lt $deadline ] || die "dockerd did not take mirror $1"
    sleep 0.05
  done
}

bench_dockerd_stop() {
  [ -n "${DOCKERD_DIR:-}" ] && [ -f "$DOCKERD_DIR/docker.pid" ] || return 0
  local pid
  pid="$(cat "$DOCKERD_DIR/docker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  awk -v p="$DOCKERD_DIR/" 'index($5, p) == 1 {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
}

# An ECR registry's name for a loopback TLS registry: the hook picks the mirror's compilers by the registry's host
# (ECR redirects every blob; ProxyProcess.jvmFlags), so a bench of what ECR runners get must use such a name. The
# mirror resolves it through a hosts file of its own (bench_hosts_opt), nothing of the machine's.
BENCH_ECR_HOST=123456789012.dkr.ecr.us-east-1.amazonaws.com

# bench_tls_certs DIR: a self-signed certificate for 127.0.0.1 and $BENCH_ECR_HOST (DIR/cert.pem, DIR/key.pem) and a
# PKCS12 trust store holding it (DIR/trust.p12, password changeit) for a JVM's -Djavax.net.ssl.trustStore. KEYTOOL
# names the keytool (default: the one on PATH).
bench_tls_certs() {
  local dir="$1" keytool="${KEYTOOL:-$(command -v keytool || true)}"
  bench_need openssl "apt-get install -y openssl"
  [ -n "$keytool" ] || die "no keytool: install a JDK, or set KEYTOOL"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1,DNS:$BENCH_ECR_HOST" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2> /dev/null
  "$keytool" -importcert -noprompt -alias registry -file "$dir/cert.pem" -keystore "$dir/trust.p12" \
    -storetype PKCS12 -storepass changeit > /dev/null 2>&1
}

# bench_hosts_opt URL: for a registry URL naming $BENCH_ECR_HOST, the mirror's JVM flag that resolves it to 127.0.0.1
# through a hosts file of its own (written to $BENCH_TMP); nothing for any other URL.
bench_hosts_opt() {
  case "$1" in
    "https://$BENCH_ECR_HOST:"*)
      printf '127.0.0.1 %s\n' "$BENCH_ECR_HOST" > "$BENCH_TMP/ecr-hosts"
      printf -- '-Djdk.net.hosts.file=%s' "$BENCH_TMP/ecr-hosts" ;;
  esac
}

# bench_registry_start NAME [PASSWORD [STORAGE_DIR]]: a distribution registry on a free loopback port in
# $BENCH_TMP/NAME; with PASSWORD it requires HTTP Basic auth for user AWS (like ECR: `Basic realm=` challenge).
# STORAGE_DIR lets two registries serve the same images. With BENCH_REGISTRY_TLS=DIR (made by bench_tls_certs) it
# serves HTTPS with DIR's certificate, as ECR does. Sets REGISTRY_PORT.
bench_registry_start() {
  local name="$1" password="${2:-}" dir="$BENCH_TMP/$1" bin storage="${3:-$BENCH_TMP/$1/data}"
  bin="$(command -v docker-registry || command -v registry || true)"
  [ -n "$bin" ] || die "docker-registry is missing: apt-get install -y docker-registry"
  mkdir -p "$dir" "$storage"
  REGISTRY_PORT="$(bench_free_port)"
  cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$REGISTRY_PORT
  secret: pullthrough-bench-only
YML
  local scheme=http ready=()
  if [ -n "${BENCH_REGISTRY_TLS:-}" ]; then
    printf '  tls:\n    certificate: %s\n    key: %s\n' "$BENCH_REGISTRY_TLS/cert.pem" "$BENCH_REGISTRY_TLS/key.pem" \
      >> "$dir/config.yml"
    scheme=https
    ready=(--cacert "$BENCH_REGISTRY_TLS/cert.pem")
  fi
  if [ -n "$password" ]; then
    bench_need htpasswd "apt-get install -y apache2-utils"
    # bcrypt reads 72 bytes; htpasswd refuses longer passwords. The full password still authenticates.
    # Cost 4 (the minimum) keeps the stand-in's own per-request bcrypt check small next to what is measured.
    printf '%s' "${password:0:72}" | htpasswd -niB -C 4 AWS | grep "^AWS:" > "$dir/htpasswd"
    printf 'auth:\n  htpasswd:\n    realm: pt-ecr-stand-in\n    path: %s\n' "$dir/htpasswd" >> "$dir/config.yml"
  fi
  "$bin" serve "$dir/config.yml" > "$dir/registry.log" 2>&1 < /dev/null &
  local pid=$!
  bench_on_exit "kill $pid; wait $pid"
  bench_wait_http "$scheme://127.0.0.1:$REGISTRY_PORT/v2/" 20 "${ready[@]}" \
    || { tail "$dir/registry.log" >&2; die "registry $name did not start"; }
}

# bench_push_blob REGISTRY REPO FILE [CURL_AUTH...]: uploads FILE as a blob (monolithic POST+PUT); prints its digest.
bench_push_blob() {
  local reg="$1" repo="$2" file="$3" digest location
  shift 3
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  location="$(curl -sSf "$@" -X POST -D - -o /dev/null "http://$reg/v2/$repo/blobs/uploads/" | tr -d '\r' \
    | sed -n 's/^[Ll]ocation: //p')"
  case "$location" in http*) ;; *) location="http://$reg$location" ;; esac
  case "$location" in *\?*) location="$location&digest=$digest" ;; *) location="$location?digest=$digest" ;; esac
  curl -sSf "$@" -X PUT -H 'Content-Type: application/octet-stream' -T "$file" -o /dev/null "$location"
  echo "$digest"
}

# bench_seed_image REGISTRY REPO TAG LAYER_MB... [-- CURL_AUTH...]: an image of random (incompressible) layers,
# pushed through the registry API (no daemon needed). Writes $BENCH_TMP/image-REPO-TAG.size (bytes of blobs).
bench_seed_image() {
  local reg="$1" repo="$2" tag="$3" work k=0 mb layers=() diffs=() sizes=() total=0
  shift 3
  local mbs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do mbs+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  work="$(mktemp -d "$BENCH_TMP/seed.XXXXXX")"
  for mb in "${mbs[@]}"; do
    mkdir -p "$work/l$k/data"
    head -c "$((mb * 1024 * 1024))" /dev/urandom > "$work/l$k/data/blob-$k.bin"
    tar -C "$work/l$k" --owner=0 --group=0 --mtime=@0 -cf "$work/l$k.tar" data
    diffs+=("sha256:$(sha256sum "$work/l$k.tar" | cut -d' ' -f1)")
    gzip -1 -n -c "$work/l$k.tar" > "$work/l$k.tar.gz"
    sizes+=("$(stat -c %s "$work/l$k.tar.gz")")
    layers+=("$(bench_push_blob "$reg" "$repo" "$work/l$k.tar.gz" "$@")")
    total=$((total + ${sizes[$k]}))
    k=$((k + 1))
  done
  local diff_json layer_json i
  diff_json="$(printf '"%s",' "${diffs[@]}")"
  printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "${diff_json%,}" > "$work/config.json"
  local config_digest
  config_digest="$(bench_push_blob "$reg" "$repo" "$work/config.json" "$@")"
  layer_json=""
  for ((i = 0; i < k; i++)); do
    layer_json+="{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":${sizes[$i]},\"digest\":\"${layers[$i]}\"},"
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%s,"digest":"%s"},"layers":[%s]}' \
    "$(stat -c %s "$work/config.json")" "$config_digest" "${layer_json%,}" > "$work/manifest.json"
  curl -sSf "$@" -X PUT -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' \
    --data-binary "@$work/manifest.json" -o /dev/null "http://$reg/v2/$repo/manifests/$tag"
  echo "$total" > "$BENCH_TMP/image-${repo//\//_}-$tag.size"
  rm -rf "$work"
}

# bench_nginx_start NAME UPSTREAM_PORT AUTH_B64 PREFIX: the reference proxy, nginx on a free loopback port, adding
# the same Authorization header and /v2/<repo> -> /v2/<PREFIX>/<repo> rewrite as the hook's mirror, streaming bodies
# (no buffering, 64 KiB buffer like the mirror's copy loop), passing redirects untouched, GET/HEAD only, with
# keep-alive upstream connections. NGINX_UPSTREAM_TLS=1: the upstream speaks TLS (handshakes and session reuse as
# for any https upstream; the stand-in's self-signed certificate is not verified). Sets NGINX_PORT and NGINX_PID_FILE.
bench_nginx_start() {
  local upstream="$2" auth="$3" prefix="$4" dir="$BENCH_TMP/$1" nginx scheme=http tls=""
  if [ "${NGINX_UPSTREAM_TLS:-0}" = 1 ]; then scheme=https; tls="proxy_ssl_session_reuse on; proxy_ssl_verify off;"; fi
  nginx="$(command -v nginx || echo /usr/sbin/nginx)"
  [ -x "$nginx" ] || die "nginx is missing: apt-get install -y nginx-light"
  mkdir -p "$dir/tmp"
  NGINX_PORT="$(bench_free_port)"
  NGINX_PID_FILE="$dir/nginx.pid"
  local rewrite="rewrite ^/v2/(.+)\$ /v2/$prefix/\$1 break;"
  [ "$prefix" = ROOT ] && rewrite=""
  cat > "$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  upstream registry { server 127.0.0.1:$upstream; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /v2/ {
      limit_except GET { deny all; }
      $rewrite
      proxy_pass $scheme://registry;
      $tls
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host 127.0.0.1:$upstream;
      proxy_set_header Authorization "Basic $auth";
      proxy_buffering off;
      proxy_buffer_size 64k;
      proxy_buffers 4 64k;
      proxy_busy_buffers_size 128k;
      proxy_request_buffering off;
      proxy_redirect off;
    }
    location / { return 404; }
  }
}
CONF
  "$nginx" -c "$dir/nginx.conf" -p "$dir" 2> "$dir/start.log" || { cat "$dir/start.log" >&2; die "nginx did not start"; }
  bench_on_exit "kill \$(cat $NGINX_PID_FILE)"
  bench_wait_http "http://127.0.0.1:$NGINX_PORT/v2/" || die "nginx does not answer"
}

# bench_token_standin PASSWORD: the ECR GetAuthorizationToken stand-in (AWS JSON 1.1) on a free loopback port.
# Sets ECR_API_PORT and exports the AWS_* variables the SDK's default chain reads (fake keys, no metadata calls).
bench_token_standin() {
  ECR_API_PORT="$(bench_free_port)"
  printf '%s' "$1" > "$BENCH_TMP/ecr-password"
  chmod 600 "$BENCH_TMP/ecr-password"
  python3 "$BENCH_DIR/lib/ecr_token_standin.py" "$ECR_API_PORT" "$BENCH_TMP/ecr-password" \
    > "$BENCH_TMP/ecr-api.log" 2>&1 < /dev/null &
  local pid=$!
  bench_on_exit "kill $pid"
  bench_wait_http "http://127.0.0.1:$ECR_API_PORT/" || die "ECR API stand-in did not start"
  export AWS_ENDPOINT_URL_ECR="http://127.0.0.1:$ECR_API_PORT" AWS_ACCESS_KEY_ID=AKIAPULLTHROUGHBENCH1 \
    AWS_SECRET_ACCESS_KEY=pullthrough-bench-not-a-real-key AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
}

# bench_cpu_ticks PID...: utime + stime of each process and of its children, in clock ticks of BENCH_TICK_MS ms.
# CPU is the figure that moves least with other load on the machine.
BENCH_TICK_MS=$((1000 / $(getconf CLK_TCK)))
bench_cpu_ticks() {
  local total=0 p q
  for p in "$@"; do
    for q in "$p" $(pgrep -P "$p"); do total=$((total + $(awk '{print $14 + $15}' "/proc/$q/stat"))); done
  done
  echo "$total"
}

# bench_manifest_burst URL N C: `ab -n N -c C -i` manifest HEADs to URL; prints the p50 in ms. Dies when ab reports a
# failed request or a non-2xx answer (the figures would be of errors).
bench_manifest_burst() {
  ab -q -n "$2" -c "$3" -i -s 30 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -e "$BENCH_TMP/ab.csv" "$1" > "$BENCH_TMP/ab.txt" 2>&1 || true
  local failed
  failed="$(awk '/^Failed requests:/ {print $3}' "$BENCH_TMP/ab.txt")"
  [ "${failed:-x}" = 0 ] || { cat "$BENCH_TMP/ab.txt" >&2; die "ab reported failed requests"; }
  grep -q '^Non-2xx' "$BENCH_TMP/ab.txt" && { cat "$BENCH_TMP/ab.txt" >&2; die "ab got non-2xx answers"; }
  awk -F, '$1==50 {print $2}' "$BENCH_TMP/ab.csv"
}

# bench_random_password: an ECR-like long opaque password (2048 base64 characters).
bench_random_password() { head -c 1536 /dev/urandom | base64 -w0; }

# bench_rss_kb PID: current VmRSS and VmHWM (peak) of one process, "RSS HWM" in kB.
bench_rss_kb() { awk '/^VmRSS:/ {r=$2} /^VmHWM:/ {h=$2} END {print r+0, h+0}' "/proc/$1/status" 2>/dev/null || echo "0 0"; }

# bench_tree_hwm_kb PIDFILE...: summed VmHWM of the processes named by nginx-style pid files and their children.
bench_tree_hwm_kb() {
  local total=0 pid child
  for pid in "$@"; do
    for child in $pid $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
      total=$((total + $(bench_rss_kb "$child" | cut -d' ' -f2)))
    done
  done
  echo "$total"
}
