package dev.pullthrough.hook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;

/**
 * One connection to the registry, on the event loop: connected and (for HTTPS) through its TLS handshake by itself,
 * then lent to one exchange at a time, or idle in the {@link UpstreamPool}. While idle, a readable socket means the
 * registry closed it (or sent what nobody asked for): it is dropped.
 */
final class UpstreamConnection implements LoopChannel {
    private enum State { CONNECTING, HANDSHAKING, READY, CLOSED }

    private final MirrorLoop loop;
    private final UpstreamPool pool;
    private final SocketChannel channel;
    private final SelectionKey key;
    private State state = State.CONNECTING;
    private UpstreamTransport transport;
    private BiConsumer<UpstreamConnection, IOException> whenReady;
    private long deadline;
    private LoopChannel owner;
    long idleSince;

    private UpstreamConnection(MirrorLoop loop, UpstreamPool pool, SocketChannel channel) throws ClosedChannelException {
        this.loop = loop;
        this.pool = pool;
        this.channel = channel;
        this.key = loop.register(channel, 0, this);
    }

    /**
     * Starts connecting; {@code whenReady} gets the connection once it can carry a request, or the reason it cannot
     * (past the connect timeout a {@link java.net.ConnectException}; past the stall timeout in the TLS handshake a
     * {@link SocketTimeoutException}).
     */
    static void open(MirrorLoop loop, UpstreamPool pool, InetSocketAddress address,
            BiConsumer<UpstreamConnection, IOException> whenReady) {
        SocketChannel ch = null;
        UpstreamConnection c = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c = new UpstreamConnection(loop, pool, ch);
            c.whenReady = whenReady;
            c.deadline = loop.now() + loop.limits().connectTimeout().toNanos();
            pool.preparing(c);
            if (ch.connect(address)) {
                c.connected();
            } else {
                c.interest(SelectionKey.OP_CONNECT);
            }
        } catch (IOException e) {
            if (c != null) {
                c.failPreparing(e); // out of the pool's list, closed, and told once
                return;
            }
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // Failing anyway.
                }
            }
            whenReady.accept(null, e);
        }
    }

    UpstreamTransport transport() {
        return transport;
    }

    /** Lends the connection to an exchange: readiness goes to {@code owner} from now on. */
    void lendTo(LoopChannel owner) {
        this.owner = owner;
        interest(0);
    }

    /** Back from an exchange into the pool; keeps its usual buffers until {@link #giveBuffersBack}. */
    void returned() {
        owner = null;
        transport.returned();
        idleSince = loop.now();
        interest(SelectionKey.OP_READ); // the registry closing an idle connection shows as readable
    }

    /** Idle for a while: the transport's buffers go (it takes new ones for its next request). */
    void giveBuffersBack() {
        transport.idle();
    }

    boolean holdsBuffers() {
        return transport.holdsBuffers();
    }

    boolean open() {
        return state != State.CLOSED && channel.isOpen();
    }

    void interest(int ops) {
        if (key.isValid()) {
            key.interestOps(ops);
        }
    }

    @Override
    public void ready(int readyOps) {
        switch (state) {
            case CONNECTING -> {
                try {
                    if (channel.finishConnect()) {
                        connected();
                    }
                } catch (IOException e) {
                    failPreparing(e);
                }
            }
            case HANDSHAKING -> handshake();
            case READY -> {
                if (owner != null) {
                    owner.ready(readyOps);
                } else if (!stillGoodWhileIdle()) {
                    pool.dropIdle(this);
                }
            }
            default -> {
                // Closed: a late readiness from before the close.
            }
        }
    }

    /**
     * An idle connection turned readable: the registry closed it, sent bytes no request asked for (either way it is
     * done), or, over TLS 1.3, sent a session ticket after the handshake, which the transport takes in and which
     * leaves the connection as good as before. Without this check the warm-up connection was dropped by the ticket
     * that follows every TLS 1.3 handshake, and the first request paid a handshake of its own.
     */
    private boolean stillGoodWhileIdle() {
        try {
            int n = transport.read(ByteBuffer.allocate(1));
            transport.idle();
            if (n == 0) {
                interest(SelectionKey.OP_READ | transport.interestOps());
                return true;
            }
        } catch (IOException e) {
            // Broken: dropped like a closed one.
        }
        return false;
    }

    private void connected() throws IOException {
        SSLContext tls = pool.tlsContext();
        transport = tls == null ? new PlainTransport(channel)
                : TlsTransport.client(channel, tls, pool.endpoint().host(), pool.endpoint().port());
        state = State.HANDSHAKING;
        deadline = loop.now() + loop.limits().stallTimeout().toNanos();
        handshake();
    }

    private void handshake() {
        try {
            if (transport.handshake() && transport.flush()) {
                state = State.READY;
                pool.prepared(this);
                interest(0);
                BiConsumer<UpstreamConnection, IOException> done = whenReady;
                whenReady = null;
                done.accept(this, null);
            } else {
                interest(transport.interestOps() == 0 ? SelectionKey.OP_READ : transport.interestOps());
            }
        } catch (IOException | RuntimeException e) {
            failPreparing(e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Past the connect or handshake deadline while still preparing. */
    void checkDeadline(long now) {
        if ((state == State.CONNECTING || state == State.HANDSHAKING) && now - deadline > 0) {
            // A connect that never completes is an unreachable registry (502), a handshake that stops one that
            // does not answer (504), as docs/HOOK.md's timeout table says.
            failPreparing(state == State.CONNECTING ? new java.net.ConnectException("connect timed out")
                    : new SocketTimeoutException("TLS handshake timed out"));
        }
    }

    private void failPreparing(IOException e) {
        close();
        pool.prepared(this);
        BiConsumer<UpstreamConnection, IOException> done = whenReady;
        whenReady = null;
        if (done != null) {
            done.accept(null, e);
        }
    }

    /** Closes at once; a connection that is mid-answer is never reused. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        pool.closed(this);
        owner = null;
        key.cancel();
        if (transport != null) {
            transport.close();
        } else {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closed already.
            }
        }
    }
}
