package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How many TLS connections the mirror opens at once: a burst that finds no idle connection opens at most
 * {@link UpstreamPool#MAX_OPENING_TLS} (each handshake holds memory the small heap must not run out of), and when an
 * opening fails, the requests waiting behind it get that answer at once instead of waiting their turn.
 */
class MirrorUpstreamOpeningTest {
    private static final Duration STALL = Duration.ofMillis(1500);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private ServerSocket silentRegistry;
    private MirrorProxy proxy;
    private ExecutorService clients;

    @AfterEach
    void tearDown() throws Exception {
        if (clients != null) {
            clients.shutdownNow();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (silentRegistry != null) {
            silentRegistry.close();
        }
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    @Timeout(30)
    void burstAgainstAStalledTlsRegistry_opensAtMostMaxOpeningAndAnswersEveryWaiterWithTheHandshakeTimeout()
            throws Exception {
        // Accepts TCP connections and never answers a ClientHello: every handshake stalls until its timeout.
        silentRegistry = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silentRegistry.isClosed()) {
                try {
                    held.add(silentRegistry.accept());
                    accepted.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
        EcrToken token = EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600), Instant.now());
        proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"),
                new RegistryEndpoint("https", "127.0.0.1", silentRegistry.getLocalPort()), "docker-hub",
                ServerLimits.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), STALL)),
                new RefreshingToken(() -> token, token, Clock.systemUTC(), log::add), log::add);

        int requests = 3 * UpstreamPool.MAX_OPENING_TLS;
        clients = Executors.newFixedThreadPool(requests);
        long start = System.nanoTime();
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(clients.submit(() -> statusLine("HEAD /v2/library/a/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")));
        }
        for (Future<String> answer : answers) {
            assertThat(answer.get(20, TimeUnit.SECONDS)).startsWith("HTTP/1.1 504 ");
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        // The warm-up connection and 15 for the burst; the other 32 requests waited and were answered with the first
        // timeout (the warm-up's), not after two more rounds of it (3 x 1.5 s).
        assertThat(accepted.get()).isEqualTo(UpstreamPool.MAX_OPENING_TLS);
        assertThat(elapsedMs).isLessThan(2 * STALL.toMillis() + 1000);
    }

    private String statusLine(String request) throws IOException {
        return MirrorStatusLine.of(proxy, request, Duration.ofSeconds(15));
    }
}
