#!/bin/sh
# GitHub Actions job-started hook (ACTIONS_RUNNER_HOOK_JOB_STARTED): points the runner's Docker, containerd and
# BuildKit at the ECR pull-through cache through the hook's loopback mirror.
#
# It never fails the job. Whatever happens (RUNS_ON_ECR_PULL_THROUGH_CACHE unset, no AWS credentials, registry down,
# the hook's runtime missing, state directory not writable, no sudo) it exits 0 and says what happened on stderr;
# the hook itself fails open (every file put back, pulls go to Docker Hub as before). The runner starts hooks with
# `bash -e`, so nothing here may be a failing command outside a condition.
say() { echo "pullthrough hook: $*" >&2; }
case "$0" in */*) here="${0%/*}" ;; *) here=. ;; esac
hook="$here/../bin/pullthrough-hook"
if [ -z "${RUNS_ON_ECR_PULL_THROUGH_CACHE:-}" ]; then
  say "RUNS_ON_ECR_PULL_THROUGH_CACHE is not set; Docker Hub pulls are not mirrored in this job"
  exit 0
fi
if [ ! -x "$hook" ]; then
  say "$hook is missing; Docker Hub pulls are not mirrored in this job"
  exit 0
fi
# The hook edits /etc/docker/daemon.json and signals dockerd, so it runs as root; -n: never wait for a password.
sudo=""
if [ "$(id -u 2>/dev/null || echo unknown)" != 0 ]; then
  sudo="sudo -n -E"
fi
# Docker's client config of the job's user, resolved here (under sudo HOME may be root's).
config="${DOCKER_CONFIG:-${HOME:-/nonexistent}/.docker}"
rc=0
# PULLTHROUGH_HOOK_START_OPTS: more `start` flags for this runner (e.g. --containerd-certs-dir none), split on spaces.
# shellcheck disable=SC2086
$sudo "$hook" start --docker-config "$config" ${PULLTHROUGH_HOOK_START_OPTS:-} || rc=$?
if [ "$rc" != 0 ]; then
  say "hook start exited with $rc; Docker Hub pulls are not mirrored in this job"
fi
exit 0
