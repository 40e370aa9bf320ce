package dev.pullthrough.hook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The build-time training run for the tarball's two class-data archives (JDK 25 AOT caches): one {@code hook start},
 * {@code status} and {@code stop} on throw-away files, with the mirror serving a few requests in between, all against
 * a loopback stand-in that answers as ECR's token API and as the registry. This JVM records the hook's archive
 * ({@code -XX:AOTCacheOutput}); the mirror's JVM, launched by {@code start}, records its own configuration (the
 * build passes {@code -XX:AOTMode=record} through {@code PULLTHROUGH_HOOK_PROXY_JAVA_OPTS}), from which
 * {@code main(CONFIG, CACHE)} then creates the mirror's archive with the mirror's own JVM flags. Two archives, not
 * one: a JDK 25 runtime loads every class of its archive at start, so a shared one would give the long-running
 * mirror the hook's ~5000 classes (the AWS SDK, Jackson: ~15 MB of RSS it never uses), and the hook's JVM the
 * mirror's server. A third archive, for the mirror in front of an https registry as ECR is, comes from a second
 * round in a child JVM against an HTTPS stand-in (a throw-away RSA key made with the runtime's keytool, trusted by
 * the mirror through {@code -Djavax.net.ssl.trustStore}): it holds the JDK's TLS classes, which the plain-HTTP
 * mirror must not load at every start. It reads no real file, needs no AWS account and leaves nothing behind (temp
 * dirs, removed). Not part of the hook's interface.
 */
public final class AotTraining {
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";
    private static final String PASSWORD = "training-only";
    private static final String TLS_ROUND = "--tls-round";

    private AotTraining() {
    }

    /**
     * {@code args}: nothing; or the mirror's recorded AOT configuration and the archive to create from it; or those
     * two and the same two for the mirror in front of an https registry. ({@value #TLS_ROUND} {@code DIR}: the child
     * JVM's half of that TLS round.)
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(TLS_ROUND)) {
            tlsRound(Path.of(args[1]));
            System.exit(0);
        }
        Path tmp = Files.createTempDirectory("pullthrough-aot-");
        HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/", AotTraining::answer);
        standIn.start();
        try {
            String base = "http://127.0.0.1:" + standIn.getAddress().getPort();
            round(tmp, base, base);
        } finally {
            standIn.stop(0);
            delete(tmp);
        }
        if (args.length >= 2) {
            createMirrorCache(Path.of(args[0]), Path.of(args[1]), false);
        }
        if (args.length == 4) {
            recordTlsMirror(Path.of(args[2]));
            createMirrorCache(Path.of(args[2]), Path.of(args[3]), true);
        }
        System.exit(0);
    }

    /** start, requests through the mirror, status, stop: the token from {@code tokenBase}, the registry at the other. */
    private static void round(Path tmp, String tokenBase, String registryBase) throws IOException {
        // The SDK's own override settings (system-property twins of AWS_ENDPOINT_URL_ECR and the key pair).
        System.setProperty("aws.endpointUrlEcr", tokenBase);
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        int start = hook(tmp, "start", "--strict", "--registry", registryBase, "--region", "us-east-1",
                "--daemon-config", tmp.resolve("daemon.json").toString(), "--docker-pid-file", "none",
                "--containerd-certs-dir", tmp.resolve("certs.d").toString(),
                "--buildkitd-config", tmp.resolve("buildkitd.toml").toString(),
                "--docker-config", tmp.resolve("docker").toString(),
                "--github-env", tmp.resolve("github_env").toString(), "--listen", "127.0.0.1:0");
        if (start == 0) {
            throughTheMirror(new StateDir(tmp.resolve("state")));
        }
        hook(tmp, "status");
        int stop = hook(tmp, "stop");
        if (start != 0 || stop != 0) {
            throw new IllegalStateException("training run against " + registryBase + " failed: start " + start
                    + ", stop " + stop);
        }
    }

    /**
     * Records the configuration of a mirror in front of an https registry: a child JVM (its own
     * PULLTHROUGH_HOOK_PROXY_JAVA_OPTS, and nothing recorded into the hook's archive) runs a round against an
     * HTTPS stand-in whose key is made here.
     */
    private static void recordTlsMirror(Path config) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("pullthrough-aot-tls-");
        try {
            Path keys = tmp.resolve("registry.p12");
            // RSA, as ECR's certificates are: the archive then holds the classes that check such a chain.
            run(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                    "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12",
                    "-keystore", keys.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD), "keytool");
            ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    AotTraining.class.getName(), TLS_ROUND, tmp.toString()).inheritIO();
            child.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
            child.environment().put("PULLTHROUGH_HOOK_PROXY_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions"
                    + " -XX:-AOTRecordTraining -XX:AOTMode=record -XX:AOTConfiguration=" + config
                    + " -Xlog:aot=off -Xlog:cds=off -Djavax.net.ssl.trustStore=" + keys
                    + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD);
            run(child, "the training round against an https registry");
        } finally {
            delete(tmp);
        }
    }

    /** The child JVM's round: the token API over HTTP, the registry over HTTPS with the key in {@code dir}. */
    private static void tlsRound(Path dir) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("registry.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpServer token = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        token.createContext("/", AotTraining::answer);
        HttpsServer registry = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.setHttpsConfigurator(new HttpsConfigurator(tls));
        registry.createContext("/", AotTraining::answer);
        // A thread per exchange: on the server's one default thread, the mirror's idle warm-up connection held it
        // waiting for a request while the next connection's handshake waited behind it.
        ExecutorService exchanges = Executors.newCachedThreadPool();
        registry.setExecutor(exchanges);
        token.start();
        registry.start();
        try {
            round(dir, "http://127.0.0.1:" + token.getAddress().getPort(),
                    "https://127.0.0.1:" + registry.getAddress().getPort());
        } finally {
            token.stop(0);
            registry.stop(0);
            exchanges.shutdownNow();
        }
    }

    private static void run(ProcessBuilder pb, String what) throws IOException, InterruptedException {
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException(what + " failed (exit " + code + "): " + pb.command());
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int hook(Path tmp, String command, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--state-dir";
        all[args.length + 2] = tmp.resolve("state").toString();
        return HookMain.run(all);
    }

    /** The mirror's request paths, served by the mirror process {@code start} launched (it records its classes). */
    private static void throughTheMirror(StateDir dir) throws IOException {
        String mirror = "http://" + new String(Files.readAllBytes(dir.addrFile()), StandardCharsets.US_ASCII).trim();
        String[] paths = {"/v2/", "/v2/library/hello/manifests/1", "/v2/library/hello/blobs/sha256:" + "0".repeat(64),
            "/v2/library/hello/tags/list?n=10", "/v2/library/hello/manifests/1?ns=unknown.example", "/v2/../x", "/other"};
        for (int round = 0; round < 3; round++) {
            for (String path : paths) {
                for (String method : new String[] {"HEAD", "GET", "POST"}) {
                    HttpURLConnection c = (HttpURLConnection) URI.create(mirror + path).toURL().openConnection();
                    c.setRequestMethod(method);
                    try (var in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
                        if (in != null) {
                            in.readAllBytes();
                        }
                    }
                }
            }
        }
    }

    /** The mirror's archive from its recorded configuration, made with the JVM flags the mirror runs with. */
    private static void createMirrorCache(Path config, Path cache, boolean tlsRegistry)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("the mirror recorded no AOT configuration at " + config
                    + " (PULLTHROUGH_HOOK_PROXY_JAVA_OPTS=-XX:AOTMode=record -XX:AOTConfiguration=" + config + ")");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The training registries are loopback ones, so the TLS archive is made with the flags of an https registry
        // that is not ECR; the check below maps it with each set.
        cmd.addAll(ProxyProcess.jvmFlags(tlsRegistry ? MirrorCompilers.CIPHERS_ON_C2 : MirrorCompilers.C1_EARLY));
        cmd.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + cache,
                "-cp", System.getProperty("java.class.path")));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().remove("PULLTHROUGH_HOOK_PROXY_JAVA_OPTS");
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("creating the mirror's AOT cache failed (exit " + code + "): " + cmd);
        }
        // A JVM that cannot map an archive ignores it silently; AOTMode=on makes that a failure, here at build time,
        // with every compiler set: an https registry maps the TLS archive, or the plain-HTTP one when the TLS one is
        // missing.
        for (MirrorCompilers compilers : MirrorCompilers.values()) {
            List<String> check = new ArrayList<>(List.of(cmd.get(0)));
            check.addAll(ProxyProcess.jvmFlags(compilers));
            check.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                    "-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-cp", System.getProperty("java.class.path"),
                    HookMain.class.getName(), "--version"));
            ProcessBuilder mapped = new ProcessBuilder(check).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            mapped.environment().remove("PULLTHROUGH_HOOK_PROXY_JAVA_OPTS");
            if (mapped.start().waitFor() != 0) {
                throw new IllegalStateException("the runtime cannot map " + cache + ": " + check);
            }
        }
    }

    private static void answer(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        byte[] body;
        if ("POST".equals(ex.getRequestMethod()) && TARGET.equals(ex.getRequestHeaders().getFirst("X-Amz-Target"))) {
            String token = EcrToken.of("AWS", PASSWORD, Instant.EPOCH, Instant.EPOCH).authorizationToken();
            body = ("{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":"
                    + (Instant.now().getEpochSecond() + 43200) + ",\"proxyEndpoint\":\"https://127.0.0.1\"}]}")
                    .getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        } else if (path.startsWith("/v2/")) {
            body = "{}".getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().set("Content-Type", path.contains("/manifests/")
                    ? "application/vnd.docker.distribution.manifest.v2+json" : "application/json");
            ex.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
        } else {
            body = "{\"__type\":\"UnknownOperationException\"}".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(400, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
            return;
        }
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }
}
