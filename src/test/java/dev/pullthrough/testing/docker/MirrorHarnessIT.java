package dev.pullthrough.testing.docker;

import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positive control for the hook's end-to-end tests: with a mirror that needs no auth (the Docker Hub stand-in
 * itself), each client path the hook tests use really pulls through the daemon's mirror or the hosts dir. When a
 * hook test fails and this passes, the fault is in the hook, not in the harness.
 */
class MirrorHarnessIT {
    private static RegistryStandIns registries;
    private static PrivateDockerd dockerd;

    @BeforeAll
    static void start() {
        registries = RegistryStandIns.start();
        dockerd = PrivateDockerd.start(Map.of("registry-mirrors", List.of(registries.dockerHub().url())));
        registries.seed(dockerd);
    }

    @AfterAll
    static void stop() {
        if (dockerd != null) {
            dockerd.close();
        }
        if (registries != null) {
            registries.close();
        }
    }

    @Test
    void seed_localCopies_areRemovedSoPullsFetch() {
        assertThat(dockerd.docker("images", "--quiet").requireSuccess().stdout()).isBlank();
    }

    @Test
    void dockerPull_authFreeMirror_servedByMirrorWithoutFallBack() {
        dockerd.purgeImages();
        LogFile.Mark hub = registries.dockerHub().accessLog().mark();
        LogFile.Mark daemon = dockerd.log().mark();

        dockerd.docker("pull", RegistryStandIns.SHORT_NAME).requireSuccess();

        assertThat(registries.dockerHub().accessEntriesSince(hub))
                .anyMatch(e -> e.readsRepository(RegistryStandIns.IMAGE_REPOSITORY) && e.isBlob() && e.status() == 200);
        assertThat(dockerd.log().textSince(daemon)).doesNotContain("Attempting next endpoint");
    }

    @Test
    void classicBuild_fromShortName_pullsThroughMirror() throws IOException {
        dockerd.purgeImages();
        Path context = Files.createDirectories(dockerd.directory().resolve("build-context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + RegistryStandIns.SHORT_NAME + "\nRUN [\"/bin/busybox\", \"true\"]\n");
        LogFile.Mark hub = registries.dockerHub().accessLog().mark();

        ProcessResult build = dockerd.buildClassic(context, "pt-harness-built:1");

        assertThat(build.succeeded()).as("%s", build).isTrue();
        assertThat(registries.dockerHub().accessEntriesSince(hub))
                .anyMatch(e -> e.readsRepository(RegistryStandIns.IMAGE_REPOSITORY) && e.isManifest() && e.status() == 200);
    }

    @Test
    void testcontainers_genericContainer_pullsThroughMirrorAndStarts() {
        dockerd.purgeImages();
        LogFile.Mark hub = registries.dockerHub().accessLog().mark();

        ProcessResult child = TestcontainersPull.run(dockerd, RegistryStandIns.SHORT_NAME);

        assertThat(child.stdout()).as("%s", child).contains(TestcontainersPull.STARTED_MARKER);
        assertThat(registries.dockerHub().accessEntriesSince(hub))
                .anyMatch(e -> e.readsRepository(RegistryStandIns.IMAGE_REPOSITORY) && e.isBlob() && e.status() == 200);
    }

    @Test
    void ctrPull_hostsDirWithMirrorHost_servedByMirror() throws IOException {
        Path hostsDir = dockerd.directory().resolve("certs.d");
        Files.createDirectories(hostsDir.resolve("docker.io"));
        Files.writeString(hostsDir.resolve("docker.io/hosts.toml"), "server = \"https://registry-1.docker.io\"\n\n"
                + "[host.\"" + registries.dockerHub().url() + "\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
        LogFile.Mark hub = registries.dockerHub().accessLog().mark();

        ProcessResult pull = dockerd.ctr("pt-harness", "image", "pull", "--hosts-dir", hostsDir.toString(),
                "docker.io/library/hello:1");

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        assertThat(registries.dockerHub().accessEntriesSince(hub))
                .anyMatch(e -> e.readsRepository(RegistryStandIns.IMAGE_REPOSITORY) && e.userAgent().startsWith("containerd/"));
    }
}
