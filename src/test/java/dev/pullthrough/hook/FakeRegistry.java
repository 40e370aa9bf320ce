package dev.pullthrough.hook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * An in-JVM upstream registry for proxy tests: Basic auth with a password that can be rotated, routes added per test,
 * and a record of every request it got (with the Authorization header it saw).
 */
final class FakeRegistry implements AutoCloseable {
    record Seen(String method, String path, String query, String authorization, List<String> accept, String range) {
    }

    interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(260);
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final List<Seen> anonymous = new CopyOnWriteArrayList<>();
    private volatile String password;

    FakeRegistry(String password) throws IOException {
        this.password = password;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
        route("/v2/", ex -> json(ex, 200, "{}"));
    }

    RegistryEndpoint endpoint() throws InvalidHookSettingException {
        return RegistryEndpoint.parse("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void rotate(String newPassword) {
        this.password = newPassword;
    }

    void route(String path, Route route) {
        routes.put(path, route);
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            // The proxy's warm-up request carries no credentials; tests look at what was forwarded with them.
            (auth == null ? anonymous : seen).add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    auth, ex.getRequestHeaders().getOrDefault("Accept", List.of()), ex.getRequestHeaders().getFirst("Range")));
            String expected = EcrToken.of("AWS", password, java.time.Instant.EPOCH, java.time.Instant.EPOCH)
                    .authorizationHeader();
            if (!expected.equals(auth)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
                json(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            Route r = routes.get(ex.getRequestURI().getRawPath());
            if (r == null) {
                json(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
                return;
            }
            r.handle(ex);
        }
    }

    static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(b.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
