package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One mirror, several upstreams: each request goes to its upstream's prefix, picked by containerd's ns parameter. */
class MirrorRoutingTest {
    private static final String PASSWORD = "routing-pw";
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static FakeRegistry registry;
    private static MirrorProxy proxy;
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startMirror() throws Exception {
        registry = new FakeRegistry(PASSWORD);
        for (String path : List.of("/v2/docker-hub/library/node/manifests/22", "/v2/github/acme/tool/manifests/1",
                "/v2/quay/org/team/app/manifests/2", "/v2/library/hello/manifests/1")) {
            registry.route(path, ex -> FakeRegistry.json(ex, 200, "{}"));
        }
        registry.route("/v2/github/acme/tool/tags/list", ex -> FakeRegistry.json(ex, 200, "{\"tags\":[\"1\"]}"));
        RefreshingToken token = new RefreshingToken(
                () -> EcrToken.of("AWS", PASSWORD, Instant.now().plusSeconds(3600), Instant.now()),
                EcrToken.of("AWS", PASSWORD, Instant.now().plusSeconds(3600), Instant.now()), Clock.systemUTC(), LOG::add);
        UpstreamRoutes routes = new UpstreamRoutes(new java.util.LinkedHashMap<>(Map.of(
                "docker.io", "docker-hub", "ghcr.io", "github", "quay.io", "quay", "registry.k8s.io", "ROOT")));
        proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"), registry.endpoint(), routes),
                token, LOG::add);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        registry.close();
    }

    @BeforeEach
    void clearSeen() {
        registry.seen.clear();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(proxy.address().mirrorUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void handle_nsGhcr_forwardsUnderGithubPrefixWithoutNs() throws Exception {
        assertThat(get("/v2/acme/tool/manifests/1?ns=ghcr.io").statusCode()).isEqualTo(200);

        assertThat(registry.seen).extracting(FakeRegistry.Seen::path).containsExactly("/v2/github/acme/tool/manifests/1");
        assertThat(registry.seen.get(0).query()).isNull();
    }

    @Test
    void handle_multiSegmentRepository_keepsEverySegment() throws Exception {
        assertThat(get("/v2/org/team/app/manifests/2?ns=quay.io").statusCode()).isEqualTo(200);

        assertThat(registry.seen).extracting(FakeRegistry.Seen::path).containsExactly("/v2/quay/org/team/app/manifests/2");
    }

    @Test
    void handle_noNs_isDockerHub() throws Exception {
        assertThat(get("/v2/library/node/manifests/22").statusCode()).isEqualTo(200);
        assertThat(get("/v2/library/node/manifests/22?ns=docker.io").statusCode()).isEqualTo(200);
        assertThat(get("/v2/library/node/manifests/22?ns=registry-1.docker.io").statusCode()).isEqualTo(200);

        assertThat(registry.seen).extracting(FakeRegistry.Seen::path)
                .containsOnly("/v2/docker-hub/library/node/manifests/22").hasSize(3);
    }

    @Test
    void handle_rootRule_forwardsWithoutPrefix() throws Exception {
        assertThat(get("/v2/library/hello/manifests/1?ns=registry.k8s.io").statusCode()).isEqualTo(200);

        assertThat(registry.seen).extracting(FakeRegistry.Seen::path).containsExactly("/v2/library/hello/manifests/1");
    }

    @Test
    void handle_upstreamWithoutRule_refusedAndNeverForwarded() throws Exception {
        HttpResponse<String> r = get("/v2/acme/tool/manifests/1?ns=gcr.io");
        HttpResponse<String> ping = get("/v2/?ns=gcr.io");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("NAME_UNKNOWN").contains("gcr.io");
        assertThat(ping.statusCode()).isEqualTo(404);
        assertThat(registry.seen).isEmpty();
    }

    @Test
    void handle_tagsListWithNs_keepsOtherParameters() throws Exception {
        assertThat(get("/v2/acme/tool/tags/list?n=10&ns=ghcr.io").statusCode()).isEqualTo(200);

        assertThat(registry.seen.get(0).path()).isEqualTo("/v2/github/acme/tool/tags/list");
        assertThat(registry.seen.get(0).query()).isEqualTo("n=10");
    }

    @Test
    void counters_countPerUpstream() throws Exception {
        UpstreamCounters quay = proxy.counters().upstreams().get("quay.io");
        long before = quay.requests();
        long servedBefore = quay.servedFromEcr();
        long errorsBefore = quay.errors();

        get("/v2/org/team/app/manifests/2?ns=quay.io");
        get("/v2/org/team/app/manifests/missing?ns=quay.io");

        assertThat(quay.requests() - before).isEqualTo(2);
        assertThat(quay.servedFromEcr() - servedBefore).isEqualTo(1);
        assertThat(quay.errors() - errorsBefore).isEqualTo(1);
        assertThat(proxy.counters().upstreams()).containsOnlyKeys("docker.io", "ghcr.io", "quay.io", "registry.k8s.io");
    }
}
