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

/** The mirror's HTTP/1.1 server on its own: framing, keep-alive, and that a failing handler never stops it. */
class LoopbackHttpServerTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private LoopbackHttpServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private void start(LoopbackHttpServer.Handler handler) throws IOException {
        server = LoopbackHttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ServerLimits.DEFAULT,
                handler, log::add);
        server.start(fatal::add);
    }

    private String exchange(String requests) throws IOException {
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void handle_stackOverflowInHandler_500OneLineLoggedAndTheServerKeepsServing() throws Exception {
        start((request, response) -> {
            if (request.rawPath().equals("/deep")) {
                recurse(0);
            }
            response.send(200, "text/plain", "ok".getBytes(StandardCharsets.US_ASCII));
        });

        assertThat(exchange("GET /deep HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 500 ");
        assertThat(exchange("GET /fine HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(log).containsExactly("GET -> failed: StackOverflowError");
        assertThat(server.healthy()).isTrue();
        assertThat(fatal).isEmpty();
    }

    @Test
    void handle_pipelinedKeepAliveRequests_answeredInOrderOnOneConnection() throws Exception {
        start((request, response) -> response.send(200, "text/plain",
                request.rawPath().getBytes(StandardCharsets.US_ASCII)));

        String answers = exchange("GET /one HTTP/1.1\r\n\r\nHEAD /two HTTP/1.1\r\n\r\nGET /three?q=1 HTTP/1.1\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(4);
        assertThat(answers).contains("Content-Length: 4\r\n\r\n/one").contains("Content-Length: 4\r\n\r\nHTTP")
                .endsWith("Connection: close\r\n\r\n/three");
    }

    @Test
    void handle_unknownLengthOnHttp11_chunkedAndOnHttp10_closeDelimited() throws Exception {
        start((request, response) -> {
            OutputStream body = response.sendHeaders(200, -1);
            body.write("abc".getBytes(StandardCharsets.US_ASCII));
        });

        assertThat(exchange("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .contains("Transfer-Encoding: chunked").endsWith("\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(exchange("GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 200 ").contains("Connection: close")
                .doesNotContain("chunked").endsWith("\r\n\r\nabc");
    }

    @Test
    void read_malformedRequestLine_400AndClosed() throws Exception {
        start((request, response) -> response.send(200, "text/plain", new byte[0]));

        assertThat(exchange("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET http://elsewhere/ HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET / HTTP/1.1\r\n folded: header\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
