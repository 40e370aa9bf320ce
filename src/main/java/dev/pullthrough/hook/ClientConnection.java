package dev.pullthrough.hook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One client connection on the {@link MirrorLoop}: reads a request head (bounded in size, and in time by the loop's
 * deadlines), hands it to the handler, writes the answer in order (head, then body buffers as the exchange passes
 * them, with back-pressure through {@link #onDrained}), and keeps the connection for the next request when HTTP
 * allows. A connection that has to end abnormally is reset (TCP RST), so the client fails at once and retries
 * instead of waiting for bytes that never come.
 */
final class ClientConnection implements LoopChannel {
    enum Framing { LENGTH, CHUNKED, CLOSE, NONE }

    private enum Phase { HEADER, IDLE, HANDLING, LINGER, CLOSED }

    /** How long a closing connection keeps reading what the client still sends (see {@link #linger}). */
    private static final long LINGER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private static final byte[] INTERNAL_ERROR =
            "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"internal error\"}]}\n".getBytes(StandardCharsets.UTF_8);

    private final MirrorLoop loop;
    private final SocketChannel channel;
    private final java.net.InetAddress peer;
    private SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocate(1024);
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private Phase phase = Phase.HEADER;
    private long deadline;
    private boolean keepAlive;
    private boolean headRequest;
    private boolean http11;
    private boolean committed;
    private boolean closeWhenFlushed;
    private boolean unreadInput;
    private Runnable onDrained;
    private Runnable onGone;

    ClientConnection(MirrorLoop loop, SocketChannel channel) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
    }

    void start() throws IOException {
        deadline = loop.now() + loop.limits().headerTimeout().toNanos();
        key = loop.register(channel, SelectionKey.OP_READ, this);
    }

    @Override
    public void ready(int readyOps) {
        if (phase == Phase.LINGER) {
            drain();
            return;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && (phase == Phase.HEADER || phase == Phase.IDLE)) {
            readRequest();
        }
    }

    boolean headRequest() {
        return headRequest;
    }

    boolean http11() {
        return http11;
    }

    boolean committed() {
        return committed;
    }

    boolean closed() {
        return phase == Phase.CLOSED;
    }

    /** Runs once everything queued has reached the socket (the exchange then reuses its buffer and reads on). */
    void onDrained(Runnable action) {
        this.onDrained = action;
    }

    /** Runs if the connection closes before the answer is finished (client gone, timeout, abort). */
    void onGone(Runnable action) {
        this.onGone = action;
    }

    /** The answer moved: the watchdog's deadline starts again (twice the stall timeout, see {@link ServerLimits}). */
    void progress() {
        if (phase == Phase.HANDLING) {
            deadline = loop.now() + 2 * loop.limits().stallTimeout().toNanos();
        }
    }

    /** A small complete answer (a HEAD gets its headers and length only). */
    void respond(int status, List<String[]> headers, byte[] body) {
        sendHead(status, headers, body.length, Framing.LENGTH);
        if (!headRequest) {
            sendBody(ByteBuffer.wrap(body));
        }
        finish();
    }

    /**
     * Queues the status line and headers. {@code LENGTH} adds {@code Content-Length} (unless given), {@code CHUNKED}
     * says the body comes in chunks, {@code CLOSE} ends the body with the connection, {@code NONE} has no body.
     */
    void sendHead(int status, List<String[]> headers, long length, Framing framing) {
        committed = true;
        int size = 96;
        for (String[] h : headers) {
            size += h[0].length() + h[1].length() + 4;
        }
        HeadBytes head = new HeadBytes(size).append(http11 ? "HTTP/1.1 " : "HTTP/1.0 ").append(status).append(' ')
                .append(HttpStatus.reason(status)).append("\r\n");
        boolean hasLength = false;
        for (String[] h : headers) {
            if (h[1].indexOf('\r') >= 0 || h[1].indexOf('\n') >= 0) {
                continue; // a value with a line break would split the response
            }
            hasLength |= h[0].equalsIgnoreCase("Content-Length");
            head.header(h[0], h[1]);
        }
        switch (framing) {
            case LENGTH -> {
                if (!hasLength) {
                    head.append("Content-Length: ").append(length).append("\r\n");
                }
            }
            case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
            case CLOSE -> keepAlive = false;
            default -> {
                // Headers only.
            }
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        } else if (!http11) {
            head.append("Connection: keep-alive\r\n");
        }
        out.add(head.append("\r\n").toBuffer());
    }

    /**
     * Queues body bytes and writes what the socket takes now. True when all of it is written (the caller may reuse
     * the buffer); false when some waits for the client, and {@link #onDrained} runs once it is gone.
     */
    boolean sendBody(ByteBuffer body) {
        if (phase == Phase.CLOSED) {
            return false;
        }
        out.add(body);
        flush();
        return out.isEmpty() && phase != Phase.CLOSED;
    }

    /** The answer is complete: the connection waits for the next request, or closes once written. */
    void finish() {
        onGone = null;
        if (phase == Phase.CLOSED) {
            return;
        }
        if (!keepAlive) {
            closeWhenFlushed = true;
            flush();
            return;
        }
        phase = Phase.IDLE;
        deadline = loop.now() + loop.limits().idleTimeout().toNanos();
        flush();
        if (in.position() > 0) {
            loop.execute(this::nextPipelined); // already sent: answered in order, after this one
        }
    }

    /** Resets the connection (TCP RST): the client's next read fails at once. */
    void abort() {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException ignored) {
            // Closed already.
        }
        close();
    }

    void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closed already.
        }
        loop.closed(this);
        Runnable gone = onGone;
        onGone = null;
        onDrained = null;
        if (gone != null) {
            gone.run();
        }
    }

    /** Past the deadline of its phase: an idle keep-alive ends, a slow header or a stalled answer is cut. */
    void checkDeadline(long now) {
        if (phase == Phase.CLOSED || now - deadline <= 0) {
            return;
        }
        switch (phase) {
            case IDLE, LINGER -> close();
            case HEADER -> {
                loop.handler().timedOut("header");
                close(); // nothing was asked yet: a plain close
            }
            default -> {
                loop.handler().timedOut("stall");
                abort();
            }
        }
    }

    private void nextPipelined() {
        if (phase == Phase.IDLE) {
            phase = Phase.HEADER;
            deadline = loop.now() + loop.limits().headerTimeout().toNanos();
            tryRequest();
        }
    }

    private void readRequest() {
        while (true) {
            if (!in.hasRemaining()) {
                int max = loop.limits().maxHeaderBytes();
                if (in.capacity() >= max + 4) {
                    break; // full: tryRequest answers 431
                }
                ByteBuffer bigger = ByteBuffer.allocate(Math.min(max + 4, in.capacity() * 2));
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            int n;
            try {
                n = channel.read(in);
            } catch (IOException e) {
                close();
                return;
            }
            if (n < 0) {
                close(); // the client is done (a partial head is simply dropped)
                return;
            }
            if (n == 0) {
                break;
            }
            if (phase == Phase.IDLE) {
                phase = Phase.HEADER;
                deadline = loop.now() + loop.limits().headerTimeout().toNanos();
            }
        }
        tryRequest();
    }

    private void tryRequest() {
        int end = MessageHead.end(in.array(), in.position());
        int max = loop.limits().maxHeaderBytes();
        if (end < 0 ? in.position() >= max : end > max) {
            refuse(431);
            return;
        }
        if (end < 0) {
            return;
        }
        String text = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
        in.flip();
        in.position(end);
        in.compact();
        RequestHead request = RequestHead.parse(text, peer);
        if (request == null) {
            refuse(400);
            return;
        }
        handle(request);
    }

    private void handle(RequestHead request) {
        phase = Phase.HANDLING;
        progress();
        keepAlive = request.wantsKeepAlive() && !request.hasBody();
        unreadInput = request.hasBody(); // never read: the answer must not be lost to a reset (see linger)
        headRequest = request.method().equals("HEAD");
        http11 = request.version().equals("HTTP/1.1");
        committed = false;
        updateInterest();
        try {
            loop.handler().handle(request, this);
        } catch (Throwable t) { // a handler bug (even a StackOverflowError) ends one request, not the server
            if (!committed) {
                respond(500, List.<String[]>of(new String[] {"Content-Type", "application/json"}), INTERNAL_ERROR);
            } else {
                abort();
            }
            loop.log().accept(request.method() + " -> failed: " + t.getClass().getSimpleName());
        }
    }

    /** The server's own answer before any handler runs (bad request line, headers too large); then closed. */
    private void refuse(int status) {
        phase = Phase.HANDLING;
        progress();
        http11 = true;
        keepAlive = false;
        unreadInput = true; // the rest of a bad request may still be coming
        loop.handler().refusedByServer(status); // counted before the client can see the answer
        sendHead(status, List.of(), 0, Framing.LENGTH);
        closeWhenFlushed = true;
        flush();
    }

    /** For a connection over the limit: a 503 with {@code Retry-After}, written without waiting, then closed. */
    static void refuseBare(SocketChannel ch, int status) {
        String response = "HTTP/1.1 " + status + " " + HttpStatus.reason(status)
                + "\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
        try (ch) {
            // What the client already sent is read first: closing a socket with unread input sends a reset, which
            // can reach the client before it has read the 503.
            ByteBuffer sink = ByteBuffer.allocate(4096);
            for (int i = 0; i < 16 && ch.read(sink) > 0; i++) {
                sink.clear();
            }
            ch.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
            ch.shutdownOutput();
        } catch (IOException ignored) {
            // The client is gone anyway.
        }
    }

    private void flush() {
        if (phase == Phase.CLOSED) {
            return;
        }
        try {
            while (!out.isEmpty()) {
                long n = out.size() == 1 ? channel.write(out.peekFirst())
                        : channel.write(out.toArray(new ByteBuffer[0]));
                while (!out.isEmpty() && !out.peekFirst().hasRemaining()) {
                    out.pollFirst();
                }
                if (n > 0) {
                    progress();
                } else if (!out.isEmpty()) {
                    break; // the client's receive window is full: wait for OP_WRITE
                }
            }
        } catch (IOException e) {
            close(); // the client went away
            return;
        }
        if (!out.isEmpty()) {
            updateInterest();
            return;
        }
        if (closeWhenFlushed) {
            if (unreadInput) {
                linger();
            } else {
                close();
            }
            return;
        }
        updateInterest();
        Runnable drained = onDrained;
        onDrained = null;
        if (drained != null) {
            drained.run();
        }
    }

    /**
     * Closing a socket that still has unread input sends a reset, and a reset can reach the client before it has read
     * the answer (a 405 for a push, a 431): so the answer's side is shut first and what the client still sends is
     * read and dropped until it is done, for at most {@link #LINGER_NANOS}.
     */
    private void linger() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        phase = Phase.LINGER;
        deadline = loop.now() + LINGER_NANOS;
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
        drain();
    }

    private void drain() {
        ByteBuffer sink = in.clear();
        try {
            int n;
            while ((n = channel.read(sink)) > 0) {
                sink.clear();
            }
            if (n < 0) {
                close();
            }
        } catch (IOException e) {
            close();
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = out.isEmpty() ? 0 : SelectionKey.OP_WRITE;
        if ((phase == Phase.HEADER || phase == Phase.IDLE) && !closeWhenFlushed) {
            ops |= SelectionKey.OP_READ;
        }
        key.interestOps(ops);
    }
}
