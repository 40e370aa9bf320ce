package dev.pullthrough.hook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback registry mirror. Serves the Docker Registry v2 read API to local clients without authentication and
 * forwards each request to the ECR registry with {@code Authorization: Basic} and the Docker Hub prefix rewrite.
 *
 * <ul>
 *   <li>Listens on a loopback address only, and answers only loopback peers whose {@code Host} is a loopback name
 *       (403 otherwise; the Host check stops DNS-rebinding pages in a local browser).</li>
 *   <li>GET and HEAD only (405 with {@code Allow}); paths outside {@code /v2/} 404; traversal 400; other
 *       {@code /v2/} paths 404. {@code GET /v2/} is forwarded, so the daemon's version check tells it at once when
 *       the registry or the token is not usable, and it falls back to Docker Hub without waiting.</li>
 *   <li>Bodies are streamed in 64 KiB chunks; HEAD answers carry the upstream {@code Content-Length}. The upstream
 *       side is a blocking {@link HttpURLConnection} read on the request's own thread: the JDK's async
 *       {@code HttpClient} hands every buffer across threads, which made blobs ~4x slower than nginx (see
 *       docs/PERFORMANCE.md).</li>
 *   <li>Redirects (ECR answers blob GETs with 307 to S3) go back to the client as they are: never followed, so the
 *       token never reaches the redirect target.</li>
 *   <li>On 401 the token is refreshed once and the request retried.</li>
 * </ul>
 */
public final class MirrorProxy implements AutoCloseable {
    /** The proxy's settings: where it listens, the ECR registry, and the ECR prefix of each upstream it serves. */
    public record Config(ListenAddress listen, RegistryEndpoint upstream, UpstreamRoutes routes) {
        /** Docker Hub only, under one prefix. */
        public Config(ListenAddress listen, RegistryEndpoint upstream, String dockerHubPrefix) {
            this(listen, upstream, UpstreamRoutes.dockerHubOnly(dockerHubPrefix));
        }
    }

    static final Set<String> REQUEST_HEADERS = Set.of("accept", "range", "if-none-match", "if-modified-since",
            "if-range", "user-agent");
    static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "docker-content-digest",
            "docker-distribution-api-version", "etag", "location", "content-range", "accept-ranges", "last-modified",
            "cache-control", "expires", "link");
    private static final Pattern LINK_PATH = Pattern.compile("<(/v2/[^>]*)>");
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9=&_.:+-]*");
    /**
     * Requests served at the same time; more wait in the queue (a request holds its thread while it streams). Each
     * thread costs ~100 KB of stack and native memory, so this bounds the mirror's peak RSS.
     */
    static final int MAX_THREADS = Integer.getInteger("pullthrough.proxy.threads", 64);

    private final Config config;
    private volatile RefreshingToken token;
    private final Consumer<String> log;
    private final ProxyCounters counters;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private MirrorProxy(Config config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        this.counters = new ProxyCounters(config.routes().prefixes().keySet());
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "mirror-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.server = HttpServer.create(config.listen().socketAddress(), 512);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
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
                HttpURLConnection c = open(URI.create(config.upstream().baseUri() + "/v2/"), "GET");
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
        this.token = refreshingToken;
        server.start();
    }

    /** The bound address (the real port when 0 was asked for). */
    public ListenAddress address() {
        return ListenAddress.of(server.getAddress());
    }

    public ProxyCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        counters.served.incrementAndGet();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        try (exchange) {
            InetAddress peer = exchange.getRemoteAddress().getAddress();
            if (!peer.isLoopbackAddress()) {
                refuse(exchange, 403, "DENIED", "the mirror serves loopback clients only");
                return;
            }
            if (!hostIsLoopback(exchange.getRequestHeaders().getFirst("Host"))) {
                refuse(exchange, 403, "DENIED", "Host must be a loopback address");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                refuse(exchange, 405, "UNSUPPORTED", "the mirror is read-only: GET and HEAD only");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String ns = UpstreamRoutes.namespaceParameter(query);
            String upstream = UpstreamRoutes.upstreamOf(ns);
            Optional<String> prefix = config.routes().prefixFor(upstream);
            if (prefix.isEmpty() && (ns != null || !rawPath.equals("/v2/"))) {
                // Never forwarded under another upstream's prefix; the client goes on to its next host.
                refuse(exchange, 404, "NAME_UNKNOWN", "no pull-through cache rule for upstream " + printable(upstream));
                log.accept(method + " " + printable(rawPath) + " [" + printable(upstream) + "] -> refused 404 no rule");
                return;
            }
            String rulePrefix = prefix.orElse("ROOT");
            RegistryPath.Route route = RegistryPath.route(rawPath, rulePrefix);
            if (route.refusal().isPresent()) {
                switch (route.refusal().get()) {
                    case TRAVERSAL -> refuse(exchange, 400, "NAME_INVALID", "path not allowed");
                    case NOT_REGISTRY_API -> refuse(exchange, 404, "NOT_FOUND", "only the registry API under /v2/ is served");
                    default -> refuse(exchange, 404, "NOT_FOUND", "not a registry read API path");
                }
                log.accept(method + " " + printable(rawPath) + " -> refused " + exchange.getResponseCode());
                return;
            }
            String upstreamPath = route.upstreamPath().get();
            query = UpstreamRoutes.withoutNamespace(query);
            if (query != null && (!upstreamPath.endsWith("/tags/list") || !QUERY.matcher(query).matches())) {
                query = null; // only tags/list takes parameters (n, last)
            }
            forward(exchange, method, upstreamPath, query, started, rulePrefix, counters.upstream(upstream));
        } catch (IOException | RuntimeException e) {
            log.accept(method + " " + printable(rawPath) + " -> failed: " + e);
        }
    }

    private void forward(HttpExchange exchange, String method, String upstreamPath, String query, long started,
            String prefix, UpstreamCounters perUpstream) throws IOException {
        counters.forwarded.incrementAndGet();
        UpstreamCounters upstreamCounters = perUpstream != null ? perUpstream : new UpstreamCounters();
        upstreamCounters.requests.incrementAndGet();
        URI uri = URI.create(config.upstream().baseUri() + upstreamPath + (query == null ? "" : "?" + query));
        EcrToken used = token.current();
        Upstream response;
        boolean retried = false;
        try {
            response = send(exchange, method, uri, used);
            if (response.status() == 401) {
                EcrToken fresh = token.afterUnauthorized(used);
                if (fresh != null) {
                    response.discard();
                    retried = true;
                    response = send(exchange, method, uri, fresh);
                }
            }
        } catch (IOException e) {
            counters.upstreamErrors.incrementAndGet();
            upstreamCounters.errors.incrementAndGet();
            refuse(exchange, 502, "UNAVAILABLE", "the registry could not be reached");
            log.accept(method + " " + exchange.getRequestURI().getRawPath() + " -> " + upstreamPath
                    + " 502 upstream unreachable (" + e.getClass().getSimpleName() + ")");
            return;
        }
        int status = response.status();
        upstreamCounters.answered(status);
        if (status == 401) {
            counters.unauthorized.incrementAndGet();
        }
        if (status >= 300 && status < 400) {
            counters.redirects.incrementAndGet();
        }
        Headers out = exchange.getResponseHeaders();
        for (Map.Entry<String, List<String>> header : response.connection().getHeaderFields().entrySet()) {
            if (header.getKey() == null) {
                continue; // the status line
            }
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!RESPONSE_HEADERS.contains(lower)) {
                continue;
            }
            for (String v : header.getValue()) {
                out.add(header.getKey(), rewriteHeader(lower, v, prefix));
            }
        }
        long length = response.connection().getHeaderFieldLong("Content-Length", -1);
        try (InputStream body = response.body()) {
            if (method.equals("HEAD")) {
                if (length >= 0) {
                    out.set("Content-Length", Long.toString(length));
                }
                exchange.sendResponseHeaders(status, -1);
            } else if (status == 204 || status == 304 || length == 0) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, Math.max(length, 0L));
                try (OutputStream os = exchange.getResponseBody()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = body.read(buffer)) >= 0; ) {
                        os.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            counters.upstreamErrors.incrementAndGet();
            throw e;
        } finally {
            long ms = (System.nanoTime() - started) / 1_000_000;
            log.accept(method + " " + exchange.getRequestURI().getRawPath() + " -> " + upstreamPath + " " + status
                    + (retried ? " (retried after 401)" : "") + " " + ms + "ms");
        }
    }

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final int WARM_UP_TIMEOUT_MS = 10_000;

    private static HttpURLConnection open(URI uri, String method) throws IOException {
        // No proxy: the registry is reached directly (the system proxy settings are for the job, not the mirror).
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false); // redirects (ECR's 307 to S3) go back to the client, without the token
        c.setUseCaches(false);
        c.setRequestMethod(method);
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        return c;
    }

    private Upstream send(HttpExchange exchange, String method, URI uri, EcrToken t) throws IOException {
        HttpURLConnection c = open(uri, method);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> c.addRequestProperty(name, v));
            }
        });
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

    private void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (status != 502) {
            counters.refused.incrementAndGet();
        }
        byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
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
        return v.length() > 200 ? v.substring(0, 200) + "..." : v.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
