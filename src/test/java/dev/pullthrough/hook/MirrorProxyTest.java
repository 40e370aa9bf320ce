package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MirrorProxyTest {
    private static final String PASSWORD = "pw-" + "k".repeat(1200);
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private FakeRegistry upstream;
    private MirrorProxy proxy;
    private HttpClient client;
    private volatile String nextPassword = PASSWORD;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new FakeRegistry(PASSWORD);
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
        assertThat(log).noneMatch(l -> l.contains(PASSWORD) || l.contains(nextPassword)
                || l.contains(EcrToken.of("AWS", PASSWORD, Instant.EPOCH, Instant.EPOCH).authorizationToken()));
    }

    private void startProxy(String prefix, EcrToken initial) throws Exception {
        TokenSource source = () -> {
            fetches.incrementAndGet();
            return EcrToken.of("AWS", nextPassword, Instant.now().plusSeconds(3600), Instant.now());
        };
        RefreshingToken token = new RefreshingToken(source, initial, Clock.systemUTC(), log::add);
        proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"), upstream.endpoint(), prefix),
                token, log::add);
    }

    private void startProxy(String prefix) throws Exception {
        startProxy(prefix, EcrToken.of("AWS", PASSWORD, Instant.now().plusSeconds(3600), Instant.now()));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(proxy.address().mirrorUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void get_manifest_rewrittenWithPrefixAuthAndAcceptHeaders() throws Exception {
        upstream.route("/v2/docker-hub/library/hello/manifests/1", ex -> {
            ex.getResponseHeaders().set("Docker-Content-Digest", DIGEST);
            FakeRegistry.json(ex, 200, "{\"schemaVersion\":2}");
        });
        startProxy("docker-hub");

        HttpResponse<String> r = get("/v2/library/hello/manifests/1",
                "Accept", "application/vnd.oci.image.index.v1+json",
                "Accept", "application/vnd.docker.distribution.manifest.v2+json");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"schemaVersion\":2}");
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(DIGEST);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        FakeRegistry.Seen seen = upstream.seen.get(upstream.seen.size() - 1);
        assertThat(seen.path()).isEqualTo("/v2/docker-hub/library/hello/manifests/1");
        assertThat(seen.authorization()).isEqualTo(EcrToken.of("AWS", PASSWORD, Instant.EPOCH, Instant.EPOCH).authorizationHeader());
        assertThat(String.join(",", seen.accept())).contains("application/vnd.oci.image.index.v1+json")
                .contains("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(proxy.counters().forwarded()).isEqualTo(1);
        awaitLogLine("GET /v2/library/hello/manifests/1 -> /v2/docker-hub/library/hello/manifests/1 200");
    }

    @Test
    void get_rootRule_noRewrite() throws Exception {
        upstream.route("/v2/library/hello/manifests/1", ex -> FakeRegistry.json(ex, 200, "{}"));
        startProxy("ROOT");

        assertThat(get("/v2/library/hello/manifests/1").statusCode()).isEqualTo(200);
        assertThat(upstream.seen.get(0).path()).isEqualTo("/v2/library/hello/manifests/1");
    }

    @Test
    void get_versionCheck_forwardedWithAuth() throws Exception {
        startProxy("docker-hub");

        HttpResponse<String> r = get("/v2/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.seen).extracting(FakeRegistry.Seen::path).containsExactly("/v2/");
        assertThat(upstream.seen.get(0).authorization()).startsWith("Basic ");
    }

    @Test
    void head_blob_contentLengthFromUpstreamAndNoBody() throws Exception {
        upstream.route("/v2/docker-hub/library/hello/blobs/" + DIGEST, ex -> {
            ex.getResponseHeaders().set("Content-Length", "123456789");
            ex.getResponseHeaders().set("Docker-Content-Digest", DIGEST);
            ex.sendResponseHeaders(200, -1);
        });
        startProxy("docker-hub");

        HttpURLConnection c = (HttpURLConnection) URI.create(proxy.address().mirrorUrl()
                + "/v2/library/hello/blobs/" + DIGEST).toURL().openConnection();
        c.setRequestMethod("HEAD");

        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(c.getHeaderField("Content-Length")).isEqualTo("123456789");
        assertThat(c.getHeaderField("Docker-Content-Digest")).isEqualTo(DIGEST);
        assertThat(upstream.seen.get(0).method()).isEqualTo("HEAD");
    }

    @Test
    void get_blobRedirect_passedBackUntouchedAndNotFollowed() throws Exception {
        String s3 = "https://prod-us-east-1-starport-layer-bucket.s3.us-east-1.amazonaws.com/x/y?X-Amz-Signature=abc";
        upstream.route("/v2/docker-hub/library/hello/blobs/" + DIGEST, ex -> {
            ex.getResponseHeaders().set("Location", s3);
            ex.sendResponseHeaders(307, -1);
        });
        startProxy("docker-hub");

        HttpResponse<String> r = get("/v2/library/hello/blobs/" + DIGEST);

        assertThat(r.statusCode()).isEqualTo(307);
        assertThat(r.headers().firstValue("Location")).hasValue(s3);
        assertThat(upstream.seen).hasSize(1);
        assertThat(proxy.counters().redirects()).isEqualTo(1);
    }

    @Test
    void get_relativeUpstreamLocationAndLink_mappedBackWithoutPrefix() throws Exception {
        upstream.route("/v2/docker-hub/library/hello/tags/list", ex -> {
            ex.getResponseHeaders().set("Link", "</v2/docker-hub/library/hello/tags/list?last=b&n=2>; rel=\"next\"");
            FakeRegistry.json(ex, 200, "{\"tags\":[\"a\",\"b\"]}");
        });
        startProxy("docker-hub");

        HttpResponse<String> r = get("/v2/library/hello/tags/list?n=2");

        assertThat(r.headers().firstValue("Link")).hasValue("</v2/library/hello/tags/list?last=b&n=2>; rel=\"next\"");
        assertThat(upstream.seen.get(0).query()).isEqualTo("n=2");
    }

    @Test
    void get_rangeHeader_forwardedAndPartialContentReturned() throws Exception {
        upstream.route("/v2/docker-hub/library/hello/blobs/" + DIGEST, ex -> {
            ex.getResponseHeaders().set("Content-Range", "bytes 0-3/10");
            ex.sendResponseHeaders(206, 4);
            try (OutputStream os = ex.getResponseBody()) {
                os.write("abcd".getBytes(StandardCharsets.US_ASCII));
            }
        });
        startProxy("docker-hub");

        HttpResponse<String> r = get("/v2/library/hello/blobs/" + DIGEST, "Range", "bytes=0-3");

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo("abcd");
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 0-3/10");
        assertThat(upstream.seen.get(0).range()).isEqualTo("bytes=0-3");
    }

    @Test
    void get_unauthorized_refreshesOnceAndRetries() throws Exception {
        upstream.route("/v2/docker-hub/library/hello/manifests/1", ex -> FakeRegistry.json(ex, 200, "{}"));
        startProxy("docker-hub", EcrToken.of("AWS", PASSWORD, Instant.now().plusSeconds(3600), Instant.now().minusSeconds(60)));
        nextPassword = "rotated-" + "r".repeat(1100);
        upstream.rotate(nextPassword);

        HttpResponse<String> r = get("/v2/library/hello/manifests/1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(fetches.get()).isEqualTo(1);
        assertThat(upstream.seen).hasSize(2);
        assertThat(upstream.seen.get(1).authorization())
                .isEqualTo(EcrToken.of("AWS", nextPassword, Instant.EPOCH, Instant.EPOCH).authorizationHeader());
        awaitLogLine("(retried after 401)");
    }

    @Test
    void get_unauthorizedEvenAfterRefresh_401WithoutChallengeAndNoLoop() throws Exception {
        startProxy("docker-hub", EcrToken.of("AWS", "wrong", Instant.now().plusSeconds(3600), Instant.now().minusSeconds(60)));
        nextPassword = "also-wrong";

        HttpResponse<String> r = get("/v2/library/hello/manifests/1");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(fetches.get()).isEqualTo(1);
        assertThat(upstream.seen).hasSize(2);
        assertThat(proxy.counters().unauthorized()).isEqualTo(1);
    }

    @Test
    void get_tokenDueForRefresh_refreshedInBackgroundAndServed() throws Exception {
        // Still valid, past its refresh point: the request does not wait for the refresh (issue 15, item 3); here the
        // registry already refuses the old token, so the 401 waits for that one refresh and the retry is served.
        startProxy("docker-hub", EcrToken.of("AWS", "old", Instant.now().plusSeconds(60), Instant.now().minusSeconds(3600)));

        assertThat(get("/v2/").statusCode()).isEqualTo(200);
        assertThat(fetches.get()).isEqualTo(1);
        assertThat(upstream.seen.get(upstream.seen.size() - 1).authorization())
                .isEqualTo(EcrToken.of("AWS", PASSWORD, Instant.EPOCH, Instant.EPOCH).authorizationHeader());
    }

    @Test
    void request_nonGetMethods_405WithAllow() throws Exception {
        startProxy("docker-hub");
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(proxy.address().mirrorUrl()
                    + "/v2/library/hello/blobs/uploads/")).method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void request_pathsOutsideRegistryApiAndTraversal_refusedWithoutForwarding() throws Exception {
        startProxy("docker-hub");
        assertThat(rawStatus("GET /etc/passwd HTTP/1.1")).isEqualTo(404);
        assertThat(rawStatus("GET /v2/../etc/passwd HTTP/1.1")).isEqualTo(400);
        assertThat(rawStatus("GET /v2/%2e%2e/x/manifests/1 HTTP/1.1")).isEqualTo(400);
        assertThat(rawStatus("GET /v2/library/%2E%2E/manifests/1 HTTP/1.1")).isEqualTo(400);
        assertThat(rawStatus("GET /v2//library/hello/manifests/1 HTTP/1.1")).isEqualTo(400);
        assertThat(rawStatus("GET /v2/library/./hello/manifests/1 HTTP/1.1")).isEqualTo(400);
        assertThat(rawStatus("GET /v2/_catalog HTTP/1.1")).isEqualTo(404);
        assertThat(rawStatus("GET /v2 HTTP/1.1")).isEqualTo(404);
        assertThat(upstream.seen).isEmpty();
        assertThat(proxy.counters().refused()).isEqualTo(8);
        assertThat(proxy.counters().served()).isEqualTo(8);
    }

    @Test
    void request_nonLoopbackHostHeader_403() throws Exception {
        startProxy("docker-hub");
        assertThat(rawStatus("GET /v2/ HTTP/1.1", "Host: evil.example:5155")).isEqualTo(403);
        assertThat(rawStatus("GET /v2/ HTTP/1.1", "Host: localhost:5155")).isEqualTo(200);
        assertThat(upstream.seen).hasSize(1);
    }

    @Test
    void start_nonLoopbackListenAddress_refused() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> MirrorProxy.start(new MirrorProxy.Config(new ListenAddress(any, 0), upstream.endpoint(),
                "docker-hub"), null, log::add)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void get_upstreamDown_502AndCounted() throws Exception {
        RegistryEndpoint dead = RegistryEndpoint.parse("http://127.0.0.1:" + FreePorts.unused());
        proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"), dead, "docker-hub"),
                new RefreshingToken(() -> null, EcrToken.of("AWS", PASSWORD, Instant.now().plusSeconds(3600), Instant.now()),
                        Clock.systemUTC(), log::add), log::add);

        assertThat(get("/v2/").statusCode()).isEqualTo(502);
        assertThat(proxy.counters().upstreamErrors()).isEqualTo(1);
    }

    @Test
    void get_largeBlob_streamedBeforeUpstreamFinishesAndIntact() throws Exception {
        long size = 100L * 1024 * 1024;
        CountDownLatch clientHasFirstMegabyte = new CountDownLatch(1);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        upstream.route("/v2/docker-hub/library/big/blobs/" + DIGEST, ex -> {
            ex.sendResponseHeaders(200, size);
            byte[] chunk = new byte[1024 * 1024];
            try (OutputStream os = ex.getResponseBody()) {
                for (long written = 0; written < size; written += chunk.length) {
                    java.util.Arrays.fill(chunk, (byte) (written / chunk.length));
                    os.write(chunk);
                    sent.update(chunk);
                    if (written == 0) {
                        os.flush();
                        // Holds the rest back until the client has seen the first megabyte: a proxy that buffers
                        // whole bodies never gets there.
                        try {
                            if (!clientHasFirstMegabyte.await(20, TimeUnit.SECONDS)) {
                                return;
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        });
        startProxy("docker-hub");

        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(proxy.address().mirrorUrl()
                + "/v2/library/big/blobs/" + DIGEST)).build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                received.update(buf, 0, n);
                total += n;
                if (total >= 1024 * 1024) {
                    clientHasFirstMegabyte.countDown();
                }
            }
        }

        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(total).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
    }

    @Test
    void get_200ParallelRequests_allForwardedAtOnceWithoutQueueing() throws Exception {
        int parallel = 200;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch poolFull = new CountDownLatch(parallel);
        upstream.route("/v2/docker-hub/library/hello/manifests/1", ex -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            poolFull.countDown();
            try {
                // Every request waits until all are here at once: only a proxy that forwards each connection on
                // its own thread, with no queue behind a fixed pool, gets past this.
                poolFull.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            FakeRegistry.json(ex, 200, "{}");
        });
        startProxy("docker-hub");
        HttpClient many = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            calls.add(many.sendAsync(HttpRequest.newBuilder(URI.create(proxy.address().mirrorUrl()
                    + "/v2/library/hello/manifests/1")).timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            assertThat(c.get(45, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(poolFull.getCount()).isZero();
        assertThat(maxInFlight.get()).isEqualTo(parallel);
        assertThat(proxy.counters().forwarded()).isEqualTo(parallel);
    }

    /** The proxy logs a request after its body went out, so the client can be a moment ahead. */
    private void awaitLogLine(String part) throws InterruptedException {
        for (int i = 0; i < 200 && log.stream().noneMatch(l -> l.contains(part)); i++) {
            Thread.sleep(10);
        }
        assertThat(log).anyMatch(l -> l.contains(part));
    }

    private int rawStatus(String requestLine, String... headers) throws IOException {
        try (Socket s = new Socket(proxy.address().address(), proxy.address().port())) {
            StringBuilder req = new StringBuilder(requestLine).append("\r\n");
            boolean hasHost = false;
            for (String h : headers) {
                req.append(h).append("\r\n");
                hasHost |= h.startsWith("Host:");
            }
            if (!hasHost) {
                req.append("Host: ").append(proxy.address().hostPort()).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return Integer.parseInt(response.split(" ")[1]);
        }
    }
}
