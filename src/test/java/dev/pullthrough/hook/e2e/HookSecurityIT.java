package dev.pullthrough.hook.e2e;

import dev.pullthrough.testing.docker.LogFile;
import dev.pullthrough.testing.docker.RawHttp;
import dev.pullthrough.testing.docker.RegistryStandIns;
import dev.pullthrough.testing.process.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The running proxy, probed from outside with raw requests: read-only, registry API only, no traversal, loopback
 * peers with loopback Host headers only; nothing refused ever reaches the ECR stand-in. And the token: never in the
 * hook's output (except the one {@code ::add-mask::} line docs/HOOK.md documents, which hides it from job logs), the
 * proxy log, the state dir (except token.json, the owner-only reused token), $GITHUB_ENV, or the proxy's command
 * line and environment.
 */
class HookSecurityIT {
    private static HookScenario scenario;
    private static int port;
    private static final List<ProcessResult> hookRuns = new ArrayList<>();

    @BeforeAll
    static void startHookAndPull() {
        scenario = HookScenario.start();
        hookRuns.add(scenario.startHook());
        port = Integer.parseInt(scenario.files().listen().substring(scenario.files().listen().lastIndexOf(':') + 1));
        scenario.dockerd().docker("pull", RegistryStandIns.SHORT_NAME).requireSuccess();
        hookRuns.add(scenario.hook().status());
        hookRuns.add(scenario.hook().status("--json"));
    }

    @AfterAll
    static void stopAll() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void proxy_writeMethods_refusedWith405AndNotForwarded() {
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            RawHttp.Response response = RawHttp.send(port, method, "/v2/library/hello/blobs/uploads/", "127.0.0.1");
            assertThat(response.status()).as(method).isEqualTo(405);
        }
        for (String method : List.of("TRACE", "PROPFIND", "BREW")) {
            RawHttp.Response response = RawHttp.send(port, method, "/v2/library/hello/manifests/1", "127.0.0.1");
            assertThat(response.status()).as(method).isBetween(400, 499);
        }
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr)).isEmpty();
    }

    @Test
    void proxy_pathsOutsideRegistryApi_refusedAndNotForwarded() {
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        for (String path : List.of("/", "/v1/_ping", "/metrics", "/v2", "/v3/", "/admin", "/latest/meta-data/")) {
            RawHttp.Response response = RawHttp.send(port, "GET", path, "127.0.0.1");
            assertThat(response.status()).as(path).isBetween(400, 499);
        }
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr)).isEmpty();
    }

    @Test
    void proxy_traversal_refusedAndNotForwarded() {
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        for (String path : List.of("/v2/../etc/passwd", "/v2/library/hello/../../../v2/",
                "/v2/%2e%2e/%2e%2e/etc/passwd", "/v2/library/%2E%2E/manifests/1", "/v2/library/hello/manifests/..%2f..%2fx",
                "/v2/library/hello/blobs/%2F..%2F..%2Fsecret", "/v2/./library/hello/manifests/1",
                "/v2/library//hello/manifests/1", "/v2/library\\..\\hello/manifests/1")) {
            RawHttp.Response response = RawHttp.send(port, "GET", path, "127.0.0.1");
            assertThat(response.status()).as(path).isEqualTo(400);
        }
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr)).isEmpty();
    }

    @Test
    void proxy_nonLoopbackPeer_refused() {
        InetAddress external = nonLoopbackAddress();
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        // The listener is bound to loopback: the host's own external address has nothing listening.
        assertThatThrownBy(() -> RawHttp.sendTo(external, null, port, "GET", "/v2/", "127.0.0.1"))
                .isInstanceOf(UncheckedIOException.class);
        // A peer with a non-loopback source address reaching the loopback listener is refused by the peer check.
        RawHttp.Response fromOutside = RawHttp.sendFrom(external, port, "GET",
                "/v2/library/hello/manifests/1", "127.0.0.1");
        assertThat(fromOutside.status()).isEqualTo(403);
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr)).isEmpty();
    }

    @Test
    void proxy_foreignHostHeader_refused() {
        LogFile.Mark ecr = scenario.registries().ecr().accessLog().mark();

        RawHttp.Response response = RawHttp.send(port, "GET", "/v2/library/hello/manifests/1", "attacker.example:" + port);

        assertThat(response.status()).isEqualTo(403);
        assertThat(scenario.registries().ecr().accessEntriesSince(ecr)).isEmpty();
    }

    @Test
    void proxy_plainGet_stillServed() {
        // The control for the refusals above: the same request, well-formed, is forwarded.
        RawHttp.Response response = RawHttp.send(port, "HEAD", "/v2/library/hello/manifests/1", "127.0.0.1:" + port);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void token_neverInOutputLogsStateGithubEnvOrProcessInfo() throws IOException {
        List<String> passwords = scenario.tokenApi().issuedPasswords();
        assertThat(passwords).isNotEmpty();
        List<String> secrets = new ArrayList<>(passwords);
        for (String password : passwords) {
            secrets.add(Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        // The hook's own output: only a ::add-mask:: line may carry the token (it tells the runner to hide it).
        for (ProcessResult run : hookRuns) {
            String unmasked = run.stdout().lines().filter(line -> !line.startsWith("::add-mask::"))
                    .reduce("", (a, b) -> a + b + "\n");
            assertNoSecret("stdout of " + run.command().get(3), unmasked, secrets);
            assertNoSecret("stderr of " + run.command().get(3), run.stderr(), secrets);
        }
        assertNoSecret("proxy log", read(scenario.hook().proxyLog()), secrets);
        // The one file meant to hold it: the reused token (issue 14), owner-only like docker's config.json.
        Path tokenCache = scenario.files().stateDir().resolve("token.json");
        try (Stream<Path> files = Files.walk(scenario.files().stateDir())) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(tokenCache)).toList()) {
                assertNoSecret(file.toString(), read(file), secrets);
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenCache))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(scenario.files().stateDir())))
                .isEqualTo("rwx------");
        assertNoSecret("$GITHUB_ENV", read(scenario.files().githubEnv()), secrets);
        assertNoSecret("dockerd log", scenario.dockerd().log().contents(), secrets);
        long pid = scenario.hook().proxyPid().orElseThrow();
        assertNoSecret("proxy command line", read(Path.of("/proc/" + pid + "/cmdline")), secrets);
        assertNoSecret("proxy environment", read(Path.of("/proc/" + pid + "/environ")), secrets);
    }

    @Test
    void dockerConfig_holdingTheLogin_isOwnerOnly() throws IOException {
        Path config = scenario.files().dockerConfigJson();

        assertThat(read(config)).contains(scenario.registries().ecr().hostPort());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    }

    private static void assertNoSecret(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text.contains(secret)).as("a token appears in %s", where).isFalse();
            // Also no long fragment of it (a truncated or wrapped print).
            assertThat(text.contains(secret.substring(0, 64))).as("a token fragment appears in %s", where).isFalse();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1) : "";
    }

    private static InetAddress nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("this machine has no non-loopback IPv4 address to play an outside peer from");
    }
}
