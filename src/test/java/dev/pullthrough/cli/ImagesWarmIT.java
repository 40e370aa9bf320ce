package dev.pullthrough.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.testing.docker.AccessLogEntry;
import dev.pullthrough.testing.docker.EcrTokenStandIn;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.RegistryApiSeeder;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.docker.ScratchDir;
import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code pullthrough images --warm} end to end, as a real process of the CLI jar: the "Docker Hub" stand-in holds the
 * images (one multi-platform index), the "ECR" stand-in is a distribution pull-through cache of it that wants the ECR
 * token, and the ECR API stand-in issues the token (GetAuthorizationToken) and answers BatchGetImage from the ECR
 * stand-in's storage. The first run fetches every covered image through the cache; afterwards the ECR stand-in's
 * storage holds each of them (the index and both platforms); the second run reports them as already cached and sends
 * nothing to the upstream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagesWarmIT {
    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final String RULES = "{\"docker_hub\": {\"ecr_repository_prefix\": \"docker-hub\", \"upstream_registry_url\": "
            + "\"registry-1.docker.io\"}, \"github\": {\"ecr_repository_prefix\": \"github\", \"upstream_registry_url\": "
            + "\"ghcr.io\"}}";
    static final String WORKFLOW = """
            name: ci
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                container: hello:1
                services:
                  multi:
                    image: multi:1
                  tool:
                    image: ghcr.io/acme/tool:2
                  gone:
                    image: gone:1
                  other:
                    image: quay.io/acme/other:1
                steps:
                  - uses: docker://hello:1
            """;

    private static RegistryStandIns registries;
    private static EcrTokenStandIn tokenApi;
    private static ScratchDir workspace;
    private static List<String> multiPlatforms;

    @BeforeAll
    static void start() throws IOException {
        registries = RegistryStandIns.start();
        tokenApi = EcrTokenStandIn.start(registries.ecr(), registries.initialPassword());
        RegistryApiSeeder hub = new RegistryApiSeeder(registries.dockerHub());
        hub.pushImage("docker-hub/library/hello", "1");
        multiPlatforms = hub.pushIndex("docker-hub/library/multi", "1");
        hub.pushImage("github/acme/tool", "2");
        hub.pushImage("docker-hub/library/viamirror", "1");
        hub.pushIndex("github/acme/viamirror", "1");
        workspace = ScratchDir.create();
        Files.createDirectories(workspace.resolve(".github/workflows"));
        Files.writeString(workspace.resolve(".github/workflows/ci.yml"), WORKFLOW);
        Files.writeString(workspace.resolve("rules.json"), RULES);
    }

    @AfterAll
    static void stop() {
        if (tokenApi != null) {
            tokenApi.close();
        }
        if (registries != null) {
            registries.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void warm_firstRun_fetchesEveryCoveredImageThroughTheCache() throws IOException {
        LogFile.Mark ecrLog = registries.ecr().accessLog().mark();
        assertThat(registries.ecr().storedManifest("docker-hub/library/hello", "1")).isNull();

        ProcessResult run = images("--format", "json");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1); // gone:1 cannot be fetched
        JsonNode warm = new ObjectMapper().readTree(run.stdout()).path("warm");
        assertThat(warm.path("through").asText()).isEqualTo(registries.ecr().url());
        assertThat(warm.path("fetched").asInt()).isEqualTo(3);
        assertThat(warm.path("cached").asInt()).isZero();
        assertThat(warm.path("failed").asInt()).isEqualTo(1);
        assertThat(outcome(warm, "docker.io/library/multi:1").path("manifests").asInt()).isEqualTo(3);
        assertThat(outcome(warm, "docker.io/library/gone:1").path("error").asText()).startsWith("HTTP 404");
        assertThat(statuses(warm)).doesNotContain("docker.io/library/hello:1 failed");
        assertThat(run.stderr()).contains("warm [4/4]").contains("fetched docker.io/library/multi:1 (3 manifests)");
        // After warming, the ECR stand-in holds each covered image: the tags, and both platforms of the index.
        assertThat(registries.ecr().storedManifest("docker-hub/library/hello", "1")).isPresent();
        assertThat(registries.ecr().storedManifest("docker-hub/library/multi", "1")).isPresent();
        for (String platform : multiPlatforms) {
            assertThat(registries.ecr().storedManifest("docker-hub/library/multi", platform)).isPresent();
        }
        assertThat(registries.ecr().storedManifest("github/acme/tool", "2")).isPresent();
        java.util.Optional<String> gone = registries.ecr().storedManifest("docker-hub/library/gone", "1");
        assertThat(gone == null || gone.isEmpty()).as("gone:1 is not in the cache").isTrue();
        assertThat(registries.ecr().accessEntriesSince(ecrLog))
                .anyMatch(e -> e.readsRepository("docker-hub/library/hello") && e.isManifest() && e.status() == 200)
                .anyMatch(e -> e.readsRepository("github/acme/tool") && e.isManifest() && e.status() == 200)
                .noneMatch(e -> e.path().contains("quay"));
        assertThat(run.stdout()).doesNotContain(tokenApi.currentPassword());
        assertThat(run.stderr()).doesNotContain(tokenApi.currentPassword());
    }

    @Test
    @Order(2)
    void warm_secondRun_reportsThemAlreadyCachedAndAsksNothingUpstream() throws IOException {
        LogFile.Mark hubLog = registries.dockerHub().accessLog().mark();

        ProcessResult run = images();

        assertThat(run.stdout()).as("%s", run).contains("warmed 4 images through " + registries.ecr().url()
                + ": 3 already cached, 0 fetched, 1 failed");
        assertThat(run.stdout()).contains("failed docker.io/library/gone:1: HTTP 404");
        List<AccessLogEntry> upstream = registries.dockerHub().accessEntriesSince(hubLog);
        assertThat(upstream).noneMatch(e -> e.readsRepository("docker-hub/library/hello")
                || e.readsRepository("docker-hub/library/multi") || e.readsRepository("github/acme/tool"));
        assertThat(tokenApi.batchGetImageCalls()).isGreaterThanOrEqualTo(8);
    }

    @Test
    @Order(3)
    void warm_throughTheHooksMirror_mirrorAddsTokenAndPrefixAndTheCacheHoldsThem() throws Exception {
        Path dir = workspace.resolve("via-mirror");
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/ci.yml"), "jobs:\n  t:\n    container: viamirror:1\n"
                + "    services:\n      tool:\n        image: ghcr.io/acme/viamirror:1\n");
        String listen = "127.0.0.1:" + dev.pullthrough.testing.docker.FreePort.onLoopback();
        Process proxy = startMirror(listen, workspace.resolve("proxy-state"));
        try {
            LogFile.Mark ecrLog = registries.ecr().accessLog().mark();
            int tokenCalls = tokenApi.calls();

            ProcessResult run = ProcessRunner.inheritingEnvironment().withEnvironment(tokenApi.clientEnvironment())
                    .withTimeout(Duration.ofSeconds(120)).run(List.of("java", "-jar", cliJar().toString(), "images",
                            dir.toString(), "--rules", workspace.resolve("rules.json").toString(), "--registry", HOST,
                            "--warm", "--mirror", "http://" + listen));

            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout()).contains("warmed 2 images through http://" + listen + ": 0 already cached, 2 fetched, 0 failed");
            assertThat(tokenApi.calls()).as("the mirror holds the token; the CLI asked for none").isEqualTo(tokenCalls);
            assertThat(registries.ecr().storedManifest("docker-hub/library/viamirror", "1")).isPresent();
            assertThat(registries.ecr().storedManifest("github/acme/viamirror", "1")).isPresent();
            assertThat(registries.ecr().accessEntriesSince(ecrLog))
                    .anyMatch(e -> e.readsRepository("github/acme/viamirror") && e.isManifest() && e.status() == 200);
        } finally {
            proxy.destroy();
            proxy.waitFor();
        }
    }

    /** The hook's mirror process on its own (what `hook start` runs), handed the token the ECR stand-in accepts now. */
    private static Process startMirror(String listen, Path stateDir) throws Exception {
        Files.createDirectories(stateDir);
        Path hookJar = Path.of(System.getProperty("pt.hook.jar",
                Path.of(System.getProperty("pt.project.dir", "."), "target", "pullthrough-0.1.0-hook.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", hookJar.toString(), "proxy", "--listen", listen,
                "--registry", registries.ecr().url(), "--upstream", "docker.io=docker-hub", "--upstream", "ghcr.io=github",
                "--region", EcrTokenStandIn.REGION, "--state-dir", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(stateDir.resolve("proxy.out").toFile());
        pb.environment().putAll(tokenApi.clientEnvironment());
        Process p = pb.start();
        java.time.Instant now = java.time.Instant.now();
        String token = java.util.Base64.getEncoder().encodeToString(("AWS:" + tokenApi.currentPassword())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var stdin = p.getOutputStream()) {
            stdin.write((token + "\n" + now.plus(Duration.ofHours(12)).toEpochMilli() + "\n" + now.toEpochMilli() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("mirror exited: " + Files.readString(stateDir.resolve("proxy.out")));
            }
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + listen + "/v2/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return p;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50); // not listening yet: poll, as DistributionRegistry.awaitReady does
            }
        }
        p.destroy();
        throw new IllegalStateException("mirror did not listen on " + listen);
    }

    private static ProcessResult images(String... extra) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", cliJar().toString(), "images",
                workspace.path().toString(), "--rules", workspace.resolve("rules.json").toString(),
                "--registry", HOST, "--registry-endpoint", registries.ecr().url(), "--warm"));
        command.addAll(List.of(extra));
        return ProcessRunner.inheritingEnvironment().withEnvironment(tokenApi.clientEnvironment())
                .withTimeout(Duration.ofSeconds(120)).run(command);
    }

    private static JsonNode outcome(JsonNode warm, String image) {
        for (JsonNode o : warm.path("images")) {
            if (o.path("image").asText().equals(image)) {
                return o;
            }
        }
        throw new AssertionError("no warm outcome for " + image + " in " + warm);
    }

    private static List<String> statuses(JsonNode warm) {
        List<String> out = new ArrayList<>();
        warm.path("images").forEach(o -> out.add(o.path("image").asText() + " " + o.path("status").asText()));
        return out;
    }

    static Path cliJar() {
        Path jar = Path.of(System.getProperty("pt.project.dir", "."), "target", "pullthrough-0.1.0-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the CLI jar " + jar + " does not exist: run the ITs with `mvn verify`");
        }
        return jar;
    }
}
