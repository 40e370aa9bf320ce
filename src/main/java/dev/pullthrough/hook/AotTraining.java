package dev.pullthrough.hook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The build-time training run for the tarball's class-data archive ({@code -XX:AOTCacheOutput}): one
 * {@code hook start} and {@code stop} on throw-away files, and the mirror serving a few requests in this JVM, both
 * against a loopback stand-in that answers as ECR's token API and as the registry. Every class the hook and the
 * mirror load on that path then comes from the archive at run time. It reads no real file, needs no AWS account and
 * leaves nothing behind (a temp dir, removed). Not part of the hook's interface.
 */
public final class AotTraining {
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";
    private static final String PASSWORD = "training-only";

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("pullthrough-aot-");
        HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/", AotTraining::answer);
        standIn.start();
        try {
            String base = "http://127.0.0.1:" + standIn.getAddress().getPort();
            // The SDK's own override settings (system-property twins of AWS_ENDPOINT_URL_ECR and the key pair).
            System.setProperty("aws.endpointUrlEcr", base);
            System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
            System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            int start = hook(tmp, "start", "--strict", "--registry", base, "--region", "us-east-1",
                    "--daemon-config", tmp.resolve("daemon.json").toString(), "--docker-pid-file", "none",
                    "--containerd-certs-dir", tmp.resolve("certs.d").toString(),
                    "--buildkitd-config", tmp.resolve("buildkitd.toml").toString(),
                    "--docker-config", tmp.resolve("docker").toString(),
                    "--github-env", tmp.resolve("github_env").toString(), "--listen", "127.0.0.1:0");
            hook(tmp, "status");
            int stop = hook(tmp, "stop");
            mirrorInProcess(base);
            if (start != 0 || stop != 0) {
                throw new IllegalStateException("training run failed: start " + start + ", stop " + stop);
            }
        } finally {
            standIn.stop(0);
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static int hook(Path tmp, String command, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--state-dir";
        all[args.length + 2] = tmp.resolve("state").toString();
        return HookMain.commandLine().execute(all);
    }

    /** The mirror's request path (it runs in the mirror's own JVM at run time, which maps the same archive). */
    private static void mirrorInProcess(String base) throws IOException, InvalidHookSettingException {
        EcrToken token = EcrToken.of("AWS", PASSWORD, Instant.now().plusSeconds(3600), Instant.now());
        RefreshingToken refreshing = new RefreshingToken(new EcrTokenSource("us-east-1", Clock.systemUTC()), token,
                Clock.systemUTC(), line -> { });
        MirrorProxy proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"),
                RegistryEndpoint.parse(base), UpstreamRoutes.dockerHubOnly("docker-hub")), refreshing, line -> { });
        try {
            for (String path : new String[] {"/v2/", "/v2/library/hello/manifests/1", "/v2/library/hello/blobs/sha256:"
                    + "0".repeat(64)}) {
                for (String method : new String[] {"HEAD", "GET"}) {
                    HttpURLConnection c = (HttpURLConnection) URI.create("http://" + proxy.address().hostPort() + path)
                            .toURL().openConnection();
                    c.setRequestMethod(method);
                    c.getResponseCode();
                    try (var in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
                        if (in != null) {
                            in.readAllBytes();
                        }
                    }
                }
            }
        } finally {
            proxy.close();
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
