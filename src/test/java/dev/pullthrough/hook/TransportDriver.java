package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Drives an {@link UpstreamTransport} the way the mirror's event loop will: from one thread, non-blocking, calling
 * read() only on readiness or while hasBufferedInput() says so, and waiting on a Selector (never a sleep) with the
 * transport's own interestOps() included. A transport that hides buffered input or asks for nothing while it is
 * stuck makes these waits time out.
 */
final class TransportDriver implements AutoCloseable {
    private static final long WAIT_MILLIS = 10_000;
    private final Selector selector;

    TransportDriver() throws IOException {
        selector = Selector.open();
    }

    /** A channel connected to the loopback port (finishConnect done), non-blocking and registered with no interest. */
    SocketChannel connect(int port, int sendBuffer) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            if (sendBuffer > 0) {
                ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, sendBuffer);
            }
            ch.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            ch.configureBlocking(false);
            ch.register(selector, 0);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Waits until the channel is ready for what the transport needs or {@code wanted}; fails after 10 s. */
    void await(UpstreamTransport t, int wanted) throws IOException {
        int ops = t.interestOps() | wanted;
        assertThat(ops).as("interest ops to wait for").isNotZero();
        t.channel().keyFor(selector).interestOps(ops);
        selector.selectedKeys().clear();
        assertThat(selector.select(WAIT_MILLIS)).as("the channel became ready within %d ms", WAIT_MILLIS).isOne();
        selector.selectedKeys().clear();
    }

    void handshake(UpstreamTransport t) throws IOException {
        while (!t.handshake()) {
            await(t, 0);
        }
    }

    void writeAll(UpstreamTransport t, byte[] bytes) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        while (src.hasRemaining()) {
            if (t.write(src) == 0) {
                await(t, SelectionKey.OP_WRITE);
            }
        }
        flushAll(t);
    }

    void flushAll(UpstreamTransport t) throws IOException {
        while (!t.flush()) {
            await(t, 0);
        }
    }

    /**
     * Writes while the peer does not read until nothing more is taken: the kernel may still take a little as the
     * loopback moves bytes along, then it takes none. The last write's count.
     */
    static int writeUntilNothingTaken(UpstreamTransport t, ByteBuffer src) throws IOException {
        int taken = t.write(src);
        for (int i = 0; taken > 0 && i < 10; i++) {
            taken = t.write(src);
        }
        return taken;
    }

    /** Reads until {@code atMost} bytes have come or the stream ends, through a {@code dstSize}-byte buffer. */
    Received readUpTo(UpstreamTransport t, int atMost, int dstSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer dst = ByteBuffer.allocate(dstSize);
        while (out.size() < atMost) {
            dst.clear().limit(Math.min(dstSize, atMost - out.size()));
            int n = t.read(dst);
            if (n < 0) {
                return new Received(out.toByteArray(), true);
            }
            out.write(dst.array(), 0, n);
            if (n == 0) {
                assertThat(t.hasBufferedInput()).as("buffered input after a read of 0").isFalse();
            }
            if (out.size() < atMost && !t.hasBufferedInput()) {
                await(t, SelectionKey.OP_READ);
            }
        }
        return new Received(out.toByteArray(), false);
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }

    record Received(byte[] bytes, boolean ended) {
    }
}
