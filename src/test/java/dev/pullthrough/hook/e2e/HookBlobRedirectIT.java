package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.BlobRedirectingFront;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECR answers blob downloads with a 307 to a pre-signed S3 URL. Through the hook's proxy the redirect goes back to
 * dockerd, which fetches the bytes from "S3" itself: S3 sees dockerd's requests and no {@code Authorization} header,
 * so the ECR token never leaves for the redirect target.
 */
class HookBlobRedirectIT {
    private static HookScenario scenario;
    private static BlobRedirectingFront front;

    @BeforeAll
    static void startHookBehindRedirectingRegistry() {
        scenario = HookScenario.start();
        front = BlobRedirectingFront.start(scenario.registries().ecr(), scenario.registries().dockerHub());
        scenario.useFiles(scenario.files().withRegistryUrl(front.url()));
        scenario.startHook();
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            scenario.close();
        }
        if (front != null) {
            front.close();
        }
    }

    @Test
    void dockerPull_blobRedirectedToS3_clientFollowsWithoutToken() throws IOException {
        scenario.dockerd().purgeImages();
        LogFile.Mark daemon = scenario.dockerd().log().mark();

        ProcessResult pull = scenario.dockerd().docker("pull", RegistryStandIns.SHORT_NAME);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        assertThat(front.redirects()).as("the registry redirected the prefixed blob reads")
                .isNotEmpty().allMatch(p -> p.startsWith("/v2/" + RegistryStandIns.prefixedRepository() + "/blobs/"));
        assertThat(front.s3Requests()).as("S3 served them").isNotEmpty().allMatch(r -> r.status() == 200);
        assertThat(front.s3Requests()).as("followed by dockerd, not by the proxy").allMatch(r -> r.userAgent().startsWith("docker/"));
        assertThat(front.s3Requests()).as("no credentials sent to S3").noneMatch(BlobRedirectingFront.S3Request::hadAuthorization);
        assertThat(Files.readString(scenario.hook().proxyLog())).contains(" 307 ");
        assertThat(scenario.dockerd().log().textSince(daemon)).doesNotContain("Attempting next endpoint");
    }
}
