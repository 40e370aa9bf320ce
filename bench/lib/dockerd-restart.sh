#!/usr/bin/env bash
# dockerd-restart.sh DIR: what a naive hook does after editing daemon.json: SIGTERM dockerd, wait until it has exited,
# start it again, wait until its API answers. (A reload with SIGHUP applies registry-mirrors without any of this.)
set -euo pipefail
dir="$1"
pid="$(cat "$dir/docker.pid")"
kill "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
# dockerd leaves its netns bind mount behind; a new daemon mounts it again.
umount -l "$dir/exec/netns/default" 2>/dev/null || true
exec "$(dirname "${BASH_SOURCE[0]}")/dockerd-start.sh" "$dir"
