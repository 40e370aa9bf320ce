package dev.pullthrough.hook;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plain transport (test registries over HTTP) under the same event-loop driving as the TLS one. */
@Timeout(30)
class PlainTransportTest {
    private TransportDriver driver;
    private OneConnectionServer server;
    private UpstreamTransport transport;

    @BeforeEach
    void selector() throws Exception {
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

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void read_serverAnswersAndCloses_returnsItsBytesThenMinusOne() throws Exception {
        byte[] body = randomBytes(300_000);
        AtomicReference<String> request = new AtomicReference<>();
        server = OneConnectionServer.start(0, socket -> {
            request.set(OneConnectionServer.readLine(socket.getInputStream()));
            socket.getOutputStream().write(body);
        });
        transport = new PlainTransport(driver.connect(server.port(), 0));

        assertThat(transport.handshake()).isTrue();
        assertThat(transport.interestOps()).isZero();
        driver.writeAll(transport, "GET /v2/ HTTP/1.1\r\n".getBytes(US_ASCII));
        TransportDriver.Received received = driver.readUpTo(transport, Integer.MAX_VALUE, 1000);

        server.awaitDone();
        assertThat(request.get()).isEqualTo("GET /v2/ HTTP/1.1");
        assertThat(received.ended()).isTrue();
        assertThat(Arrays.mismatch(received.bytes(), body)).as("first differing byte").isEqualTo(-1);
        assertThat(transport.hasBufferedInput()).isFalse();
    }

    @Test
    void write_serverNotReading_takesLessAndHoldsNothingBack() throws Exception {
        byte[] upload = randomBytes(512 << 10);
        CountDownLatch startReading = new CountDownLatch(1);
        AtomicReference<byte[]> uploaded = new AtomicReference<>();
        server = OneConnectionServer.start(16 << 10, socket -> {
            assertThat(startReading.await(20, TimeUnit.SECONDS)).isTrue();
            uploaded.set(socket.getInputStream().readNBytes(upload.length));
        });
        transport = new PlainTransport(driver.connect(server.port(), 16 << 10));

        ByteBuffer src = ByteBuffer.wrap(upload);
        assertThat(transport.write(src)).isPositive().isLessThan(upload.length);
        assertThat(TransportDriver.writeUntilNothingTaken(transport, src))
                .as("bytes taken once the send buffer is full").isZero();
        assertThat(transport.flush()).as("nothing held back").isTrue();
        assertThat(transport.interestOps()).isZero();

        startReading.countDown();
        driver.writeAll(transport, Arrays.copyOfRange(upload, src.position(), upload.length));

        server.awaitDone();
        assertThat(Arrays.mismatch(uploaded.get(), upload)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void close_twice_closesTheChannelWithoutThrowing() throws Exception {
        server = OneConnectionServer.start(0, socket -> socket.getInputStream().read());
        transport = new PlainTransport(driver.connect(server.port(), 0));

        transport.close();
        transport.close();

        assertThat(transport.channel().isOpen()).isFalse();
        server.awaitDone();
    }
}
