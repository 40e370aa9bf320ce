#!/usr/bin/env bash
# build-hook-tarball.sh JDK HOOK_JAR VERSION OUT_DIR: the hook's release tarball, run by `mvn package`.
#
#   pullthrough-hook-VERSION/
#     bin/pullthrough-hook                       launcher (POSIX sh): start|stop|status, same flags as `pullthrough hook`
#     runtime/                                   a Java runtime made with jlink: only the modules jdeps finds in the jar
#     lib/pullthrough-hook.jar                   the hook jar
#     lib/hook.aot, lib/mirror.aot,              class-data archives (JDK 25 AOT caches) of the hook's and the mirror's
#       lib/mirror-tls.aot                       JVMs (the mirror's for a plain and an https registry), from training
#                                                runs made here
#     github-actions/job-started.sh, job-completed.sh   runner scripts that never fail a job
#     systemd/pullthrough-hook.service           unit for long-lived runners
#
# JDK must be a JDK 25 or later for this machine's OS and architecture (its jlink works from its own run-time image
# when it has no jmods). The archive is trained by running the hook (AotTraining: start, status, stop on temp files,
# against a loopback stand-in) on the runtime just made, with the launcher's own JVM flags.
set -euo pipefail
jdk="$1" jar="$2" version="$3" out="$4"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fail() { echo "build-hook-tarball: $*" >&2; exit 1; }
[ -x "$jdk/bin/jlink" ] && [ -x "$jdk/bin/jdeps" ] \
  || fail "no jlink/jdeps in '$jdk': set -Dpullthrough.dist.jdk=<a JDK 25+ home> (or -Dpullthrough.dist.skip=true)"
feature="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${feature:-0}" -ge 25 ] || fail "$jdk is Java ${feature:-?}; the tarball needs JDK 25+ (AOT cache): set -Dpullthrough.dist.jdk"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) fail "unsupported architecture $(uname -m)" ;;
esac
name="pullthrough-hook-$version"
stage="$out/dist/$name"
rm -rf "$out/dist"
mkdir -p "$stage/lib"
t0=$SECONDS

# Only what the jar needs. jdeps reads the classes of the release the runtime will have (multi-release jars).
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release "$feature" --print-module-deps "$jar")"
[ -n "$modules" ] || fail "jdeps found no modules in $jar"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$stage/runtime"
echo "$modules" > "$stage/runtime/MODULES"

cp "$jar" "$stage/lib/pullthrough-hook.jar"
cp -r "$src/bin" "$src/github-actions" "$src/systemd" "$stage/"
chmod 0755 "$stage/bin/pullthrough-hook" "$stage"/github-actions/*.sh
chmod 0644 "$stage/systemd/pullthrough-hook.service"

# Training: the same JVM flags as the launcher (an archive is only used by a JVM configured like the one that made
# it). The jar is named by its absolute path: the JVM matches it at run time by substituting the common prefix of
# the runtime and the jar (the unpacked tree's directory); a relative path would be resolved against the working
# directory instead. Two archives: hook.aot for the hook's JVM (recorded by the training JVM itself) and mirror.aot
# for the mirror's (recorded by the mirror process the training's `start` launches, created by AotTraining with the
# mirror's JVM flags): a JDK 25 runtime loads every class of its archive at start, and the long-running mirror
# should not hold the hook's AWS SDK and Jackson classes. A third, mirror-tls.aot, for the mirror in front of an
# https registry (ECR): recorded by a second round against an HTTPS stand-in, in a child JVM; the hook picks it by
# the registry's scheme (ProxyProcess.archiveFlags). The mirror's is recorded without method profiles
# (-AOTRecordTraining): replaying them compiled what the training ran at every mirror start and held ~6 MB more for
# the mirror's life (peak RSS 48 vs 53 MiB, CPU per burst the same: docs/PERFORMANCE.md, "The mirror's memory,
# second pass").
stage="$(cd "$stage" && pwd -P)"
mirror_conf="$out/dist/mirror.aotconf"
mirror_tls_conf="$out/dist/mirror-tls.aotconf"
rm -f "$mirror_conf" "$mirror_tls_conf"
( cd "$stage/lib" && env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS \
    PULLTHROUGH_HOOK_PROXY_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:AOTMode=record -XX:AOTConfiguration=$mirror_conf -Xlog:aot=off -Xlog:cds=off" \
    "$stage/runtime/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput="$stage/lib/hook.aot" \
    -Xlog:aot=off -Xlog:cds=off -cp "$stage/lib/pullthrough-hook.jar" dev.pullthrough.hook.AotTraining \
    "$mirror_conf" "$stage/lib/mirror.aot" "$mirror_tls_conf" "$stage/lib/mirror-tls.aot" ) \
  > "$out/dist/aot-training.log" 2>&1 || { tail -20 "$out/dist/aot-training.log" >&2; fail "the training run failed"; }
[ -s "$stage/lib/hook.aot" ] || fail "no archive written (see $out/dist/aot-training.log)"
[ -s "$stage/lib/mirror.aot" ] || fail "no mirror archive written (see $out/dist/aot-training.log)"
[ -s "$stage/lib/mirror-tls.aot" ] || fail "no archive for the mirror over TLS written (see $out/dist/aot-training.log)"
rm -f "$mirror_conf" "$mirror_tls_conf"

# The launcher works from the unpacked tree (status of a state dir that has no hook: "mirror down", exit 3), and
# its JVM maps the archive (an archive that does not match is ignored silently at run time: caught here).
code=0
"$stage/bin/pullthrough-hook" status --state-dir "$out/dist/smoke-state" > /dev/null 2>&1 || code=$?
[ "$code" = 3 ] || fail "the launcher does not run (status exited $code)"
rm -rf "$out/dist/smoke-state"
"$stage/runtime/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:+UseSerialGC \
  -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:AOTCache="$stage/lib/hook.aot" -XX:AOTMode=on -Xlog:aot=off -Xlog:cds=off \
  -cp "$stage/lib/pullthrough-hook.jar" dev.pullthrough.hook.HookMain --help > /dev/null 2>&1 \
  || fail "the runtime cannot map lib/hook.aot (run it with -XX:AOTMode=on -Xlog:aot to see why)"

tarball="$out/$name-linux-$arch.tar.gz"
tar -C "$out/dist" --owner=0 --group=0 --numeric-owner --sort=name -czf "$tarball" "$name"
echo "build-hook-tarball: $tarball ($(du -k "$tarball" | cut -f1) kB; modules $modules; $((SECONDS - t0)) s)"
