package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.AccessLogEntry;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the hook's proxy exists. The documented recipe points dockerd's {@code registry-mirrors} straight at the ECR
 * registry and runs {@code docker login <ecr host>}. dockerd never sends credentials saved for a mirror host (it uses
 * the client's Docker Hub credentials for mirror pulls), so the mirror answers 401 and dockerd silently moves on to
 * Docker Hub: the pull "works" (here it fails, there is no internet) and the rate limit stays. Even with credentials
 * it would ask for {@code library/hello}, not {@code docker-hub/library/hello}. This regression test keeps that
 * fact on record, on a real dockerd against a registry that challenges with Basic auth like ECR.
 */
class NaiveMirrorFallsBackIT {
    private static RegistryStandIns registries;
    private static PrivateDockerd dockerd;

    @BeforeAll
    static void startDaemonWithNaiveMirror() {
        registries = RegistryStandIns.start();
        dockerd = PrivateDockerd.start(Map.of("registry-mirrors", List.of(registries.ecr().url())));
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
    void dockerPull_mirrorIsAuthRequiringRegistryAfterLogin_fallsBackToDockerHub() {
        ProcessResult login = dockerd.login(registries.ecr().hostPort(), "AWS", registries.initialPassword());
        assertThat(login.succeeded()).as("login to the ECR stand-in with its password: %s", login).isTrue();
        dockerd.removeImages(RegistryStandIns.SHORT_NAME);
        LogFile.Mark ecrMark = registries.ecr().accessLog().mark();
        LogFile.Mark hubMark = registries.dockerHub().accessLog().mark();
        LogFile.Mark daemonMark = dockerd.log().mark();

        ProcessResult pull = dockerd.docker("pull", RegistryStandIns.SHORT_NAME);

        List<AccessLogEntry> atEcr = registries.ecr().accessEntriesSince(ecrMark);
        assertThat(atEcr).as("the daemon did try its mirror").isNotEmpty();
        assertThat(atEcr).as("the mirror only ever said 401 to the daemon").allMatch(e -> e.status() == 401);
        assertThat(atEcr).as("no image data came from the mirror").noneMatch(e -> e.isManifest() || e.isBlob());
        assertThat(registries.dockerHub().accessEntriesSince(hubMark)).as("nothing reached upstream via the mirror").isEmpty();

        String daemonLog = dockerd.log().textSince(daemonMark);
        assertThat(daemonLog)
                .as("dockerd logs that it abandoned the mirror")
                .contains("Attempting next endpoint for pull after error")
                .contains(registries.ecr().url() + "/v2/library/hello/manifests/1")
                .contains("no basic auth credentials");
        assertThat(daemonLog).as("and went to Docker Hub itself").contains("registry-1.docker.io");
        if (!pull.succeeded()) {
            assertThat(pull.stderr()).as("the failure is Docker Hub's, not the mirror's").contains("registry-1.docker.io");
        }
    }

    @Test
    void ecrStandIn_basicCredentialsAndPrefixedName_servesTheImage() throws Exception {
        // The control: the stand-in does serve the image to a client that sends Basic credentials and the prefixed
        // name, which is exactly what the hook's proxy adds. Only the daemon's behaviour makes the naive recipe fail.
        String basic = Base64.getEncoder().encodeToString(
                ("AWS:" + registries.initialPassword()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(registries.ecr().url() + "/v2/"
                        + RegistryStandIns.prefixedRepository() + "/manifests/" + RegistryStandIns.IMAGE_TAG))
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(registries.image().digest());
    }
}
