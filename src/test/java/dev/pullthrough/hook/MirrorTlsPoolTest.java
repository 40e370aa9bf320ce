package dev.pullthrough.hook;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's pool of TLS connections against a real TLS 1.3 registry stand-in in this JVM (the JDK's server, which
 * sends a session ticket after each handshake): the cap ({@link UpstreamPool#MAX_CONNECTIONS_TLS}) holds while
 * connections turn over and bends for a request that waited {@link UpstreamPool#OVER_CAP_AFTER_NANOS} behind
 * exchanges the registry does not answer, an idle connection outlives the ticket, and what buffers a pooled
 * connection keeps.
 */
class MirrorTlsPoolTest {
    private static final Duration STALL = Duration.ofSeconds(20);
    private static final int BIG_BODY = 1 << 20;
    @TempDir
    static Path keys;
    private static SSLContext serverContext;
    private static SSLContext trusting;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    /** One permit per request the registry holds without answering. */
    private final Semaphore hanging = new Semaphore(0);
    /** One permit per handshake the registry finished (its session ticket sent). */
    private final Semaphore handshakes = new Semaphore(0);
    /** The registry starts no handshake before this opens (open unless a test closes it). */
    private volatile CountDownLatch handshakeGate = new CountDownLatch(0);
    private ServerSocket registry;
    private MirrorProxy proxy;
    private ExecutorService clients;

    @BeforeAll
    static void certificates() throws Exception {
        KeyStore serverKeys = TestCertificates.keyPair(keys, "registry.p12");
        serverContext = TestCertificates.serverContext(serverKeys);
        trusting = TestCertificates.clientTrusting(serverKeys);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (clients != null) {
            clients.shutdownNow();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
        for (Socket s : connections) {
            s.close();
        }
    }

    @Test
    @Timeout(60)
    void everyConnectionHeldByAnUnansweredRequest_theNextRequestOpensOneBeyondTheCapAfterItsWait() throws Exception {
        startRegistryAndMirror();
        int stuck = UpstreamPool.MAX_CONNECTIONS_TLS;
        clients = Executors.newFixedThreadPool(stuck + 1);
        List<Future<String>> stuckAnswers = new ArrayList<>();
        for (int i = 0; i < stuck; i++) {
            stuckAnswers.add(clients.submit(() -> statusLine("/v2/hang/a/manifests/1")));
        }
        assertThat(hanging.tryAcquire(stuck, 30, TimeUnit.SECONDS)).as("the registry holds 64 requests").isTrue();

        long start = System.nanoTime();
        String answer = clients.submit(() -> statusLine("/v2/fast/a/manifests/1")).get(15, TimeUnit.SECONDS);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;

        // Answered after about a second's wait, long before the stuck ones reach their 20 s stall timeout.
        assertThat(answer).startsWith("HTTP/1.1 200 ");
        assertThat(waitedMs).isBetween(TimeUnit.NANOSECONDS.toMillis(UpstreamPool.OVER_CAP_AFTER_NANOS) - 100,
                STALL.toMillis() / 2);
        // On a loaded machine a stuck request may itself have waited a second for a handshake and opened beyond the cap.
        assertThat(accepted.get()).isGreaterThan(stuck);
        assertThat(stuckAnswers).noneMatch(Future::isDone);
    }

    @Test
    @Timeout(60)
    void burstsOfManyMoreRequestsThanTheCap_servedByAtMostTheCapOfConnections() throws Exception {
        startRegistryAndMirror();
        int requests = 2 * UpstreamPool.MAX_CONNECTIONS_TLS + 30;
        clients = Executors.newFixedThreadPool(requests);
        for (int burst = 0; burst < 5; burst++) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> statusLine("/v2/fast/a/manifests/1")));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 ");
            }
        }

        assertThat(accepted.get()).isBetween(2, UpstreamPool.MAX_CONNECTIONS_TLS);
        assertThat(proxy.counters().snapshot()).containsEntry("registryConnections", (long) accepted.get());
    }

    @Test
    @Timeout(60)
    void warmUpConnectionIdleWhenTheSessionTicketArrives_servesTheFirstRequest() throws Exception {
        startRegistryAndMirror();
        assertThat(handshakes.tryAcquire(30, TimeUnit.SECONDS)).as("the warm-up connection's handshake").isTrue();

        // The ticket reached the idle connection before this request: it used to be taken for the registry closing
        // the connection, which was then dropped, and the request opened (and paid a handshake for) another.
        assertThat(statusLine("/v2/fast/a/manifests/1")).startsWith("HTTP/1.1 200 ");
        assertThat(statusLine("/v2/fast/a/manifests/1")).startsWith("HTTP/1.1 200 ");

        assertThat(accepted.get()).as("registry connections").isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void requestWhileTheWarmUpHandshakeIsInFlight_waitsForItInsteadOfOpeningAnother() throws Exception {
        handshakeGate = new CountDownLatch(1);
        startRegistryAndMirror();

        // As `hook start`'s check through a cold mirror: the request is in while the warm-up handshake is held (the
        // mirror reads it within microseconds; the handshake, once let go, takes milliseconds of round trips).
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("HEAD /v2/fast/a/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(ISO_8859_1));
            handshakeGate.countDown();

            // Before, the request opened a connection of its own and was answered over it: two handshakes.
            assertThat(OneConnectionServer.readLine(s.getInputStream())).startsWith("HTTP/1.1 200 ");
        }
        assertThat(accepted.get()).as("registry connections").isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void connectionBackInThePool_keepsItsBuffersForTheNextRequest_andGivesThemBackOnceIdleAWhile() throws Exception {
        startRegistryAndMirror();
        assertThat(statusLine("/v2/fast/a/manifests/1")).startsWith("HTTP/1.1 200 ");

        // Given back at every return, a burst's buffers were taken anew per request, outlived young collections and
        // grew the heap to its cap with promoted garbage (docs/PERFORMANCE.md, "The mirror over TLS, fourth pass").
        assertThat(onLoop(() -> proxy.loop().pool().idleHoldingBuffers())).isEqualTo(1);
        long returned = System.nanoTime();
        assertThat(onLoop(() -> {
            proxy.loop().pool().checkDeadlines(returned + UpstreamPool.BUFFERS_BACK_AFTER_NANOS / 2);
            return proxy.loop().pool().idleHoldingBuffers();
        })).isEqualTo(1);
        assertThat(onLoop(() -> {
            proxy.loop().pool().checkDeadlines(returned + UpstreamPool.BUFFERS_BACK_AFTER_NANOS + TimeUnit.SECONDS.toNanos(1));
            return proxy.loop().pool().idleHoldingBuffers();
        })).isZero();

        assertThat(onLoop(() -> proxy.loop().pool().idleConnections())).as("still pooled").isEqualTo(1);
        assertThat(statusLine("/v2/fast/a/manifests/1")).startsWith("HTTP/1.1 200 ");
        assertThat(accepted.get()).as("registry connections").isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void connectionBackFromAStreamedBlob_givesItsGrownBuffersBackAtOnce() throws Exception {
        startRegistryAndMirror();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /v2/big/a/blobs/sha256:0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(ISO_8859_1));
            byte[] answer = s.getInputStream().readAllBytes();
            assertThat(answer.length).as("head and the 1 MB body").isGreaterThan(BIG_BODY);
        }
        // The blob came through receive buffers grown for several records (~270 KB); kept with the connection for
        // the manifests that follow, 64 such connections would hold ~17 MB of the mirror's 24 MB heap.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (onLoop(() -> proxy.loop().pool().idleConnections()) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the exchange has put its connection back
        }
        assertThat(onLoop(() -> proxy.loop().pool().idleConnections())).isEqualTo(1);
        assertThat(onLoop(() -> proxy.loop().pool().idleHoldingBuffers())).isZero();
        assertThat(statusLine("/v2/fast/a/manifests/1")).startsWith("HTTP/1.1 200 ");
        assertThat(accepted.get()).as("registry connections").isEqualTo(1);
    }

    /** Runs {@code task} on the mirror's loop, which owns the pool, and returns its result. */
    private <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        proxy.loop().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    /**
     * A keep-alive HTTPS registry stand-in: answers a request for a {@code /fast/} repository at once with an empty
     * 200, and never answers one for a {@code /hang/} repository.
     */
    private void startRegistryAndMirror() throws Exception {
        registry = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!registry.isClosed()) {
                try {
                    Socket tcp = registry.accept();
                    connections.add(tcp);
                    accepted.incrementAndGet();
                    Thread connection = new Thread(() -> serve(tcp), "tls-registry-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tls-registry");
        acceptor.setDaemon(true);
        acceptor.start();
        EcrToken token = EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600), Instant.now());
        proxy = MirrorProxy.bind(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"),
                new RegistryEndpoint("https", "127.0.0.1", registry.getLocalPort()), "docker-hub",
                ServerLimits.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), STALL)),
                log::add, trusting);
        proxy.serve(new RefreshingToken(() -> token, token, Clock.systemUTC(), log::add));
    }

    private void serve(Socket tcp) {
        try {
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) serverContext.getSocketFactory()).createSocket(tcp, null, true);
            tls.setUseClientMode(false);
            handshakeGate.await();
            tls.startHandshake(); // returns once the server's last flight, the session ticket included, is sent
            handshakes.release();
            InputStream in = tls.getInputStream();
            while (true) {
                String requestLine = OneConnectionServer.readLine(in);
                if (requestLine.isEmpty()) {
                    return; // the connection ended
                }
                while (!OneConnectionServer.readLine(in).isEmpty()) {
                    // the headers: not needed here
                }
                if (requestLine.contains("/big/")) {
                    tls.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + BIG_BODY
                            + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    tls.getOutputStream().write(new byte[BIG_BODY]);
                    tls.getOutputStream().flush();
                    continue;
                }
                if (requestLine.contains("/hang/")) {
                    hanging.release();
                    in.read(); // until the mirror gives up or the test ends
                    return;
                }
                tls.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
                        + "Docker-Content-Digest: sha256:0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                tls.getOutputStream().flush();
            }
        } catch (IOException ended) {
            // The mirror or the test closed the connection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String statusLine(String path) throws IOException {
        return MirrorStatusLine.of(proxy, "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", Duration.ofSeconds(30));
    }
}
