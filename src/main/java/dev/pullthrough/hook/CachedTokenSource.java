package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reuses a still-valid token from the state directory, so a long-lived runner that runs {@code hook start} before
 * every job calls GetAuthorizationToken about once per 12-hour token, not once per job (ECR allows each account 20
 * calls a second after a burst of 200: docs/SCALE.md). A token is reused only until its refresh time
 * ({@link EcrToken#refreshAt()}), only for the same region and credential settings, and it is forgotten when a start
 * fails, so a revoked token cannot keep a runner failing open.
 *
 * <p>The file is {@code token.json} in the state directory (which is 0700), written 0600, never printed. The default
 * state directory is under {@code /run}, a tmpfs: the cache lasts one boot.
 */
public final class CachedTokenSource implements TokenSource {
    /** Environment that changes whose token it is or where it comes from; part of the cache key. */
    private static final String[] IDENTITY_ENV = {"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_ROLE_ARN",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR"};

    private final Path file;
    private final String key;
    private final TokenSource delegate;
    private final Clock clock;

    public CachedTokenSource(Path file, String key, TokenSource delegate, Clock clock) {
        this.file = file;
        this.key = key;
        this.delegate = delegate;
        this.clock = clock;
    }

    /** The cache key: the region and a digest of the credential settings (no secret is stored in it). */
    public static String key(String region, Map<String, String> env) {
        Map<String, String> identity = new TreeMap<>();
        for (String name : IDENTITY_ENV) {
            identity.put(name, env.getOrDefault(name, ""));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return region + "/" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Removes the cached token (after a failed start). */
    public static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: a token that cannot be removed expires by itself, and a failed start forgets it again.
        }
    }

    @Override
    public EcrToken fetch() throws TokenFetchException {
        Optional<EcrToken> cached = read();
        if (cached.isPresent()) {
            return cached.get();
        }
        EcrToken fresh = delegate.fetch();
        write(fresh);
        return fresh;
    }

    private Optional<EcrToken> read() {
        try {
            Optional<byte[]> bytes = AtomicFiles.read(file);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            JsonNode node = JsonFiles.MAPPER.readTree(bytes.get());
            if (!key.equals(node.path("key").asText())) {
                return Optional.empty();
            }
            EcrToken token = new EcrToken(node.path("authorizationToken").asText(),
                    Instant.parse(node.path("expiresAt").asText()), Instant.parse(node.path("obtainedAt").asText()));
            return clock.instant().isBefore(token.refreshAt()) ? Optional.of(token) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or from another version: ask ECR, and overwrite it
        }
    }

    private void write(EcrToken token) {
        ObjectNode node = JsonFiles.MAPPER.createObjectNode();
        node.put("key", key);
        node.put("authorizationToken", token.authorizationToken());
        node.put("expiresAt", token.expiresAt().toString());
        node.put("obtainedAt", token.obtainedAt().toString());
        try {
            AtomicFiles.write(file, JsonFiles.MAPPER.writeValueAsBytes(node), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            // Not caching costs one more call on the next start; the token itself is fine.
        }
    }
}
