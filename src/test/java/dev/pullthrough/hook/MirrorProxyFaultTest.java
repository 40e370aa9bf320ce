package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullthrough.hook.FaultyUpstream.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mirror under faults: an upstream that resets, hangs or trickles ({@link FaultyUpstream}), clients that send
 * headers slowly or hold connections, and hostile paths. Timeouts are shortened (stall 1 s, header 1 s, idle 1 s) so
 * each fault is seen within a second or two; no test sleeps for a fixed time, each waits for the event.
 */
class MirrorProxyFaultTest {
    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final ServerLimits LIMITS = ServerLimits.DEFAULT.withTimeouts(SHORT, SHORT, SHORT);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private FaultyUpstream upstream;
    private MirrorProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start(Fault fault, long slowChunkMillis, ServerLimits limits) throws Exception {
        upstream = new FaultyUpstream(fault, slowChunkMillis);
        RefreshingToken token = new RefreshingToken(() -> EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600),
                Instant.now()), EcrToken.of("AWS", "pw", Instant.now().plusSeconds(3600), Instant.now()),
                Clock.systemUTC(), log::add);
        proxy = MirrorProxy.start(new MirrorProxy.Config(ListenAddress.parse("127.0.0.1:0"), upstream.endpoint(),
                "docker-hub", limits), token, log::add);
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(proxy.address().mirrorUrl() + path).toURL()
                .openConnection(java.net.Proxy.NO_PROXY);
        c.setRequestMethod(method);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(20_000); // far above every mirror timeout: a test that reaches it has found a hang
        return c;
    }

    private static long drain(InputStream in) throws IOException {
        long total = 0;
        byte[] b = new byte[64 * 1024];
        for (int n; (n = in.read(b)) >= 0; ) {
            total += n;
        }
        return total;
    }

    @Test
    void get_upstreamResetMidBlob_clientConnectionBrokenAtOnce() throws Exception {
        start(Fault.RESET_MID_BODY, 0, ServerLimits.DEFAULT);
        HttpURLConnection c = open("/v2/library/big/blobs/sha256:" + "b".repeat(64), "GET");
        long started = System.nanoTime();

        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThatThrownBy(() -> drain(c.getInputStream())).isInstanceOf(IOException.class);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // At once, not after a timeout (the default stall timeout is 60 s).
        assertThat(ms).isLessThan(5_000);
        assertThat(proxy.counters().upstreamErrors()).isEqualTo(1);
        awaitLog("aborted: upstream broke off mid-body");
    }

    @Test
    void get_upstreamHangsOnHeaders_504AfterTheStallTimeout() throws Exception {
        start(Fault.HANG_ON_HEADERS, 0, LIMITS);
        long started = System.nanoTime();

        HttpURLConnection c = open("/v2/library/hello/manifests/hang", "GET");

        assertThat(c.getResponseCode()).isEqualTo(504);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(900L, 10_000L);
        assertThat(proxy.counters().upstreamErrors()).isEqualTo(1);
    }

    @Test
    void get_upstreamHangsMidBody_clientConnectionBrokenAfterTheStallTimeout() throws Exception {
        start(Fault.HANG_ON_BODY, 0, LIMITS);
        HttpURLConnection c = open("/v2/library/big/blobs/sha256:" + "c".repeat(64), "GET");
        long started = System.nanoTime();

        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThatThrownBy(() -> drain(c.getInputStream())).isInstanceOf(IOException.class);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(900L, 10_000L);
        assertThat(proxy.counters().upstreamErrors() + proxy.counters().timeouts()).isPositive();
    }

    @Test
    void get_slowUpstreamBody_deliveredIntactWhileEachChunkComesWithinTheStallTimeout() throws Exception {
        // 8 chunks 300 ms apart: 2.4 s in all, more than twice the 1 s stall timeout, but never 1 s without progress.
        start(Fault.SLOW_BODY, 300, LIMITS);
        HttpURLConnection c = open("/v2/library/slow/blobs/sha256:" + "d".repeat(64), "GET");

        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(drain(c.getInputStream())).isEqualTo(FaultyUpstream.SLOW_BODY_LENGTH);
        assertThat(proxy.counters().timeouts()).isZero();
    }

    @Test
    void request_100SlowlorisClients_othersServedAtOnceAndTheSlowOnesCutAtTheHeaderTimeout() throws Exception {
        Duration header = Duration.ofSeconds(4);
        start(Fault.HANG_ON_HEADERS, 0, LIMITS.withTimeouts(header, SHORT, SHORT));
        for (int i = 0; i < 100; i++) {
            Socket s = new Socket(proxy.address().address(), proxy.address().port());
            clients.add(s);
            s.getOutputStream().write("GET /v2/library/hello/manifests/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    .getBytes(StandardCharsets.US_ASCII)); // and never the blank line that ends the headers
        }
        long started = System.nanoTime();

        HttpURLConnection c = open("/v2/library/hello/manifests/ok", "HEAD");

        assertThat(c.getResponseCode()).isEqualTo(200);
        // Well before the slow clients are cut: it did not wait for them (JDK 17's server made it wait 86 s).
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(header.toMillis() / 2);
        for (Socket s : clients) {
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1); // closed by the mirror, not by this read's timeout
        }
        assertThat(proxy.counters().timeouts()).isEqualTo(100);
    }

    @Test
    void head_manifestWhile100BlobsHangUpstream_answeredWithoutQueueing() throws Exception {
        start(Fault.HANG_ON_BODY, 0, ServerLimits.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<Integer>> blobs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String path = "/v2/library/big/blobs/sha256:" + Integer.toHexString(i) + "e".repeat(62);
                blobs.add(pool.submit(() -> open(path, "GET").getResponseCode()));
            }
            for (Future<Integer> b : blobs) {
                assertThat(b.get(20, TimeUnit.SECONDS)).isEqualTo(200); // headers came; the bodies now hang
            }
            assertThat(upstream.faulted.get()).isEqualTo(100);
            long started = System.nanoTime();

            HttpURLConnection c = open("/v2/library/hello/manifests/ok", "HEAD");

            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void get_deepRepositoryPaths_400WithoutStackTracesAndTheServerKeepsAnswering() throws Exception {
        start(Fault.HANG_ON_HEADERS, 0, ServerLimits.DEFAULT);
        String deep = "/v2/" + "a/".repeat(2000) + "manifests/latest";
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                calls.add(pool.submit(() -> {
                    // Closed after each answer: a client that leaves 300 connections open would meet the server's
                    // connection cap (503) before the path check this test is about.
                    HttpURLConnection c = open(deep, "GET");
                    try {
                        return c.getResponseCode();
                    } finally {
                        c.disconnect();
                    }
                }));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(400);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(open("/v2/library/hello/manifests/ok", "GET").getResponseCode()).isEqualTo(200);
        assertThat(proxy.healthy()).isTrue();
        assertThat(proxy.counters().refused()).isEqualTo(300);
        assertThat(upstream.faulted.get()).isZero();
        assertThat(log).allMatch(l -> l.length() < 400, "one short line per request");
    }

    @Test
    void request_headersLargerThanTheLimit_431() throws Exception {
        start(Fault.HANG_ON_HEADERS, 0, ServerLimits.DEFAULT);
        Socket s = new Socket(proxy.address().address(), proxy.address().port());
        clients.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

        assertThat(response).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void request_idleKeepAlive_closedAfterTheIdleTimeout() throws Exception {
        start(Fault.HANG_ON_HEADERS, 0, LIMITS);
        Socket s = new Socket(proxy.address().address(), proxy.address().port());
        clients.add(s);
        s.getOutputStream().write("GET /v2/library/hello/manifests/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200 ").contains("Content-Length: 2");
        assertThat(in.readNBytes(2)).isEqualTo("{}".getBytes(StandardCharsets.US_ASCII));
        long started = System.nanoTime();

        assertThat(in.read()).isEqualTo(-1);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(800L, 9_000L);
        assertThat(proxy.counters().timeouts()).isZero(); // an idle keep-alive ending is normal, not a fault
    }

    @Test
    void bind_portInUse_failsWithTheOperatingSystemsReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            upstream = new FaultyUpstream(Fault.HANG_ON_HEADERS, 0);
            assertThatThrownBy(() -> MirrorProxy.bind(new MirrorProxy.Config(
                    ListenAddress.parse("127.0.0.1:" + taken.getLocalPort()), upstream.endpoint(), "docker-hub"), log::add))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private void awaitLog(String part) throws InterruptedException {
        for (int i = 0; i < 500 && log.stream().noneMatch(l -> l.contains(part)); i++) {
            Thread.sleep(10);
        }
        assertThat(log).anyMatch(l -> l.contains(part));
    }
}
