package dev.pullthrough.hook;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * TLS to the registry on the event loop's own thread: an SSLEngine between the caller and a non-blocking channel, so
 * that no handshake step, read or write ever waits for the network. The checks are those HttpsURLConnection made
 * before (the runtime's trust store, the host name against the certificate), so moving the mirror onto the loop
 * changes nothing about which registries it trusts.
 *
 * <p>For the event loop: during the handshake call handshake() on any readiness, with interestOps() as the key's
 * interest. Once it returns true, the client's last flight may still wait in the transport (interestOps() then has
 * OP_WRITE; write() and flush() send it first). hasBufferedInput() is also true while whole records already taken
 * from the socket wait to be decrypted: read() then progresses without readiness, possibly returning 0 (a session
 * ticket), after which it is false. Check it after flush() too: a KeyUpdate answer that did not fit the socket holds
 * back further reads until flush() has sent it.
 *
 * <p>The three buffers are kept filled from index 0 to their position, except appIn, which between calls holds the
 * decrypted bytes not yet handed out from its position to its limit (so small reads do not compact it each time).
 */
final class TlsTransport implements UpstreamTransport {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** A reused connection's first buffers for what it receives: a small answer's records fit. */
    private static final int SMALL_BUFFER = 4096;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int RECORD_HEADER = 5;
    /**
     * Room in the caller's buffer, in records, from which the receive buffer grows to match: the 256 KiB copy buffer
     * of a blob with few exchanges in flight, not the 64 KiB one of many blobs at once (MirrorProxy.copyBuffer), so
     * that 256 streams still fit the mirror's heap.
     */
    private static final int STREAM_MIN_RECORDS = 8;

    private final SocketChannel ch;
    private final SSLEngine engine;
    /** beginHandshake()'s failure, reported by the first handshake() so that client() needs no throws clause. */
    private final SSLException startFailure;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean handshakeDone;
    private boolean inboundDone;

    private TlsTransport(SocketChannel ch, SSLEngine engine, SSLException startFailure) {
        this.ch = ch;
        this.engine = engine;
        this.startFailure = startFailure;
        takeBuffers();
    }

    /**
     * Buffers for a record of any size while handshaking (a server's certificate flight); after it, small ones for
     * what comes in. A connection reused for a manifest HEAD or GET receives records of a few hundred bytes to a few
     * KB, and netIn and appIn grow to the session's full size (~16.7 KB) the first time a record needs it: 200
     * requests in flight over TLS hold ~5 MB of buffers instead of ~10 MB. netOut stays full size: the engine wraps
     * only into room for a whole record, whatever the data's size (a small one was enlarged on every request).
     */
    private void takeBuffers() {
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(handshakeDone ? SMALL_BUFFER : packet);
        netOut = ByteBuffer.allocate(packet);
        appIn = ByteBuffer.allocate(handshakeDone ? SMALL_BUFFER : engine.getSession().getApplicationBufferSize()).flip();
    }

    /** After {@link #idle()} gave the buffers back: takes new ones before any bytes move. */
    private void ensureBuffers() {
        if (netIn == null) {
            takeBuffers();
        }
    }

    /** Gives the buffers back when nothing is held in them (an idle pooled connection). */
    @Override
    public void idle() {
        if (netIn != null && netIn.position() == 0 && netOut.position() == 0 && !appIn.hasRemaining()) {
            netIn = null;
            netOut = null;
            appIn = null;
        }
    }

    /**
     * Buffers grown to take several records at once (a blob streamed through the mirror: ~270 KB) go as soon as the
     * exchange ends; kept with a connection reused for manifests, 64 connections could hold ~17 MB of a 24 MB heap.
     */
    @Override
    public void returned() {
        if (netIn != null && (netIn.capacity() > engine.getSession().getPacketBufferSize()
                || appIn.capacity() > engine.getSession().getApplicationBufferSize())) {
            idle();
        }
    }

    @Override
    public boolean holdsBuffers() {
        return netIn != null;
    }

    /**
     * A client for {@code host} (a DNS name or an IP literal, brackets allowed) whose certificate must name that host,
     * as an {@code https://} URL's would.
     */
    static TlsTransport client(SocketChannel ch, SSLContext context, String host, int port) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        SSLEngine engine = context.createSSLEngine(name, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(name)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(name)));
            } catch (IllegalArgumentException e) {
                // Not a name SNI can carry (the JDK leaves such names out too); the certificate check still applies.
            }
        }
        engine.setSSLParameters(parameters);
        SSLException startFailure = null;
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            startFailure = e;
        }
        return new TlsTransport(ch, engine, startFailure);
    }

    /** SNI must not carry an IP address (RFC 6066), and a certificate names an IP in its SAN, not as a DNS name. */
    private static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || IPV4.matcher(name).matches();
    }

    @Override
    public SocketChannel channel() {
        return ch;
    }

    @Override
    public boolean handshake() throws IOException {
        ensureBuffers();
        if (handshakeDone) {
            return true;
        }
        if (startFailure != null) {
            throw startFailure;
        }
        try {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> {
                        if (!wrapEngineOutput()) {
                            return false;
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrapHandshake()) {
                            return false;
                        }
                    }
                    default -> {
                        if (engine.isOutboundDone() || engine.isInboundDone()) {
                            // A closed engine also reports NOT_HANDSHAKING: that must not pass for success.
                            throw new SSLHandshakeException("the TLS handshake with the registry ended unfinished");
                        }
                        handshakeDone = true;
                        // The last flight may not fit the socket now; interestOps() asks for OP_WRITE until it has.
                        if (flushNet()) {
                            idle(); // the handshake's full-size buffers go; small ones come with the first request
                        }
                        return true;
                    }
                }
            }
        } catch (SSLException e) {
            // The peer learns why (e.g. certificate_unknown) instead of seeing a bare reset, as with SSLSocket.
            sendAlertQuietly();
            throw e;
        }
    }

    /** One step of the handshake's reading side: false when the socket has nothing more for now. */
    private boolean unwrapHandshake() throws IOException {
        SSLEngineResult r = unwrapToAppIn();
        if (r.getStatus() == Status.CLOSED) {
            throw new EOFException("the registry closed the TLS connection during the handshake");
        }
        if (r.getStatus() == Status.BUFFER_OVERFLOW || r.bytesConsumed() > 0 || r.bytesProduced() > 0) {
            return true;
        }
        int n = readNet();
        if (n < 0) {
            // Not an SSLException: nothing says the certificate was refused (a restarting registry, a middlebox).
            throw new EOFException("the registry closed the connection during the TLS handshake");
        }
        return n > 0;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureBuffers();
        if (!handshake()) {
            return 0;
        }
        if (appIn.hasRemaining()) {
            return drainAppIn(dst);
        }
        if (inboundDone) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        boolean intoDst = true;
        int appSize = engine.getSession().getApplicationBufferSize();
        int records = dst.remaining() / appSize;
        if (records >= STREAM_MIN_RECORDS
                && netIn.capacity() < (records + 1) * engine.getSession().getPacketBufferSize()) {
            // A body streamed into a buffer with room for many records: one socket read takes as many as that
            // buffer holds, and one read() call (one write to the client) returns them all, instead of one record
            // per read and per write. On a 64 MB blob over TLS, with a 256 KB buffer, this cut the mirror's CPU
            // from 80-100 to ~60 ms and raised its throughput from ~610 to ~850 MiB/s (docs/PERFORMANCE.md, "The
            // mirror over TLS, third pass"). The buffer goes back when the connection is idle.
            netIn = enlarge(netIn, (records + 1) * engine.getSession().getPacketBufferSize());
        }
        int produced = 0;
        while (true) {
            // Decrypting straight into a large enough caller buffer saves a copy per record.
            boolean direct = intoDst && dst.remaining() >= appSize;
            SSLEngineResult r = direct ? unwrap(dst) : unwrapToAppIn();
            if (r.getStatus() == Status.CLOSED) {
                // The peer's close_notify: whatever follows on the socket is not the registry's.
                inboundDone = true;
                int n = produced + (direct ? r.bytesProduced() : r.bytesProduced() > 0 ? drainAppIn(dst) : 0);
                return n > 0 ? n : -1;
            }
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                if (produced > 0) {
                    return produced;
                }
                intoDst = false;
                continue;
            }
            if (r.getStatus() == Status.OK) {
                // Post-handshake messages ride along with the data: a KeyUpdate asking for ours, a renegotiation.
                continueEngineWork();
                if (r.bytesProduced() > 0) {
                    if (!direct) {
                        return produced + drainAppIn(dst);
                    }
                    produced += r.bytesProduced();
                    if (dst.remaining() >= appSize && wholeRecordInNetIn()
                            && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                        continue; // the next record is already here: one write to the client for both
                    }
                    return produced;
                }
                if (produced > 0) {
                    return produced;
                }
                if (r.bytesConsumed() > 0) {
                    // A record without application data (a NewSessionTicket, a KeyUpdate): there may be more.
                    continue;
                }
                if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    // The engine will not read on before its answer is out; reading the socket now would only pile
                    // up bytes. interestOps() asks for OP_WRITE; flush() sends the answer.
                    return 0;
                }
            }
            int n = readNet();
            if (n == 0) {
                return 0;
            }
            if (n < 0) {
                inboundDone = true;
                if (netIn.position() > 0) {
                    throw new EOFException("the registry closed the connection in the middle of a TLS record");
                }
                // A close without close_notify, as many HTTP servers do: the caller's framing (Content-Length,
                // chunked) is what tells a whole body from a cut one, as it was with HttpsURLConnection.
                return -1;
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureBuffers();
        if (!handshake()) {
            return 0;
        }
        flushNet();
        int taken = 0;
        while (src.hasRemaining()) {
            SSLEngineResult r = engine.wrap(src, netOut);
            taken += r.bytesConsumed();
            if (r.getStatus() == Status.CLOSED) {
                throw new IOException("the TLS connection to the registry is already closed");
            }
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                if (netOut.position() == 0) {
                    netOut = enlarge(netOut, engine.getSession().getPacketBufferSize());
                } else if (!flushNet()) {
                    // At most one record waits beyond what the socket took: that is the back-pressure.
                    break;
                }
                continue;
            }
            continueEngineWork();
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                // The engine must read before it writes again (a renegotiation); read() moves it on.
                break;
            }
            flushNet();
        }
        return taken;
    }

    @Override
    public boolean flush() throws IOException {
        ensureBuffers();
        if (!flushNet()) {
            return false;
        }
        if (!handshakeDone) {
            // handshake() drives the handshake's own output; only what is already wrapped is sent here.
            return true;
        }
        return wrapEngineOutput() && flushNet() && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP;
    }

    @Override
    public boolean hasBufferedInput() {
        ensureBuffers();
        return appIn.hasRemaining()
                || !inboundDone && wholeRecordInNetIn() && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP;
    }

    /** Whether netIn holds a complete record: read() can then progress although the socket has nothing new. */
    private boolean wholeRecordInNetIn() {
        int n = netIn.position();
        return n >= RECORD_HEADER && n >= RECORD_HEADER + ((netIn.get(3) & 0xff) << 8 | netIn.get(4) & 0xff);
    }

    @Override
    public int interestOps() {
        ensureBuffers();
        int ops = netOut.position() > 0 ? SelectionKey.OP_WRITE : 0;
        HandshakeStatus status = engine.getHandshakeStatus();
        if (status == HandshakeStatus.NEED_WRAP) {
            ops |= SelectionKey.OP_WRITE;
        } else if ((status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN)
                && !inboundDone) {
            ops |= SelectionKey.OP_READ;
        }
        return ops;
    }

    @Override
    public void close() {
        try {
            if (netOut == null) {
                throw new IOException("idle: no courtesy close_notify, not worth new buffers");
            }
            // A courtesy close_notify if the socket takes it at once; the loop never waits for the peer's.
            engine.closeOutbound();
            engine.wrap(EMPTY, netOut);
            flushNet();
        } catch (IOException | RuntimeException ignored) {
            // The connection is being dropped either way.
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // As above.
        }
    }

    /**
     * Wraps what the engine wants to send on its own (handshake flights, a KeyUpdate answer): false when the socket
     * must drain before more fits.
     */
    private boolean wrapEngineOutput() throws IOException {
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult r = engine.wrap(EMPTY, netOut);
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                if (netOut.position() == 0) {
                    netOut = enlarge(netOut, engine.getSession().getPacketBufferSize());
                } else if (!flushNet()) {
                    return false;
                }
                continue;
            }
            flushNet();
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (r.getStatus() == Status.CLOSED) {
                return true;
            }
        }
        return true;
    }

    /** After a wrap or unwrap outside the handshake proper: runs tasks and sends what the engine asks to send. */
    private void continueEngineWork() throws IOException {
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
        if (handshakeDone && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            wrapEngineOutput();
        }
    }

    /**
     * Runs the engine's delegated tasks (certificate checks, key agreement) on the loop thread. They take a few
     * milliseconds of CPU, and only during a handshake, which is rare: upstream connections are pooled and kept alive,
     * so a handshake happens once per connection, not per request. A task thread would buy little for that.
     */
    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private SSLEngineResult unwrap(ByteBuffer dst) throws SSLException {
        netIn.flip();
        try {
            return engine.unwrap(netIn, dst);
        } finally {
            netIn.compact();
        }
    }

    /** Unwraps after what appIn still holds, growing it when the engine wants more room. */
    private SSLEngineResult unwrapToAppIn() throws SSLException {
        appIn.compact();
        try {
            SSLEngineResult r = unwrap(appIn);
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                appIn = enlarge(appIn, appIn.position() + engine.getSession().getApplicationBufferSize());
            }
            return r;
        } finally {
            appIn.flip();
        }
    }

    private int drainAppIn(ByteBuffer dst) {
        int n = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        return n;
    }

    private int readNet() throws IOException {
        if (!netIn.hasRemaining()) {
            // A record larger than the buffer (the session's sizes grow once it is negotiated).
            netIn = enlarge(netIn, engine.getSession().getPacketBufferSize());
        }
        return ch.read(netIn);
    }

    /** Sends netOut as far as the socket takes it: true when it is empty. */
    private boolean flushNet() throws IOException {
        if (netOut.position() > 0) {
            netOut.flip();
            try {
                ch.write(netOut);
            } finally {
                netOut.compact();
            }
        }
        return netOut.position() == 0;
    }

    private void sendAlertQuietly() {
        try {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                engine.wrap(EMPTY, netOut);
            }
            flushNet();
        } catch (IOException | RuntimeException ignored) {
            // The handshake's own failure is what the caller needs to see.
        }
    }

    /** A larger copy of a buffer in fill mode (at least {@code size}, else twice as large), in fill mode. */
    private static ByteBuffer enlarge(ByteBuffer buffer, int size) {
        ByteBuffer larger = ByteBuffer.allocate(size > buffer.capacity() ? size : buffer.capacity() * 2);
        buffer.flip();
        larger.put(buffer);
        return larger;
    }
}
