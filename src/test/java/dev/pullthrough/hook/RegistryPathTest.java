package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullthrough.hook.RegistryPath.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryPathTest {
    @ParameterizedTest
    @CsvSource({
            "/v2/, docker-hub, /v2/",
            "/v2/library/node/manifests/22, docker-hub, /v2/docker-hub/library/node/manifests/22",
            "/v2/library/node/manifests/sha256:0123abcd, docker-hub/, /v2/docker-hub/library/node/manifests/sha256:0123abcd",
            "/v2/bitnami/redis/blobs/sha256:0123abcd, team/hub, /v2/team/hub/bitnami/redis/blobs/sha256:0123abcd",
            "/v2/library/node/tags/list, docker-hub, /v2/docker-hub/library/node/tags/list",
            "/v2/library/node/manifests/22, ROOT, /v2/library/node/manifests/22",
            "/v2/a-b__c.d/e/manifests/v1.2.3-rc_1, docker-hub, /v2/docker-hub/a-b__c.d/e/manifests/v1.2.3-rc_1"})
    void route_readApi_rewritten(String path, String prefix, String upstream) {
        assertThat(RegistryPath.route(path, prefix).upstreamPath()).hasValue(upstream);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/../x", "/v2/library/../../etc/manifests/1", "/v2/%2e%2e/x/manifests/1",
            "/v2/library%2fnode/manifests/1", "/v2//library/node/manifests/1", "/v2/./x/manifests/1",
            "/v2/library/node/manifests/..", "/v2/x\\y/manifests/1"})
    void route_traversal_refused(String path) {
        assertThat(RegistryPath.route(path, "docker-hub").refusal()).hasValue(Refusal.TRAVERSAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/_ping", "/v2", "/etc/passwd", "/metrics"})
    void route_outsideV2_refused(String path) {
        assertThat(RegistryPath.route(path, "docker-hub").refusal()).hasValue(Refusal.NOT_REGISTRY_API);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/_catalog", "/v2/Library/node/manifests/1", "/v2/library/node/blobs/uploads/",
            "/v2/library/node/blobs/uploads/1234", "/v2/library/node/manifests/", "/v2/library/node/referrers/sha256:ab",
            "/v2/library/node/blobs/notadigest"})
    void route_otherV2Endpoints_unknown(String path) {
        assertThat(RegistryPath.route(path, "docker-hub").refusal()).hasValue(Refusal.UNKNOWN_ENDPOINT);
    }

    @ParameterizedTest
    @CsvSource({"/v2/docker-hub/library/node/tags/list, docker-hub, /v2/library/node/tags/list",
            "/v2/library/node/tags/list, ROOT, /v2/library/node/tags/list"})
    void unprefixed_mapsBack(String upstream, String prefix, String client) {
        assertThat(RegistryPath.unprefixed(upstream, prefix)).hasValue(client);
    }
}
