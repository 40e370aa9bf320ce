package dev.pullthrough.hook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the mirror did, for {@code hook status}: written to the state directory as JSON. */
public final class ProxyCounters {
    /** Every request answered, including refused ones. */
    final AtomicLong served = new AtomicLong();
    /** Requests sent upstream (a 401 retry counts once). */
    final AtomicLong forwarded = new AtomicLong();
    /** Requests refused (peer, method, path, host). */
    final AtomicLong refused = new AtomicLong();
    /** Upstream unreachable or broke off. */
    final AtomicLong upstreamErrors = new AtomicLong();
    /** Upstream answered 401 even after a refresh. */
    final AtomicLong unauthorized = new AtomicLong();
    /** Connections closed for a timeout: request headers too slow, or no progress upstream or to the client. */
    final AtomicLong timeouts = new AtomicLong();
    /** Redirects (ECR blob 307s) passed back to the client. */
    final AtomicLong redirects = new AtomicLong();
    /** Connections opened to the registry (over TLS each is a handshake; pooled ones carry many requests). */
    final AtomicLong registryConnections = new AtomicLong();
    /** Per upstream registry of the route table, in its order; fixed at start, so reads need no lock. */
    private final Map<String, UpstreamCounters> upstreams = new LinkedHashMap<>();

    public ProxyCounters() {
        this(java.util.List.of());
    }

    public ProxyCounters(java.util.Collection<String> upstreamHosts) {
        upstreamHosts.forEach(h -> upstreams.put(h, new UpstreamCounters()));
    }

    /** The counters of one upstream of the route table, null for another. */
    UpstreamCounters upstream(String host) {
        return upstreams.get(host);
    }

    /** Per upstream, in route table order. */
    public Map<String, UpstreamCounters> upstreams() {
        return java.util.Collections.unmodifiableMap(upstreams);
    }

    public long served() {
        return served.get();
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long refused() {
        return refused.get();
    }

    public long upstreamErrors() {
        return upstreamErrors.get();
    }

    public long unauthorized() {
        return unauthorized.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    public long redirects() {
        return redirects.get();
    }

    /** A snapshot in a stable key order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("served", served.get());
        m.put("forwarded", forwarded.get());
        m.put("refused", refused.get());
        m.put("redirects", redirects.get());
        m.put("unauthorized", unauthorized.get());
        m.put("upstreamErrors", upstreamErrors.get());
        m.put("timeouts", timeouts.get());
        m.put("registryConnections", registryConnections.get());
        return m;
    }
}
