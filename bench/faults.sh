#!/usr/bin/env bash
# The hook's mirror under faults (issue: "the mirror never wedges, hangs or hurts"): numbers for docs/HOOK.md and
# docs/PERFORMANCE.md. Everything on loopback: a misbehaving registry stand-in (bench/lib/faulty_upstream.py) behind
# the mirror started by the real `hook start`.
#   reset     time until curl fails when the registry resets the connection 64 KiB into a 10 MiB blob
#   slowloris latency of a manifest HEAD while 100 clients trickle request headers (one line per 0.5 s)
#   hung      latency of a manifest HEAD while 100 blob GETs hang upstream mid-body
#   flood     ab -n 3000 -c 50 of a repository name with 2000 path segments: answers, then the mirror's threads and
#             RSS, and that it still answers
# Env: RUNS (5), HOOK_JAVA (java: the JVM that runs the hook and so the mirror), BENCH_OUT.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HOOK_JAVA="${HOOK_JAVA:-java}"

bench_init faults
bench_need ab "apt-get install -y apache2-utils"
bench_need curl "apt-get install -y curl"
bench_hook_jar

say "faulty registry stand-in"
python3 "$ROOT/bench/lib/faulty_upstream.py" > "$BENCH_TMP/upstream.port" &
upstream_pid=$!
bench_on_exit "kill $upstream_pid"
for _ in $(seq 100); do [ -s "$BENCH_TMP/upstream.port" ] && break; sleep 0.05; done
UPSTREAM="127.0.0.1:$(cat "$BENCH_TMP/upstream.port")"
password="$(bench_random_password)"
bench_token_standin "$password"

say "hook start"
port="$(bench_free_port)"
bench_on_exit "$HOOK_JAVA -jar '$HOOK_JAR' stop --state-dir '$BENCH_TMP/hook/state'"
"$HOOK_JAVA" -jar "$HOOK_JAR" start --strict --registry "http://$UPSTREAM" --region us-east-1 \
  --docker-hub-prefix docker-hub --daemon-config none --docker-pid-file none --containerd-certs-dir none \
  --buildkitd-config none --docker-config none --github-env none --listen "127.0.0.1:$port" \
  --state-dir "$BENCH_TMP/hook/state" > "$BENCH_TMP/start.log" 2>&1 || { cat "$BENCH_TMP/start.log" >&2; die "hook start failed"; }
MIRROR="http://127.0.0.1:$port"
pid="$(cat "$BENCH_TMP/hook/state/proxy.pid")"
grep -m1 "mirror listening" "$BENCH_TMP/hook/state/proxy.log" > "$RESULTS_DIR/mirror.txt" || true
out="$RESULTS_DIR/extra.txt"
: > "$out"
head_ms() { curl -sS -o /dev/null -I -w '%{http_code} %{time_total}\n' "$MIRROR/v2/bench/app/manifests/1"; }
median_ms() { # COMMAND...: RUNS times, prints "median [min-max] ms" of the seconds it prints (second field)
  local f="$BENCH_TMP/times"; : > "$f"
  for ((i = 0; i < RUNS; i++)); do "$@" | awk '{print $2 * 1000}' >> "$f"; done
  echo "$(bench_median "$f") [$(sort -g "$f" | head -1)-$(sort -g "$f" | tail -1)] ms"
}

say "reset mid-blob"
reset_once() {
  local start end rc
  start=$(date +%s%N)
  rc=0; curl -sS -o /dev/null --max-time 60 "$MIRROR/v2/bench/big/blobs/sha256:reset0" 2> "$BENCH_TMP/curl.err" || rc=$?
  end=$(date +%s%N)
  echo "$rc $(( (end - start) / 1000 ))e-6"
}
echo "reset mid-blob, curl exit code and time to error: $(reset_once | cut -d' ' -f1) ($(head -c 120 "$BENCH_TMP/curl.err"))" >> "$out"
echo "reset mid-blob, time to error: $(median_ms reset_once)" >> "$out"
echo "manifest HEAD, quiet: $(median_ms head_ms)" >> "$out"

say "100 slowloris clients"
python3 "$ROOT/bench/lib/slowloris.py" 127.0.0.1 "$port" 100 14 > "$BENCH_TMP/slowloris.out" &
slow_pid=$!
sleep 1
echo "manifest HEAD with 100 slowloris clients: $(median_ms head_ms)" >> "$out"
wait "$slow_pid"
echo "slowloris connections closed by the mirror within 14 s: $(cat "$BENCH_TMP/slowloris.out") of 100" >> "$out"

say "100 hung blobs"
hung=()
for i in $(seq 100); do
  curl -sS -o /dev/null --max-time 30 "$MIRROR/v2/bench/big/blobs/sha256:hang$i" 2>/dev/null &
  hung+=($!)
done
sleep 2
echo "manifest HEAD with 100 hung blob GETs: $(median_ms head_ms)" >> "$out"
echo "mirror threads with 100 hung blobs: $(awk '/^Threads:/ {print $2}' /proc/"$pid"/status)" >> "$out"
kill "${hung[@]}" 2>/dev/null || true
wait "${hung[@]}" 2>/dev/null || true

say "flood of deep paths"
deep="/v2/$(printf 'a/%.0s' $(seq 2000))manifests/latest"
ab -q -n 3000 -c 50 "$MIRROR$deep" > "$BENCH_TMP/ab.txt" 2>&1 || true
{
  echo "flood ab -n 3000 -c 50 (2000 segments): $(awk '/^Complete requests:/ {print $3}' "$BENCH_TMP/ab.txt") complete, $(awk '/^Non-2xx responses:/ {print $3}' "$BENCH_TMP/ab.txt") non-2xx (400), $(awk '/^Failed requests:/ {print $3}' "$BENCH_TMP/ab.txt") failed, $(awk '/^Requests per second:/ {print $4}' "$BENCH_TMP/ab.txt") req/s"
  read -r rss hwm < <(bench_rss_kb "$pid")
  echo "after the flood: threads $(awk '/^Threads:/ {print $2}' /proc/"$pid"/status), RSS $((rss / 1024)) MiB, peak $((hwm / 1024)) MiB over the whole run, proxy.log $(wc -c < "$BENCH_TMP/hook/state/proxy.log") bytes"
  echo "still answering: $(head_ms)"
  echo "hook status: $("$HOOK_JAVA" -jar "$HOOK_JAR" status --state-dir "$BENCH_TMP/hook/state" 2>&1 | head -1)"
} >> "$out"
cp "$out" "$RESULTS_DIR/summary.txt"
cat "$RESULTS_DIR/mirror.txt" "$out"
