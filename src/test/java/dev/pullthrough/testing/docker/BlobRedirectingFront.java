package dev.pullthrough.testing.docker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the ECR stand-in answer blob downloads the way ECR does: {@code GET /v2/<name>/blobs/<digest>} is checked
 * against the registry with the caller's credentials and then answered {@code 307} to a pre-signed-looking URL on a
 * separate "S3" listener, which serves the bytes to whoever follows the redirect and records whether that request
 * carried an {@code Authorization} header. Everything else is relayed to the ECR stand-in unchanged.
 * <p>
 * A mirror must hand the redirect back to its client: following it itself would send the ECR token to S3 (and
 * buffer blobs through the proxy). With this front, "S3" sees who followed, and with what.
 */
public final class BlobRedirectingFront implements AutoCloseable {
    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/(sha256:[0-9a-f]{64})$");
    private static final Pattern S3_PATH = Pattern.compile("^/bucket/(.+)/(sha256:[0-9a-f]{64})$");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "te", "trailer", "proxy-authorization", "proxy-authenticate", "expect");

    /** One request the "S3" listener answered. */
    public record S3Request(String method, String path, int status, boolean hadAuthorization, String userAgent) {
    }

    private final DistributionRegistry ecr;
    private final DistributionRegistry dockerHub;
    private final HttpServer front;
    private final HttpServer s3;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "blob-redirecting-front");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> redirects = new CopyOnWriteArrayList<>();
    private final List<S3Request> s3Requests = new CopyOnWriteArrayList<>();

    private BlobRedirectingFront(DistributionRegistry ecr, DistributionRegistry dockerHub) throws IOException {
        this.ecr = ecr;
        this.dockerHub = dockerHub;
        this.front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        front.createContext("/", this::handleFront);
        s3.createContext("/", this::handleS3);
        front.setExecutor(executor);
        s3.setExecutor(executor);
    }

    /**
     * In front of {@code ecr}; "S3" serves the bytes from {@code dockerHub}, which holds every repository under the
     * name ECR's proxy asks for.
     */
    public static BlobRedirectingFront start(DistributionRegistry ecr, DistributionRegistry dockerHub) {
        try {
            BlobRedirectingFront f = new BlobRedirectingFront(ecr, dockerHub);
            f.front.start();
            f.s3.start();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the blob-redirecting front", e);
        }
    }

    /** The registry URL to give the hook instead of the ECR stand-in's. */
    public String url() {
        return "http://127.0.0.1:" + front.getAddress().getPort();
    }

    /** The blob paths answered with a redirect. */
    public List<String> redirects() {
        return List.copyOf(redirects);
    }

    public List<S3Request> s3Requests() {
        return List.copyOf(s3Requests);
    }

    private void handleFront(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Matcher blob = BLOB.matcher(path);
            if ("GET".equals(exchange.getRequestMethod()) && blob.matches()) {
                // ECR checks the caller's right to the blob before it redirects: same here, with a HEAD upstream.
                HttpResponse<InputStream> check = relay(exchange, "HEAD", path);
                check.body().close();
                if (check.statusCode() != 200) {
                    answer(exchange, check, "HEAD");
                    return;
                }
                String location = "http://127.0.0.1:" + s3.getAddress().getPort() + "/bucket/" + blob.group(1) + "/"
                        + blob.group(2) + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + UUID.randomUUID();
                redirects.add(path);
                exchange.getResponseHeaders().set("Location", location);
                exchange.getResponseHeaders().set("Docker-Distribution-Api-Version", "registry/2.0");
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            answer(exchange, relay(exchange, exchange.getRequestMethod(), path), exchange.getRequestMethod());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<InputStream> relay(HttpExchange exchange, String method, String path)
            throws IOException, InterruptedException {
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ecr.url() + path + (query == null ? "" : "?" + query)))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void answer(HttpExchange exchange, HttpResponse<InputStream> response, String method) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        java.util.OptionalLong length = response.headers().firstValueAsLong("content-length");
        try (InputStream body = response.body()) {
            if ("HEAD".equals(method)) {
                length.ifPresent(n -> exchange.getResponseHeaders().set("Content-Length", Long.toString(n)));
                exchange.sendResponseHeaders(response.statusCode(), -1);
            } else if (length.isPresent() && length.getAsLong() == 0) {
                exchange.sendResponseHeaders(response.statusCode(), -1);
            } else {
                // A known length is sent as such; an unknown one chunked (0).
                exchange.sendResponseHeaders(response.statusCode(), length.orElse(0));
                try (OutputStream out = exchange.getResponseBody()) {
                    body.transferTo(out);
                }
            }
        }
    }

    private void handleS3(HttpExchange exchange) throws IOException {
        try (exchange) {
            String agent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"));
            boolean authorization = exchange.getRequestHeaders().containsKey("Authorization");
            Matcher m = S3_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches() || !"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                s3Requests.add(new S3Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), 404, authorization, agent));
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            HttpResponse<InputStream> blob = client.send(HttpRequest.newBuilder(URI.create(
                            dockerHub.url() + "/v2/" + m.group(1) + "/blobs/" + m.group(2))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            s3Requests.add(new S3Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    blob.statusCode(), authorization, agent));
            answer(exchange, blob, exchange.getRequestMethod());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        front.stop(0);
        s3.stop(0);
        executor.shutdownNow();
    }
}
