package dev.pullthrough.testing.docker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the one ECR API call the hook makes, GetAuthorizationToken, in the AWS JSON 1.1 protocol as
 * documented: {@code POST /} with {@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken}
 * and {@code Content-Type: application/x-amz-json-1.1}, answering
 * {@code {"authorizationData":[{"authorizationToken":base64("AWS:"+password),"expiresAt":epochSeconds,"proxyEndpoint":...}]}}.
 * <p>
 * Each issue makes a fresh >1 KB password the only valid one at the ECR registry stand-in (its htpasswd is rewritten),
 * and when the token's lifetime ends it is revoked there too, so an expired token really gets 401. It can be told
 * to fail (HTTP 500, or AccessDenied) and counts calls. Requests must carry a SigV4 {@code Authorization} header for
 * the configured access key, which proves the SDK's credential chain and endpoint override were used.
 */
public final class EcrTokenStandIn implements AutoCloseable {
    public static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";
    /** Also answered, from the registry stand-in's storage: whether a cache repository holds an image. */
    public static final String BATCH_GET_IMAGE = "AmazonEC2ContainerRegistry_V20150921.BatchGetImage";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final String ACCESS_KEY_ID = "AKIAPULLTHROUGHTEST1";
    public static final String SECRET_ACCESS_KEY = "pullthrough-test-secret-not-a-real-key";
    public static final String REGION = "us-east-1";
    /** ECR's passwords are ~2 KB; the hook must cope with long ones (htpasswd and headers). */
    private static final int PASSWORD_BYTES = 1536;

    /** What the stand-in answers. */
    public enum Mode { ISSUE, SERVER_ERROR, ACCESS_DENIED }

    private final HttpServer server;
    private final Optional<DistributionRegistry> registry;
    private final String proxyEndpoint;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ecr-token-expiry");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger batchGetImageCalls = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final List<String> issuedPasswords = new ArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile TokenBucket bucket;
    private volatile Mode mode = Mode.ISSUE;
    private volatile Duration tokenLifetime = Duration.ofHours(12);
    private volatile String currentPassword;

    private EcrTokenStandIn(HttpServer server, Optional<DistributionRegistry> registry, String proxyEndpoint,
                            String initialPassword) {
        this.server = server;
        this.registry = registry;
        this.proxyEndpoint = proxyEndpoint;
        this.currentPassword = initialPassword;
    }

    /** A fresh random password (base64 text, 2048 chars), as ECR's are long opaque strings. */
    public static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Starts for {@code registry} (the ECR stand-in, whose current password is {@code registryPassword}); tokens
     * name {@code registry.url()} as proxyEndpoint.
     */
    public static EcrTokenStandIn start(DistributionRegistry registry, String registryPassword) {
        return start(Optional.of(registry), registry.url(), registryPassword);
    }

    /** Starts without a registry behind it (tokens are issued but authenticate nowhere). */
    public static EcrTokenStandIn startDetached() {
        return start(Optional.empty(), "https://123456789012.dkr.ecr.us-east-1.amazonaws.com", newPassword());
    }

    private static EcrTokenStandIn start(Optional<DistributionRegistry> registry, String proxyEndpoint, String password) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            EcrTokenStandIn standIn = new EcrTokenStandIn(server, registry, proxyEndpoint, password);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ecr-api-stand-in");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ECR API stand-in", e);
        }
    }

    /** For AWS_ENDPOINT_URL_ECR. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The environment a hook process needs to reach this stand-in through the SDK's default chain: endpoint override,
     * fake static keys, region; and nothing from the machine's own AWS config or instance metadata.
     */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_ECR", endpoint());
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_REGION", REGION);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        return env;
    }

    public void mode(Mode newMode) {
        this.mode = newMode;
    }

    /**
     * Throttles GetAuthorizationToken like ECR does per account and region ({@link TokenBucket}); throttled calls get
     * HTTP 400 {@code ThrottlingException}, as the JSON 1.1 protocol answers. {@code null} turns throttling off.
     */
    public void throttle(TokenBucket newBucket) {
        this.bucket = newBucket;
    }

    /** Calls answered with ThrottlingException. */
    public int throttledCalls() {
        return throttled.get();
    }

    /** Lifetime of tokens issued from now on (ECR's is 12 h). */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** GetAuthorizationToken calls received (valid or not). */
    public int calls() {
        return calls.get();
    }

    /** Calls refused because they were not a well-formed, signed GetAuthorizationToken request. */
    public int rejectedCalls() {
        return rejected.get();
    }

    /** The password the registry accepts right now. */
    public String currentPassword() {
        return currentPassword;
    }

    /** Every password handed out so far, oldest first (for "the token never appears in ..." checks). */
    public synchronized List<String> issuedPasswords() {
        return List.copyOf(issuedPasswords);
    }

    /** Invalidates the current password at the registry now, as if it expired. */
    public void revokeCurrent() {
        String revoked = newPassword();
        currentPassword = revoked;
        registry.ifPresent(r -> r.rotatePassword(revoked));
    }

    /** BatchGetImage calls received. */
    public int batchGetImageCalls() {
        return batchGetImageCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] request = body.readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (BATCH_GET_IMAGE.equals(target) && registry.isPresent()) {
                batchGetImageCalls.incrementAndGet();
                batchGetImage(exchange, request);
                return;
            }
            calls.incrementAndGet();
            String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
            if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())
                    || !TARGET.equals(target) || !contentType.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE)) {
                rejected.incrementAndGet();
                error(exchange, 400, "UnknownOperationException", "stand-in only implements " + TARGET);
                return;
            }
            if (!authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/")) {
                rejected.incrementAndGet();
                error(exchange, 403, "MissingAuthenticationTokenException", "request is not signed with the test key");
                return;
            }
            TokenBucket b = bucket;
            if (b != null && !b.tryTake()) {
                throttled.incrementAndGet();
                error(exchange, 400, "ThrottlingException", "Rate exceeded");
                return;
            }
            switch (mode) {
                case SERVER_ERROR -> error(exchange, 500, "ServerException", "stand-in told to fail");
                case ACCESS_DENIED -> error(exchange, 400, "AccessDeniedException",
                        "User: arn:aws:iam::123456789012:user/test is not authorized to perform: "
                                + "ecr:GetAuthorizationToken on resource: * because no identity-based policy allows it");
                case ISSUE -> issue(exchange);
            }
        }
    }

    private void issue(HttpExchange exchange) throws IOException {
        String password = newPassword();
        Duration lifetime = tokenLifetime;
        synchronized (this) {
            issuedPasswords.add(password);
        }
        currentPassword = password;
        registry.ifPresent(r -> r.rotatePassword(password));
        Instant expiresAt = Instant.now().plus(lifetime);
        expiry.schedule(() -> {
            if (password.equals(currentPassword)) {
                revokeCurrent();
            }
        }, lifetime.toMillis(), TimeUnit.MILLISECONDS);
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        String json = "{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":"
                + expiresAt.getEpochSecond() + "." + String.format("%03d", expiresAt.getNano() / 1_000_000)
                + ",\"proxyEndpoint\":\"" + proxyEndpoint + "\"}]}";
        send(exchange, 200, json, Map.of());
    }

    /**
     * BatchGetImage as documented: the image when the repository holds it, a failure {@code ImageNotFound} when not,
     * {@code RepositoryNotFoundException} when the repository does not exist. Reads the registry's storage, which
     * (like the API) never imports from the upstream.
     */
    private void batchGetImage(HttpExchange exchange, byte[] request) throws IOException {
        com.fasterxml.jackson.databind.JsonNode in = new com.fasterxml.jackson.databind.ObjectMapper().readTree(request);
        String repository = in.path("repositoryName").asText();
        com.fasterxml.jackson.databind.node.ObjectNode out = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode images = out.putArray("images");
        com.fasterxml.jackson.databind.node.ArrayNode failures = out.putArray("failures");
        for (com.fasterxml.jackson.databind.JsonNode id : in.path("imageIds")) {
            String reference = id.hasNonNull("imageDigest") ? id.path("imageDigest").asText() : id.path("imageTag").asText();
            Optional<String> digest = registry.get().storedManifest(repository, reference);
            if (digest == null) {
                error(exchange, 400, "RepositoryNotFoundException", "The repository with name '" + repository
                        + "' does not exist in the registry with id '123456789012'");
                return;
            }
            if (digest.isPresent()) {
                com.fasterxml.jackson.databind.node.ObjectNode image = images.addObject();
                image.put("registryId", "123456789012").put("repositoryName", repository);
                image.putObject("imageId").put("imageDigest", digest.get());
            } else {
                com.fasterxml.jackson.databind.node.ObjectNode failure = failures.addObject();
                failure.set("imageId", id);
                failure.put("failureCode", "ImageNotFound").put("failureReason", "Requested image not found");
            }
        }
        send(exchange, 200, out.toString(), Map.of());
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        send(exchange, status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}",
                Map.of("x-amzn-ErrorType", type));
    }

    private static void send(HttpExchange exchange, int status, String json, Map<String, String> headers) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        expiry.shutdownNow();
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
