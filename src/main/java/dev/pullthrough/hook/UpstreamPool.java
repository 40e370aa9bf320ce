package dev.pullthrough.hook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;

/**
 * The mirror's connections to the registry: idle keep-alive ones kept for the next request (a TLS handshake to ECR
 * costs far more than a request), new ones opened without blocking the loop. The registry's name is resolved off the
 * loop, at bind and then every {@value #RESOLVE_EVERY_SECONDS} s (as the JDK caches a lookup for 30 s), so a slow
 * DNS answer never holds every other connection.
 */
final class UpstreamPool {
    static final int RESOLVE_EVERY_SECONDS = 15;
    /**
     * Idle connections kept: as many as the server's connection cap, so every connection of a burst is reused by the
     * next one (keeping 128 of 200 left a sixth of the loop's CPU in connect, socket and close). A TLS connection
     * idle for {@link #BUFFERS_BACK_AFTER_NANOS} holds its engine's state only, its buffers are given back
     * ({@link UpstreamTransport#idle}).
     */
    static final int MAX_IDLE = ServerLimits.DEFAULT.maxConnections();
    /** Less than registries' own keep-alive timeouts, so the mirror is the one that closes an idle connection. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);
    /**
     * How long an idle connection keeps its transport's buffers (TLS: ~25 KB). Given back at every return, each
     * request over TLS took new ones, live while it ran: in a burst they outlived young collections, were promoted
     * and died in the old generation, which grew the heap to its 24 MB cap over a dozen bursts. Kept while the
     * connection is reused within this, they stay with it; a pool idle longer gives them back.
     */
    static final long BUFFERS_BACK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * TLS connections opened at once (connect and handshake); a request that finds none idle and this many opening
     * waits for the next one released or opened. A TLS handshake holds ~50 KB in flight and more in garbage: 200 at
     * once (a cold mirror's first burst) took the 24 MB heap to its cap with back-to-back full collections, and a
     * 16 MB heap ran out (docs/PERFORMANCE.md, "The mirror's memory over TLS"). The pool still grows to what a burst
     * needs, this many connections at a time. Plain connections (a loopback registry) hold nothing while they connect
     * and are not capped.
     */
    static final int MAX_OPENING_TLS = 16;
    /**
     * TLS connections open at most (idle, in use and opening): a request beyond them waits for the next one released,
     * as a browser does per host. ECR answers the mirror's requests with small bodies (manifests, and a redirect to
     * S3 for every blob, which the client follows itself), so an exchange holds its connection for milliseconds, and
     * a burst of 200 manifest requests is served by 64 connections with no handshake after the first burst; opening
     * one per request in flight cost 3-12 ms of CPU per handshake in the JDK's TLS, and the heap held each engine
     * kept (docs/PERFORMANCE.md, "The mirror over TLS, third pass"). Plain connections are not capped.
     *
     * <p>The cap bends when connections stop turning over: a request that has waited {@link #OVER_CAP_AFTER_NANOS}
     * opens its own, so 64 exchanges stuck on a slow registry (a cache miss fetched from upstream, a hung answer
     * before its stall timeout) delay the next request by a second, not until they end.
     */
    static final int MAX_CONNECTIONS_TLS = 64;
    /** How long a request waits for a connection under the cap before it opens one beyond it. */
    static final long OVER_CAP_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MirrorLoop loop;
    private final RegistryEndpoint endpoint;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final Set<UpstreamConnection> preparing = new HashSet<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private final int maxOpening;
    private final int maxLive;
    private final ProxyCounters counters;
    /** Connections counted from their first step until closed. */
    private int live;
    /** The warm-up connection is still connecting or handshaking. */
    private boolean warmUpOpening;
    private volatile InetSocketAddress address;
    private volatile IOException unresolved;
    private SSLContext tls;

    /** {@code tls}: the context for an https registry, null for the JDK's default one. */
    UpstreamPool(MirrorLoop loop, RegistryEndpoint endpoint, ProxyCounters counters, SSLContext tls) {
        this.tls = tls;
        this.loop = loop;
        this.endpoint = endpoint;
        this.counters = counters;
        boolean https = endpoint.scheme().equals("https");
        this.maxOpening = https ? MAX_OPENING_TLS : MAX_IDLE;
        this.maxLive = https ? MAX_CONNECTIONS_TLS : Integer.MAX_VALUE;
        resolve();
        loop.background().scheduleWithFixedDelay(this::resolve, RESOLVE_EVERY_SECONDS, RESOLVE_EVERY_SECONDS,
                TimeUnit.SECONDS);
    }

    RegistryEndpoint endpoint() {
        return endpoint;
    }

    /** The JDK's default context (so {@code -Djavax.net.ssl.trustStore} works as for any Java client); null for http. */
    SSLContext tlsContext() throws IOException {
        if (!endpoint.scheme().equals("https")) {
            return null;
        }
        if (tls == null) {
            try {
                tls = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no TLS in this Java runtime", e);
            }
        }
        return tls;
    }

    private void resolve() {
        String host = endpoint.host().startsWith("[") ? endpoint.host().substring(1, endpoint.host().length() - 1)
                : endpoint.host();
        try {
            address = new InetSocketAddress(InetAddress.getByName(host), endpoint.port());
            unresolved = null;
        } catch (UnknownHostException e) {
            if (address == null) {
                unresolved = e; // keep the last good address through a DNS hiccup
            }
        }
    }

    /** How an exchange is given its connection: reused (from the pool) or fresh, or why there is none. */
    interface Lease {
        void granted(UpstreamConnection c, boolean reused, IOException error);
    }

    private record Waiter(boolean mayReuse, Lease lease, long since) {
    }

    /**
     * A connection for one exchange, on the loop: an idle one (unless {@code mayReuse} is false: the retry after a
     * stale one), else a new one, else, with {@link #maxOpening} already opening or {@link #maxLive} open, the next
     * one released or opened.
     */
    void acquire(boolean mayReuse, Lease lease) {
        UpstreamConnection c = mayReuse ? pollIdle() : null;
        if (c != null) {
            lease.granted(c, true, null);
        } else if (warmUpOpening && mayReuse && waiting.isEmpty()) {
            waiting.addLast(new Waiter(true, lease, System.nanoTime())); // the warm-up connection will be its own
        } else if (mayOpen()) {
            open(lease);
        } else {
            // Not loop.now(): read before the events of this turn, it can be a tick old.
            waiting.addLast(new Waiter(mayReuse, lease, System.nanoTime()));
        }
    }

    /** An idle connection (reused), or null when none is left. */
    private UpstreamConnection pollIdle() {
        UpstreamConnection c;
        while ((c = idle.pollLast()) != null) {
            if (c.open()) {
                return c;
            }
        }
        return null;
    }

    private void open(Lease lease) {
        open((c, error) -> {
            if (error != null) {
                lease.granted(null, false, error);
                failWaiting(error);
            } else {
                lease.granted(c, false, null);
            }
            openForWaiting();
        });
    }

    /** Opens a new connection; {@code whenReady} is told on the loop. */
    void open(BiConsumer<UpstreamConnection, IOException> whenReady) {
        InetSocketAddress a = address;
        if (a == null) {
            whenReady.accept(null, unresolved != null ? unresolved : new UnknownHostException(endpoint.host()));
            return;
        }
        UpstreamConnection.open(loop, this, a, whenReady);
    }

    /**
     * A connection could not be opened: the requests waiting for one are answered with the same failure now, instead
     * of each waiting its own connect timeout in turn (16 at a time, 200 requests would wait minutes for an
     * unreachable registry).
     */
    private void failWaiting(IOException error) {
        Waiter w;
        while ((w = waiting.pollFirst()) != null) {
            w.lease().granted(null, false, error);
        }
    }

    private boolean mayOpen() {
        return preparing.size() < maxOpening && live < maxLive;
    }

    /** Room to open another connection: for the first waiting request. */
    private void openForWaiting() {
        while (!waiting.isEmpty() && mayOpen()) {
            open(waiting.pollFirst().lease());
        }
    }

    /**
     * Opens one connection ahead of the first request (TCP and TLS), and keeps it idle. A request that comes while it
     * is still opening waits for it instead of opening its own ({@link #acquire}): over TLS the first request is
     * `hook start`'s check, and a second cold handshake beside the first one made that check wait for both.
     */
    void warmUp() {
        warmUpOpening = true;
        open((c, reused, error) -> {
            warmUpOpening = false;
            if (c != null) {
                release(c);
            }
        });
    }

    /**
     * A connection whose exchange ended cleanly: handed to the first request waiting for a reused one, else kept for
     * the next request, or closed when enough are kept.
     */
    void release(UpstreamConnection c) {
        if (!c.open()) {
            c.close();
            return;
        }
        Waiter w = firstReusing();
        if (w != null) {
            w.lease().granted(c, true, null); // the exchange that released it no longer touches it
            return;
        }
        if (idle.size() >= MAX_IDLE || !waiting.isEmpty()) {
            // Kept idle while only retries that need a new connection wait, it would hold their slot: closed instead.
            c.close();
            return;
        }
        c.returned();
        idle.addLast(c);
    }

    /** The first waiting request that may take a reused connection (a stale-connection retry may not). */
    private Waiter firstReusing() {
        if (waiting.isEmpty()) {
            return null; // the common case, without an iterator per request
        }
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext();) {
            Waiter w = it.next();
            if (w.mayReuse()) {
                it.remove();
                return w;
            }
        }
        return null;
    }

    void dropIdle(UpstreamConnection c) {
        idle.remove(c);
        c.close();
    }

    void preparing(UpstreamConnection c) {
        preparing.add(c);
        live++;
        counters.registryConnections.incrementAndGet();
    }

    /**
     * A connection counted by {@link #preparing} was closed, from wherever: its slot goes to a waiting request, on
     * the loop's next turn (the caller may be an exchange halfway through its own ending).
     */
    void closed(UpstreamConnection c) {
        live--;
        if (!waiting.isEmpty()) {
            loop.execute(this::openForWaiting);
        }
    }

    void prepared(UpstreamConnection c) {
        preparing.remove(c);
    }

    /**
     * Times out connects and handshakes; closes connections idle for too long; opens beyond the cap for requests that
     * waited too long for one.
     */
    void checkDeadlines(long now) {
        while (!waiting.isEmpty() && preparing.size() < maxOpening
                && now - waiting.peekFirst().since() > OVER_CAP_AFTER_NANOS) {
            open(waiting.pollFirst().lease());
        }
        if (!preparing.isEmpty()) {
            for (UpstreamConnection c : List.copyOf(preparing)) {
                c.checkDeadline(now);
            }
        }
        while (!idle.isEmpty() && now - idle.peekFirst().idleSince > IDLE_NANOS) {
            idle.pollFirst().close();
        }
        for (UpstreamConnection c : idle) { // oldest first: the ones idle long enough are a prefix
            if (now - c.idleSince <= BUFFERS_BACK_AFTER_NANOS) {
                break;
            }
            c.giveBuffersBack();
        }
    }

    /** Idle connections that still hold their transport's buffers. */
    int idleHoldingBuffers() {
        int n = 0;
        for (UpstreamConnection c : idle) {
            n += c.holdsBuffers() ? 1 : 0;
        }
        return n;
    }

    int idleConnections() {
        return idle.size();
    }

    void closeAll() {
        waiting.clear();
        List<UpstreamConnection> all = new ArrayList<>(idle);
        all.addAll(preparing);
        idle.clear();
        preparing.clear();
        all.forEach(UpstreamConnection::close);
    }
}
