package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The registry over plain TCP (a local test registry, never the real ECR): the channel itself, so the event loop can
 * treat both transports alike.
 */
final class PlainTransport implements UpstreamTransport {
    private final SocketChannel ch;

    PlainTransport(SocketChannel ch) {
        this.ch = ch;
    }

    @Override
    public SocketChannel channel() {
        return ch;
    }

    @Override
    public boolean handshake() {
        return true;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return ch.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return ch.write(src);
    }

    @Override
    public boolean flush() {
        // Nothing is ever held back: write() hands its bytes straight to the kernel or leaves them in src.
        return true;
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }

    @Override
    public int interestOps() {
        return 0;
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException ignored) {
            // The connection is being dropped anyway; there is nothing the caller could do about it.
        }
    }
}
