package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyLogTest {
    @TempDir
    Path tmp;

    @Test
    void accept_pastMaxBytes_rotatesToDotOneAndKeepsAtMostTwoFiles() throws Exception {
        Path file = tmp.resolve("proxy.log");
        try (ProxyLog log = new ProxyLog(file, 1000)) {
            for (int i = 0; i < 100; i++) {
                log.accept("GET /v2/library/hello/manifests/" + i + " -> /v2/docker-hub/library/hello/manifests/" + i + " 200");
            }
        }

        assertThat(Files.size(file)).isLessThanOrEqualTo(1000);
        assertThat(Files.size(tmp.resolve("proxy.log.1"))).isLessThanOrEqualTo(1000);
        assertThat(Files.readString(file)).contains("manifests/99 200");
        try (var files = Files.list(tmp)) {
            assertThat(files).hasSize(2);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void accept_line_timestampedAndAppended() throws Exception {
        Path file = tmp.resolve("proxy.log");
        Files.writeString(file, "jvm said something\n");
        try (ProxyLog log = new ProxyLog(file, ProxyLog.DEFAULT_MAX_BYTES)) {
            log.accept("mirror listening");
        }
        assertThat(Files.readAllLines(file)).hasSize(2).last().asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z mirror listening");
    }
}
