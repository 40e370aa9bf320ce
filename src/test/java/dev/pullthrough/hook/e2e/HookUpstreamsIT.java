package dev.pullthrough.hook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullthrough.testing.docker.AccessLogEntry;
import dev.pullthrough.testing.docker.FileSnapshot;
import dev.pullthrough.testing.docker.ImageSeeder;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.docker.SeededImage;
import dev.pullthrough.testing.process.ProcessResult;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code hook start --rules}: one loopback mirror for Docker Hub, ghcr.io, quay.io, registry.k8s.io (a ROOT rule) and
 * public.ecr.aws. The real containerd pulls each through the hosts.toml the hook wrote; none of these hosts resolves
 * on the test machines, so a pull that succeeds came through the mirror, and the ECR stand-in's access log shows each
 * request under its rule's prefix. The mirror tells the upstreams apart by containerd's {@code ns} parameter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HookUpstreamsIT {
    private static final String RULES = """
            {
              "docker_hub": {"ecr_repository_prefix": "docker-hub", "upstream_registry_url": "registry-1.docker.io",
                "credential_arn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/hub-AbCdEf"},
              "github": {"ecr_repository_prefix": "github", "upstream_registry_url": "ghcr.io",
                "credential_arn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/gh-AbCdEf"},
              "k8s": {"ecr_repository_prefix": "ROOT", "upstream_registry_url": "registry.k8s.io"},
              "quay": {"ecr_repository_prefix": "quay", "upstream_registry_url": "quay.io"},
              "ecr_public": {"ecr_repository_prefix": "ecr-public", "upstream_registry_url": "public.ecr.aws"},
              "other_account": {"ecr_repository_prefix": "other", "upstream_registry_url": "210987654321.dkr.ecr.us-east-1.amazonaws.com",
                "upstream_repository_prefix": "team"}
            }
            """;
    /** Image reference -> the repository the ECR stand-in must be asked for. */
    private static final Map<String, String> PULLS = new java.util.LinkedHashMap<>();

    static {
        PULLS.put("ghcr.io/acme/tool:1", "github/acme/tool");
        PULLS.put("quay.io/org/team/app:1", "quay/org/team/app");
        PULLS.put("registry.k8s.io/pause:1", "pause"); // a ROOT rule: no prefix
        PULLS.put("public.ecr.aws/docker/library/alpine:1", "ecr-public/docker/library/alpine");
        PULLS.put("docker.io/library/hello:1", "docker-hub/library/hello");
    }

    private static HookScenario scenario;
    private static PrivateDockerd dockerd;
    private static FileSnapshot before;
    private static SeededImage seeded;
    private static ProcessResult start;
    private static final Map<String, Integer> PULLED = new TreeMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger NAMESPACES = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void startHook() throws IOException {
        scenario = HookScenario.start();
        dockerd = scenario.dockerd();
        // The ECR stand-in is a pull-through cache of the "Docker Hub" stand-in that keeps paths as they are, so each
        // cached repository is seeded there under its prefixed name.
        // cached repository is seeded there under its prefixed name; each with its own label, so that no pull finds
        // its manifest and config in containerd's content store already.
        seeded = ImageSeeder.seed(dockerd, scenario.registries().dockerHub(), List.of("github/acme/tool"), "1", "ghcr");
        ImageSeeder.seed(dockerd, scenario.registries().dockerHub(), List.of("quay/org/team/app"), "1", "quay");
        ImageSeeder.seed(dockerd, scenario.registries().dockerHub(), List.of("pause"), "1", "k8s");
        ImageSeeder.seed(dockerd, scenario.registries().dockerHub(), List.of("ecr-public/docker/library/alpine"), "1",
                "ecr-public");
        Path certs = scenario.files().containerdCertsDir();
        Files.createDirectories(certs.resolve("quay.io"));
        Files.writeString(certs.resolve("quay.io/hosts.toml"), "# the user's own\nserver = \"https://quay.io\"\n");
        Path rules = scenario.userDir().resolve("rules.json");
        Files.writeString(rules, RULES);
        // Every file stop must give back ($GITHUB_ENV is the job's: the hook appends and leaves it).
        before = FileSnapshot.of(List.of(scenario.files().daemonJson(), certs, scenario.files().buildkitdConfig(),
                scenario.files().dockerConfigDir()));
        start = scenario.hook().start("--rules", rules.toString());
        assertThat(start.exitCode()).as("%s", start).isZero();
        dockerd.awaitRegistryMirrors(List.of(scenario.files().mirrorUrl() + "/"));
    }

    @AfterAll
    static void stopAll() {
        System.out.println("[upstreams] containerd pulls per upstream through the mirror: " + PULLED);
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    @Order(1)
    void start_rules_mirrorsEachUpstreamAndSaysWhatIsNot() throws IOException {
        assertThat(start.stderr()).as("%s", start).doesNotContain("warning");
        for (String host : List.of("docker.io", "ghcr.io", "quay.io", "registry.k8s.io", "public.ecr.aws")) {
            assertThat(start.stdout()).contains("serves " + host + " -> ");
            String toml = Files.readString(scenario.files().containerdCertsDir().resolve(host).resolve("hosts.toml"));
            assertThat(toml).contains("[host.\"" + scenario.files().mirrorUrl() + "\"]");
        }
        assertThat(start.stdout()).contains("rule \"other_account\"").contains("not mirrored");
        assertThat(Files.readString(scenario.files().containerdCertsDir().resolve("ghcr.io/hosts.toml")))
                .as("the user's own mirror stays, after ours").contains("mirror.example.com");
        assertThat(Files.readString(scenario.files().containerdCertsDir().resolve("registry.k8s.io/hosts.toml")))
                .contains("server = \"https://registry.k8s.io\"");
        String buildkitd = Files.readString(scenario.files().buildkitdConfig());
        for (String host : List.of("docker.io", "ghcr.io", "quay.io", "registry.k8s.io", "public.ecr.aws")) {
            assertThat(buildkitd).contains("[registry.\"" + host + "\"]");
        }
        assertThat(buildkitd).contains("mirrors = [\"" + scenario.files().listen() + "\", \"mirror.example.com\"]");
        assertThat(dockerd.registryMirrors()).as("dockerd mirrors Docker Hub only").first()
                .isEqualTo(scenario.files().mirrorUrl() + "/");
    }

    @Test
    @Order(2)
    void ctrPull_eachUpstream_servedAtItsRulesPrefix() {
        for (Map.Entry<String, String> pull : PULLS.entrySet()) {
            LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

            ProcessResult result = ctrPull(pull.getKey());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            List<AccessLogEntry> atEcr = scenario.registries().ecr().accessEntriesSince(ecr);
            assertThat(atEcr).as(pull.getKey()).anyMatch(e -> e.readsRepository(pull.getValue()) && e.isManifest()
                    && e.status() == 200 && e.userAgent().startsWith("containerd/"));
            assertThat(atEcr).as(pull.getKey()).anyMatch(e -> e.readsRepository(pull.getValue()) && e.isBlob()
                    && e.status() == 200);
            assertThat(atEcr).as(pull.getKey() + ": only its own prefix").filteredOn(e -> !e.path().equals("/v2/"))
                    .allMatch(e -> e.readsRepository(pull.getValue()));
        }
        assertThat(scenario.registries().ecr().accessEntries())
                .anyMatch(e -> e.path().equals("/v2/github/acme/tool/manifests/1"));
    }

    @Test
    @Order(3)
    void ctrPull_digestReference_servedAtPrefix() {
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        ProcessResult result = ctrPull("ghcr.io/acme/tool@" + seeded.digest());

        assertThat(result.succeeded()).as("%s", result).isTrue();
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr))
                .anyMatch(e -> e.path().equals("/v2/github/acme/tool/manifests/" + seeded.digest()) && e.status() == 200);
    }

    @Test
    @Order(4)
    void mirror_upstreamWithoutRule_refusedNeverForwarded() throws IOException {
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        int status = get("/v2/acme/tool/manifests/1?ns=gcr.io");
        ProcessResult pull = ctrPull("gcr.io/acme/tool:1");

        assertThat(status).isEqualTo(404);
        assertThat(pull.succeeded()).as("no hosts.toml for gcr.io: containerd's own fall-back, which fails offline")
                .isFalse();
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr)).isEmpty();
        assertThat(Files.readString(scenario.hook().proxyLog())).contains("[gcr.io] -> refused 404 no rule");
    }

    @Test
    @Order(5)
    void dockerPull_dockerHubShortName_stillThroughTheMirror() {
        dockerd.purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        ProcessResult pull = dockerd.docker("pull", RegistryStandIns.SHORT_NAME);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr)).anyMatch(e -> e.readsRepository(
                RegistryStandIns.prefixedRepository()) && e.isManifest() && e.status() == 200
                && e.userAgent().startsWith("docker/"));
    }

    @Test
    @Order(6)
    void verify_mirroredAndUnmirroredImages_answerWhichRule() {
        ProcessResult ghcr = scenario.hook().run("verify", List.of("ghcr.io/acme/tool:1", "--state-dir",
                scenario.files().stateDir().toString()));
        ProcessResult root = scenario.hook().run("verify", List.of("registry.k8s.io/pause:1", "--state-dir",
                scenario.files().stateDir().toString()));
        ProcessResult none = scenario.hook().run("verify", List.of("gcr.io/acme/tool:1", "--state-dir",
                scenario.files().stateDir().toString()));

        assertThat(ghcr.exitCode()).as("%s", ghcr).isZero();
        assertThat(ghcr.stdout()).contains("rule \"github\"")
                .contains(scenario.registries().ecr().hostPort() + "/github/acme/tool:1")
                .contains("containerd, BuildKit").contains("HTTP 200");
        assertThat(root.exitCode()).as("%s", root).isZero();
        assertThat(root.stdout()).contains("rule \"k8s\"").contains(scenario.registries().ecr().hostPort() + "/pause:1");
        assertThat(none.exitCode()).as("%s", none).isEqualTo(1);
        assertThat(none.stdout()).contains("no mirrored rule for gcr.io");
    }

    @Test
    @Order(7)
    void status_perUpstreamCounters() throws Exception {
        JsonNode upstreams = awaitCounters(json -> json.path("ghcr.io").path("requests").asLong() >= 3
                && json.path("docker.io").path("servedFromEcr").asLong() >= 2);

        for (String host : List.of("docker.io", "ghcr.io", "quay.io", "registry.k8s.io", "public.ecr.aws")) {
            assertThat(upstreams.path(host).path("requests").asLong()).as(host).isPositive();
            assertThat(upstreams.path(host).path("servedFromEcr").asLong()).as(host).isPositive();
            assertThat(upstreams.path(host).path("errors").asLong()).as(host).isZero();
        }
        assertThat(upstreams.path("ghcr.io").path("rule").asText()).isEqualTo("github");
        assertThat(upstreams.path("registry.k8s.io").path("prefix").asText()).isEqualTo("ROOT");
        assertThat(upstreams.has("gcr.io")).isFalse();
        ProcessResult text = scenario.hook().status();
        assertThat(text.stdout()).contains("ghcr.io -> github/ (rule \"github\"): requests ");
    }

    @Test
    @Order(8)
    void stop_restoresEveryHostsTomlAndBuildkitdTomlByteForByte() {
        ProcessResult stop = scenario.hook().stop();

        assertThat(stop.exitCode()).as("%s", stop).isZero();
        assertThat(before.differencesTo(before.retake())).as("user files after stop").isEmpty();
        assertThat(scenario.files().containerdCertsDir().resolve("public.ecr.aws")).doesNotExist();
    }

    /**
     * {@code ctr content fetch} resolves and fetches on the client side, as a pull does, without unpacking. Each pull
     * gets its own namespace: the seeded images share their layers, and a namespace that has a blob skips its fetch.
     */
    private static ProcessResult ctrPull(String reference) {
        ProcessResult result = dockerd.ctr("pt-up-" + NAMESPACES.incrementAndGet(), "content", "fetch", "--hosts-dir",
                scenario.files().containerdCertsDir().toString(), reference);
        if (result.succeeded()) {
            PULLED.merge(reference.replaceFirst("/.*", ""), 1, Integer::sum);
        }
        return result;
    }

    private static int get(String pathAndQuery) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(scenario.files().mirrorUrl() + pathAndQuery).toURL()
                .openConnection(Proxy.NO_PROXY);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** Polls {@code status --json} until the mirror's stats file (rewritten every 250 ms) shows the counts. */
    private static JsonNode awaitCounters(java.util.function.Predicate<JsonNode> ready) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<String> seen = new ArrayList<>();
        while (true) {
            ProcessResult status = scenario.hook().status("--json");
            assertThat(status.exitCode()).as("%s", status).isZero();
            JsonNode upstreams = new ObjectMapper().readTree(status.stdout()).path("upstreams");
            if (ready.test(upstreams) || Instant.now().isAfter(deadline)) {
                return upstreams;
            }
            seen.add(upstreams.toString());
        }
    }
}
