package dev.pullthrough.hook;

import java.time.Duration;

/**
 * The mirror's time and size limits, so no client or upstream can hold a connection (or its thread) forever.
 *
 * @param headerTimeout from a request's first byte until its headers are complete (slow-header clients, "slowloris")
 * @param idleTimeout how long a keep-alive connection may wait for its next request
 * @param stallTimeout how long the upstream may go without sending: its answer or the next body chunk (then 504, or
 *     the client connection is reset so the client retries); a client that stops reading for twice this long is cut
 * @param connectTimeout connecting to the upstream registry
 * @param maxHeaderBytes request line and headers together (431 beyond)
 * @param maxConnections open client connections; more are answered 503 at once
 */
public record ServerLimits(Duration headerTimeout, Duration idleTimeout, Duration stallTimeout, Duration connectTimeout,
        int maxHeaderBytes, int maxConnections) {
    /** The defaults, each overridable with a system property {@code pullthrough.proxy.<name>} (ms or a count). */
    public static final ServerLimits DEFAULT = new ServerLimits(
            millis("headerTimeoutMs", 10_000), millis("idleTimeoutMs", 30_000), millis("stallTimeoutMs", 60_000),
            millis("connectTimeoutMs", 10_000), Integer.getInteger("pullthrough.proxy.maxHeaderBytes", 16 * 1024),
            Integer.getInteger("pullthrough.proxy.maxConnections", 256));

    public ServerLimits {
        if (maxHeaderBytes < 256 || maxConnections < 1) {
            throw new IllegalArgumentException("maxHeaderBytes >= 256 and maxConnections >= 1");
        }
    }

    private static Duration millis(String name, long fallback) {
        return Duration.ofMillis(Long.getLong("pullthrough.proxy." + name, fallback));
    }

    public ServerLimits withTimeouts(Duration header, Duration idle, Duration stall) {
        return new ServerLimits(header, idle, stall, connectTimeout, maxHeaderBytes, maxConnections);
    }

    public ServerLimits withMaxConnections(int max) {
        return new ServerLimits(headerTimeout, idleTimeout, stallTimeout, connectTimeout, maxHeaderBytes, max);
    }
}
