package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the mirror re-frames a registry body it cannot pass on byte for byte: chunks go to an HTTP/1.1 client as they
 * are and de-chunked to an HTTP/1.0 one; a body that ends with the registry's connection ends the client's too.
 * The registry here is a raw socket that answers every request with one canned response.
 */
@Timeout(30)
class MirrorFramingTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger registryConnections = new java.util.concurrent.atomic.AtomicInteger();
    private ServerSocket registry;
    private Thread registryThread;
    private MirrorProxy proxy;

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
            registryThread.join(5000);
        }
    }

    /** A registry answering every request with {@code response}; {@code close} ends each connection after it. */
    private void startRegistry(String response, boolean close) throws Exception {
        startRegistry(response, close ? 1 : Integer.MAX_VALUE, false);
    }

    /**
     * A registry answering {@code answers} requests per connection with {@code response}, then ending it: at once,
     * or ({@code dropNextRequest}) only after reading the next request, as a registry whose keep-alive timeout ran out
     * just as the mirror reused the connection.
     */
    private void startRegistry(String response, int answers, boolean dropNextRequest) throws Exception {
        registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        registryThread = new Thread(() -> {
            while (!registry.isClosed()) {
                try (Socket s = registry.accept()) {
                    registryConnections.incrementAndGet();
                    InputStream in = s.getInputStream();
                    int answered = 0;
                    while (readHead(in)) {
                        if (answered == answers) {
                            break; // dropNextRequest: read, not answered
                        }
                        s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                        if (++answered == answers && !dropNextRequest) {
                            break;
                        }
                    }
                } catch (IOException closed) {
                    // Next connection, or the test is over.
                }
            }
        }, "canned-registry");
        registryThread.setDaemon(true);
        registryThread.start();
        startMirror(new RefreshingToken(() -> EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600),
                Instant.now()), EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600), Instant.now()),
                Clock.systemUTC(), log::add));
    }

    private void startMirror(RefreshingToken token) throws Exception {
        startMirror(token, ServerLimits.DEFAULT);
    }

    private void startMirror(RefreshingToken token, ServerLimits limits) throws Exception {
        proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"),
                new RegistryEndpoint("http", "127.0.0.1", registry.getLocalPort()), "docker-hub", limits), token, log::add);
    }

    private static boolean readHead(InputStream in) throws IOException {
        int newlines = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                if (++newlines == 2) {
                    return true;
                }
            } else if (b != '\r') {
                newlines = 0;
            }
        }
        return false;
    }

    private String exchange(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void chunkedBody_passedAsChunksToHttp11AndDechunkedForHttp10() throws Exception {
        startRegistry("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n", false);

        String http11 = exchange("GET /v2/library/a/tags/list HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String http10 = exchange("GET /v2/library/a/tags/list HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(http11).startsWith("HTTP/1.1 200 ").contains("Transfer-Encoding: chunked\r\n")
                .endsWith("\r\n\r\n3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertThat(http10).startsWith("HTTP/1.0 200 ").contains("Connection: close").doesNotContain("chunked")
                .endsWith("\r\n\r\nabcdefg");
    }

    @Test
    void chunkedBody_upstreamConnectionReusedForTheNextRequest() throws Exception {
        startRegistry("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", false);

        String answers = exchange("GET /v2/a/tags/list HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /v2/b/tags/list HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answers.split("HTTP/1.1 200 ", -1)).hasSize(3);
        assertThat(answers).endsWith("2\r\nok\r\n0\r\n\r\n");
    }

    @Test
    void headAnswers_oneRegistryConnectionServesManyClientsInTurn() throws Exception {
        // A HEAD answer has a length and no body: the connection is clean afterwards and goes back to the pool.
        startRegistry("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 427\r\n\r\n", false);

        for (int i = 0; i < 5; i++) {
            assertThat(exchange("HEAD /v2/a/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200 ").contains("Content-Length: 427\r\n");
        }

        // The warm-up's connection, and one more when the first request came before the warm-up had connected.
        assertThat(registryConnections.get()).as("connections the registry accepted").isBetween(1, 2);
    }

    @Test
    void pooledConnectionClosedByTheRegistryAsItIsReused_requestRetriedOnceOnANewConnection() throws Exception {
        startRegistry("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", 1, true);

        for (int i = 0; i < 3; i++) {
            assertThat(exchange("GET /v2/a/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                    .as("request %d", i).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n{}");
        }

        assertThat(proxy.counters().snapshot()).containsEntry("upstreamErrors", 0L);
    }

    @Test
    void expiredTokenWhileItsRefreshHangs_otherRequestsAnsweredAtOnce() throws Exception {
        startRegistry("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", false);
        proxy.close();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TokenSource hanging = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return EcrToken.of("AWS", "new", Instant.now().plusSeconds(3600), Instant.now());
        };
        startMirror(new RefreshingToken(hanging, EcrToken.of("AWS", "old", Instant.now().minusSeconds(1),
                Instant.now().minusSeconds(3600)), Clock.systemUTC(), log::add));
        try (Socket waiting = new Socket(InetAddress.getLoopbackAddress(), proxy.address().port())) {
            waiting.getOutputStream().write("GET /v2/a/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            // The forwarded request waits for the token; the event loop does not.
            assertThat(exchange("POST /v2/a/blobs/uploads/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 405 ");

            release.countDown();
            waiting.setSoTimeout(10_000);
            byte[] answer = new byte[12];
            assertThat(waiting.getInputStream().readNBytes(answer, 0, 12)).isEqualTo(12);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        } finally {
            release.countDown();
        }
    }

    @Test
    void clientStopsReadingABlob_connectionResetAfterTwiceTheStallTimeout() throws Exception {
        int size = 32 * 1024 * 1024;
        startRegistry("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size
                + "\r\n\r\n" + "x".repeat(size), false);
        proxy.close();
        startMirror(new RefreshingToken(() -> EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600), Instant.now()),
                EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600), Instant.now()), Clock.systemUTC(), log::add),
                ServerLimits.DEFAULT.withTimeouts(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(10),
                        java.time.Duration.ofMillis(300)));
        try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), proxy.address().port())) {
            stalled.setReceiveBufferSize(64 * 1024);
            stalled.getOutputStream().write("GET /v2/a/blobs/sha256:1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (proxy.counters().snapshot().get("timeouts") == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the watchdog cuts the connection that stopped reading
            }

            assertThat(proxy.counters().snapshot()).containsEntry("timeouts", 1L).containsEntry("upstreamErrors", 0L);
            stalled.setSoTimeout(10_000);
            InputStream in = stalled.getInputStream();
            long read = 0;
            try {
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    read += n;
                }
            } catch (IOException reset) {
                // The reset: the client learns at once that the body is incomplete.
            }
            assertThat(read).as("bytes the client got before the reset").isLessThan(size);
        }
    }

    @Test
    void closeDelimitedBody_relayedToTheEndAndTheClientConnectionClosed() throws Exception {
        startRegistry("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nall of it", true);

        String answer = exchange("GET /v2/a/tags/list HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("Connection: close\r\n").endsWith("\r\n\r\nall of it");
    }

    @Test
    void malformedUpstreamHead_502() throws Exception {
        startRegistry("NOT HTTP AT ALL\r\n\r\n", true);

        String answer = exchange("GET /v2/a/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 502 ").contains("UNAVAILABLE");
    }
}
