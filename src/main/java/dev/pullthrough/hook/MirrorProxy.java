package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The loopback registry mirror. Serves the Docker Registry v2 read API to local clients without authentication and
 * forwards each request to the ECR registry with {@code Authorization: Basic} and the rule's prefix.
 *
 * <ul>
 *   <li>Listens on a loopback address only, and answers only loopback peers whose {@code Host} is a loopback name
 *       (403 otherwise; the Host check stops DNS-rebinding pages in a local browser).</li>
 *   <li>GET and HEAD only (405 with {@code Allow}); paths outside {@code /v2/} 404; traversal 400; repository names
 *       over the registry's 255 characters 400; other {@code /v2/} paths 404 ({@link MirrorDecision}).
 *       {@code GET /v2/} is forwarded, so the daemon's version check tells it at once when the registry or the token
 *       is not usable, and it falls back to Docker Hub without waiting.</li>
 *   <li>Everything runs on one event loop ({@link MirrorLoop}): client connections ({@link ClientConnection}), pooled
 *       keep-alive connections to the registry, TLS included ({@link UpstreamPool}), and each forwarded request
 *       ({@link UpstreamExchange}), whose body is streamed with back-pressure. HEAD answers carry the upstream
 *       {@code Content-Length}.</li>
 *   <li>Faults: an upstream that breaks off or stalls mid-body gets the client's connection reset at once (the client
 *       sees an error and retries, instead of waiting for bytes that never come); an upstream that does not answer
 *       within the stall timeout is a 504, one that cannot be reached a 502. Slow or idle clients are cut by the
 *       server's timeouts ({@link ServerLimits}).</li>
 *   <li>Redirects (ECR answers blob GETs with 307 to S3) go back to the client as they are: never followed, so the
 *       token never reaches the redirect target.</li>
 *   <li>On 401 the token is refreshed once (off the loop) and the request retried.</li>
 * </ul>
 */
public final class MirrorProxy implements AutoCloseable {
    /**
     * The proxy's settings: where it listens, the ECR registry, the ECR prefix of each upstream it serves, and the
     * server's time and size limits.
     */
    public record Config(ListenAddress listen, RegistryEndpoint upstream, UpstreamRoutes routes, ServerLimits limits,
            Path stateDir) {
        public Config(ListenAddress listen, RegistryEndpoint upstream, UpstreamRoutes routes, ServerLimits limits) {
            this(listen, upstream, routes, limits, null);
        }

        public Config(ListenAddress listen, RegistryEndpoint upstream, UpstreamRoutes routes) {
            this(listen, upstream, routes, ServerLimits.DEFAULT);
        }

        /** Docker Hub only, under one prefix. */
        public Config(ListenAddress listen, RegistryEndpoint upstream, String dockerHubPrefix) {
            this(listen, upstream, UpstreamRoutes.dockerHubOnly(dockerHubPrefix));
        }

        /** Docker Hub only, under one prefix, with these limits. */
        public Config(ListenAddress listen, RegistryEndpoint upstream, String dockerHubPrefix, ServerLimits limits) {
            this(listen, upstream, UpstreamRoutes.dockerHubOnly(dockerHubPrefix), limits);
        }
    }

    /**
     * Names the mirror's state directory on every answer: how a second hook recognises a running one in the files it
     * is about to edit ({@link OtherHookMirrors}). Not a secret (the directory is 0700); only loopback peers see it.
     */
    static final String STATE_DIR_HEADER = "Pullthrough-Mirror-State-Dir";
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x20-\\x7e]+");
    private static final List<String> REQUEST_HEADERS = List.of("accept", "range", "if-none-match",
            "if-modified-since", "if-range", "user-agent");
    private static final List<String> RESPONSE_HEADERS = List.of("content-type", "docker-content-digest",
            "docker-distribution-api-version", "etag", "location", "content-range", "accept-ranges", "last-modified",
            "cache-control", "expires", "link");
    private static final Pattern LINK_PATH = Pattern.compile("<(/v2/[^>]*)>");
    private final Config config;
    private volatile RefreshingToken token;
    private final Consumer<String> log;
    private final ProxyCounters counters;
    private final MirrorLoop loop;
    private final List<String[]> ownHeaders;
    private volatile AuthorizationLine authorizationLine;

    private MirrorProxy(Config config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        this.counters = new ProxyCounters(config.routes().prefixes().keySet());
        this.ownHeaders = config.stateDir() != null && HEADER_SAFE.matcher(config.stateDir().toString()).matches()
                ? List.<String[]>of(new String[] {STATE_DIR_HEADER, config.stateDir().toString()}) : List.of();
        this.loop = MirrorLoop.bind(config.listen().socketAddress(), config.limits(), new Handler(), log);
    }

    /** Binds and starts serving. */
    public static MirrorProxy start(Config config, RefreshingToken token, Consumer<String> log) throws IOException {
        MirrorProxy proxy = bind(config, log);
        proxy.serve(token);
        return proxy;
    }

    /**
     * Binds the port and opens a first connection to the registry (TLS included) without serving yet: the hook runs
     * this while it is still fetching the token.
     */
    public static MirrorProxy bind(Config config, Consumer<String> log) throws IOException {
        return bind(config, log, null);
    }

    /** With this TLS context for an https registry instead of the JDK's default one (tests trust their own CA). */
    static MirrorProxy bind(Config config, Consumer<String> log, SSLContext tls) throws IOException {
        if (!config.listen().address().isLoopbackAddress()) {
            throw new IllegalArgumentException("the mirror listens on loopback only: " + config.listen());
        }
        MirrorProxy proxy = new MirrorProxy(config, log);
        proxy.loop.start(new UpstreamPool(proxy.loop, config.upstream(), proxy.counters, tls));
        return proxy;
    }

    /** Starts answering requests with this token. */
    public void serve(RefreshingToken refreshingToken) {
        serve(refreshingToken, fatal -> log.accept("error: " + fatal.getMessage()));
    }

    /**
     * Starts answering requests with this token; {@code onFatal} is told if the event loop ever ends while the
     * server is open (the mirror process exits then, rather than hold a port that answers nothing).
     */
    public void serve(RefreshingToken refreshingToken, Consumer<Throwable> onFatal) {
        this.token = refreshingToken;
        loop.accept(onFatal);
    }

    /** False when the server can no longer accept or time out connections. */
    public boolean healthy() {
        return loop.healthy();
    }

    /** How connections are served, for the log. */
    public String threadKind() {
        return "one event-loop thread";
    }

    /** The bound address (the real port when 0 was asked for). */
    public ListenAddress address() {
        return ListenAddress.of(loop.address());
    }

    /** The event loop, for tests that look at its state on it ({@link MirrorLoop#execute}). */
    MirrorLoop loop() {
        return loop;
    }

    public ProxyCounters counters() {
        return counters;
    }

    int openConnections() {
        return loop.openConnections();
    }

    @Override
    public void close() {
        loop.close();
    }

    RefreshingToken token() {
        return token;
    }

    /** The registry's {@code Host}. */
    String upstreamAuthority() {
        return config.upstream().authority();
    }

    void log(String line) {
        log.accept(line);
    }

    /** The server's callbacks: every request, and what the server refused or timed out on its own. */
    private final class Handler implements MirrorLoop.Handler {
        @Override
        public void handle(RequestHead request, ClientConnection connection) {
            MirrorProxy.this.handle(request, connection);
        }

        @Override
        public void refusedByServer(int status) {
            counters.served.incrementAndGet();
            counters.refused.incrementAndGet();
        }

        @Override
        public void timedOut(String phase) {
            counters.timeouts.incrementAndGet();
        }
    }

    private void handle(RequestHead request, ClientConnection connection) {
        long started = System.nanoTime();
        counters.served.incrementAndGet();
        MirrorDecision decision = MirrorDecision.of(request, config.routes());
        if (decision instanceof MirrorDecision.Refusal r) {
            List<String[]> headers = new ArrayList<>(ownHeaders);
            if (r.allow() != null) {
                headers.add(new String[] {"Allow", r.allow()});
            }
            counters.refused.incrementAndGet();
            respondError(connection, headers, r.status(), r.code(), r.message());
            if (r.logLine() != null) {
                log.accept(r.logLine());
            }
            return;
        }
        MirrorDecision.Forward forward = (MirrorDecision.Forward) decision;
        counters.forwarded.incrementAndGet();
        UpstreamCounters perUpstream = counters.upstream(forward.upstream());
        UpstreamCounters upstreamCounters = perUpstream != null ? perUpstream : new UpstreamCounters();
        upstreamCounters.requests.incrementAndGet();
        new UpstreamExchange(loop, this, connection, request, forward, upstreamCounters, started).start();
    }

    /** An error answer of the mirror's own (502 and 504 are the registry's failures, not refusals). */
    void refuse(ClientConnection connection, int status, String code, String message) {
        if (status != 502 && status != 504) {
            counters.refused.incrementAndGet();
        }
        respondError(connection, new ArrayList<>(ownHeaders), status, code, message);
    }

    private static void respondError(ClientConnection connection, List<String[]> headers, int status, String code,
            String message) {
        headers.add(new String[] {"Content-Type", "application/json"});
        connection.respond(status, headers, errorBody(code, message));
    }

    /** The registry's headers a client needs, with registry links made to point at the mirror. */
    List<String[]> responseHeaders(UpstreamResponseHead head, String prefix) {
        List<String[]> headers = new ArrayList<>(ownHeaders);
        for (String[] h : head.headers()) {
            String lower = known(RESPONSE_HEADERS, h[0]);
            if (lower != null) {
                headers.add(new String[] {h[0], rewriteHeader(lower, h[1], prefix)});
            }
        }
        return headers;
    }

    /** Whether a client's header is passed on to the registry (the rest, cookies and credentials above all, is not). */
    static boolean isForwardedRequestHeader(String name) {
        return known(REQUEST_HEADERS, name) != null;
    }

    /** The lower-case name from {@code names} that {@code name} is in any case, or null: no lower-cased copy made. */
    private static String known(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return names.get(i);
            }
        }
        return null;
    }

    /**
     * The {@code Authorization} header line for a token, as bytes: encoded once per token, not per request (the
     * token is 2-3 KB). The last one is kept; a refresh makes the next request encode the new one.
     */
    byte[] authorizationLine(EcrToken t) {
        AuthorizationLine last = authorizationLine;
        if (last == null || last.token() != t) {
            last = new AuthorizationLine(t,
                    ("Authorization: " + t.authorizationHeader() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            authorizationLine = last;
        }
        return last.bytes();
    }

    private record AuthorizationLine(EcrToken token, byte[] bytes) {
    }

    /** Exchanges in flight up to which a blob gets the large copy buffer. */
    static final int LARGE_BUFFER_EXCHANGES = 8;

    /**
     * No more than the body for a manifest (a few KB): 200 manifest GETs at once then hold a few hundred KB of copy
     * buffers, not megabytes of a heap capped for the mirror's memory target. For a blob 256 KiB while at most
     * {@value #LARGE_BUFFER_EXCHANGES} exchanges are in flight ({@code large}), else 64 KiB: over TLS a blob then
     * leaves in writes of up to 15 records instead of 3, ~15% less CPU per blob (docs/PERFORMANCE.md, "The mirror
     * over TLS, third pass"), and the TLS receive buffer grows to match (~270 KB); with many blobs at once the
     * 64 KiB buffers keep 256 streams (~150 KB each over TLS) inside the 24 MB heap, where 256 KiB ones would not.
     */
    static byte[] copyBuffer(long contentLength, boolean large) {
        int max = (large ? 256 : 64) * 1024;
        return new byte[contentLength >= 0 ? (int) Math.max(1024, Math.min(max, contentLength)) : max];
    }

    /** Keeps relative registry links pointing at the mirror (without the prefix); anything else is passed as is. */
    private String rewriteHeader(String name, String value, String prefix) {
        if (name.equals("location")) {
            String path = value;
            String base = config.upstream().baseUri().toString();
            if (value.startsWith(base + "/")) {
                path = value.substring(base.length());
            }
            if (path.startsWith("/")) {
                return RegistryPath.unprefixed(path, prefix).orElse(value);
            }
            return value;
        }
        if (name.equals("link")) {
            Matcher m = LINK_PATH.matcher(value);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String mapped = RegistryPath.unprefixed(m.group(1), prefix).orElse(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement("<" + mapped + ">"));
            }
            m.appendTail(sb);
            return sb.toString();
        }
        return value;
    }

    /**
     * A TLS failure is not an unreachable registry: it says what the runtime refused and how to make it trust the
     * registry's CA (a corporate CA, a TLS-inspecting network). The JDK's reason is short and holds no secret.
     */
    static String untrustedRegistry(IOException e) {
        String reason = printable(String.valueOf(e.getMessage()));
        return "the registry's TLS certificate was not accepted (" + (reason.length() > 160 ? reason.substring(0, 160)
                + "..." : reason) + "); the mirror trusts the CAs of its Java runtime: for another CA, give its JVM a trust"
                + " store holding it with -Djavax.net.ssl.trustStore=FILE in PULLTHROUGH_HOOK_PROXY_JAVA_OPTS";
    }

    /**
     * The registry API's error form. Messages are text, some quoting what a client sent (an upstream name) or what
     * the JDK said (a TLS reason): anything outside printable ASCII becomes '?', quotes and backslashes apostrophes,
     * so the body stays valid JSON without loading a JSON library into the long-running mirror.
     */
    static byte[] errorBody(String code, String message) {
        String text = message.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'').replace('\\', '\'');
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + text + "\"}]}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static boolean hostIsLoopback(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close > 0 ? h.substring(0, close + 1) : h;
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return RegistryEndpoint.isLoopback(h.toLowerCase(Locale.ROOT));
    }

    static String printable(String s) {
        String v = s == null ? "" : s;
        String shown = v.length() > 200 ? v.substring(0, 200) + "... (" + v.length() + " characters)" : v;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
