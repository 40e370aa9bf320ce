package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mirror's event loop on its own: request framing, keep-alive, and that a failing handler never stops it. */
class MirrorLoopTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private MirrorLoop loop;

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.close();
        }
    }

    private void start(MirrorLoop.Handler handler) throws IOException {
        start(handler, ServerLimits.DEFAULT);
    }

    private void start(MirrorLoop.Handler handler, ServerLimits limits) throws IOException {
        loop = MirrorLoop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, handler, log::add);
        // No registry behind it: the warm-up connection fails quietly and no request here is forwarded.
        loop.start(new UpstreamPool(loop, new RegistryEndpoint("http", "127.0.0.1", FreePorts.unused()), new ProxyCounters(), null));
        loop.accept(fatal::add);
    }

    private String exchange(String requests) throws IOException {
        try (Socket s = new Socket(loop.address().getAddress(), loop.address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static void text(ClientConnection c, String body) {
        c.respond(200, List.<String[]>of(new String[] {"Content-Type", "text/plain"}),
                body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void handle_stackOverflowInHandler_500OneLineLoggedAndTheLoopKeepsServing() throws Exception {
        start((request, connection) -> {
            if (request.rawPath().equals("/deep")) {
                recurse(0);
            }
            text(connection, "ok");
        });

        assertThat(exchange("GET /deep HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 500 ");
        assertThat(exchange("GET /fine HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(log).containsExactly("GET -> failed: StackOverflowError");
        assertThat(loop.healthy()).isTrue();
        assertThat(fatal).isEmpty();
    }

    @Test
    void handle_pipelinedKeepAliveRequests_answeredInOrderOnOneConnection() throws Exception {
        start((request, connection) -> text(connection, request.rawPath()));

        String answers = exchange("GET /one HTTP/1.1\r\n\r\nHEAD /two HTTP/1.1\r\n\r\nGET /three?q=1 HTTP/1.1\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(4);
        assertThat(answers).contains("Content-Length: 4\r\n\r\n/one").contains("Content-Length: 4\r\n\r\nHTTP")
                .endsWith("Connection: close\r\n\r\n/three");
    }

    @Test
    void handle_http10WithoutKeepAlive_answeredAsHttp10AndClosed() throws Exception {
        start((request, connection) -> text(connection, "abc"));

        assertThat(exchange("GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 200 ").contains("Connection: close")
                .endsWith("\r\n\r\nabc");
    }

    @Test
    void read_malformedRequestLine_400AndClosed() throws Exception {
        start((request, connection) -> text(connection, ""));

        assertThat(exchange("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET http://elsewhere/ HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET / HTTP/1.1\r\n folded: header\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET / HTTP/1.1\r\nAccept: a\rX-Injected: 1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /v2/?a\rX-Injected:1 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void accept_overTheConnectionCap_503WithRetryAfterAndTheOthersKept() throws Exception {
        List<Integer> refused = new CopyOnWriteArrayList<>();
        start(new MirrorLoop.Handler() {
            @Override
            public void handle(RequestHead request, ClientConnection connection) {
                text(connection, "ok");
            }

            @Override
            public void refusedByServer(int status) {
                refused.add(status);
            }
        }, ServerLimits.DEFAULT.withMaxConnections(2));
        try (Socket first = new Socket(loop.address().getAddress(), loop.address().getPort());
                Socket second = new Socket(loop.address().getAddress(), loop.address().getPort())) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (loop.openConnections() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the loop has admitted both
            }

            assertThat(exchange("GET / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1\r\n");
            assertThat(refused).containsExactly(503);
            first.getOutputStream().write("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            first.setSoTimeout(10_000);
            assertThat(new String(first.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).endsWith("ok");
        }
    }

    @Test
    void handle_requestWithABodyItDoesNotRead_clientCanSendItAllAndThenReadTheAnswer() throws Exception {
        start((request, connection) -> connection.respond(405, List.<String[]>of(new String[] {"Allow", "GET, HEAD"}),
                "read-only".getBytes(StandardCharsets.US_ASCII)));
        byte[] body = new byte[4 * 1024 * 1024];

        try (Socket s = new Socket(loop.address().getAddress(), loop.address().getPort())) {
            s.setSoTimeout(10_000);
            // As a client that sends its whole upload before it reads: more than the socket buffers hold, so the
            // mirror must keep reading after its answer, or this write fails with a reset.
            s.getOutputStream().write(("POST /v2/a/blobs/uploads/ HTTP/1.1\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.shutdownOutput();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 405 ").contains("Connection: close").endsWith("read-only");
        }
    }

    @Test
    void close_portFreeWhenCloseReturns() throws Exception {
        start((request, connection) -> text(connection, "ok"));
        InetSocketAddress address = loop.address();

        loop.close();

        try (java.net.ServerSocket again = new java.net.ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(address);
            assertThat(again.isBound()).isTrue();
        }
        assertThat(fatal).isEmpty();
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
