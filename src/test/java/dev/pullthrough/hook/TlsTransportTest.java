package dev.pullthrough.hook;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS transport as the mirror's event loop will use it (one thread, non-blocking, waiting only on a Selector)
 * against a real TLS server in this JVM whose certificate, for IP 127.0.0.1, keytool makes for each run: the same
 * trust and host-name checks as the HttpsURLConnection it replaces, and every byte through intact.
 */
@Timeout(30)
class TlsTransportTest {

    @TempDir
    static Path keys;
    private static SSLContext serverContext;
    /** Trusts the server's certificate. */
    private static SSLContext trusting;
    /** Trusts only an unrelated certificate. */
    private static SSLContext trustingAnother;

    private final List<String> requestedServerNames = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> negotiatedProtocol = new AtomicReference<>();
    private TransportDriver driver;
    private OneConnectionServer server;
    private UpstreamTransport transport;

    @BeforeAll
    static void certificates() throws Exception {
        KeyStore serverKeys = TestCertificates.keyPair(keys, "server.p12");
        serverContext = TestCertificates.serverContext(serverKeys);
        trusting = TestCertificates.clientTrusting(serverKeys);
        trustingAnother = TestCertificates.clientTrusting(TestCertificates.keyPair(keys, "other.p12"));
    }

    @BeforeEach
    void selector() throws IOException {
        driver = new TransportDriver();
    }

    @AfterEach
    void closeAll() throws Exception {
        try {
            if (transport != null) {
                transport.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            driver.close();
        }
    }

    interface TlsScenario {
        void serve(SSLSocket tls, Socket tcp) throws Exception;
    }

    /** A TLS server for one connection: TLS in server mode over the accepted socket, limited to {@code protocol}. */
    private int serve(String protocol, int receiveBuffer, TlsScenario scenario) throws IOException {
        server = OneConnectionServer.start(receiveBuffer, tcp -> {
            SSLSocket tls = serverSide(tcp, protocol);
            tls.startHandshake();
            negotiatedProtocol.set(tls.getSession().getProtocol());
            scenario.serve(tls, tcp);
        });
        return server.port();
    }

    /** TLS in server mode over {@code tcp} (limited to {@code protocol} unless null), recording the SNI names asked for. */
    private SSLSocket serverSide(Socket tcp, String protocol) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) serverContext.getSocketFactory()).createSocket(tcp, null, true);
        SSLParameters parameters = tls.getSSLParameters();
        if (protocol != null) {
            parameters.setProtocols(new String[] {protocol});
        }
        parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                requestedServerNames.add(((SNIHostName) name).getAsciiName());
                return true;
            }
        }));
        tls.setSSLParameters(parameters);
        return tls;
    }

    private UpstreamTransport connect(int port, SSLContext context, String host, int sendBuffer) throws IOException {
        SocketChannel ch = driver.connect(port, sendBuffer);
        transport = TlsTransport.client(ch, context, host, port);
        return transport;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0}, {1}-byte reads")
    @CsvSource({"TLSv1.3, 1000", "TLSv1.3, 65536", "TLSv1.2, 1000", "TLSv1.2, 65536"})
    void read_afterHandshake_returnsTheServersBytesExactly(String protocol, int dstSize) throws Exception {
        byte[] body = randomBytes(1 << 20);
        AtomicReference<String> request = new AtomicReference<>();
        int port = serve(protocol, 0, (tls, tcp) -> {
            request.set(OneConnectionServer.readLine(tls.getInputStream()));
            tls.getOutputStream().write(body);
            tls.getOutputStream().flush();
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);

        driver.handshake(t);
        driver.writeAll(t, "GET /v2/library/hello/blobs/sha256:0 HTTP/1.1\r\n".getBytes(US_ASCII));
        TransportDriver.Received received = driver.readUpTo(t, body.length, dstSize);

        server.awaitDone();
        assertThat(request.get()).isEqualTo("GET /v2/library/hello/blobs/sha256:0 HTTP/1.1");
        assertThat(received.bytes()).hasSize(body.length);
        assertThat(Arrays.mismatch(received.bytes(), body)).as("first differing byte").isEqualTo(-1);
        assertThat(negotiatedProtocol.get()).isEqualTo(protocol);
        assertThat(requestedServerNames).as("SNI for an IP address").isEmpty();
    }

    @Test
    void read_recordsAlreadyTakenFromTheSocket_reportedAsBufferedInput() throws Exception {
        byte[] message = randomBytes(100);
        CountDownLatch written = new CountDownLatch(1);
        int port = serve("TLSv1.3", 0, (tls, tcp) -> {
            for (int i = 0; i < 20; i++) {
                tls.getOutputStream().write(message);
            }
            written.countDown();
            OneConnectionServer.readLine(tls.getInputStream());
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);
        driver.handshake(t);
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

        // One socket read takes all twenty records; the selector stays silent for the nineteen left in the transport.
        TransportDriver.Received received = driver.readUpTo(t, 20 * message.length, 1000);
        driver.writeAll(t, "thanks\n".getBytes(US_ASCII));

        server.awaitDone();
        for (int i = 0; i < 20; i++) {
            assertThat(Arrays.copyOfRange(received.bytes(), i * message.length, (i + 1) * message.length))
                    .isEqualTo(message);
        }
    }

    @Test
    void read_bodyIntoABufferWithRoomForManyRecords_returnsSeveralRecordsInOneCall() throws Exception {
        byte[] body = randomBytes(1 << 20); // 64 full records
        int port = serve("TLSv1.3", 0, (tls, tcp) -> {
            tls.getOutputStream().write(body);
            tls.getOutputStream().flush();
            OneConnectionServer.readLine(tls.getInputStream());
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);
        driver.handshake(t);

        // Through a 256 KB buffer (a lone blob's copy buffer), a read decrypts every whole record one socket read
        // brought, up to fifteen, instead of one record per call (and per write to the client).
        ByteBuffer dst = ByteBuffer.allocate(256 << 10);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        int largest = 0;
        while (all.size() < body.length) {
            dst.clear();
            int n = t.read(dst);
            if (n == 0) {
                driver.await(t, SelectionKey.OP_READ);
            }
            all.write(dst.array(), 0, n);
            largest = Math.max(largest, n);
        }
        driver.writeAll(t, "thanks\n".getBytes(US_ASCII));

        server.awaitDone();
        assertThat(largest).as("the most bytes one read returned: more than one record holds").isGreaterThan(16384);
        assertThat(Arrays.mismatch(all.toByteArray(), body)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void write_serverNotReading_takesLessAndFlushesOnceTheServerDrains() throws Exception {
        byte[] upload = randomBytes(512 << 10);
        CountDownLatch startReading = new CountDownLatch(1);
        AtomicReference<byte[]> uploaded = new AtomicReference<>();
        int port = serve("TLSv1.3", 16 << 10, (tls, tcp) -> {
            assertThat(startReading.await(20, TimeUnit.SECONDS)).isTrue();
            uploaded.set(tls.getInputStream().readNBytes(upload.length));
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 16 << 10);
        driver.handshake(t);

        ByteBuffer src = ByteBuffer.wrap(upload);
        int taken = t.write(src);
        assertThat(taken).as("bytes taken while the server does not read").isPositive().isLessThan(upload.length);
        // The loopback may still move a little from the send buffer to the receive buffer; then it moves nothing.
        boolean flushed = true;
        for (int i = 0; flushed && i < 50; i++) {
            t.write(src);
            flushed = t.flush();
        }
        assertThat(flushed).as("flushed while the server does not read").isFalse();
        assertThat(t.interestOps() & SelectionKey.OP_WRITE).as("OP_WRITE asked for").isNotZero();
        assertThat(TransportDriver.writeUntilNothingTaken(t, src)).as("bytes taken once the send buffer is full").isZero();

        startReading.countDown();
        while (src.hasRemaining()) {
            if (t.write(src) == 0) {
                driver.await(t, SelectionKey.OP_WRITE);
            }
        }
        driver.flushAll(t);

        server.awaitDone();
        assertThat(uploaded.get()).hasSize(upload.length);
        assertThat(Arrays.mismatch(uploaded.get(), upload)).as("first differing byte").isEqualTo(-1);
        assertThat(t.interestOps() & SelectionKey.OP_WRITE).as("OP_WRITE once all is sent").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void read_serverClosesWithCloseNotify_returnsMinusOneAfterTheData(String protocol) throws Exception {
        byte[] response = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbye".getBytes(US_ASCII);
        int port = serve(protocol, 0, (tls, tcp) -> {
            tls.getOutputStream().write(response);
            tls.close();
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);

        driver.handshake(t);
        TransportDriver.Received received = driver.readUpTo(t, Integer.MAX_VALUE, 1000);

        assertThat(received.bytes()).isEqualTo(response);
        assertThat(received.ended()).isTrue();
        assertThat(t.read(ByteBuffer.allocate(100))).as("read after the end").isEqualTo(-1);
        assertThat(t.hasBufferedInput()).isFalse();
        server.awaitDone();
    }

    @Test
    void read_serverClosesTcpWithoutCloseNotify_returnsMinusOneAfterTheData() throws Exception {
        byte[] response = randomBytes(40_000);
        int port = serve("TLSv1.3", 0, (tls, tcp) -> {
            tls.getOutputStream().write(response);
            tls.getOutputStream().flush();
            tcp.close();
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);

        driver.handshake(t);
        TransportDriver.Received received = driver.readUpTo(t, Integer.MAX_VALUE, 1000);

        assertThat(received.ended()).isTrue();
        assertThat(Arrays.mismatch(received.bytes(), response)).as("first differing byte").isEqualTo(-1);
        server.awaitDone();
    }

    @Test
    void read_serverUpdatesItsKeys_dataKeepsFlowingBothWays() throws Exception {
        byte[] first = randomBytes(100_000);
        byte[] second = randomBytes(100_001);
        AtomicReference<String> secondRequest = new AtomicReference<>();
        int port = serve("TLSv1.3", 0, (tls, tcp) -> {
            OutputStream out = tls.getOutputStream();
            out.write(first);
            // On an established TLS 1.3 connection this sends a KeyUpdate that asks the client to update its keys.
            tls.startHandshake();
            out.write(second);
            out.flush();
            secondRequest.set(OneConnectionServer.readLine(tls.getInputStream()));
            out.write("done\n".getBytes(US_ASCII));
            out.flush();
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);
        driver.handshake(t);

        TransportDriver.Received received = driver.readUpTo(t, first.length + second.length, 1000);
        driver.writeAll(t, "second request\r\n".getBytes(US_ASCII));
        TransportDriver.Received done = driver.readUpTo(t, 5, 1000);

        server.awaitDone();
        byte[] expected = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertThat(Arrays.mismatch(received.bytes(), expected)).as("first differing byte").isEqualTo(-1);
        assertThat(secondRequest.get()).isEqualTo("second request");
        assertThat(new String(done.bytes(), US_ASCII)).isEqualTo("done\n");
    }

    @Test
    void idle_betweenExchanges_buffersGivenBackAndTheNextExchangeStillWorks() throws Exception {
        byte[] first = randomBytes(50_000);
        byte[] second = randomBytes(70_000);
        int port = serve("TLSv1.3", 0, (tls, tcp) -> {
            OneConnectionServer.readLine(tls.getInputStream());
            tls.getOutputStream().write(first);
            tls.getOutputStream().flush();
            OneConnectionServer.readLine(tls.getInputStream());
            tls.getOutputStream().write(second);
            tls.getOutputStream().flush();
        });
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);
        driver.handshake(t);
        driver.writeAll(t, "first\r\n".getBytes(US_ASCII));
        TransportDriver.Received one = driver.readUpTo(t, first.length, 4096);

        t.idle(); // as a pooled connection between two requests

        assertThat(t.hasBufferedInput()).isFalse();
        driver.writeAll(t, "second\r\n".getBytes(US_ASCII));
        TransportDriver.Received two = driver.readUpTo(t, second.length, 4096);
        server.awaitDone();
        assertThat(Arrays.mismatch(one.bytes(), first)).as("first differing byte, first answer").isEqualTo(-1);
        assertThat(Arrays.mismatch(two.bytes(), second)).as("first differing byte, second answer").isEqualTo(-1);
    }

    @Test
    void handshake_certificateNotTrusted_throwsNamingTheTrustProblem() throws Exception {
        AtomicReference<Exception> serverSaw = new AtomicReference<>();
        int port = serveFailingHandshake(serverSaw);
        UpstreamTransport t = connect(port, trustingAnother, "127.0.0.1", 0);

        assertThatThrownBy(() -> driver.handshake(t)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed")
                .hasMessageContaining("unable to find valid certification path");
        server.awaitDone();
        assertThat(serverSaw.get()).as("the server told why").hasMessageContaining("certificate_unknown");
    }

    @Test
    void handshake_certificateForAnotherName_throwsAndSendsTheNameAsSni() throws Exception {
        AtomicReference<Exception> serverSaw = new AtomicReference<>();
        int port = serveFailingHandshake(serverSaw);
        UpstreamTransport t = connect(port, trusting, "localhost", 0);

        assertThatThrownBy(() -> driver.handshake(t)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("matching localhost");
        server.awaitDone();
        assertThat(requestedServerNames).containsExactly("localhost");
    }

    private int serveFailingHandshake(AtomicReference<Exception> serverSaw) throws IOException {
        server = OneConnectionServer.start(0, tcp -> {
            SSLSocket tls = serverSide(tcp, null);
            try {
                tls.startHandshake();
                tls.getInputStream().read();
            } catch (IOException e) {
                serverSaw.set(e);
            }
        });
        return server.port();
    }

    @Test
    void handshake_serverHangsUp_throwsAnIoErrorThatIsNotACertificateError() throws Exception {
        server = OneConnectionServer.start(0, Socket::close);
        UpstreamTransport t = connect(server.port(), trusting, "127.0.0.1", 0);

        assertThatThrownBy(() -> driver.handshake(t)).isInstanceOf(IOException.class)
                .isNotInstanceOf(SSLException.class);
        server.awaitDone();
    }

    @Test
    void close_twice_closesTheChannelWithoutThrowing() throws Exception {
        int port = serve("TLSv1.3", 0, (tls, tcp) -> OneConnectionServer.readLine(tls.getInputStream()));
        UpstreamTransport t = connect(port, trusting, "127.0.0.1", 0);
        driver.handshake(t);

        t.close();
        t.close();

        assertThat(t.channel().isOpen()).isFalse();
        server.awaitDone();
    }
}
