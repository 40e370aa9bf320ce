package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.AccessLogEntry;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.PrivateDockerd;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECR tokens expire (12 h on a runner; seconds here). The token stand-in issues short-lived tokens and, when one
 * expires or is revoked, rotates the ECR stand-in's htpasswd so the old token really gets 401. Pulls after that keep
 * working with nothing restarted: same proxy pid, same dockerd pid. The methods run in order on one running hook:
 * first expiry (proactive refresh), then an early revocation (refresh once on a 401).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HookTokenExpiryIT {
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(4);
    private static final String PREFIXED = RegistryStandIns.prefixedRepository();

    private static HookScenario scenario;
    private static PrivateDockerd dockerd;
    private static long proxyPid;
    private static long dockerdPid;

    @BeforeAll
    static void startHookWithShortLivedTokens() {
        scenario = HookScenario.start();
        dockerd = scenario.dockerd();
        scenario.tokenApi().tokenLifetime(SHORT_LIFETIME);
        scenario.startHook();
        proxyPid = scenario.hook().proxyPid().orElseThrow();
        dockerdPid = dockerd.pid();
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    @Order(1)
    void dockerPull_afterTokenExpired_servedWithFreshTokenWithoutRestart() throws Exception {
        String expiring = scenario.tokenApi().currentPassword();
        int callsBefore = scenario.tokenApi().calls();
        scenario.tokenApi().tokenLifetime(Duration.ofHours(1)); // the refreshed token outlives the rest of the class

        Thread.sleep(SHORT_LIFETIME.plusSeconds(1).toMillis());
        assertThat(scenario.tokenApi().currentPassword()).as("the stand-in revoked the expired token").isNotEqualTo(expiring);
        assertThat(headManifestWith(expiring)).as("the expired token is refused by the ECR stand-in").isEqualTo(401);

        dockerd.purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();
        LogFile.Mark daemon = dockerd.log().mark();
        ProcessResult pull = dockerd.docker("pull", RegistryStandIns.SHORT_NAME);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        assertThat(scenario.tokenApi().calls()).as("the proxy fetched a new token").isGreaterThan(callsBefore);
        List<AccessLogEntry> atEcr = scenario.registries().ecr().accessEntriesSince(ecr);
        assertThat(atEcr).anyMatch(e -> e.readsRepository(PREFIXED) && e.isBlob() && e.status() == 200);
        assertThat(dockerd.log().textSince(daemon)).doesNotContain("Attempting next endpoint");
        assertNothingRestarted();
    }

    @Test
    @Order(2)
    void dockerPull_tokenRevokedEarly_proxyRefreshesOnceOn401AndServes() throws InterruptedException {
        // A token younger than a second is not refetched on 401 (that would not help): let it age first.
        Thread.sleep(1500);
        int callsBefore = scenario.tokenApi().calls();
        scenario.tokenApi().revokeCurrent();

        dockerd.purgeImages();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();
        LogFile.Mark daemon = dockerd.log().mark();
        ProcessResult pull = dockerd.docker("pull", RegistryStandIns.SHORT_NAME);

        assertThat(pull.succeeded()).as("%s", pull).isTrue();
        List<AccessLogEntry> atEcr = scenario.registries().ecr().accessEntriesSince(ecr);
        assertThat(atEcr).as("the revoked token was refused first").anyMatch(e -> e.status() == 401);
        assertThat(atEcr).as("then served with the new one")
                .anyMatch(e -> e.readsRepository(PREFIXED) && e.isBlob() && e.status() == 200);
        assertThat(scenario.tokenApi().calls()).as("exactly one refresh").isEqualTo(callsBefore + 1);
        assertThat(dockerd.log().textSince(daemon)).doesNotContain("Attempting next endpoint");
        assertNothingRestarted();
    }

    private static void assertNothingRestarted() {
        assertThat(scenario.hook().proxyPid()).as("same proxy process").contains(proxyPid);
        assertThat(ProcessHandle.of(proxyPid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(dockerd.pid()).as("same dockerd").isEqualTo(dockerdPid);
    }

    private static int headManifestWith(String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(scenario.registries().ecr().url() + "/v2/" + PREFIXED
                        + "/manifests/" + RegistryStandIns.IMAGE_TAG))
                .header("Authorization", "Basic " + basic)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
