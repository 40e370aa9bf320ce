package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.EcrTokenStandIn;
import dev.pullthrough.testing.docker.FileSnapshot;
import dev.pullthrough.testing.docker.FreePort;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.docker.ReadOnlyMount;
import dev.pullthrough.testing.docker.ScratchDir;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job must never break because the cache is down. For each way start can fail, the hook exits 0 with a warning on
 * stderr, and afterwards every user file is byte-identical (SHA-256 and mode), dockerd runs with the same pid and no
 * mirror, no proxy is left running and $GITHUB_ENV says nothing about a mirror; with {@code --strict} it exits
 * non-zero and still leaves everything as it was (checked for one early, one middle and one late failure, and the
 * two that need no registry). Failures late in start (a read-only docker config dir, after
 * daemon.json was changed and dockerd reloaded) prove the undo, not just an early exit.
 */
class HookFailOpenIT {
    private static HookScenario scenario;
    private static PrivateDockerd dockerd;
    private static byte[] pristineDaemonJson;
    private static long dockerdPid;

    @BeforeAll
    static void startScenario() throws IOException {
        scenario = HookScenario.start();
        dockerd = scenario.dockerd();
        pristineDaemonJson = Files.readAllBytes(dockerd.daemonJson());
        dockerdPid = dockerd.pid();
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @BeforeEach
    void tokenApiIssues() {
        scenario.tokenApi().mode(EcrTokenStandIn.Mode.ISSUE);
    }

    /**
     * Puts back what the test broke, and clears dockerd's mirrors for the next test (a test that fails on a mirror
     * left behind must not make the next one fail too).
     */
    @AfterEach
    void putBackWhatTheTestBroke() throws IOException {
        scenario.hook().stop();
        scenario.hook().killLeftoverProxy();
        Path daemonJson = dockerd.daemonJson();
        if (Files.isDirectory(daemonJson)) {
            ScratchDir.deleteRecursively(daemonJson);
        }
        dockerd.clearRegistryMirrors(pristineDaemonJson);
    }

    @Test
    void hookStart_registryDown_warnsExitsZeroChangesNothing() {
        HookProcess hook = scenario.hook().withFiles(scenario.files().withRegistryUrl("http://127.0.0.1:" + FreePort.onLoopback()));

        assertFailsOpen(hook, "", Stage.EARLY);
        assertFailsStrictly(hook);
    }

    @Test
    void hookStart_tokenCallServerError_warnsExitsZeroChangesNothing() {
        scenario.tokenApi().mode(EcrTokenStandIn.Mode.SERVER_ERROR);

        assertFailsOpen(scenario.hook(), "", Stage.EARLY);
        assertThat(scenario.tokenApi().calls()).as("the hook did ask").isPositive();
    }

    @Test
    void hookStart_tokenCallAccessDenied_warnsExitsZeroChangesNothing() {
        scenario.tokenApi().mode(EcrTokenStandIn.Mode.ACCESS_DENIED);

        assertFailsOpen(scenario.hook(), "", Stage.EARLY);
    }

    @Test
    void hookStart_dockerdAbsent_warnsExitsZeroChangesNothing() {
        HookProcess hook = scenario.hook().withFiles(
                scenario.files().withDockerPidFile(scenario.userDir().resolve("no-dockerd-here.pid")));

        assertFailsOpen(hook, "dockerd", Stage.EARLY);
        assertFailsStrictly(hook);
    }

    @Test
    void hookStart_daemonJsonInvalid_warnsExitsZeroChangesNothing() throws IOException {
        Files.writeString(dockerd.daemonJson(), "{\n  \"bridge\": \"none\",\n  \"registry-mirrors\": [\n");

        assertFailsOpen(scenario.hook(), dockerd.daemonJson().toString(), Stage.EARLY);
        assertFailsStrictly(scenario.hook());
    }

    @Test
    void hookStart_daemonJsonUnreadable_warnsExitsZeroChangesNothing() throws IOException {
        // Root reads any file whatever its mode, so "cannot be read" is played by a directory in its place.
        Files.delete(dockerd.daemonJson());
        Files.createDirectory(dockerd.daemonJson());

        assertFailsOpen(scenario.hook(), "", Stage.EARLY);
    }

    @Test
    void hookStart_daemonJsonReadOnly_warnsExitsZeroChangesNothing() {
        try (ReadOnlyMount ignored = ReadOnlyMount.of(dockerd.daemonJson())) {
            assertFailsOpen(scenario.hook(), "", Stage.EARLY);
        }
    }

    @Test
    void hookStart_certsDirReadOnly_undoesDaemonJsonAndReloads() {
        try (ReadOnlyMount ignored = ReadOnlyMount.of(scenario.files().containerdCertsDir())) {
            assertFailsOpen(scenario.hook(), "", Stage.LATE);
        }
    }

    @Test
    void hookStart_dockerConfigDirReadOnly_undoesEveryEarlierChange() {
        try (ReadOnlyMount ignored = ReadOnlyMount.of(scenario.files().dockerConfigDir())) {
            assertFailsOpen(scenario.hook(), "", Stage.LATE);
            assertFailsStrictly(scenario.hook());
        }
    }

    /** Where start fails: before it changed daemon.json (no reload at all), or possibly after (changed, then undone). */
    private enum Stage { EARLY, LATE }

    private static void assertFailsOpen(HookProcess hook, String warningMentions, Stage stage) {
        FileSnapshot before = scenario.snapshotUserFiles();
        LogFile.Mark daemonLog = dockerd.log().mark();

        ProcessResult start = hook.start();

        assertThat(start.exitCode()).as("fail open: %s", start).isZero();
        assertThat(start.stderr()).as("%s", start).contains("warning:").contains(warningMentions);
        assertLeftAsItWas(before, start);
        if (stage == Stage.EARLY) {
            // docs/HOOK.md: checks, token and the mirror's verification come before any change.
            assertThat(dockerd.log().textSince(daemonLog)).as("dockerd was not even reloaded")
                    .doesNotContain("Got signal to reload configuration");
        }
    }

    private static void assertFailsStrictly(HookProcess hook) {
        FileSnapshot before = scenario.snapshotUserFiles();

        ProcessResult start = hook.start("--strict");

        assertThat(start.exitCode()).as("--strict: %s", start).isNotZero();
        assertLeftAsItWas(before, start);
    }

    private static void assertLeftAsItWas(FileSnapshot before, ProcessResult start) {
        assertThat(before.differencesTo(before.retake())).as("user files after %s", start).isEmpty();
        assertThat(dockerd.pid()).isEqualTo(dockerdPid);
        assertThat(dockerd.isAlive()).isTrue();
        assertThat(dockerd.awaitRegistryMirrors(List.of())).as(HookStopRestoresIT.MIRRORS_KEPT_ON_RELOAD).isEmpty();
        assertThat(scenario.hook().proxyProcess()).as("no proxy left running").isEmpty();
        assertThat(start.stdout()).doesNotContain("RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR");
    }
}
