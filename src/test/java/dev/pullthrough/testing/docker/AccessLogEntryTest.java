package dev.pullthrough.testing.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogEntryTest {

    @Test
    void parse_combinedLogLine_readsMethodPathStatusAgent() {
        String line = "127.0.0.1 - - [28/Nov/2026:00:25:02 +0000] \"GET /v2/docker-hub/library/hello/manifests/1 HTTP/1.1\" "
                + "200 527 \"\" \"docker/20.10.24+dfsg1 go/go1.19.8 UpstreamClient(Docker-Client/28.2.2 \\\\(linux\\\\))\"";

        AccessLogEntry entry = AccessLogEntry.parse(line).orElseThrow();

        assertThat(entry.method()).isEqualTo("GET");
        assertThat(entry.path()).isEqualTo("/v2/docker-hub/library/hello/manifests/1");
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.userAgent()).startsWith("docker/20.10.24");
        assertThat(entry.readsRepository("docker-hub/library/hello")).isTrue();
        assertThat(entry.readsRepository("library/hello")).isFalse();
        assertThat(entry.isManifest()).isTrue();
    }

    @Test
    void parse_applicationLogLine_isEmpty() {
        assertThat(AccessLogEntry.parse("time=\"2026-11-28T00:24:49Z\" level=info msg=\"listening on 127.0.0.1:15000\"")).isEmpty();
    }
}
