#!/usr/bin/env bash
# Benchmark: what the hook's mirror adds per request for a non-Docker Hub upstream (routed by containerd's ?ns=).
#
# Same method as the mirror figures in docs/PERFORMANCE.md (bench/proxy.sh, "manifest HEAD p50, one at a time"): an
# "ECR" distribution registry with Basic auth for user AWS and a 2 KB password, the ECR token API stand-in, nginx as
# the reference proxy (same Authorization header, /v2/ -> /v2/github/ rewrite), and the mirror started by
# `hook start --rules` (the real hook jar) with a Docker Hub and a ghcr.io rule. Each round, one at a time
# (ab -c 1 -i), HEADs of the same manifest go
#   direct       straight to the registry, /v2/github/acme/tool/manifests/1 with the header
#   nginx        through nginx, /v2/acme/tool/manifests/1
#   mirror-ghcr  through the mirror, /v2/acme/tool/manifests/1?ns=ghcr.io (what containerd sends for ghcr.io/acme/tool:1)
#   mirror-hub   through the mirror, /v2/bench/app/manifests/1 without ns (what dockerd sends; Docker Hub route)
# in a rotating order; the p50 of each run, then the median over the rounds and the paired per-round differences.
#
# Env: RUNS (default 5), WARMUP (1), HEADS (200), BENCH_OUT.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HEADS="${HEADS:-200}"

bench_init upstreams
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
bench_seed_image "$ECR" github/acme/tool 1 1 -- -H "@$auth_header"
bench_seed_image "$ECR" docker-hub/bench/app 1 1 -- -H "@$auth_header"
bench_token_standin "$password"

say "nginx (reference proxy, github prefix)"
bench_nginx_start nginx "${ECR#*:}" "$auth_b64" github
NGINX="127.0.0.1:$NGINX_PORT"

say "hook start --rules (the mirror under test)"
cat > "$BENCH_TMP/rules.json" <<'JSON'
{
  "docker_hub": {"ecr_repository_prefix": "docker-hub", "upstream_registry_url": "registry-1.docker.io"},
  "github": {"ecr_repository_prefix": "github", "upstream_registry_url": "ghcr.io"}
}
JSON
port="$(bench_free_port)"
MIRROR="127.0.0.1:$port"
bench_on_exit "java -jar '$HOOK_JAR' stop --state-dir '$BENCH_TMP/hook/state'"
java -jar "$HOOK_JAR" start --strict --registry "http://$ECR" --region us-east-1 --rules "$BENCH_TMP/rules.json" \
  --daemon-config none --docker-pid-file none --containerd-certs-dir none --buildkitd-config none \
  --docker-config none --github-env none --listen "$MIRROR" --state-dir "$BENCH_TMP/hook/state" \
  > "$BENCH_TMP/start.log" 2>&1 || { cat "$BENCH_TMP/start.log" >&2; die "hook start failed"; }

heads_tsv="$RESULTS_DIR/manifest-heads.tsv"
printf 'round\tmode\tp50_ms\tp90_ms\tfailed\tnon2xx\n' > "$heads_tsv"
accept='Accept: application/vnd.docker.distribution.manifest.v2+json'
heads() { # MODE ROUND
  local url args=(-q -n "$HEADS" -c 1 -i -s 30 -H "$accept")
  case "$1" in
    direct) url="http://$ECR/v2/github/acme/tool/manifests/1"; args+=(-H "$(cat "$auth_header")") ;;
    nginx) url="http://$NGINX/v2/acme/tool/manifests/1" ;;
    mirror-ghcr) url="http://$MIRROR/v2/acme/tool/manifests/1?ns=ghcr.io" ;;
    mirror-hub) url="http://$MIRROR/v2/bench/app/manifests/1" ;;
  esac
  local csv="$BENCH_TMP/ab-$1-$2.csv" out="$BENCH_TMP/ab-$1-$2.txt"
  ab "${args[@]}" -e "$csv" "$url" > "$out" 2>&1 || true
  local failed non2xx
  failed="$(awk '/^Failed requests:/ {print $3}' "$out")"
  non2xx="$(awk '/^Non-2xx responses:/ {print $3}' "$out")"
  [ -n "$failed" ] || { cat "$out" >&2; failed="$HEADS"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$1" "$(awk -F, '$1==50 {print $2}' "$csv" 2>/dev/null)" \
    "$(awk -F, '$1==90 {print $2}' "$csv" 2>/dev/null)" "$failed" "${non2xx:-0}" >> "$heads_tsv"
}
modes_for_round() { # rotate the order every round
  local all=(direct nginx mirror-ghcr mirror-hub) r=$(($1 % 4))
  echo "${all[@]:r} ${all[@]:0:r}"
}
say "manifest HEADs one at a time: $HEADS per run, $RUNS rounds"
for ((i = 0; i < WARMUP; i++)); do for m in direct nginx mirror-ghcr mirror-hub; do heads "$m" warmup; done; done
for ((i = 0; i < RUNS; i++)); do for m in $(modes_for_round "$i"); do heads "$m" "$i"; done; done
java -jar "$HOOK_JAR" status --state-dir "$BENCH_TMP/hook/state" > "$RESULTS_DIR/hook-status.txt" 2>&1 || true

python3 - "$heads_tsv" <<'PY' | tee "$RESULTS_DIR/summary.txt"
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["round"] != "warmup"]
by, rounds = {}, {}
for r in rows:
    by.setdefault(r["mode"], []).append(float(r["p50_ms"] or "nan"))
    rounds.setdefault(r["round"], {})[r["mode"]] = float(r["p50_ms"] or "nan")
errors = sum(int(r["failed"] or 0) + int(r["non2xx"] or 0) for r in rows)
for mode, p50 in by.items():
    print(f"manifest HEAD p50 {mode}: median {statistics.median(p50):.2f} ms [{min(p50):.2f}-{max(p50):.2f}]")
for a, b in (("mirror-ghcr", "nginx"), ("mirror-ghcr", "direct"), ("mirror-hub", "nginx"), ("mirror-ghcr", "mirror-hub")):
    d = [v[a] - v[b] for v in rounds.values() if a in v and b in v]
    print(f"{a} - {b} (paired per round): median {statistics.median(d):+.2f} ms [{min(d):+.2f} to {max(d):+.2f}]")
print(f"errors (failed + non-2xx): {errors}")
PY
cat "$RESULTS_DIR/hook-status.txt"
cat "$RESULTS_DIR/machine.txt" >&2
