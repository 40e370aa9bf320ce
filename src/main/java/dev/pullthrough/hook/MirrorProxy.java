package dev.pullthrough.hook;

import dev.pullthrough.model.RepositoryPrefix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The loopback registry mirror. Serves the Docker Registry v2 read API to local clients without authentication and
 * forwards each request to the ECR registry with {@code Authorization: Basic} and the Docker Hub prefix rewrite.
 *
 * <ul>
 *   <li>Listens on a loopback address only, and answers only loopback peers whose {@code Host} is a loopback name
 *       (403 otherwise; the Host check stops DNS-rebinding pages in a local browser).</li>
 *   <li>GET and HEAD only (405 with {@code Allow}); paths outside {@code /v2/} 404; traversal 400; repository names
 *       over the registry's 255 characters 400; other {@code /v2/} paths 404. {@code GET /v2/} is forwarded, so the
 *       daemon's version check tells it at once when the registry or the token is not usable, and it falls back to
 *       Docker Hub without waiting.</li>
 *   <li>Bodies are streamed in 64 KiB chunks; HEAD answers carry the upstream {@code Content-Length}. The upstream
 *       side is a blocking {@link HttpURLConnection} read on the connection's own thread: the JDK's async
 *       {@code HttpClient} hands every buffer across threads, which made blobs ~4x slower than nginx (see
 *       docs/PERFORMANCE.md).</li>
 *   <li>Faults: an upstream that breaks off or stalls mid-body gets the client's connection reset at once (the client
 *       sees an error and retries, instead of waiting for bytes that never come); an upstream that does not answer
 *       within the stall timeout is a 504, one that cannot be reached a 502. Slow or idle clients are cut by the
 *       server's timeouts ({@link ServerLimits}).</li>
 *   <li>Redirects (ECR answers blob GETs with 307 to S3) go back to the client as they are: never followed, so the
 *       token never reaches the redirect target.</li>
 *   <li>On 401 the token is refreshed once and the request retried.</li>
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
    static final Set<String> REQUEST_HEADERS = Set.of("accept", "range", "if-none-match", "if-modified-since",
            "if-range", "user-agent");
    static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "docker-content-digest",
            "docker-distribution-api-version", "etag", "location", "content-range", "accept-ranges", "last-modified",
            "cache-control", "expires", "link");
    private static final Pattern LINK_PATH = Pattern.compile("<(/v2/[^>]*)>");
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9=&_.:+-]*");
    private final Config config;
    private volatile RefreshingToken token;
    private final Consumer<String> log;
    private final ProxyCounters counters;
    private final LoopbackHttpServer server;

    private MirrorProxy(Config config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        this.counters = new ProxyCounters(config.routes().prefixes().keySet());
        this.server = LoopbackHttpServer.bind(config.listen().socketAddress(), config.limits(), new Handler(), log);
    }

    /** Binds and starts serving. */
    public static MirrorProxy start(Config config, RefreshingToken token, Consumer<String> log) throws IOException {
        MirrorProxy proxy = bind(config, log);
        proxy.serve(token);
        return proxy;
    }

    /**
     * Binds the port and gets the upstream client ready (an unauthenticated {@code GET /v2/} opens the connection,
     * TLS included) without serving yet: the hook runs this while it is still fetching the token.
     */
    public static MirrorProxy bind(Config config, Consumer<String> log) throws IOException {
        if (!config.listen().address().isLoopbackAddress()) {
            throw new IllegalArgumentException("the mirror listens on loopback only: " + config.listen());
        }
        MirrorProxy proxy = new MirrorProxy(config, log);
        Thread warmUp = new Thread(() -> {
            try {
                HttpURLConnection c = open(URI.create(config.upstream().baseUri() + "/v2/"), "GET", config.limits());
                c.setConnectTimeout(WARM_UP_TIMEOUT_MS);
                c.setReadTimeout(WARM_UP_TIMEOUT_MS);
                new Upstream(c, c.getResponseCode()).discard(); // a drained answer leaves the connection for reuse
            } catch (IOException | RuntimeException notYet) {
                // Only a warm-up: the first real request reports any problem.
            }
        }, "upstream-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return proxy;
    }

    /** Starts answering requests with this token. */
    public void serve(RefreshingToken refreshingToken) {
        serve(refreshingToken, fatal -> log.accept("error: " + fatal.getMessage()));
    }

    /**
     * Starts answering requests with this token; {@code onFatal} is told if the server's accepting or timeout
     * thread ever ends (the mirror process exits then, rather than hold a port that answers nothing).
     */
    public void serve(RefreshingToken refreshingToken, Consumer<Throwable> onFatal) {
        this.token = refreshingToken;
        server.start(onFatal);
    }

    /** False when the server can no longer accept or time out connections. */
    public boolean healthy() {
        return server.healthy();
    }

    /** "virtual" or "platform" threads per connection. */
    public String threadKind() {
        return server.threadKind();
    }

    /** The bound address (the real port when 0 was asked for). */
    public ListenAddress address() {
        return ListenAddress.of(server.address());
    }

    public ProxyCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        server.close();
    }

    /** The server's callbacks: every request, and what the server refused or timed out on its own. */
    private final class Handler implements LoopbackHttpServer.Handler {
        @Override
        public void handle(RequestHead request, ResponseWriter response) throws IOException {
            MirrorProxy.this.handle(request, response);
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

    private void handle(RequestHead request, ResponseWriter response) throws IOException {
        long started = System.nanoTime();
        counters.served.incrementAndGet();
        if (config.stateDir() != null && HEADER_SAFE.matcher(config.stateDir().toString()).matches()) {
            response.setHeader(STATE_DIR_HEADER, config.stateDir().toString());
        }
        String method = request.method();
        String rawPath = request.rawPath();
        if (!request.peer().isLoopbackAddress()) {
            refuse(response, 403, "DENIED", "the mirror serves loopback clients only");
            return;
        }
        if (!hostIsLoopback(request.first("Host"))) {
            refuse(response, 403, "DENIED", "Host must be a loopback address");
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            refuse(response, 405, "UNSUPPORTED", "the mirror is read-only: GET and HEAD only");
            return;
        }
        String query = request.rawQuery();
        String ns = UpstreamRoutes.namespaceParameter(query);
        String upstream = UpstreamRoutes.upstreamOf(ns);
        Optional<String> prefix = config.routes().prefixFor(upstream);
        if (prefix.isEmpty() && (ns != null || !rawPath.equals("/v2/"))) {
            // Never forwarded under another upstream's prefix; the client goes on to its next host.
            refuse(response, 404, "NAME_UNKNOWN", "no pull-through cache rule for upstream " + printable(upstream));
            log.accept(method + " " + printable(rawPath) + " [" + printable(upstream) + "] -> refused 404 no rule");
            return;
        }
        String rulePrefix = prefix.orElse(RepositoryPrefix.ROOT_VALUE);
        RegistryPath.Route route = RegistryPath.route(rawPath, rulePrefix);
        if (route.refusal().isPresent()) {
            switch (route.refusal().get()) {
                case TRAVERSAL -> refuse(response, 400, "NAME_INVALID", "path not allowed");
                case NAME_TOO_LONG -> refuse(response, 400, "NAME_INVALID",
                        "repository name longer than " + RegistryPath.MAX_NAME_LENGTH + " characters");
                case NOT_REGISTRY_API -> refuse(response, 404, "NOT_FOUND", "only the registry API under /v2/ is served");
                default -> refuse(response, 404, "NOT_FOUND", "not a registry read API path");
            }
            log.accept(method + " " + printable(rawPath) + " -> refused " + response.status());
            return;
        }
        String upstreamPath = route.upstreamPath().get();
        query = UpstreamRoutes.withoutNamespace(query);
        if (query != null && (!upstreamPath.endsWith("/tags/list") || query.length() > 256
                || !QUERY.matcher(query).matches())) {
            query = null; // only tags/list takes parameters (n, last)
        }
        forward(request, response, upstreamPath, query, started, rulePrefix, counters.upstream(upstream));
    }

    private void forward(RequestHead request, ResponseWriter response, String upstreamPath, String query, long started,
            String prefix, UpstreamCounters perUpstream) throws IOException {
        counters.forwarded.incrementAndGet();
        UpstreamCounters upstreamCounters = perUpstream != null ? perUpstream : new UpstreamCounters();
        upstreamCounters.requests.incrementAndGet();
        String method = request.method();
        URI uri = URI.create(config.upstream().baseUri() + upstreamPath + (query == null ? "" : "?" + query));
        EcrToken used = token.current();
        Upstream upstream;
        boolean retried = false;
        try {
            upstream = send(request, response, method, uri, used);
            if (upstream.status() == 401) {
                EcrToken fresh = token.afterUnauthorized(used);
                if (fresh != null) {
                    upstream.discard();
                    retried = true;
                    upstream = send(request, response, method, uri, fresh);
                }
            }
        } catch (IOException e) {
            counters.upstreamErrors.incrementAndGet();
            upstreamCounters.errors.incrementAndGet();
            boolean timedOut = e instanceof SocketTimeoutException;
            boolean tls = e instanceof SSLException;
            if (!response.aborted()) {
                refuse(response, timedOut ? 504 : 502, "UNAVAILABLE", timedOut ? "the registry did not answer in time"
                        : tls ? untrustedRegistry(e) : "the registry could not be reached");
            }
            log.accept(method + " " + request.rawPath() + " -> " + upstreamPath + " " + (timedOut ? "504 upstream timed out"
                    : tls ? "502 upstream TLS handshake failed" : "502 upstream unreachable")
                    + " (" + e.getClass().getSimpleName() + ")");
            return;
        }
        int status = upstream.status();
        upstreamCounters.answered(status);
        if (status == 401) {
            counters.unauthorized.incrementAndGet();
        }
        if (status >= 300 && status < 400) {
            counters.redirects.incrementAndGet();
        }
        for (Map.Entry<String, List<String>> header : upstream.connection().getHeaderFields().entrySet()) {
            if (header.getKey() == null) {
                continue; // the status line
            }
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!RESPONSE_HEADERS.contains(lower)) {
                continue;
            }
            for (String v : header.getValue()) {
                response.header(header.getKey(), rewriteHeader(lower, v, prefix));
            }
        }
        long length = upstream.connection().getHeaderFieldLong("Content-Length", -1);
        String outcome = Integer.toString(status);
        try (InputStream body = upstream.body()) {
            if (method.equals("HEAD")) {
                if (length >= 0) {
                    response.setHeader("Content-Length", Long.toString(length));
                }
                response.sendHeadersOnly(status);
            } else if (status == 204 || status == 304) {
                response.sendHeadersOnly(status);
            } else {
                outcome = copy(body, response.sendHeaders(status, length), response, outcome, upstreamCounters,
                        copyBuffer(length));
            }
        } finally {
            long ms = (System.nanoTime() - started) / 1_000_000;
            log.accept(method + " " + request.rawPath() + " -> " + upstreamPath + " " + outcome
                    + (retried ? " (retried after 401)" : "") + " " + ms + "ms");
        }
    }

    /**
     * Streams the upstream body to the client. When the upstream breaks off or stalls, the client connection is
     * reset at once: a body that silently stops would leave the client waiting (curl hung 654 s, docker pull sat at
     * "Pulling fs layer"), a reset makes it fail and retry.
     */
    private String copy(InputStream body, OutputStream client, ResponseWriter response, String status,
            UpstreamCounters upstreamCounters, byte[] buffer) throws IOException {
        while (true) {
            // Fill the buffer as far as the upstream has bytes ready, then write once: a blob goes out in writes of
            // up to the whole buffer (not of the upstream connection's 8 KB reads), so the connection's own small
            // output buffer is passed by and the client gets few, large sends.
            int filled = 0;
            boolean end = false;
            try {
                do {
                    int n = body.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        end = true;
                        break;
                    }
                    filled += n;
                } while (filled < buffer.length && body.available() > 0);
            } catch (IOException upstreamBroke) {
                counters.upstreamErrors.incrementAndGet();
                upstreamCounters.errors.incrementAndGet();
                response.abort();
                return status + " aborted: upstream " + (upstreamBroke instanceof SocketTimeoutException ? "stalled"
                        : "broke off") + " mid-body (" + upstreamBroke.getClass().getSimpleName() + ")";
            }
            client.write(buffer, 0, filled); // an IOException here is the client gone: nothing to tell it
            if (end) {
                return status;
            }
            if (filled < buffer.length) {
                // The upstream has nothing more right now (it may pause): hand over what the connection's buffer
                // holds, so the client is never kept waiting for bytes the mirror already has.
                client.flush();
            }
        }
    }

    /**
     * 64 KiB for a blob, no more than the body for a manifest (a few KB): 200 manifest GETs at once then hold a few
     * hundred KB of copy buffers, not 12 MB of a heap capped for the mirror's memory target.
     */
    static byte[] copyBuffer(long contentLength) {
        int max = 64 * 1024;
        return new byte[contentLength >= 0 ? (int) Math.max(1024, Math.min(max, contentLength)) : max];
    }

    private static final int WARM_UP_TIMEOUT_MS = 10_000;

    private HttpURLConnection open(URI uri, String method) throws IOException {
        return open(uri, method, config.limits());
    }

    private static HttpURLConnection open(URI uri, String method, ServerLimits limits) throws IOException {
        // No proxy: the registry is reached directly (the system proxy settings are for the job, not the mirror).
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false); // redirects (ECR's 307 to S3) go back to the client, without the token
        c.setUseCaches(false);
        c.setRequestMethod(method);
        c.setConnectTimeout((int) limits.connectTimeout().toMillis());
        c.setReadTimeout((int) limits.stallTimeout().toMillis()); // no byte for this long: the upstream stalled
        return c;
    }

    private Upstream send(RequestHead request, ResponseWriter response, String method, URI uri, EcrToken t)
            throws IOException {
        HttpURLConnection c = open(uri, method);
        response.onAbort(c::disconnect); // a timeout that resets the client also wakes this thread
        for (String[] h : request.headers()) {
            if (REQUEST_HEADERS.contains(h[0].toLowerCase(Locale.ROOT))) {
                c.addRequestProperty(h[0], h[1]);
            }
        }
        if (c.getRequestProperty("Accept") == null) {
            c.setRequestProperty("Accept", "*/*"); // else HttpURLConnection sends its own browser-style list
        }
        c.setRequestProperty("Authorization", t.authorizationHeader());
        return new Upstream(c, c.getResponseCode());
    }

    /** One upstream answer: its status, and its body from the right stream ({@code getErrorStream} for >= 400). */
    private record Upstream(HttpURLConnection connection, int status) {
        InputStream body() throws IOException {
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return in != null ? in : InputStream.nullInputStream();
        }

        /** Reads the body to the end: the JDK reuses a keep-alive connection only when its answer was drained. */
        void discard() {
            try (InputStream in = body()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The connection is dropped instead of reused.
            }
        }
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

    private void refuse(ResponseWriter response, int status, String code, String message) throws IOException {
        if (status != 502 && status != 504) {
            counters.refused.incrementAndGet();
        }
        response.send(status, "application/json", errorBody(code, message));
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

    private static String printable(String s) {
        String v = s == null ? "" : s;
        String shown = v.length() > 200 ? v.substring(0, 200) + "... (" + v.length() + " characters)" : v;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
