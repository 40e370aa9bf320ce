package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamRoutesTest {
    @Test
    void parse_specs_roundTrip() {
        UpstreamRoutes r = UpstreamRoutes.parse(List.of("docker.io=docker-hub", "ghcr.io=github"));

        assertThat(r.specs()).containsExactly("docker.io=docker-hub", "ghcr.io=github");
        assertThat(r.prefixFor("ghcr.io")).contains("github");
        assertThat(r.prefixFor("quay.io")).isEmpty();
    }

    @Test
    void parse_notHostEqualsPrefix_throws() {
        assertThatThrownBy(() -> UpstreamRoutes.parse(List.of("ghcr.io"))).hasMessageContaining("host=prefix");
        assertThatThrownBy(() -> UpstreamRoutes.parse(List.of("Bad Host=x"))).hasMessageContaining("not a registry host");
    }

    @Test
    void upstreamOf_missingNsIsDockerHub_aliasesToo() {
        assertThat(UpstreamRoutes.upstreamOf(null)).isEqualTo("docker.io");
        assertThat(UpstreamRoutes.upstreamOf("")).isEqualTo("docker.io");
        assertThat(UpstreamRoutes.upstreamOf("registry-1.docker.io")).isEqualTo("docker.io");
        assertThat(UpstreamRoutes.upstreamOf("ghcr.io")).isEqualTo("ghcr.io");
    }

    @Test
    void namespaceParameter_decodesAndStrips() {
        assertThat(UpstreamRoutes.namespaceParameter("ns=localhost%3A5000")).isEqualTo("localhost:5000");
        assertThat(UpstreamRoutes.namespaceParameter("n=1&ns=quay.io")).isEqualTo("quay.io");
        assertThat(UpstreamRoutes.namespaceParameter("n=1")).isNull();
        assertThat(UpstreamRoutes.withoutNamespace("n=1&ns=quay.io&last=a")).isEqualTo("n=1&last=a");
        assertThat(UpstreamRoutes.withoutNamespace("ns=quay.io")).isNull();
    }
}
