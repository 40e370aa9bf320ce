#!/bin/sh
# GitHub Actions job-completed hook (ACTIONS_RUNNER_HOOK_JOB_COMPLETED): stops the mirror and puts back every file
# the job-started hook changed, byte for byte. Never fails the job: exits 0 whatever happens, with a message on stderr.
say() { echo "pullthrough hook: $*" >&2; }
case "$0" in */*) here="${0%/*}" ;; *) here=. ;; esac
hook="$here/../bin/pullthrough-hook"
if [ ! -x "$hook" ]; then
  say "$hook is missing; nothing to stop"
  exit 0
fi
sudo=""
if [ "$(id -u 2>/dev/null || echo unknown)" != 0 ]; then
  sudo="sudo -n -E"
fi
rc=0
$sudo "$hook" stop || rc=$?
if [ "$rc" != 0 ]; then
  say "hook stop exited with $rc"
fi
exit 0
