package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.AccessLogEntry;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ROOT rule (the Docker Hub rule has no prefix): the proxy forwards {@code /v2/library/hello/...} unchanged, still
 * with the token, and the pull is served without fall-back.
 */
class HookRootRuleIT {
    private static HookScenario scenario;

    @BeforeAll
    static void startHookForRootRule() {
        scenario = HookScenario.start();
        scenario.useFiles(scenario.files().withDockerHubPrefix("ROOT"));
        scenario.startHook();
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void dockerPull_rootRule_forwardedWithoutPrefix() {
        scenario.dockerd().purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();
        LogFile.Mark daemon = scenario.dockerd().log().mark();

        ProcessResult pull = scenario.dockerd().docker("pull", RegistryStandIns.SHORT_NAME);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        List<AccessLogEntry> atEcr = scenario.registries().ecr().accessEntriesSince(ecr);
        assertThat(atEcr).anyMatch(e -> e.readsRepository(RegistryStandIns.IMAGE_REPOSITORY) && e.isBlob() && e.status() == 200);
        assertThat(atEcr).noneMatch(e -> e.readsRepository(RegistryStandIns.prefixedRepository()));
        assertThat(scenario.dockerd().log().textSince(daemon)).doesNotContain("Attempting next endpoint");
    }

    @Test
    void hookStart_rootRule_exportsRootPrefix() throws IOException {
        assertThat(Files.readAllLines(scenario.files().githubEnv()))
                .contains("RUNS_ON_ECR_PULL_THROUGH_CACHE_DOCKER_HUB_PREFIX=ROOT");
    }
}
