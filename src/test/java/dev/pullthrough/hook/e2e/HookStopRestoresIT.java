package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.FileSnapshot;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code hook stop} puts every file back to the exact bytes it found (hand-formatted daemon.json with a mirror of
 * its own, an existing containerd hosts.toml for docker.io, buildkitd.toml, the Docker client config), reloads the
 * same dockerd so its mirrors are what they were, and ends the proxy. $GITHUB_ENV is not compared: it is append-only
 * for the job, and the runner discards it with the job.
 */
class HookStopRestoresIT {
    /** Tabs, odd key order, an existing mirror, no trailing newline: only a byte-exact restore keeps all of it. */
    private static final String DAEMON_JSON = "{\n\t\"storage-driver\": \"vfs\",\n\t\"bridge\": \"none\",\n"
            + "\t\"registry-mirrors\": [\"https://mirror.gcr.io\"],\n\t\"iptables\": false,\n"
            + "\t\"max-concurrent-downloads\": 4\n}";
    private static final String DOCKER_IO_HOSTS_TOML = "# managed by the image\nserver = \"https://registry-1.docker.io\"\n\n"
            + "[host.\"https://mirror.gcr.io\"]\n  capabilities = [\"pull\", \"resolve\"]\n";

    /**
     * Why a daemon can still list the proxy after its daemon.json bytes were restored: dockerd (20.10) applies
     * "registry-mirrors" on SIGHUP only when the key is present, so a file without it leaves the old list in force.
     */
    static final String MIRRORS_KEPT_ON_RELOAD = "dockerd's mirrors once the hook is gone. dockerd keeps its current "
            + "mirrors when a reloaded daemon.json has no \"registry-mirrors\" key, so restoring the original bytes and "
            + "sending SIGHUP leaves the proxy configured; reloading once with \"registry-mirrors\": [] before writing "
            + "the original bytes back clears it";

    private static HookScenario scenario;
    private static PrivateDockerd dockerd;
    private static List<String> originalMirrors;

    @BeforeAll
    static void startScenarioWithUserSettings() throws IOException {
        scenario = HookScenario.start();
        dockerd = scenario.dockerd();
        Files.writeString(dockerd.daemonJson(), DAEMON_JSON);
        dockerd.reload();
        Files.createDirectories(scenario.files().dockerHubHostsToml().getParent());
        Files.writeString(scenario.files().dockerHubHostsToml(), DOCKER_IO_HOSTS_TOML);
        originalMirrors = mirrors();
        assertThat(originalMirrors).containsExactly("https://mirror.gcr.io/");
    }

    @AfterEach
    void stopHook() {
        scenario.hook().stop();
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void hookStop_afterStart_restoresExactBytesReloadsSameDaemonAndEndsProxy() {
        List<Path> restored = comparedFiles();
        FileSnapshot before = FileSnapshot.of(restored);
        long pid = dockerd.pid();

        ProcessResult start = scenario.hook().start();
        assertThat(start.exitCode()).as("%s", start).isZero();
        FileSnapshot during = before.retake();
        assertThat(before.differencesTo(during)).as("start changed the files")
                .anyMatch(d -> d.startsWith(dockerd.daemonJson() + ":"))
                .anyMatch(d -> d.startsWith(scenario.files().dockerHubHostsToml() + ":"))
                .anyMatch(d -> d.startsWith(scenario.files().buildkitdConfig() + ":"))
                .anyMatch(d -> d.startsWith(scenario.files().dockerConfigJson() + ":"));
        assertThat(dockerd.awaitRegistryMirrors(List.of(scenario.files().mirrorUrl() + "/", "https://mirror.gcr.io/")))
                .containsExactly(scenario.files().mirrorUrl() + "/", "https://mirror.gcr.io/");
        long proxyPid = scenario.hook().proxyPid().orElseThrow();
        LogFile.Mark daemonLog = dockerd.log().mark();

        ProcessResult stop = scenario.hook().stop();

        assertThat(stop.exitCode()).as("%s", stop).isZero();
        assertThat(before.differencesTo(before.retake())).as("byte-identical after stop").isEmpty();
        assertThat(dockerd.pid()).as("same dockerd").isEqualTo(pid);
        assertThat(dockerd.log().textSince(daemonLog)).contains("Got signal to reload configuration");
        assertThat(dockerd.awaitRegistryMirrors(originalMirrors)).isEqualTo(originalMirrors);
        assertThat(exitedWithin(proxyPid, Duration.ofSeconds(5))).as("proxy ended").isTrue();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port()).close())
                .as("nothing listens on the mirror port").isInstanceOf(IOException.class);
        ProcessResult status = scenario.hook().status("--json");
        assertThat(status.exitCode()).as("%s", status).isNotZero();
        assertThat(status.stdout()).containsPattern("\"up\"\\s*:\\s*false");
    }

    @Test
    void hookStart_twice_sameBytesAsOnceAndStopStillRestores() throws IOException {
        FileSnapshot before = FileSnapshot.of(comparedFiles());
        // The Docker client config holds the login, and each start fetches a new token: compared apart.
        List<Path> mergedConfigs = List.of(dockerd.daemonJson(), scenario.files().containerdCertsDir(),
                scenario.files().buildkitdConfig());
        assertThat(scenario.hook().start().exitCode()).isZero();
        FileSnapshot once = FileSnapshot.of(mergedConfigs);
        String loginOnce = Files.readString(scenario.files().dockerConfigJson());

        ProcessResult again = scenario.hook().start();

        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(once.differencesTo(once.retake())).as("second start, same bytes").isEmpty();
        assertThat(Files.readString(scenario.files().dockerConfigJson()).replaceAll("\"auth\": \"[^\"]*\"", "AUTH"))
                .as("same config.json but for the new token")
                .isEqualTo(loginOnce.replaceAll("\"auth\": \"[^\"]*\"", "AUTH"));
        assertThat(dockerd.awaitRegistryMirrors(List.of(scenario.files().mirrorUrl() + "/", "https://mirror.gcr.io/")))
                .containsExactly(scenario.files().mirrorUrl() + "/", "https://mirror.gcr.io/");
        assertThat(scenario.hook().stop().exitCode()).isZero();
        assertThat(before.differencesTo(before.retake())).as("byte-identical after stop").isEmpty();
    }

    @Test
    void hookStop_daemonJsonWithoutMirrorsKey_daemonHasNoMirrorAfterStop() throws IOException {
        // The common case: no "registry-mirrors" in daemon.json. dockerd keeps its current mirrors when a reloaded
        // file lacks the key, so restoring the bytes and sending SIGHUP is not enough to take the proxy out.
        byte[] saved = Files.readAllBytes(dockerd.daemonJson());
        String withoutKey = "{\n  \"iptables\": false,\n  \"bridge\": \"none\",\n  \"storage-driver\": \"vfs\"\n}\n";
        dockerd.clearRegistryMirrors(withoutKey.getBytes(StandardCharsets.UTF_8));
        FileSnapshot before = FileSnapshot.of(comparedFiles());
        try {
            assertThat(scenario.hook().start().exitCode()).isZero();
            assertThat(dockerd.awaitRegistryMirrors(List.of(scenario.files().mirrorUrl() + "/")))
                    .containsExactly(scenario.files().mirrorUrl() + "/");

            ProcessResult stop = scenario.hook().stop();

            assertThat(stop.exitCode()).as("%s", stop).isZero();
            assertThat(before.differencesTo(before.retake())).as("byte-identical after stop").isEmpty();
            assertThat(dockerd.awaitRegistryMirrors(List.of())).as(MIRRORS_KEPT_ON_RELOAD).isEmpty();
        } finally {
            Files.write(dockerd.daemonJson(), saved);
            dockerd.reload();
        }
    }

    private static boolean exitedWithin(long pid, Duration timeout) {
        return ProcessHandle.of(pid)
                .map(p -> p.onExit().completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .join() != null)
                .orElse(true);
    }

    /** Every user file except $GITHUB_ENV. */
    private static List<Path> comparedFiles() {
        return List.of(dockerd.daemonJson(), scenario.files().containerdCertsDir(), scenario.files().buildkitdConfig(),
                scenario.files().dockerConfigDir());
    }

    private static List<String> mirrors() {
        return dockerd.registryMirrors();
    }

    private static int port() {
        String listen = scenario.files().listen();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }
}
