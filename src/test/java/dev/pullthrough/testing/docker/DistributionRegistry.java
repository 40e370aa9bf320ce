package dev.pullthrough.testing.docker;

import dev.pullthrough.testing.process.ProcessResult;
import dev.pullthrough.testing.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on a free loopback port, in one of two roles:
 * <ul>
 *   <li>{@link #dockerHub()}: a plain registry standing in for Docker Hub, seeded by pushes;</li>
 *   <li>{@link #ecr}: the ECR stand-in, a pull-through cache (proxy mode) of the Docker Hub stand-in that requires
 *       HTTP Basic auth for user {@code AWS} with a long token, answering 401 with a {@code Basic realm=} challenge
 *       as ECR does.</li>
 * </ul>
 * Distribution cannot strip a path prefix when it proxies, unlike an ECR pull-through rule (which maps
 * {@code docker-hub/library/hello} to Docker Hub's {@code library/hello}). Tests therefore seed the image in the Docker
 * Hub stand-in under both names; see {@link ImageSeeder}. The access log (stdout) and the application log (stderr)
 * go to separate files.
 */
public final class DistributionRegistry implements AutoCloseable {
    /** bcrypt reads at most 72 bytes; htpasswd refuses passwords over 255. The full token still authenticates. */
    private static final int BCRYPT_MAX_BYTES = 72;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final ScratchDir dir;
    private final Process process;
    private final int port;
    private final Optional<Path> htpasswd;
    private final boolean tls;
    private final LogFile accessLog;
    private final LogFile applicationLog;

    private DistributionRegistry(ScratchDir dir, Process process, int port, Optional<Path> htpasswd, boolean tls) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.htpasswd = htpasswd;
        this.tls = tls;
        this.accessLog = new LogFile(dir.resolve("access.log"));
        this.applicationLog = new LogFile(dir.resolve("registry.log"));
    }

    /** The "Docker Hub" stand-in: no auth, accepts pushes. */
    public static DistributionRegistry dockerHub() {
        ScratchDir dir = ScratchDir.create();
        int port = FreePort.onLoopback();
        String config = baseConfig(dir, port);
        return start(dir, port, config, Optional.empty(), false);
    }

    /**
     * The "ECR" stand-in: a pull-through cache of {@code upstream}, Basic auth user {@code AWS} with
     * {@code initialToken} as password (written before start: without the file distribution provisions a random user).
     */
    public static DistributionRegistry ecr(DistributionRegistry upstream, String initialToken) {
        return startEcr(upstream, initialToken, "");
    }

    /**
     * The ECR stand-in served over HTTPS with {@code certificate} and {@code key} (PEM), as the real ECR is: the
     * mirror's TLS client (trust, host name check) is then part of what a test exercises.
     */
    public static DistributionRegistry ecrOverTls(DistributionRegistry upstream, String initialToken, Path certificate,
            Path key) {
        return startEcr(upstream, initialToken, "  tls:\n    certificate: " + certificate + "\n    key: " + key + "\n");
    }

    /** The ECR stand-in; {@code tls} is the {@code http.tls} section, empty for plain HTTP. */
    private static DistributionRegistry startEcr(DistributionRegistry upstream, String initialToken, String tls) {
        ScratchDir dir = ScratchDir.create();
        int port = FreePort.onLoopback();
        Path htpasswd = dir.resolve("htpasswd");
        writeHtpasswd(htpasswd, initialToken);
        String config = baseConfig(dir, port)
                + tls
                + "auth:\n"
                + "  htpasswd:\n"
                + "    realm: pt-ecr-stand-in\n"
                + "    path: " + htpasswd + "\n"
                + "proxy:\n"
                + "  remoteurl: " + upstream.url() + "\n";
        return start(dir, port, config, Optional.of(htpasswd), !tls.isEmpty());
    }

    private static String baseConfig(ScratchDir dir, int port) {
        return "version: 0.1\n"
                + "log:\n"
                + "  level: info\n"
                + "  formatter: text\n"
                + "storage:\n"
                + "  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("data") + "\n"
                + "  delete:\n"
                + "    enabled: true\n"
                + "  maintenance:\n"
                + "    uploadpurging:\n"
                + "      enabled: false\n"
                + "http:\n"
                + "  addr: 127.0.0.1:" + port + "\n"
                + "  secret: pullthrough-test-only\n";
    }

    private static DistributionRegistry start(ScratchDir dir, int port, String config, Optional<Path> htpasswd,
            boolean tls) {
        Path binary = RequiredTool.DISTRIBUTION.path();
        try {
            Path configFile = dir.resolve("config.yml");
            Files.writeString(configFile, config);
            Process process = new ProcessBuilder(binary.toString(), "serve", configFile.toString())
                    .redirectOutput(dir.resolve("access.log").toFile())
                    .redirectError(dir.resolve("registry.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            DistributionRegistry registry = new DistributionRegistry(dir, process, port, htpasswd, tls);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            dir.close();
            throw new UncheckedIOException("cannot start distribution in " + dir.path(), e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = applicationLog.tail(20);
                close();
                throw new IllegalStateException("distribution exited during start:\n" + tail);
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url() + "/v2/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (javax.net.ssl.SSLException answeredTls) {
                if (tls) {
                    return; // listening and speaking TLS with a certificate this client does not trust: ready
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        String tail = applicationLog.tail(20);
        close();
        throw new IllegalStateException("distribution did not answer on " + url() + ":\n" + tail);
    }

    /**
     * Makes {@code token} the only valid password of user AWS, by atomically replacing the htpasswd file
     * (distribution re-reads it when it changes: rotation without restart, like a new ECR token).
     */
    public void rotatePassword(String token) {
        writeHtpasswd(htpasswd.orElseThrow(() -> new IllegalStateException("this registry has no auth")), token);
    }

    private static void writeHtpasswd(Path file, String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        byte[] hashed = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, BCRYPT_MAX_BYTES));
        ProcessResult result = ProcessRunner.inheritingEnvironment()
                .run(List.of(RequiredTool.HTPASSWD.path().toString(), "-niB", "AWS"), hashed)
                .requireSuccess();
        String line = result.stdout().lines().filter(l -> l.startsWith("AWS:")).findFirst()
                .orElseThrow(() -> new IllegalStateException("htpasswd printed no entry: " + result));
        try {
            Path temp = Files.createTempFile(file.getParent(), "htpasswd", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, line + "\n");
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, the form image references and `docker login` take. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://} for {@link #ecrOverTls}. */
    public String url() {
        return (tls ? "https://" : "http://") + hostPort();
    }

    /**
     * What the registry's storage holds for {@code repository} at {@code reference} (a tag or a digest): the manifest
     * digest, or empty; {@code null} when the repository does not exist at all. Read from distribution's filesystem
     * layout, so it tells what a proxy-mode registry has cached without asking it (asking would fetch).
     */
    public Optional<String> storedManifest(String repository, String reference) {
        Path repo = dir.resolve("data").resolve("docker/registry/v2/repositories").resolve(repository);
        if (!Files.isDirectory(repo.resolve("_manifests"))) {
            return null;
        }
        try {
            if (reference.startsWith("sha256:")) {
                Path link = repo.resolve("_manifests/revisions/sha256").resolve(reference.substring(7)).resolve("link");
                return Files.isRegularFile(link) ? Optional.of(reference) : Optional.empty();
            }
            Path link = repo.resolve("_manifests/tags").resolve(reference).resolve("current/link");
            return Files.isRegularFile(link) ? Optional.of(Files.readString(link).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LogFile accessLog() {
        return accessLog;
    }

    public LogFile applicationLog() {
        return applicationLog;
    }

    public List<AccessLogEntry> accessEntries() {
        return accessEntriesSince(new LogFile.Mark(0));
    }

    public List<AccessLogEntry> accessEntriesSince(LogFile.Mark mark) {
        return accessLog.linesSince(mark).stream().map(AccessLogEntry::parse).flatMap(Optional::stream).toList();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        ProcessRunner.stop(process, Duration.ofSeconds(10));
        dir.close();
    }
}
