package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.testing.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * start/stop/status with the real detached mirror process, against an in-JVM registry and a stand-in "dockerd" (a
 * shell that records each SIGHUP). The token source is a stub; the ECR call itself is EcrTokenSourceTest's subject.
 */
class HookStartStopTest {
    private static final String PASSWORD = "pw-" + "z".repeat(1100);
    private static final String BASIC = EcrToken.of("AWS", PASSWORD, Instant.EPOCH, Instant.EPOCH).authorizationToken();

    @TempDir
    Path tmp;
    private FakeRegistry upstream;
    private Process dockerd;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Console console;
    private Path daemonJson;
    private Path hups;
    private Path reads;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new FakeRegistry(PASSWORD);
        upstream.route("/v2/docker-hub/library/hello/manifests/1", ex -> FakeRegistry.json(ex, 200, "{\"schemaVersion\":2}"));
        hups = tmp.resolve("hups");
        daemonJson = tmp.resolve("etc/docker/daemon.json");
        reads = tmp.resolve("reads");
        // Like dockerd: on SIGHUP it reads its config file (recorded here, one read per "---").
        // It says when its trap is set: a SIGHUP before that would kill the shell instead of being recorded.
        // It waits in `wait`, which a trapped signal interrupts at once (a foreground sleep would delay the trap).
        // It runs as "dockerd" (a copy of sh), since the hook signals only a process of that name.
        Path ready = tmp.resolve("dockerd.ready");
        dockerd = new ProcessBuilder(FakeDockerd.command(tmp.resolve("bin"), "trap 'echo hup >> " + hups
                + "; cat " + daemonJson + " >> " + reads + "; echo --- >> " + reads + "' HUP; : > " + ready
                + "; while :; do sleep 1 & wait $!; done")).start();
        awaitFile(ready);
        Files.writeString(tmp.resolve("docker.pid"), dockerd.pid() + "\n");
        Files.createDirectories(daemonJson.getParent());
        Files.writeString(daemonJson, "{\n    \"debug\": true,\n    \"registry-mirrors\": [\"https://mirror.gcr.io\"]\n}\n");
        Files.createDirectories(tmp.resolve("etc/buildkit"));
        Files.writeString(tmp.resolve("etc/buildkit/buildkitd.toml"), "debug = true\n\n[worker.oci]\n  enabled = true\n");
        Files.createDirectories(tmp.resolve("home/.docker"));
        Files.writeString(tmp.resolve("home/.docker/config.json"), "{\"auths\":{\"ghcr.io\":{\"auth\":\"Z2g6eA==\"}}}");
        Files.writeString(tmp.resolve("github_env"), "EXISTING=1\n");
        console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fake dockerd did not start: no " + file);
            }
            Thread.sleep(5);
        }
    }

    /**
     * The config reads the fake dockerd recorded, once it has recorded at least {@code count}. Like a real daemon, it
     * may fold two SIGHUPs that arrive close together into one read (signals do not queue).
     */
    private String[] awaitReads(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String text = Files.exists(reads) ? Files.readString(reads) : "";
            String[] seen = text.isEmpty() ? new String[0] : text.split("---\n");
            if (seen.length >= count || System.nanoTime() > deadline) {
                return seen;
            }
            Thread.sleep(5);
        }
    }

    /**
     * The config reads the fake dockerd recorded, once its last complete read is {@code last}: the event that ends a
     * stop or an undone start.
     */
    private String[] awaitLastRead(String last) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String text = Files.exists(reads) ? Files.readString(reads) : "";
            String[] seen = text.isEmpty() ? new String[0] : text.split("---\n");
            if ((text.endsWith("---\n") && seen[seen.length - 1].equals(last)) || System.nanoTime() > deadline) {
                return seen;
            }
            Thread.sleep(5);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        new HookStop(new StateDir(tmp.resolve("state")), console, false).run();
        dockerd.destroy();
        dockerd.waitFor(5, TimeUnit.SECONDS);
        upstream.close();
    }

    private StartSettings settings(String registry, boolean strict) throws Exception {
        return settings(registry, strict, "127.0.0.1:0");
    }

    private StartSettings settings(String registry, boolean strict, String listen) throws Exception {
        return settings(registry, strict, listen, tmp.resolve("state"));
    }

    private StartSettings settings(String registry, boolean strict, String listen, Path stateDir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("AWS_REGION", "us-east-1");
        return StartSettings.resolve(new StartSettings.Flags(registry, null, null, daemonJson.toString(),
                tmp.resolve("docker.pid").toString(), tmp.resolve("etc/containerd/certs.d").toString(),
                tmp.resolve("etc/buildkit/buildkitd.toml").toString(), null, tmp.resolve("github_env").toString(),
                listen, stateDir.toString(), strict), env);
    }

    private int start(StartSettings s) {
        return new HookStart(s, console, region -> () -> EcrToken.of("AWS", PASSWORD, Instant.now().plusSeconds(3600),
                Instant.now())).run(Map.of());
    }

    private Map<Path, byte[]> userFiles() throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (Files.isRegularFile(p) && !isStateDir(tmp.relativize(p).getName(0)) && !p.equals(hups) && !p.equals(reads)) {
                    files.put(tmp.relativize(p), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /** "state", and the second hook's "state-2". */
    private static boolean isStateDir(Path top) {
        return top.toString().startsWith("state");
    }

    @Test
    void start_thenStop_mirrorServesAndEveryFileComesBackExactly() throws Exception {
        Map<Path, byte[]> before = userFiles();
        StartSettings s = settings(upstream.endpoint().toString(), false);

        assertThat(start(s)).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
        StateDir dir = new StateDir(s.stateDir());
        String addr = Files.readString(dir.addrFile()).trim();
        assertThat(DaemonJsonMerger.mirrors(Files.readAllBytes(daemonJson))).containsExactly("http://" + addr, "https://mirror.gcr.io");
        assertThat(awaitReads(1)).hasSize(1);
        assertThat(Files.readString(hups)).isEqualTo("hup\n");
        assertThat(Files.readString(tmp.resolve("etc/containerd/certs.d/docker.io/hosts.toml"))).contains("[host.\"http://" + addr + "\"]");
        assertThat(Files.readString(tmp.resolve("etc/buildkit/buildkitd.toml"))).startsWith("debug = true\n\n[worker.oci]\n  enabled = true\n")
                .contains("mirrors = [\"" + addr + "\"]");
        assertThat(Files.readString(tmp.resolve("home/.docker/config.json"))).contains(BASIC).contains("ghcr.io");
        assertThat(Files.readString(tmp.resolve("github_env"))).isEqualTo("EXISTING=1\n"
                + "RUNS_ON_ECR_PULL_THROUGH_CACHE=" + upstream.endpoint().authority() + "\n"
                + "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR=true\n"
                + "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX=docker-hub\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("::add-mask::" + BASIC);
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + addr + "/v2/library/hello/manifests/1").toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(new HookStatus(dir, console).run(false)).isZero();

        assertThat(new HookStop(dir, console, true).run()).isZero();

        Map<Path, byte[]> after = userFiles();
        before.forEach((p, bytes) -> {
            if (!p.endsWith("github_env")) {
                assertThat(after.get(p)).as(p.toString()).isEqualTo(bytes);
            }
        });
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        assertThat(tmp.resolve("etc/containerd")).doesNotExist();
        assertThat(awaitReads(2)).hasSize(2);
        assertThat(Files.readString(hups)).isEqualTo("hup\nhup\n");
        assertThat(ProxyProcess.running(dir)).isEmpty();
        assertThat(new HookStatus(dir, console).run(false)).isEqualTo(HookStatus.EXIT_DOWN);
        assertNoSecretIn(out.toString(StandardCharsets.UTF_8).replace("::add-mask::" + BASIC, ""));
        assertNoSecretIn(err.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(s.stateDir())) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertNoSecretIn(Files.readString(p));
            }
        }
        assertNoSecretIn(Files.readString(tmp.resolve("github_env")));
    }

    @Test
    void stop_originalWithoutMirrorsKey_dockerdReadsAnEmptyListBeforeTheOriginal() throws Exception {
        String original = "{\"debug\": true}\n";
        Files.writeString(daemonJson, original);
        StartSettings s = settings(upstream.endpoint().toString(), false);
        assertThat(start(s)).isZero();
        String addr = Files.readString(new StateDir(s.stateDir()).addrFile()).trim();
        assertThat(awaitReads(1)).hasSize(1);

        assertThat(new HookStop(new StateDir(s.stateDir()), console, true).run()).isZero();

        // dockerd keeps its mirrors when a reloaded file has no "registry-mirrors": the hook loads [] first.
        String[] seen = awaitReads(3);
        assertThat(seen).hasSize(3);
        assertThat(DaemonJsonMerger.mirrors(seen[0].getBytes(StandardCharsets.UTF_8))).containsExactly("http://" + addr);
        assertThat(seen[1]).isEqualTo("{\"debug\": true, \"registry-mirrors\": []}\n");
        assertThat(seen[2]).isEqualTo(original);
        assertThat(Files.readString(daemonJson)).isEqualTo(original);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
    }

    @Test
    void start_failsAfterDaemonReload_undoClearsMirrorsAndRestoresEverything() throws Exception {
        Files.writeString(daemonJson, "{\"debug\": true}\n");
        Files.delete(tmp.resolve("github_env"));
        Files.createDirectory(tmp.resolve("github_env")); // the last step, appending to $GITHUB_ENV, fails
        Map<Path, byte[]> before = userFiles();

        assertThat(start(settings(upstream.endpoint().toString(), false))).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning").contains("github_env");
        assertUnchanged(before);
        // The reload of the merged file and the one of [] may fold into one read; [] must come, then the original.
        String[] seen = awaitLastRead("{\"debug\": true}\n");
        assertThat(seen.length).isBetween(2, 3);
        assertThat(seen[seen.length - 2]).contains("\"registry-mirrors\": []");
        assertThat(seen[seen.length - 1]).isEqualTo("{\"debug\": true}\n");
        assertThat(ProxyProcess.running(new StateDir(tmp.resolve("state")))).isEmpty();
    }

    @Test
    void start_twice_sameBytesAsOnce() throws Exception {
        StartSettings s = settings(upstream.endpoint().toString(), false);
        assertThat(start(s)).isZero();
        String port = Files.readString(new StateDir(s.stateDir()).addrFile()).trim();
        // A fixed port, so both runs write the same address.
        StartSettings fixed = StartSettings.resolve(new StartSettings.Flags(upstream.endpoint().toString(), "us-east-1", null,
                daemonJson.toString(), tmp.resolve("docker.pid").toString(), tmp.resolve("etc/containerd/certs.d").toString(),
                tmp.resolve("etc/buildkit/buildkitd.toml").toString(), tmp.resolve("home/.docker").toString(), "none",
                port, s.stateDir().toString(), false), Map.of());
        new HookStop(new StateDir(s.stateDir()), console, false).run();
        assertThat(start(fixed)).isZero();
        Map<Path, byte[]> once = userFiles();

        assertThat(start(fixed)).isZero();

        Map<Path, byte[]> twice = userFiles();
        assertThat(twice.keySet()).isEqualTo(once.keySet());
        once.forEach((p, b) -> assertThat(twice.get(p)).as(p.toString()).isEqualTo(b));
    }

    @Test
    void start_secondHookWithAnotherStateDirOnTheSameFiles_refusedAndTheFirstStillStopsExactly() throws Exception {
        Map<Path, byte[]> before = userFiles();
        StartSettings first = settings(upstream.endpoint().toString(), false);
        assertThat(start(first)).isZero();
        String firstAddr = Files.readString(new StateDir(first.stateDir()).addrFile()).trim();
        assertThat(awaitReads(1)).hasSize(1);
        Map<Path, byte[]> running = userFiles();
        StateDir second = new StateDir(tmp.resolve("state-2"));
        try {
            assertThat(start(settings(upstream.endpoint().toString(), true, "127.0.0.1:0", second.path())))
                    .isEqualTo(HookStart.EXIT_FAILED);

            assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning")
                    .contains(daemonJson + " points at the mirror " + firstAddr + " of another running pullthrough hook"
                            + " (state directory " + first.stateDir().toAbsolutePath() + ")")
                    .contains("hook stop --state-dir " + first.stateDir().toAbsolutePath());
            assertUnchanged(running);
            assertThat(ProxyProcess.running(second)).isEmpty();
            assertThat(new HookStatus(new StateDir(first.stateDir()), console).run(false)).isZero();
        } finally {
            new HookStop(second, console, false).run();
        }

        assertThat(new HookStop(new StateDir(first.stateDir()), console, true).run()).isZero();

        Map<Path, byte[]> after = userFiles();
        before.forEach((p, b) -> {
            if (!p.endsWith("github_env")) {
                assertThat(after.get(p)).as(p.toString()).isEqualTo(b);
            }
        });
        assertThat(awaitLastRead(new String(before.get(tmp.relativize(daemonJson)), StandardCharsets.UTF_8)))
                .hasSize(2);
    }

    @Test
    void start_fileNamesALoopbackMirrorThatIsNoHook_keepsItAfterTheHooksMirror() throws Exception {
        String stale = "http://127.0.0.1:" + FreePorts.unused(); // nothing listens there
        String own = "http://" + upstream.endpoint().authority(); // an HTTP server, not a hook: the user's own mirror
        Files.writeString(daemonJson, "{\"registry-mirrors\": [\"" + stale + "\", \"" + own + "\"]}\n");
        StartSettings s = settings(upstream.endpoint().toString(), false);

        assertThat(start(s)).isZero();

        String addr = Files.readString(new StateDir(s.stateDir()).addrFile()).trim();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
        assertThat(DaemonJsonMerger.mirrors(Files.readAllBytes(daemonJson))).containsExactly("http://" + addr, stale, own);
    }

    @Test
    void start_registryRefusesToken_failsOpenEverythingUntouched() throws Exception {
        upstream.rotate("another-password");
        Map<Path, byte[]> before = userFiles();

        assertThat(start(settings(upstream.endpoint().toString(), false))).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning").contains("refused the ECR token")
                .contains("put back");
        assertUnchanged(before);
        assertThat(Files.exists(hups)).isFalse();
        assertThat(ProxyProcess.running(new StateDir(tmp.resolve("state")))).isEmpty();
    }

    @Test
    void start_registryRefusesTokenStrict_exit1() throws Exception {
        upstream.rotate("another-password");
        Map<Path, byte[]> before = userFiles();

        assertThat(start(settings(upstream.endpoint().toString(), true))).isEqualTo(HookStart.EXIT_FAILED);

        assertUnchanged(before);
    }

    @Test
    void start_listenPortBusy_failsOpenWithTheRealReason() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<Path, byte[]> before = userFiles();

            assertThat(start(settings(upstream.endpoint().toString(), false, "127.0.0.1:" + taken.getLocalPort()))).isZero();

            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("Address already in use").doesNotContain("Stream closed");
            assertUnchanged(before);
        }
    }

    @Test
    void start_registryDown_failsOpen() throws Exception {
        Map<Path, byte[]> before = userFiles();

        assertThat(start(settings("http://127.0.0.1:" + FreePorts.unused(), false))).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 502: the registry could not be reached");
        assertUnchanged(before);
    }

    @Test
    void start_invalidDaemonJson_failsBeforeLaunchingAnything() throws Exception {
        Files.writeString(daemonJson, "{\"debug\": tru");
        Map<Path, byte[]> before = userFiles();

        assertThat(start(settings(upstream.endpoint().toString(), false))).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(daemonJson.toString()).contains("not valid JSON");
        assertUnchanged(before);
        assertThat(new StateDir(tmp.resolve("state")).pidFile()).doesNotExist();
    }

    @Test
    void start_daemonJsonIsALinkToDevZero_failsOpenAtOnceSayingWhy() throws Exception {
        Files.delete(daemonJson);
        Files.createSymbolicLink(daemonJson, Path.of("/dev/zero"));
        Map<Path, byte[]> before = userFiles();

        assertThat(start(settings(upstream.endpoint().toString(), false))).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(daemonJson + " is a character device, not a regular file")
                .doesNotContain("OutOfMemoryError").doesNotContain("Exception");
        assertUnchanged(before);
        assertThat(Files.readSymbolicLink(daemonJson)).isEqualTo(Path.of("/dev/zero"));
    }

    @Test
    void start_daemonJsonIsAFifo_failsOpenWithoutHanging() throws Exception {
        Files.delete(daemonJson);
        ProcessRunner.inheritingEnvironment().run(List.of("mkfifo", daemonJson.toString())).requireSuccess();

        int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> start(settings(upstream.endpoint().toString(), true)));

        assertThat(code).isEqualTo(HookStart.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(daemonJson + " is a FIFO (named pipe), not a regular file");
    }

    @Test
    void start_dockerdNotRunning_failsOpen() throws Exception {
        Files.delete(tmp.resolve("docker.pid"));
        Map<Path, byte[]> before = userFiles();

        assertThat(start(settings(upstream.endpoint().toString(), false))).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("dockerd is not running");
        assertUnchanged(before);
    }

    @Test
    void start_pidFileNamesAnotherProcess_failsOpenAndNeverSignalsIt() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(tmp.resolve("docker.pid"), other.pid() + "\n");
            Map<Path, byte[]> before = userFiles();

            assertThat(start(settings(upstream.endpoint().toString(), false))).isZero();

            assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning").contains("\"sleep\"")
                    .contains("not dockerd").contains("stale");
            assertThat(other.isAlive()).as("the process named by the stale pid file was not signalled").isTrue();
            assertUnchanged(before);
            assertThat(ProxyProcess.running(new StateDir(tmp.resolve("state")))).isEmpty();
        } finally {
            other.destroy();
        }
    }

    @Test
    void start_pidFileNamesAnotherProcessStrict_exit1() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(tmp.resolve("docker.pid"), other.pid() + "\n");

            assertThat(start(settings(upstream.endpoint().toString(), true))).isEqualTo(HookStart.EXIT_FAILED);

            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroy();
        }
    }

    @Test
    void stop_pidFileNowNamesAnotherProcess_filesRestoredAndThatProcessLives() throws Exception {
        Map<Path, byte[]> before = userFiles();
        StartSettings s = settings(upstream.endpoint().toString(), false);
        assertThat(start(s)).isZero();
        assertThat(awaitReads(1)).hasSize(1);
        // dockerd went away and its pid now belongs to something else.
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(tmp.resolve("docker.pid"), other.pid() + "\n");

            assertThat(new HookStop(new StateDir(s.stateDir()), console, false).run()).isZero();

            assertThat(other.isAlive()).isTrue();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("not dockerd");
            Map<Path, byte[]> after = userFiles();
            before.forEach((p, b) -> {
                if (!p.endsWith("github_env") && !p.endsWith("docker.pid")) {
                    assertThat(after.get(p)).as(p.toString()).isEqualTo(b);
                }
            });
            assertThat(Files.readString(hups)).isEqualTo("hup\n");
        } finally {
            other.destroy();
        }
    }

    @Test
    void start_tokenCallFails_failsOpenAndMirrorProcessEnds() throws Exception {
        Map<Path, byte[]> before = userFiles();
        StartSettings s = settings(upstream.endpoint().toString(), false);

        int code = new HookStart(s, console, region -> () -> {
            throw new TokenFetchException("ecr:GetAuthorizationToken failed in us-east-1: AccessDenied", null);
        }).run(Map.of());

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("AccessDenied");
        assertUnchanged(before);
        assertThat(ProxyProcess.running(new StateDir(s.stateDir()))).isEmpty();
    }

    private void assertUnchanged(Map<Path, byte[]> before) throws IOException {
        Map<Path, byte[]> after = userFiles();
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        before.forEach((p, b) -> assertThat(after.get(p)).as(p.toString()).isEqualTo(b));
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain(BASIC);
    }
}
