package dev.pullthrough.hook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.testing.docker.AccessLogEntry;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.docker.TestcontainersPull;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the hook started, every way a job pulls a Docker Hub image by its short name goes through the loopback proxy:
 * the ECR stand-in's access log shows the prefixed repository ({@code /v2/docker-hub/library/hello/...}), answered
 * 200, and dockerd's log shows no fall-back. Compare {@link NaiveMirrorFallsBackIT}.
 */
class HookMirrorIT {
    private static final String PREFIXED = RegistryStandIns.prefixedRepository();

    private static HookScenario scenario;
    private static PrivateDockerd dockerd;
    private static long pidBeforeStart;
    private static LogFile.Mark daemonLogBeforeStart;
    private static ProcessResult start;

    @BeforeAll
    static void startHook() {
        scenario = HookScenario.start();
        dockerd = scenario.dockerd();
        pidBeforeStart = dockerd.pid();
        daemonLogBeforeStart = dockerd.log().mark();
        start = scenario.startHook();
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void hookStart_runningDaemon_reloadedWithProxyAsFirstMirror() {
        assertThat(dockerd.pid()).as("reloaded, not restarted").isEqualTo(pidBeforeStart);
        assertThat(dockerd.isAlive()).isTrue();
        assertThat(dockerd.log().textSince(daemonLogBeforeStart)).contains("Got signal to reload configuration");
        assertThat(dockerd.registryMirrors()).first().isEqualTo(scenario.files().mirrorUrl() + "/");
    }

    @Test
    void dockerPull_shortName_servedThroughProxyWithPrefixAndNoFallBack() {
        dockerd.purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();
        LogFile.Mark daemon = dockerd.log().mark();

        ProcessResult pull = dockerd.docker("pull", RegistryStandIns.SHORT_NAME);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        assertServedThroughProxy(ecr, "docker/");
        assertThat(dockerd.log().textSince(daemon)).doesNotContain("Attempting next endpoint").doesNotContain("registry-1.docker.io");
        String repoDigests = dockerd.docker("image", "inspect", "--format", "{{json .RepoDigests}}", RegistryStandIns.SHORT_NAME)
                .requireSuccess().stdout();
        assertThat(repoDigests).contains(scenario.registries().image().digest());
    }

    @Test
    void classicBuild_fromShortName_servedThroughProxyWithNoFallBack() throws IOException {
        dockerd.purgeImages();
        Path context = Files.createDirectories(scenario.userDir().resolve("build-context"));
        Files.writeString(context.resolve("Dockerfile"),
                "FROM " + RegistryStandIns.SHORT_NAME + "\nRUN [\"/bin/busybox\", \"true\"]\n");
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();
        LogFile.Mark daemon = dockerd.log().mark();

        ProcessResult build = dockerd.buildClassic(context, "pt-e2e-built:1");

        assertThat(build.succeeded()).as("%s", build).isTrue();
        assertServedThroughProxy(ecr, "docker/");
        assertThat(dockerd.log().textSince(daemon)).doesNotContain("Attempting next endpoint");
    }

    @Test
    void testcontainers_genericContainer_servedThroughProxyAndStarts() {
        dockerd.purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();
        LogFile.Mark daemon = dockerd.log().mark();

        ProcessResult child = TestcontainersPull.run(dockerd, RegistryStandIns.SHORT_NAME);

        assertThat(child.stdout()).as("%s", child).contains(TestcontainersPull.STARTED_MARKER);
        assertServedThroughProxy(ecr, "");
        assertThat(dockerd.log().textSince(daemon)).doesNotContain("Attempting next endpoint");
    }

    @Test
    void ctrPull_generatedHostsToml_servedThroughProxy() {
        assertThat(scenario.files().dockerHubHostsToml()).exists();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        ProcessResult pull = dockerd.ctr("pt-e2e", "image", "pull", "--hosts-dir",
                scenario.files().containerdCertsDir().toString(), "docker.io/library/hello:1");

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        assertServedThroughProxy(ecr, "containerd/");
    }

    @Test
    void dockerPull_explicitMirrorPath_usesTheLoginTheHookWrote() {
        String explicit = scenario.registries().ecr().hostPort() + "/" + PREFIXED + ":" + RegistryStandIns.IMAGE_TAG;
        dockerd.purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        ProcessResult pull = dockerd.docker("pull", explicit);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr))
                .anyMatch(e -> e.readsRepository(PREFIXED) && e.isManifest() && e.status() == 200);
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr))
                .anyMatch(e -> e.readsRepository(PREFIXED) && e.isBlob() && e.status() == 200);
    }

    @Test
    void hookStart_buildkitdToml_mirrorAddedAndOwnSettingsKept() throws IOException {
        String toml = Files.readString(scenario.files().buildkitdConfig());

        assertThat(toml).contains("[registry.\"docker.io\"]").contains(scenario.files().listen())
                .contains("max-parallelism = 2").contains("mirror.example.com");
    }

    @Test
    void hookStart_githubEnv_exportsMirrorVariablesAfterExistingOnes() throws IOException {
        List<String> lines = Files.readAllLines(scenario.files().githubEnv());

        assertThat(lines.get(0)).isEqualTo("EXISTING_VARIABLE=kept");
        assertThat(lines).contains("RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_MIRROR=true",
                "RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX=" + RegistryStandIns.DOCKER_HUB_PREFIX);
        assertThat(lines).anyMatch(l -> l.startsWith("RUNS_ON_ECR_PULL_THROUGH_CACHE="));
    }

    @Test
    void hookStatus_afterAPull_upWithServedAndForwardedCounts() throws Exception {
        dockerd.purgeImages();
        long servedBefore = scenario.hook().statsCounter("served");
        long forwardedBefore = scenario.hook().statsCounter("forwarded");
        dockerd.docker("pull", RegistryStandIns.SHORT_NAME).requireSuccess();
        scenario.hook().awaitStatsAbove("served", servedBefore);
        scenario.hook().awaitStatsAbove("forwarded", forwardedBefore);

        ProcessResult status = scenario.hook().status("--json");

        assertThat(status.exitCode()).as("%s", status).isZero();
        JsonNode json = new ObjectMapper().readTree(status.stdout());
        assertThat(json.path("up").asBoolean()).isTrue();
        assertThat(json.path("pid").asLong()).isEqualTo(scenario.hook().proxyPid().orElseThrow());
        assertThat(json.path("served").asLong()).isGreaterThan(servedBefore);
        assertThat(json.path("forwarded").asLong()).isGreaterThan(forwardedBefore);
    }

    @Test
    void proxyLog_afterAPull_showsEachRewrite() throws Exception {
        dockerd.purgeImages();
        dockerd.docker("pull", RegistryStandIns.SHORT_NAME).requireSuccess();

        assertThat(Files.readString(scenario.hook().proxyLog()))
                .contains("/v2/library/hello/manifests/1 -> /v2/" + PREFIXED + "/manifests/1 200");
    }

    /**
     * The ECR stand-in was asked for the prefixed repository (only the proxy adds it) and answered 200 with a manifest
     * and the layer; it was never asked for the unprefixed name.
     */
    private static void assertServedThroughProxy(LogFile.Mark ecrMark, String userAgentPrefix) {
        List<AccessLogEntry> atEcr = scenario.registries().ecr().accessEntriesSince(ecrMark);
        assertThat(atEcr).as("ECR stand-in access log").anyMatch(e -> e.readsRepository(PREFIXED) && e.isManifest() && e.status() == 200);
        assertThat(atEcr).as("ECR stand-in access log").anyMatch(e -> e.readsRepository(PREFIXED) && e.isBlob() && e.status() == 200);
        assertThat(atEcr).as("never the unprefixed name").noneMatch(e -> e.readsRepository(RegistryStandIns.IMAGE_REPOSITORY));
        if (!userAgentPrefix.isEmpty()) {
            assertThat(atEcr).as("the client's own requests, relayed")
                    .anyMatch(e -> e.readsRepository(PREFIXED) && e.userAgent().startsWith(userAgentPrefix));
        }
    }
}
