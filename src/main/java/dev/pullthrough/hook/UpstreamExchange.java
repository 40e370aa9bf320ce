package dev.pullthrough.hook;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * One request forwarded to the registry, on the event loop: takes a pooled connection (or opens one), sends the
 * request with the token, reads the answer's head, and streams the body to the client with back-pressure (the
 * registry is not read while the client has not taken the last buffer).
 *
 * <p>Faults, as the thread-per-connection mirror had them: a reused connection the registry had closed is retried
 * once on a new one; no answer within the stall timeout is a 504, no connection a 502 (a TLS refusal says so); a
 * registry that breaks off or stalls mid-body gets the client's connection reset at once. On 401 the token is
 * refreshed once, off the loop, and the request retried. Redirects go back to the client as they are.
 */
final class UpstreamExchange implements LoopChannel {
    private enum State { ACQUIRING, SENDING, AWAIT_HEAD, REFRESHING, BODY, WAIT_CLIENT, DONE }

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final MirrorLoop loop;
    private final MirrorProxy proxy;
    private final ClientConnection client;
    private final RequestHead request;
    private final MirrorDecision.Forward forward;
    private final UpstreamCounters upstreamCounters;
    private final long started;
    private EcrToken token;
    private UpstreamConnection conn;
    private boolean reused;
    private boolean retriedStale;
    private boolean retried401;
    private State state = State.ACQUIRING;
    private long deadline = Long.MAX_VALUE;
    private ByteBuffer requestBytes;
    private byte[] headBuf = new byte[1024]; // a registry's head is ~0.5 KB; doubled when needed
    private int headLen;
    private int headEnd;
    private UpstreamResponseHead head;
    private long remaining = -1;
    private ChunkedScanner chunks;
    private ByteBuffer body;
    private ByteBuffer decoded;
    private int leftoverFrom;
    private String outcome = "";
    private int idleReads;

    UpstreamExchange(MirrorLoop loop, MirrorProxy proxy, ClientConnection client, RequestHead request,
            MirrorDecision.Forward forward, UpstreamCounters upstreamCounters, long started) {
        this.loop = loop;
        this.proxy = proxy;
        this.client = client;
        this.request = request;
        this.forward = forward;
        this.upstreamCounters = upstreamCounters;
        this.started = started;
    }

    void start() {
        client.onGone(this::clientGone);
        loop.track(this);
        token = proxy.token().currentWithoutWaiting();
        if (token != null) {
            acquire(true);
            return;
        }
        // The token expired and its refresh is still running: wait for it off the loop, this request alone.
        loop.background().execute(() -> {
            EcrToken waited = proxy.token().current();
            loop.execute(() -> {
                if (state == State.ACQUIRING && conn == null) {
                    token = waited;
                    acquire(true);
                }
            });
        });
    }

    @Override
    public void ready(int readyOps) {
        try {
            switch (state) {
                case SENDING -> writeRequest();
                case AWAIT_HEAD -> {
                    conn.transport().flush();
                    readHead();
                }
                case BODY -> {
                    conn.transport().flush();
                    relay();
                }
                case WAIT_CLIENT -> conn.transport().flush(); // a TLS record the transport still owes the registry
                default -> {
                    // Nothing to do in this state.
                }
            }
        } catch (IOException e) {
            upstreamFailed(e);
        }
    }

    /** Past the stall timeout while waiting for the registry (its answer, or the next body bytes). */
    void checkDeadline(long now) {
        if ((state == State.SENDING || state == State.AWAIT_HEAD || state == State.BODY) && now - deadline > 0) {
            upstreamFailed(new SocketTimeoutException("the registry sent nothing for "
                    + loop.limits().stallTimeout().toMillis() + " ms"));
        }
    }

    private void acquire(boolean mayReuse) {
        state = State.ACQUIRING;
        loop.pool().acquire(mayReuse, (c, wasReused, error) -> {
            if (state == State.DONE) {
                if (c != null) {
                    loop.pool().release(c); // the client left meanwhile: the connection is still good
                }
            } else if (error != null) {
                upstreamFailed(error);
            } else {
                reused = wasReused;
                use(c);
            }
        });
    }

    private void use(UpstreamConnection c) {
        conn = c;
        c.lendTo(this);
        requestBytes = requestHead();
        headLen = 0;
        state = State.SENDING;
        deadline = loop.now() + loop.limits().stallTimeout().toNanos();
        try {
            writeRequest();
        } catch (IOException e) {
            upstreamFailed(e);
        }
    }

    private ByteBuffer requestHead() {
        byte[] authorization = proxy.authorizationLine(token);
        String authority = proxy.upstreamAuthority();
        int size = request.method().length() + forward.upstreamPath().length()
                + (forward.query() == null ? 0 : forward.query().length() + 1) + authority.length()
                + authorization.length + 64;
        for (String[] h : request.headers()) {
            size += h[0].length() + h[1].length() + 4;
        }
        HeadBytes r = new HeadBytes(size).append(request.method()).append(' ').append(forward.upstreamPath());
        if (forward.query() != null) {
            r.append('?').append(forward.query());
        }
        r.append(" HTTP/1.1\r\n").header("Host", authority).append(authorization);
        boolean accept = false;
        for (String[] h : request.headers()) {
            String name = h[0];
            if (MirrorProxy.isForwardedRequestHeader(name)) {
                r.header(name, h[1]);
                accept |= name.equalsIgnoreCase("accept");
            }
        }
        if (!accept) {
            r.append("Accept: */*\r\n");
        }
        return r.append("\r\n").toBuffer();
    }

    private void writeRequest() throws IOException {
        UpstreamTransport t = conn.transport();
        while (requestBytes.hasRemaining() && t.write(requestBytes) > 0) {
            // As much as the socket takes.
        }
        if (requestBytes.hasRemaining() || !t.flush()) {
            conn.interest(SelectionKey.OP_WRITE | t.interestOps());
            return;
        }
        state = State.AWAIT_HEAD;
        deadline = loop.now() + loop.limits().stallTimeout().toNanos();
        conn.interest(SelectionKey.OP_READ | t.interestOps());
        if (t.hasBufferedInput()) {
            readHead();
        }
    }

    private void readHead() throws IOException {
        UpstreamTransport t = conn.transport();
        while (true) {
            if (headLen == headBuf.length) {
                if (headBuf.length >= MAX_HEAD_BYTES) {
                    throw new IOException("the registry's response head is over " + MAX_HEAD_BYTES + " bytes");
                }
                headBuf = java.util.Arrays.copyOf(headBuf, headBuf.length * 2);
            }
            int n = t.read(ByteBuffer.wrap(headBuf, headLen, headBuf.length - headLen));
            if (n < 0) {
                throw new EOFException("the registry closed the connection without an answer");
            }
            if (n == 0) {
                if (readAgainAtOnce(t)) {
                    continue;
                }
                return;
            }
            idleReads = 0;
            headLen += n;
            int end = MessageHead.end(headBuf, headLen);
            if (end >= 0) {
                onHead(end);
                return;
            }
        }
    }

    /**
     * After a read that gave nothing: true to read again at once, when the transport holds a TLS record it has read
     * but not yet decrypted (after a session ticket; the selector would not fire for it), a few times at most; else
     * waits for the socket.
     */
    private boolean readAgainAtOnce(UpstreamTransport t) {
        if (t.hasBufferedInput() && ++idleReads < 4) {
            return true;
        }
        idleReads = 0;
        conn.interest(SelectionKey.OP_READ | t.interestOps());
        return false;
    }

    private void onHead(int end) throws IOException {
        try {
            head = UpstreamResponseHead.parse(headBuf, end);
        } catch (UpstreamResponseHead.MalformedHead e) {
            throw new IOException(e.getMessage());
        }
        headEnd = end;
        leftoverFrom = end; // bytes after the head are the body's (none for HEAD, 204 and 304)
        if (head.status() == 401 && !retried401) {
            EcrToken used = token;
            state = State.REFRESHING;
            conn.interest(0);
            loop.background().execute(() -> {
                EcrToken fresh = null;
                try {
                    fresh = proxy.token().afterUnauthorized(used);
                } catch (RuntimeException e) {
                    // No fresh token: the 401 goes to the client.
                }
                EcrToken result = fresh;
                loop.execute(() -> afterRefresh(result));
            });
            return;
        }
        answer();
    }

    private void afterRefresh(EcrToken fresh) {
        if (state != State.REFRESHING) {
            return; // the client left meanwhile
        }
        if (fresh == null) {
            try {
                answer();
            } catch (IOException e) {
                upstreamFailed(e);
            }
            return;
        }
        retried401 = true;
        token = fresh;
        conn.close(); // its 401 body unread: not reusable
        conn = null;
        head = null;
        acquire(true);
    }

    private void answer() throws IOException {
        int status = head.status();
        outcome = Integer.toString(status);
        upstreamCounters.answered(status);
        if (status == 401) {
            proxy.counters().unauthorized.incrementAndGet();
        }
        if (status >= 300 && status < 400) {
            proxy.counters().redirects.incrementAndGet();
        }
        List<String[]> headers = new ArrayList<>(proxy.responseHeaders(head, forward.prefix()));
        if (!head.hasBody(client.headRequest())) {
            if (client.headRequest() && head.contentLength() >= 0) {
                headers.add(new String[] {"Content-Length", Long.toString(head.contentLength())});
            }
            client.sendHead(status, headers, -1, ClientConnection.Framing.NONE);
            complete(true);
            return;
        }
        ClientConnection.Framing framing;
        if (head.contentLength() >= 0) {
            framing = ClientConnection.Framing.LENGTH;
            remaining = head.contentLength();
        } else if (head.chunked()) {
            chunks = new ChunkedScanner();
            framing = client.http11() ? ClientConnection.Framing.CHUNKED : ClientConnection.Framing.CLOSE;
        } else {
            framing = ClientConnection.Framing.CLOSE; // the body ends when the registry closes
        }
        client.sendHead(status, headers, head.contentLength(), framing);
        body = ByteBuffer.wrap(MirrorProxy.copyBuffer(Math.max(head.contentLength(), headLen - headEnd),
                loop.exchangesInFlight() <= MirrorProxy.LARGE_BUFFER_EXCHANGES));
        if (chunks != null && !client.http11()) {
            decoded = ByteBuffer.allocate(body.capacity());
        }
        state = State.BODY;
        deadline = loop.now() + loop.limits().stallTimeout().toNanos();
        relay();
    }

    private void relay() throws IOException {
        UpstreamTransport t = conn.transport();
        while (state == State.BODY) {
            body.clear();
            if (remaining >= 0) {
                body.limit((int) Math.min(body.capacity(), remaining));
            }
            int n;
            if (leftoverFrom < headLen) { // body bytes that came with the head
                n = Math.min(headLen - leftoverFrom, body.remaining());
                body.put(headBuf, leftoverFrom, n);
                leftoverFrom += n;
            } else {
                n = body.hasRemaining() ? t.read(body) : 0;
            }
            if (n < 0) {
                if (remaining > 0 || (chunks != null && !chunks.done())) {
                    throw new EOFException("the registry closed the connection mid-body");
                }
                complete(false); // a close-delimited body ends here
                return;
            }
            if (n == 0 && remaining != 0) {
                if (readAgainAtOnce(t)) {
                    continue;
                }
                return;
            }
            idleReads = 0;
            deadline = loop.now() + loop.limits().stallTimeout().toNanos();
            body.flip();
            ByteBuffer toClient = body;
            if (remaining >= 0) {
                remaining -= n;
            }
            if (chunks != null) {
                if (decoded != null) {
                    decoded.clear();
                }
                int used = chunks.scan(body.array(), 0, body.limit(), decoded);
                body.limit(used);
                if (decoded != null) {
                    decoded.flip();
                    toClient = decoded;
                }
            }
            boolean written = !toClient.hasRemaining() || client.sendBody(toClient);
            if (client.closed()) {
                return; // clientGone has cleaned up
            }
            boolean ended = remaining == 0 || (chunks != null && chunks.done());
            if (!written) {
                state = State.WAIT_CLIENT;
                conn.interest(t.interestOps());
                client.onDrained(ended ? () -> complete(true) : this::resume);
                return;
            }
            if (ended) {
                complete(true);
                return;
            }
        }
    }

    private void resume() {
        if (state != State.WAIT_CLIENT) {
            return;
        }
        state = State.BODY;
        deadline = loop.now() + loop.limits().stallTimeout().toNanos();
        try {
            relay();
        } catch (IOException e) {
            upstreamFailed(e);
        }
    }

    private void complete(boolean reusable) {
        state = State.DONE;
        loop.untrack(this);
        if (conn != null) {
            // Reused only when the answer ended exactly where it said: no bytes of it left unread, none beyond it.
            if (reusable && !head.close() && leftoverFrom >= headLen) {
                loop.pool().release(conn);
            } else {
                conn.close();
            }
            conn = null;
        }
        client.finish();
        logOutcome();
    }

    /** The registry failed: before the answer a 502 or 504 (or one retry), mid-body a reset of the client. */
    private void upstreamFailed(IOException e) {
        if (state == State.DONE) {
            return;
        }
        boolean beforeAnswer = state == State.ACQUIRING || state == State.SENDING || state == State.AWAIT_HEAD
                || state == State.REFRESHING;
        if (beforeAnswer && reused && !retriedStale && headLen == 0 && !(e instanceof SocketTimeoutException)) {
            retriedStale = true; // the registry had closed the idle connection: once more on a new one
            conn.close();
            conn = null;
            acquire(false);
            return;
        }
        endWithoutReuse();
        proxy.counters().upstreamErrors.incrementAndGet();
        upstreamCounters.errors.incrementAndGet();
        boolean timedOut = e instanceof SocketTimeoutException;
        if (!beforeAnswer || client.committed()) {
            outcome = outcome + " aborted: upstream " + (timedOut ? "stalled" : "broke off") + " mid-body ("
                    + e.getClass().getSimpleName() + ")";
            client.onGone(null);
            client.abort();
            logOutcome();
            return;
        }
        boolean tls = e instanceof SSLException;
        client.onGone(null);
        proxy.refuse(client, timedOut ? 504 : 502, "UNAVAILABLE", timedOut ? "the registry did not answer in time"
                : tls ? MirrorProxy.untrustedRegistry(e) : "the registry could not be reached");
        proxy.log(request.method() + " " + request.rawPath() + " -> " + forward.upstreamPath() + " "
                + (timedOut ? "504 upstream timed out" : tls ? "502 upstream TLS handshake failed" : "502 upstream unreachable")
                + " (" + e.getClass().getSimpleName() + ")");
    }

    /** The client went away (or was cut by its watchdog): the registry's answer is dropped with its connection. */
    private void clientGone() {
        if (state == State.DONE) {
            return;
        }
        endWithoutReuse();
        logOutcome();
    }

    /** Ends the exchange and drops its registry connection: it is mid-answer, never to be reused. */
    private void endWithoutReuse() {
        state = State.DONE;
        loop.untrack(this);
        if (conn != null) {
            conn.close();
            conn = null;
        }
    }

    private void logOutcome() {
        long ms = (System.nanoTime() - started) / 1_000_000;
        proxy.log(request.method() + " " + request.rawPath() + " -> " + forward.upstreamPath() + " " + outcome
                + (retried401 ? " (retried after 401)" : "") + " " + ms + "ms");
    }
}
