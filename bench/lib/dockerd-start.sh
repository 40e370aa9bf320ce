#!/usr/bin/env bash
# dockerd-start.sh DIR: starts a private dockerd whose files all live in DIR (config DIR/daemon.json, data, exec root,
# socket, pid file, log), detached from the caller, and returns once its API answers /_ping. Also what a naive
# runner hook does to apply a registry mirror: stop the daemon, start it again (see dockerd-restart.sh).
set -euo pipefail
dir="$1"
setsid dockerd --debug --config-file "$dir/daemon.json" --data-root "$dir/root" --exec-root "$dir/exec" \
  -H "unix://$dir/docker.sock" -p "$dir/docker.pid" >> "$dir/dockerd.log" 2>&1 < /dev/null &
deadline=$((SECONDS + 30))
until curl -sf --unix-socket "$dir/docker.sock" http://d/_ping >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { tail -20 "$dir/dockerd.log" >&2; exit 1; }
  sleep 0.01
done
