#!/usr/bin/env bash
# hook-start-ready.sh PORT: `hook start` with every runner file (env: HOOK_JAR, ECR_HOST, DOCKERD_DIR, RUNNER_DIR;
# HOOK_JAVA_OPTS: extra flags for the hook's own JVM only; HOOK_CMD: run this instead of `java -jar $HOOK_JAR`,
# e.g. the release tarball's bin/pullthrough-hook),
# then waits until the first mirrored pull can begin: dockerd's /info lists the mirror, and a manifest HEAD through
# the mirror answers 200. Exits non-zero if the hook fails or the mirror does not serve within 10 s.
set -euo pipefail
port="$1"
t0=$(date +%s%N)
# The hook's trace lines (PULLTHROUGH_HOOK_TRACE) then count from the same instant as these marks, in both JVMs.
[ -z "${PULLTHROUGH_HOOK_TRACE:-}" ] || export PULLTHROUGH_HOOK_TRACE=$((t0 / 1000000))
mark() { [ -z "${READY_TRACE:-}" ] || echo "ready-trace +$((($(date +%s%N) - t0) / 1000000))ms $*" >&2; }
if [ -n "${HOOK_CMD:-}" ]; then hook=("$HOOK_CMD"); else read -r -a hook <<< "java ${HOOK_JAVA_OPTS:-} -jar $HOOK_JAR"; fi
"${hook[@]}" start --strict --registry "$ECR_HOST" --region us-east-1 --docker-hub-prefix docker-hub \
  --daemon-config "$DOCKERD_DIR/daemon.json" --docker-pid-file "$DOCKERD_DIR/docker.pid" \
  --containerd-certs-dir "$RUNNER_DIR/certs.d" --buildkitd-config "$RUNNER_DIR/buildkit/buildkitd.toml" \
  --docker-config "$RUNNER_DIR/client" --github-env "$RUNNER_DIR/github_env" \
  --listen "127.0.0.1:$port" --state-dir "$RUNNER_DIR/state"
mark "hook start returned"
deadline=$((SECONDS + 10))
until curl -sf --unix-socket "$DOCKERD_DIR/docker.sock" http://d/info | grep -qF "127.0.0.1:$port"; do
  [ $SECONDS -lt $deadline ] || { echo "dockerd does not list the mirror" >&2; exit 1; }
  sleep 0.005
done
mark "dockerd lists the mirror"
curl -sf -o /dev/null -I -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
  "http://127.0.0.1:$port/v2/bench/small/manifests/1"
mark "manifest HEAD through the mirror answered"
