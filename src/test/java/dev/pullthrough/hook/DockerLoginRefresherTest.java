package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerLoginRefresherTest {
    private static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    private static final EcrToken OLD = EcrToken.of("AWS", "old", Instant.EPOCH, Instant.EPOCH);
    private static final EcrToken NEW = EcrToken.of("AWS", "new", Instant.EPOCH, Instant.EPOCH);

    @TempDir
    Path tmp;

    @Test
    void accept_entryHoldsPreviousToken_replacedWithNewOtherLoginsKept() throws Exception {
        Path config = tmp.resolve("config.json");
        Files.write(config, DockerConfigLogin.merge("{\"auths\":{\"ghcr.io\":{\"auth\":\"Z2g6eA==\"}}}"
                .getBytes(StandardCharsets.UTF_8), HOST, OLD.authorizationToken()));
        List<String> log = new ArrayList<>();

        new DockerLoginRefresher(config, HOST, log::add).accept(OLD, NEW);

        assertThat(DockerConfigLogin.auth(Files.readAllBytes(config), HOST)).hasValue(NEW.authorizationToken());
        assertThat(DockerConfigLogin.auth(Files.readAllBytes(config), "ghcr.io")).hasValue("Z2g6eA==");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(log).singleElement().asString().contains("refreshed").doesNotContain(NEW.authorizationToken());
    }

    @Test
    void accept_entryIsSomeoneElsesOrFileRestored_leftAlone() throws Exception {
        Path config = tmp.resolve("config.json");
        byte[] someoneElse = DockerConfigLogin.merge(null, HOST, "dXNlcjpvd24=");
        Files.write(config, someoneElse);

        new DockerLoginRefresher(config, HOST, l -> { }).accept(OLD, NEW);
        new DockerLoginRefresher(tmp.resolve("missing.json"), HOST, l -> { }).accept(OLD, NEW);

        assertThat(Files.readAllBytes(config)).isEqualTo(someoneElse);
        assertThat(tmp.resolve("missing.json")).doesNotExist();
    }
}
