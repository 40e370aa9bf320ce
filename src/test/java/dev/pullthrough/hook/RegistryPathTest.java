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

    @org.junit.jupiter.api.Test
    void parse_deepAndLongNames_refusedAsTooLongWithoutRecursion() {
        // ~220 segments overflowed the old regex on a 256 KiB stack; 100,000 must be as cheap.
        for (int segments : new int[] {130, 220, 2_000, 100_000}) {
            String path = "/v2/" + "a/".repeat(segments) + "manifests/latest";
            assertThat(RegistryPath.parse(path).refusal()).hasValue(Refusal.NAME_TOO_LONG);
        }
    }

    @org.junit.jupiter.api.Test
    void parse_nameOf255Characters_acceptedAnd256Refused() {
        String name255 = "a/".repeat(127) + "b"; // 255 characters
        assertThat(RegistryPath.parse("/v2/" + name255 + "/manifests/1").path())
                .hasValueSatisfying(p -> assertThat(p.name()).hasSize(255));
        assertThat(RegistryPath.parse("/v2/" + name255 + "c/manifests/1").refusal()).hasValue(Refusal.NAME_TOO_LONG);
    }

    @org.junit.jupiter.api.Test
    void parse_splitsNameAndEndpoint() {
        assertThat(RegistryPath.parse("/v2/a/manifests/b/manifests/1").path())
                .hasValue(new RegistryPath.ApiPath("a/manifests/b", "manifests/1"));
        assertThat(RegistryPath.parse("/v2/").path()).hasValueSatisfying(p -> assertThat(p.isVersionCheck()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a0", "a.b", "a_b", "a__b", "a-b", "a---b", "a/b/c", "0-0.0_0__0"})
    void isName_registryComponents_accepted(String name) {
        assertThat(RegistryPath.isName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "a..b", "a___b", "a._b", "-a", "a-", "a/", "/a", "a//b", "a/.b", "a b", "a:b"})
    void isName_otherText_refused(String name) {
        assertThat(RegistryPath.isName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/x/manifests/" + "t", "/v2/x/blobs/sha256:ab"})
    void parse_referenceLimits(String ok) {
        assertThat(RegistryPath.parse(ok).path()).isPresent();
        assertThat(RegistryPath.parse(ok + "x".repeat(RegistryPath.MAX_REFERENCE_LENGTH)).refusal()).isPresent();
    }
}
