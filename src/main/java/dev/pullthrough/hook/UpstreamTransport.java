package dev.pullthrough.hook;

/**
 * A non-blocking byte stream to the registry over one SocketChannel: plain TCP, or TLS over it. Used from one thread
 * only (the mirror's event loop). The channel is already connected (finishConnect done) when the transport is made.
 */
interface UpstreamTransport extends AutoCloseable {
    java.nio.channels.SocketChannel channel();

    /** Advances the TLS handshake as far as it can without blocking; true once application data can flow (plain: always true). Throws javax.net.ssl.SSLException (e.g. SSLHandshakeException for an untrusted certificate) or IOException. */
    boolean handshake() throws java.io.IOException;

    /** Reads decrypted application bytes into dst: the count (may be 0 when nothing is available now), or -1 at the end of the stream (peer closed; for TLS also close_notify). */
    int read(java.nio.ByteBuffer dst) throws java.io.IOException;

    /** Takes as much plaintext from src as it can (encrypting for TLS) and tries to send it; returns the bytes taken from src (0 when its send buffer is full). Bytes taken but not yet on the socket are sent by flush(). */
    int write(java.nio.ByteBuffer src) throws java.io.IOException;

    /** Sends what write() or the handshake left pending; true when nothing is pending any more. */
    boolean flush() throws java.io.IOException;

    /** Application bytes already decrypted and buffered inside the transport: read() returns them without any socket readiness (the selector will not fire for them). Plain: always false. */
    boolean hasBufferedInput();

    /**
     * The connection has waited in the pool a while with nothing in flight: buffers may be given back (TLS keeps
     * ~25 KB per connection otherwise). The next call that moves bytes takes them again.
     */
    default void idle() {
    }

    /**
     * The connection is back in the pool after an exchange: buffers grown past their usual size (for a streamed
     * body) may be given back at once; the usual ones stay for the next request until {@link #idle}.
     */
    default void returned() {
    }

    /** Whether it holds buffers {@link #idle} would give back. Plain: never. */
    default boolean holdsBuffers() {
        return false;
    }

    /** The SelectionKey interest ops (OP_READ and/or OP_WRITE) the transport itself needs to make progress with the handshake or with pending output; 0 when it needs nothing. The caller ORs in what it wants for application data. */
    int interestOps();

    /** Closes the channel (TLS: without waiting for the peer's close_notify). Never throws. */
    @Override
    void close();
}
