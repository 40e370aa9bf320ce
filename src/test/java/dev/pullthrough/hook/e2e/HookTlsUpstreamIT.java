package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.DistributionRegistry;
import dev.pullthrough.testing.docker.EcrTokenStandIn;
import dev.pullthrough.testing.docker.FreePort;
import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.RegistryApiSeeder;
import dev.pullthrough.testing.docker.ScratchDir;
import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mirror against a registry over HTTPS, as the real ECR is: a distribution registry with a certificate made for
 * 127.0.0.1 by this test. The mirror's TLS (the JDK's SSLEngine on its event loop, TlsTransport) must check the chain and the host name; with the
 * test's CA trusted (through the mirror's JVM flags) a pull is served, without it the hook fails open.
 */
class HookTlsUpstreamIT {
    private static final String REPOSITORY = "library/tls-hello";
    /** An ECR registry's name for the stand-in, resolved by the mirror alone through a hosts file of its own. */
    private static final String ECR_HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    private static final String TRUST_OPTS = "-Djavax.net.ssl.trustStorePassword=changeit"
            + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStore=";
    private static ScratchDir certs;
    private static DistributionRegistry dockerHub;
    private static DistributionRegistry ecr;
    private static EcrTokenStandIn tokenApi;
    private static Path trustStore;
    private HookProcess hook;

    @BeforeAll
    static void registryOverTls() throws IOException {
        certs = ScratchDir.create();
        Path key = certs.resolve("key.pem");
        Path cert = certs.resolve("cert.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:" + ECR_HOST, "-keyout", key.toString(),
                "-out", cert.toString()));
        trustStore = certs.resolve("trust.p12");
        run(List.of("keytool", "-importcert", "-noprompt", "-alias", "stand-in", "-file", cert.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
        dockerHub = DistributionRegistry.dockerHub();
        // Distribution cannot strip the rule's prefix when it proxies: the upstream holds the prefixed name too.
        new RegistryApiSeeder(dockerHub).pushImage("docker-hub/" + REPOSITORY, "1");
        String password = EcrTokenStandIn.newPassword();
        ecr = DistributionRegistry.ecrOverTls(dockerHub, password, cert, key);
        tokenApi = EcrTokenStandIn.start(ecr, password);
    }

    @AfterAll
    static void closeAll() {
        for (AutoCloseable c : new AutoCloseable[] {tokenApi, ecr, dockerHub, certs}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // Closing the rest anyway.
            }
        }
    }

    @AfterEach
    void stopHook() {
        if (hook != null) {
            hook.stop();
            hook.killLeftoverProxy();
        }
    }

    @Test
    void start_registryCertificateTrusted_servesAManifestOverTls() throws Exception {
        hook = hookFor(ecr.url(), TRUST_OPTS + trustStore);
        LogFile.Mark mark = ecr.accessLog().mark();

        ProcessResult start = hook.start("--strict");

        assertThat(start.exitCode()).as("%s", start).isZero();
        HttpResponse<Void> head = headManifest();
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).isPresent();
        assertThat(ecr.accessEntriesSince(mark)).extracting(e -> e.path())
                .contains("/v2/docker-hub/" + REPOSITORY + "/manifests/1");
        // An HTTPS registry that is not ECR gets C2 for the JDK's cipher classes: it may stream blobs through the
        // mirror, ~13x faster than with C1 alone.
        assertThat(hook.proxyProcess().orElseThrow().info().arguments().orElseThrow()).contains(
                "-XX:TieredStopAtLevel=4", "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.0001");
    }

    @Test
    void start_ecrRegistryHost_mirrorRunsC1Alone_becauseEcrRedirectsBlobsAndOnlySmallBodiesAreDecrypted()
            throws Exception {
        Path hosts = certs.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + ECR_HOST + "\n");
        String registry = "https://" + ECR_HOST + ":" + URI.create(ecr.url()).getPort();
        hook = hookFor(registry, TRUST_OPTS + trustStore + " -Djdk.net.hosts.file=" + hosts);

        ProcessResult start = hook.start("--strict");

        assertThat(start.exitCode()).as("%s", start).isZero();
        assertThat(headManifest().statusCode()).isEqualTo(200);
        assertThat(hook.proxyProcess().orElseThrow().info().arguments().orElseThrow())
                .contains("-XX:TieredStopAtLevel=1")
                .doesNotContain("-XX:TieredStopAtLevel=4")
                .noneMatch(a -> a.startsWith("-XX:CompileCommand"));
    }

    @Test
    void tarball_httpsRegistry_mirrorMapsTheArchiveTrainedOverTls() throws Exception {
        hook = hookFor(ecr.url(), TRUST_OPTS + trustStore)
                .withLauncher(List.of(HookTarball.launcher().toString()));

        ProcessResult start = hook.start("--strict");

        assertThat(start.exitCode()).as("%s", start).isZero();
        // The JDK's TLS classes come mapped from lib/mirror-tls.aot; lib/mirror.aot (no TLS class) is for http ones.
        String maps = Files.readString(Path.of("/proc", Long.toString(hook.proxyPid().orElseThrow()), "maps"));
        assertThat(maps).contains(HookTarball.home().resolve("lib/mirror-tls.aot").toString())
                .doesNotContain(HookTarball.home().resolve("lib/mirror.aot").toString());
        HttpResponse<Void> head = headManifest();
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void mirror_100ConcurrentManifestRequestsOverTls_allAnsweredWithTheSameDigest() throws Exception {
        hook = hookFor(ecr.url(), TRUST_OPTS + trustStore);
        ProcessResult start = hook.start("--strict");
        assertThat(start.exitCode()).as("%s", start).isZero();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest head = HttpRequest.newBuilder(
                        URI.create("http://" + hook.files().listen() + "/v2/" + REPOSITORY + "/manifests/1"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", RegistryApiSeeder.OCI_MANIFEST).build();

        // Three bursts of 100: registry connections are opened (a TLS handshake each) up to the pool's cap, then reused.
        java.util.Set<String> digests = new java.util.HashSet<>();
        for (int burst = 0; burst < 3; burst++) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(client.sendAsync(head, HttpResponse.BodyHandlers.discarding()));
            }
            for (var answer : answers) {
                HttpResponse<Void> r = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                digests.add(r.headers().firstValue("Docker-Content-Digest").orElse("none"));
            }
        }

        assertThat(digests).hasSize(1).noneMatch(d -> d.equals("none"));
        HttpResponse<Void> again = client.send(head, HttpResponse.BodyHandlers.discarding());
        assertThat(again.statusCode()).as("a request after the bursts, on a pooled TLS connection").isEqualTo(200);
        hook.awaitStatsAbove("served", 300);
        // Without the cap the pool grew by up to 16 connections per burst for as long as bursts came.
        assertThat(hook.statsCounter("registryConnections")).as("TLS connections opened for 301 requests, 100 at once")
                .isBetween(2L, 64L); // UpstreamPool.MAX_CONNECTIONS_TLS
    }

    @Test
    void start_registryCertificateNotTrusted_failsOpenSayingTheCertificateWasRefused() {
        hook = hookFor(ecr.url(), "");

        ProcessResult start = hook.start("--strict");

        assertThat(start.exitCode()).as("%s", start).isEqualTo(1);
        assertThat(start.stderr()).contains(ecr.url(), "TLS certificate was not accepted", "javax.net.ssl.trustStore",
                "everything the hook changed was put back").doesNotContain("could not be reached");
        assertThat(hook.proxyPid()).isEmpty();
    }

    /** A manifest HEAD through the running hook's mirror. */
    private HttpResponse<Void> headManifest() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + hook.files().listen() + "/v2/" + REPOSITORY + "/manifests/1"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", RegistryApiSeeder.OCI_MANIFEST).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static HookProcess hookFor(String registryUrl, String mirrorJavaOpts) {
        Path none = Path.of("none");
        Path state = certs.resolve("state-" + System.nanoTime());
        HookFiles files = new HookFiles(registryUrl, EcrTokenStandIn.REGION, "docker-hub", none, none, none, none, none,
                none, state, "127.0.0.1:" + FreePort.onLoopback());
        Map<String, String> env = new java.util.LinkedHashMap<>(tokenApi.clientEnvironment());
        env.put("PULLTHROUGH_HOOK_PROXY_JAVA_OPTS", mirrorJavaOpts);
        return new HookProcess(files, env);
    }

    private static void run(List<String> command) {
        ProcessResult r = ProcessRunner.inheritingEnvironment().run(command);
        assertThat(r.exitCode()).as("%s", r).isZero();
    }
}
