package bench.niorelay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;

import static java.nio.channels.SelectionKey.OP_ACCEPT;
import static java.nio.channels.SelectionKey.OP_CONNECT;
import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

/**
 * Bench-only candidate for the mirror's server (bench/mirror-cpu.sh NIO=1; docs/PERFORMANCE.md, "Server candidates"),
 * not shipped: the same loopback HTTP/1.1 relay for the Docker Registry v2 read API as the Netty candidate, written with
 * the JDK alone (one thread, one java.nio Selector, no libraries).
 * GET/HEAD only; /v2/X -> /v2/PREFIX/X (except /v2/ itself); forwards Accept, Range, User-Agent, If-None-Match and adds
 * Host and Authorization: Basic; pooled keep-alive upstream connections (plain HTTP); bodies streamed with
 * back-pressure through one pooled direct buffer per exchange.
 *
 * Args: --listen HOST:PORT --upstream HOST:PORT [--prefix docker-hub] [--auth BASE64 | --user-pass U:P]
 *       [--max-idle 128 (idle upstream connections kept)] [--threads 1 (accepted for the Netty relay's command line)]
 */
public final class Relay {
    static final int HEAD_MAX = 8192; // request head limit: 431 beyond
    static final int SMALL = 8192, LARGE = 65536; // pooled direct buffers: response heads and small bodies / streamed bodies
    static final int SMALL_KEEP = 256, LARGE_KEEP = 32; // free-list caps; more are left to the GC
    static final long TIMEOUT_NS = 30_000_000_000L;
    static final int SPINS = 16; // upstream reads per wake-up before the loop serves others

    static final int S_HEAD = 1, S_BODY = 2, S_LOCAL = 3; // client exchange state
    static final int UP_IDLE = 0, UP_CONNECTING = 1, UP_SENDING = 2, UP_RESP = 3; // upstream connection state
    static final int M_NONE = 0, M_LENGTH = 1, M_CHUNKED = 2, M_CLOSE = 3; // upstream body framing
    static final int C_SIZE = 0, C_EXT = 1, C_SIZE_LF = 2, C_DATA = 3, C_DATA_CR = 4, C_DATA_LF = 5, C_TRAILER = 6,
        C_TRAILER_LINE = 7, C_END_LF = 8, C_DONE = 9; // chunk parser

    static final byte[] GET = ascii("GET"), HEAD = ascii("HEAD"), HTTP10 = ascii("HTTP/1.0"), HTTP11 = ascii("HTTP/1.1"),
        HTTP1 = ascii("HTTP/1."), V2 = ascii("/v2/"), CRLF = ascii("\r\n"), REQ_TAIL = ascii(" HTTP/1.1\r\n"),
        STATUS = ascii("HTTP/1.1 "), TE_CHUNKED = ascii("Transfer-Encoding: chunked\r\n"),
        CONN_CLOSE = ascii("Connection: close\r\n"), CONN_KA = ascii("Connection: keep-alive\r\n");
    // lower-case header names
    static final byte[] H_ACCEPT = ascii("accept"), H_RANGE = ascii("range"), H_USER_AGENT = ascii("user-agent"),
        H_IF_NONE_MATCH = ascii("if-none-match"), H_CONNECTION = ascii("connection"),
        H_CONTENT_LENGTH = ascii("content-length"), H_TRANSFER_ENCODING = ascii("transfer-encoding"),
        H_CONTENT_TYPE = ascii("content-type"), H_DIGEST = ascii("docker-content-digest"),
        H_API_VERSION = ascii("docker-distribution-api-version"), H_ETAG = ascii("etag"), H_LOCATION = ascii("location"),
        T_CLOSE = ascii("close"), T_KEEP_ALIVE = ascii("keep-alive"), T_CHUNKED = ascii("chunked");

    static String prefix = "docker-hub";
    static int maxIdle = 128;
    static InetSocketAddress upstreamAddr;
    static String upstreamName;
    static byte[] pathPrefix, fixedHeaders;

    static Selector selector;
    static long now;
    static final ArrayDeque<Up> idle = new ArrayDeque<>();
    static final ArrayDeque<ByteBuffer> smallFree = new ArrayDeque<>(), largeFree = new ArrayDeque<>();
    static final ArrayDeque<Client> pending = new ArrayDeque<>(); // clients with a pipelined request to parse
    static final ByteBuffer[] pair = new ByteBuffer[2];
    static final byte[] hs = new byte[LARGE]; // response head scratch (one thread)

    public static void main(String[] args) throws IOException {
        String listen = "127.0.0.1:5000", upstream = null, auth = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen = args[++i];
                case "--upstream" -> upstream = args[++i];
                case "--prefix" -> prefix = args[++i];
                case "--auth" -> auth = args[++i];
                case "--user-pass" -> auth = Base64.getEncoder().encodeToString(args[++i].getBytes(StandardCharsets.UTF_8));
                case "--max-idle" -> maxIdle = Integer.parseInt(args[++i]);
                case "--threads" -> {
                    if (Integer.parseInt(args[++i]) != 1) throw new IllegalArgumentException("--threads: one event loop only");
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (upstream == null) throw new IllegalArgumentException("--upstream HOST:PORT is required");
        upstreamName = upstream;
        upstreamAddr = hostPort(upstream);
        pathPrefix = ascii("/v2/" + prefix + "/");
        fixedHeaders = ascii("Host: " + upstream + "\r\nAuthorization: Basic " + (auth == null ? "" : auth) + "\r\n");

        selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(hostPort(listen), 1024);
        server.configureBlocking(false);
        server.register(selector, OP_ACCEPT, server);
        // -Drelay.t0ns=$(date +%s%N) from the launching shell: wall ms from just before exec to listening.
        String t0 = System.getProperty("relay.t0ns");
        Instant t = Instant.now();
        long ms = t0 == null ? -1 : (t.getEpochSecond() * 1_000_000_000L + t.getNano() - Long.parseLong(t0)) / 1_000_000;
        System.out.println("nio relay listening on " + server.getLocalAddress() + " upstream=" + upstream + " maxIdle="
            + maxIdle + " after " + ms + " ms since exec; java=" + Runtime.version());
        System.out.flush();

        long lastScan = System.nanoTime();
        while (true) {
            if (pending.isEmpty()) selector.select(Relay::dispatch, 1000);
            else selector.selectNow(Relay::dispatch);
            now = System.nanoTime();
            Client c;
            while ((c = pending.poll()) != null) {
                if (!c.closed && !c.busy) c.parseRequest();
            }
            if (now - lastScan >= 1_000_000_000L) {
                lastScan = now;
                scan();
            }
        }
    }

    static void dispatch(SelectionKey k) {
        if (!k.isValid()) return;
        now = System.nanoTime();
        Object a = k.attachment();
        if (a instanceof Client c) {
            try {
                c.onReady(k.readyOps());
            } catch (RuntimeException e) {
                e.printStackTrace();
                c.close(true);
            }
        } else if (a instanceof Up u) {
            Client c = u.owner;
            try {
                onUp(u, k.readyOps());
            } catch (RuntimeException e) {
                e.printStackTrace();
                if (c != null) c.close(true);
                closeQuietly(u.ch);
            }
        } else {
            accept((ServerSocketChannel) a);
        }
    }

    static void accept(ServerSocketChannel server) {
        for (int i = 0; i < 64; i++) {
            SocketChannel s = null;
            try {
                s = server.accept();
                if (s == null) return;
                s.configureBlocking(false);
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Client c = new Client(s);
                c.key = s.register(selector, OP_READ, c);
            } catch (IOException e) {
                System.err.println("accept: " + e);
                if (s != null) closeQuietly(s);
                return;
            }
        }
    }

    static void onUp(Up u, int ready) {
        Client c = u.owner;
        if (c == null) { // idle in the pool and readable: the registry closed it (or sent what nobody asked for)
            idle.remove(u);
            closeQuietly(u.ch);
            return;
        }
        switch (u.st) {
            case UP_CONNECTING -> {
                if ((ready & OP_CONNECT) == 0) return;
                try {
                    if (!u.ch.finishConnect()) return;
                } catch (IOException e) {
                    c.upFailed("the registry at " + upstreamName + " is unreachable: " + e.getMessage());
                    return;
                }
                c.send();
            }
            case UP_SENDING -> c.writeUpReq();
            case UP_RESP -> c.relay();
            default -> { }
        }
    }

    /** Closes connections idle for longer than 30 s (clients, exchanges without progress, pooled upstreams). */
    static void scan() {
        for (Object o : selector.keys().toArray()) {
            Object a = ((SelectionKey) o).attachment();
            if (a instanceof Client c) {
                if (!c.closed && now - c.lastActive > TIMEOUT_NS) c.timeout();
            } else if (a instanceof Up u && u.owner == null && now - u.lastActive > TIMEOUT_NS) {
                idle.remove(u);
                closeQuietly(u.ch);
            }
        }
    }

    /** An upstream connection; owned by one client during an exchange, else idle in the pool. */
    static final class Up {
        final SocketChannel ch;
        SelectionKey key;
        Client owner;
        int st;
        boolean reused;
        long lastActive;

        Up(SocketChannel ch) { this.ch = ch; }
    }

    /** One client connection and its (one at a time) exchange. */
    static final class Client {
        final SocketChannel ch;
        SelectionKey key;
        long lastActive = now;
        boolean closed;
        // request bytes read but not yet handled (pipelined requests wait here)
        byte[] req = new byte[1024];
        ByteBuffer reqBuf = ByteBuffer.wrap(req);
        int reqLen, scanFrom;
        // the exchange
        boolean busy, isHead, http10, keepAlive, closeAfter, retried;
        int state;
        byte[] upReq = new byte[512];
        ByteBuffer upReqBuf = ByteBuffer.wrap(upReq);
        int upReqLen;
        Up up;
        ByteBuffer buf; // pooled direct buffer: upstream response bytes; [wpos, wlim) still to go to the client
        int wpos, wlim;
        ByteBuffer out = ByteBuffer.allocate(512).limit(0); // response head still to go to the client (read mode)
        int mode;
        long remaining;
        boolean bodyDone, upKeepAlive, upReusable, strip;
        int cstate;
        long chunkLeft;
        boolean sawDigit;

        Client(SocketChannel ch) { this.ch = ch; }

        void onReady(int ready) {
            if ((ready & OP_READ) != 0 && !readClient()) return;
            if ((ready & OP_WRITE) != 0 && busy && !closed) relay();
        }

        int readOp() { return reqLen < HEAD_MAX ? OP_READ : 0; }

        /** false: the connection is closed. */
        boolean readClient() {
            if (reqLen == req.length) {
                if (req.length < HEAD_MAX) {
                    req = java.util.Arrays.copyOf(req, Math.min(HEAD_MAX, req.length * 2));
                    reqBuf = ByteBuffer.wrap(req);
                } else {
                    ops(key, key.interestOps() & ~OP_READ);
                    return true;
                }
            }
            int n;
            try {
                reqBuf.limit(req.length).position(reqLen);
                n = ch.read(reqBuf);
            } catch (IOException e) {
                close(false);
                return false;
            }
            if (n < 0) { // idle: the client is done; in an exchange: the client is gone, the upstream is not pooled
                close(false);
                return false;
            }
            reqLen += n;
            lastActive = now;
            if (!busy) parseRequest();
            else if (reqLen >= HEAD_MAX) ops(key, key.interestOps() & ~OP_READ);
            return !closed;
        }

        void consume(int n) {
            System.arraycopy(req, n, req, 0, reqLen - n);
            reqLen -= n;
            scanFrom = 0;
        }

        void parseRequest() {
            int skip = 0;
            while (skip < reqLen && (req[skip] == '\r' || req[skip] == '\n')) skip++;
            if (skip > 0) consume(skip);
            if (reqLen == 0) return;
            int end = headEnd();
            if (end < 0) {
                isHead = false;
                if (reqLen >= HEAD_MAX) local(431, "Request Header Fields Too Large", null, null, true);
                return;
            }
            handle(end);
        }

        /** End of the request head (after its empty line) in req, or -1. */
        int headEnd() {
            int lineStart = scanFrom;
            for (int i = scanFrom; i < reqLen; i++) {
                if (req[i] != '\n') continue;
                int len = i - lineStart;
                if (len > 0 && req[i - 1] == '\r') len--;
                if (len == 0) {
                    scanFrom = 0;
                    return i + 1;
                }
                lineStart = i + 1;
            }
            scanFrom = lineStart;
            return -1;
        }

        void handle(int end) {
            byte[] a = req;
            int eol = indexOf(a, '\n', 0, end), le = lineEnd(a, 0, eol);
            int sp1 = indexOf(a, ' ', 0, le), sp2 = sp1 < 0 ? -1 : indexOf(a, ' ', sp1 + 1, le);
            boolean ok = sp1 > 0 && sp2 > sp1 + 1 && indexOf(a, ' ', sp2 + 1, le) < 0;
            http10 = false;
            isHead = false;
            if (ok) {
                if (regionEq(a, sp2 + 1, le, HTTP10)) http10 = true;
                else if (!regionEq(a, sp2 + 1, le, HTTP11)) ok = false;
            }
            if (ok && a[sp1 + 1] != '/') ok = false; // origin-form only
            for (int i = sp1 + 1; ok && i < sp2; i++) if (a[i] <= ' ' || a[i] == 0x7f) ok = false;
            int method = !ok ? 0 : regionEq(a, 0, sp1, GET) ? 1 : regionEq(a, 0, sp1, HEAD) ? 2 : 3;
            isHead = method == 2;
            boolean forward = method == 1 || method == 2;
            upReqLen = 0;
            if (forward) {
                append(a, 0, sp1);
                append(a, sp1, 1); // ' '
                int t = sp1 + 1, tl = sp2 - t;
                if (tl > 4 && regionEq(a, t, t + 4, V2) && a[t + 4] != '?') {
                    append(pathPrefix, 0, pathPrefix.length);
                    append(a, t + 4, tl - 4);
                } else {
                    append(a, t, tl);
                }
                append(REQ_TAIL, 0, REQ_TAIL.length);
                append(fixedHeaders, 0, fixedHeaders.length);
            }
            boolean close = false, ka = false, body = false;
            int pos = eol + 1;
            while (ok && pos < end) {
                int nl = indexOf(a, '\n', pos, end), e = lineEnd(a, pos, nl);
                if (e == pos) break;
                int colon = indexOf(a, ':', pos, e);
                if (colon <= pos || !isToken(a, pos, colon)) {
                    ok = false;
                    break;
                }
                int nlen = colon - pos;
                if (nameIs(a, pos, nlen, H_ACCEPT) || nameIs(a, pos, nlen, H_RANGE) || nameIs(a, pos, nlen, H_USER_AGENT)
                    || nameIs(a, pos, nlen, H_IF_NONE_MATCH)) {
                    if (forward) {
                        append(a, pos, e - pos);
                        append(CRLF, 0, 2);
                    }
                } else if (nameIs(a, pos, nlen, H_CONNECTION)) {
                    int v = connTokens(a, colon + 1, e);
                    close |= (v & 1) != 0;
                    ka |= (v & 2) != 0;
                } else if (nameIs(a, pos, nlen, H_CONTENT_LENGTH)) {
                    if (parseLong(a, colon + 1, e) != 0) body = true;
                } else if (nameIs(a, pos, nlen, H_TRANSFER_ENCODING)) {
                    body = true;
                }
                pos = nl + 1;
            }
            consume(end);
            if (!ok) {
                local(400, "Bad Request", null, null, true);
                return;
            }
            keepAlive = http10 ? ka && !close : !close;
            if (method == 3) {
                local(405, "Method Not Allowed", "Allow: GET, HEAD\r\n", null, body); // a request body we would misread
                return;
            }
            if (body) {
                local(400, "Bad Request", null, null, true);
                return;
            }
            append(CRLF, 0, 2);
            busy = true;
            state = S_HEAD;
            retried = false;
            closeAfter = false;
            bodyDone = false;
            upReusable = false;
            wpos = wlim = 0;
            out.clear().limit(0);
            buf = takeSmall();
            connectUp(true);
        }

        void append(byte[] src, int off, int len) {
            if (upReqLen + len > upReq.length) {
                upReq = java.util.Arrays.copyOf(upReq, Math.max(upReq.length * 2, upReqLen + len));
                upReqBuf = ByteBuffer.wrap(upReq);
            }
            System.arraycopy(src, off, upReq, upReqLen, len);
            upReqLen += len;
        }

        void connectUp(boolean fromPool) {
            Up u = null;
            if (fromPool) {
                while ((u = idle.pollLast()) != null && !u.ch.isOpen()) { }
            }
            if (u != null) {
                u.reused = true;
                u.owner = this;
                up = u;
                send();
                return;
            }
            SocketChannel s = null;
            try {
                s = SocketChannel.open();
                s.configureBlocking(false);
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                u = new Up(s);
                u.owner = this;
                u.key = s.register(selector, 0, u);
                up = u;
                if (s.connect(upstreamAddr)) {
                    send();
                } else {
                    u.st = UP_CONNECTING;
                    ops(u.key, OP_CONNECT);
                    ops(key, readOp());
                }
            } catch (IOException e) {
                if (up == null && s != null) closeQuietly(s);
                upFailed("the registry at " + upstreamName + " is unreachable: " + e.getMessage());
            }
        }

        void send() {
            upReqBuf.limit(upReqLen).position(0);
            writeUpReq();
        }

        void writeUpReq() {
            Up u = up;
            try {
                u.ch.write(upReqBuf);
            } catch (IOException e) {
                upFailed("the registry at " + upstreamName + " is unreachable: " + e.getMessage());
                return;
            }
            lastActive = now;
            if (upReqBuf.hasRemaining()) {
                u.st = UP_SENDING;
                ops(u.key, OP_WRITE);
            } else {
                u.st = UP_RESP;
                ops(u.key, OP_READ);
            }
            ops(key, readOp());
        }

        /** The upstream connection failed or closed before the response was complete. */
        void upFailed(String why) {
            Up u = up;
            up = null;
            boolean reused = u != null && u.reused;
            if (u != null) closeUp(u);
            if (state == S_HEAD) {
                if (reused && !retried && buf != null && buf.position() == 0) { // GET/HEAD are idempotent: one retry
                    retried = true;
                    connectUp(false);
                    return;
                }
                local(502, "Bad Gateway", null, why, false);
                return;
            }
            close(true); // mid-body: reset the client so it cannot take a truncated body for a whole one
        }

        /** Moves the exchange forward: flushes to the client, reads the upstream, until one of them must wait. */
        void relay() {
            for (int spin = 0; ; spin++) {
                if (out.hasRemaining() || wpos < wlim) {
                    int r = flush();
                    if (r < 0) {
                        close(false); // client gone: the upstream connection is closed with it, not pooled
                        return;
                    }
                    if (r == 0) { // back-pressure: stop reading the upstream until the client drains
                        ops(key, OP_WRITE | readOp());
                        if (up != null) ops(up.key, 0);
                        return;
                    }
                }
                if (bodyDone) {
                    endExchange();
                    return;
                }
                Up u = up;
                if (u == null || u.st != UP_RESP) {
                    ops(key, readOp());
                    return;
                }
                if (spin == SPINS) {
                    ops(u.key, OP_READ);
                    ops(key, readOp());
                    return;
                }
                if (state == S_HEAD) {
                    if (!buf.hasRemaining()) {
                        if (buf.capacity() == LARGE) {
                            upBad("its response head is over 64 KiB");
                            return;
                        }
                        ByteBuffer big = takeLarge();
                        buf.flip();
                        big.put(buf);
                        giveBack(buf);
                        buf = big;
                    }
                } else {
                    if (buf.capacity() == SMALL && (mode != M_LENGTH || remaining > SMALL)) {
                        giveBack(buf);
                        buf = takeLarge();
                    }
                    buf.clear();
                }
                int n;
                try {
                    n = u.ch.read(buf);
                } catch (IOException e) {
                    upFailed("the registry at " + upstreamName + " failed: " + e.getMessage());
                    return;
                }
                if (n == 0) {
                    ops(u.key, OP_READ);
                    ops(key, readOp());
                    return;
                }
                if (n < 0) {
                    if (state == S_BODY && mode == M_CLOSE) { // close-delimited body: done, and so is the client connection
                        upReusable = false;
                        closeAfter = true;
                        bodyDone = true;
                        continue;
                    }
                    upFailed("the registry at " + upstreamName + " closed the connection");
                    return;
                }
                lastActive = now;
                if (state == S_HEAD) {
                    if (!head()) return;
                } else if (!frame(0, n)) {
                    return;
                }
            }
        }

        /** 1: all written, 0: the client cannot take more now, -1: the client is gone. */
        int flush() {
            try {
                if (wpos < wlim) {
                    buf.limit(wlim).position(wpos);
                    if (out.hasRemaining()) {
                        pair[0] = out;
                        pair[1] = buf;
                        ch.write(pair);
                        pair[0] = pair[1] = null;
                    } else {
                        ch.write(buf);
                    }
                    wpos = buf.position();
                } else {
                    ch.write(out);
                }
            } catch (IOException e) {
                return -1;
            }
            lastActive = now;
            return out.hasRemaining() || wpos < wlim ? 0 : 1;
        }

        void upBad(String what) {
            Up u = up;
            up = null;
            if (u != null) closeUp(u);
            if (state == S_HEAD) local(502, "Bad Gateway", null, "the registry at " + upstreamName + " answered badly: " + what, false);
            else close(true);
        }

        /** Parses the upstream response head in buf[0, position). false: the exchange was ended here. */
        boolean head() {
            int n = buf.position();
            buf.get(0, hs, 0, n);
            byte[] a = hs;
            int end = -1, lineStart = 0;
            for (int i = 0; i < n; i++) {
                if (a[i] != '\n') continue;
                int len = i - lineStart;
                if (len > 0 && a[i - 1] == '\r') len--;
                if (len == 0) {
                    end = i + 1;
                    break;
                }
                lineStart = i + 1;
            }
            if (end < 0) return true; // more to read
            int eol = indexOf(a, '\n', 0, end), le = lineEnd(a, 0, eol);
            if (le < 12 || !regionEq(a, 0, 7, HTTP1) || a[8] != ' ' || !digit(a[9]) || !digit(a[10]) || !digit(a[11])
                || (le > 12 && a[12] != ' ')) {
                upBad("a malformed status line");
                return false;
            }
            int code = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
            boolean up11 = a[7] != '0';
            if (code / 100 == 1) {
                if (code == 101) {
                    upBad("101 Switching Protocols");
                    return false;
                }
                buf.limit(n).position(end); // an interim response: dropped
                buf.compact();
                return n == end || head();
            }
            long cl = -1;
            int clS = -1, clE = -1;
            boolean te = false, chunked = false, close = false, ka = false;
            out.clear();
            ensureOut(2 * end + 96); // lines ending in a bare LF grow by one byte
            out.put(STATUS).put(a, 9, le - 9).put(CRLF);
            int pos = eol + 1;
            while (pos < end) {
                int nl = indexOf(a, '\n', pos, end), e = lineEnd(a, pos, nl);
                if (e == pos) break;
                int colon = indexOf(a, ':', pos, e);
                if (colon <= pos) {
                    upBad("a malformed header line");
                    return false;
                }
                int nlen = colon - pos;
                if (nameIs(a, pos, nlen, H_CONTENT_TYPE) || nameIs(a, pos, nlen, H_DIGEST)
                    || nameIs(a, pos, nlen, H_API_VERSION) || nameIs(a, pos, nlen, H_ETAG)
                    || nameIs(a, pos, nlen, H_LOCATION)) {
                    out.put(a, pos, e - pos).put(CRLF);
                } else if (nameIs(a, pos, nlen, H_CONTENT_LENGTH)) {
                    long v = parseLong(a, colon + 1, e);
                    if (v < 0 || (cl >= 0 && v != cl)) {
                        upBad("an invalid Content-Length");
                        return false;
                    }
                    cl = v;
                    clS = pos;
                    clE = e;
                } else if (nameIs(a, pos, nlen, H_TRANSFER_ENCODING)) {
                    te = true;
                    chunked = lastTokenIs(a, colon + 1, e, T_CHUNKED);
                } else if (nameIs(a, pos, nlen, H_CONNECTION)) {
                    int v = connTokens(a, colon + 1, e);
                    close |= (v & 1) != 0;
                    ka |= (v & 2) != 0;
                }
                pos = nl + 1;
            }
            upKeepAlive = up11 ? !close : ka && !close;
            if (isHead || code == 204 || code == 304) {
                mode = M_NONE;
                if (clS >= 0) out.put(a, clS, clE - clS).put(CRLF);
            } else if (te) {
                cstate = C_SIZE;
                chunkLeft = 0;
                sawDigit = false;
                if (!chunked) {
                    mode = M_CLOSE; // a transfer coding we do not parse: the body ends when the connection does
                    closeAfter = true;
                } else if (http10) {
                    mode = M_CHUNKED; // HTTP/1.0 clients cannot take chunks: the framing is stripped, the body close-delimited
                    strip = true;
                    closeAfter = true;
                } else {
                    mode = M_CHUNKED;
                    strip = false;
                    out.put(TE_CHUNKED);
                }
            } else if (cl >= 0) {
                mode = M_LENGTH;
                remaining = cl;
                out.put(a, clS, clE - clS).put(CRLF);
            } else {
                mode = M_CLOSE;
                closeAfter = true;
            }
            if (closeAfter || !keepAlive) out.put(CONN_CLOSE);
            else if (http10) out.put(CONN_KA);
            out.put(CRLF).flip();
            upReusable = upKeepAlive && mode != M_CLOSE;
            state = S_BODY;
            if (mode == M_NONE) {
                bodyDone = true;
                if (n > end) upReusable = false; // bytes after a bodyless response
                wpos = wlim = 0;
                return true;
            }
            return frame(end, n);
        }

        /** Body bytes buf[from, to) just read: sets the window to send. false: the exchange was ended here. */
        boolean frame(int from, int to) {
            wpos = from;
            if (mode == M_LENGTH) {
                int take = (int) Math.min(remaining, to - from);
                remaining -= take;
                wlim = from + take;
                if (remaining == 0) {
                    bodyDone = true;
                    if (wlim < to) upReusable = false;
                }
            } else if (mode == M_CLOSE) {
                wlim = to;
            } else {
                int w = chunks(from, to);
                if (w < 0) {
                    upBad("a malformed chunked body");
                    return false;
                }
                wlim = w;
            }
            return true;
        }

        /**
         * Follows the chunk framing over buf[from, to); returns the end of what to send (stripped of framing when
         * strip), -1 when malformed. Sets bodyDone after the last chunk and its trailers.
         */
        int chunks(int from, int to) {
            ByteBuffer b = buf;
            int i = from, w = from;
            while (i < to && cstate != C_DONE) {
                if (cstate == C_DATA) {
                    int take = (int) Math.min(chunkLeft, to - i);
                    if (strip) {
                        if (w != i) b.put(w, b, i, take);
                        w += take;
                    }
                    i += take;
                    chunkLeft -= take;
                    if (chunkLeft == 0) cstate = C_DATA_CR;
                    continue;
                }
                byte c = b.get(i++);
                switch (cstate) {
                    case C_SIZE -> {
                        int d = hex(c);
                        if (d >= 0) {
                            if (chunkLeft > (Long.MAX_VALUE >> 4)) return -1;
                            chunkLeft = chunkLeft * 16 + d;
                            sawDigit = true;
                        } else if (!sawDigit) {
                            return -1;
                        } else if (c == ';' || c == ' ' || c == '\t') {
                            cstate = C_EXT;
                        } else if (c == '\r') {
                            cstate = C_SIZE_LF;
                        } else if (c == '\n') {
                            afterSize();
                        } else {
                            return -1;
                        }
                    }
                    case C_EXT -> {
                        if (c == '\r') cstate = C_SIZE_LF;
                        else if (c == '\n') afterSize();
                    }
                    case C_SIZE_LF -> {
                        if (c != '\n') return -1;
                        afterSize();
                    }
                    case C_DATA_CR -> {
                        if (c == '\r') cstate = C_DATA_LF;
                        else if (c == '\n') cstate = C_SIZE;
                        else return -1;
                    }
                    case C_DATA_LF -> {
                        if (c != '\n') return -1;
                        cstate = C_SIZE;
                    }
                    case C_TRAILER -> {
                        if (c == '\r') cstate = C_END_LF;
                        else if (c == '\n') cstate = C_DONE;
                        else cstate = C_TRAILER_LINE;
                    }
                    case C_TRAILER_LINE -> {
                        if (c == '\n') cstate = C_TRAILER;
                    }
                    case C_END_LF -> {
                        if (c != '\n') return -1;
                        cstate = C_DONE;
                    }
                    default -> { return -1; }
                }
            }
            if (cstate == C_DONE) {
                bodyDone = true;
                if (i < to) upReusable = false;
            }
            return strip ? w : i;
        }

        void afterSize() {
            cstate = chunkLeft == 0 ? C_TRAILER : C_DATA;
            sawDigit = false;
        }

        /** The response is out: the upstream connection goes back to the pool (or is closed), the client goes on. */
        void endExchange() {
            Up u = up;
            up = null;
            if (u != null) {
                if (upReusable && upKeepAlive && idle.size() < maxIdle && u.ch.isOpen()) {
                    u.owner = null;
                    u.st = UP_IDLE;
                    u.lastActive = now;
                    ops(u.key, OP_READ);
                    idle.addLast(u);
                } else {
                    closeUp(u);
                }
            }
            giveBack(buf);
            buf = null;
            wpos = wlim = 0;
            busy = false;
            state = 0;
            if (closeAfter || !keepAlive) {
                close(false);
                return;
            }
            ops(key, OP_READ);
            if (reqLen > 0) pending.add(this); // a pipelined request: parsed from the main loop, not recursively
        }

        /** A response made here (errors); written like a relayed one, then the exchange ends. */
        void local(int code, String reason, String extraHeaders, String message, boolean close) {
            if (up != null) {
                closeUp(up);
                up = null;
            }
            giveBack(buf);
            buf = null;
            busy = true;
            state = S_LOCAL;
            bodyDone = true;
            wpos = wlim = 0;
            if (close) keepAlive = false;
            closeAfter = !keepAlive;
            byte[] body = message == null ? null
                : ("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"" + jsonEscape(message) + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(160).append("HTTP/1.1 ").append(code).append(' ').append(reason).append("\r\n");
            if (body != null) sb.append("Content-Type: application/json\r\n");
            sb.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            if (extraHeaders != null) sb.append(extraHeaders);
            if (closeAfter) sb.append("Connection: close\r\n");
            else if (http10) sb.append("Connection: keep-alive\r\n");
            byte[] h = sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            out.clear();
            ensureOut(h.length + (body == null ? 0 : body.length));
            out.put(h);
            if (body != null && !isHead) out.put(body);
            out.flip();
            relay();
        }

        void timeout() {
            if (!busy) close(false);
            else if (state == S_HEAD) local(504, "Gateway Timeout", null, "the registry at " + upstreamName + " did not answer within 30 s", true);
            else close(true);
        }

        void ensureOut(int n) { // out in write mode
            if (out.remaining() >= n) return;
            ByteBuffer nb = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + n));
            out.flip();
            nb.put(out);
            out = nb;
        }

        void close(boolean reset) {
            if (closed) return;
            closed = true;
            busy = false;
            if (up != null) {
                closeUp(up);
                up = null;
            }
            giveBack(buf);
            buf = null;
            if (reset) {
                try {
                    ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                } catch (IOException | RuntimeException ignored) {
                    // closing anyway
                }
            }
            closeQuietly(ch);
        }
    }

    // ---- buffers, connections

    static ByteBuffer takeSmall() {
        ByteBuffer b = smallFree.pollLast();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(SMALL);
    }

    static ByteBuffer takeLarge() {
        ByteBuffer b = largeFree.pollLast();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(LARGE);
    }

    static void giveBack(ByteBuffer b) {
        if (b == null) return;
        if (b.capacity() == SMALL) {
            if (smallFree.size() < SMALL_KEEP) smallFree.addLast(b);
        } else if (largeFree.size() < LARGE_KEEP) {
            largeFree.addLast(b);
        }
    }

    static void closeUp(Up u) {
        u.owner = null;
        closeQuietly(u.ch);
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    static void ops(SelectionKey k, int ops) {
        if (k.isValid() && k.interestOps() != ops) k.interestOps(ops);
    }

    // ---- bytes

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    static InetSocketAddress hostPort(String s) {
        int c = s.lastIndexOf(':');
        return new InetSocketAddress(s.substring(0, c), Integer.parseInt(s.substring(c + 1)));
    }

    static int indexOf(byte[] a, char c, int from, int to) {
        for (int i = from; i < to; i++) if (a[i] == c) return i;
        return -1;
    }

    /** End of the line that ends with the '\n' at nl (without a '\r' before it). */
    static int lineEnd(byte[] a, int from, int nl) { return nl > from && a[nl - 1] == '\r' ? nl - 1 : nl; }

    static boolean regionEq(byte[] a, int from, int to, byte[] b) {
        if (to - from != b.length) return false;
        for (int i = 0; i < b.length; i++) if (a[from + i] != b[i]) return false;
        return true;
    }

    /** Case-insensitive match against a lower-case name (letters and '-'; names were checked to be tokens). */
    static boolean nameIs(byte[] a, int off, int len, byte[] lower) {
        if (len != lower.length) return false;
        for (int i = 0; i < len; i++) if ((a[off + i] | 0x20) != lower[i]) return false;
        return true;
    }

    static boolean isToken(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) if (a[i] <= ' ' || a[i] >= 0x7f) return false;
        return true;
    }

    static boolean ows(byte b) { return b == ' ' || b == '\t'; }

    /** Comma-separated tokens of a Connection value: bit 1 close, bit 2 keep-alive. */
    static int connTokens(byte[] a, int from, int to) {
        int v = 0, s = from;
        for (int i = from; i <= to; i++) {
            if (i < to && a[i] != ',') continue;
            int ts = s, te = i;
            while (ts < te && ows(a[ts])) ts++;
            while (te > ts && ows(a[te - 1])) te--;
            if (nameIs(a, ts, te - ts, T_CLOSE)) v |= 1;
            else if (nameIs(a, ts, te - ts, T_KEEP_ALIVE)) v |= 2;
            s = i + 1;
        }
        return v;
    }

    static boolean lastTokenIs(byte[] a, int from, int to, byte[] lower) {
        int s = from;
        for (int i = from; i < to; i++) if (a[i] == ',') s = i + 1;
        while (s < to && ows(a[s])) s++;
        while (to > s && ows(a[to - 1])) to--;
        return nameIs(a, s, to - s, lower);
    }

    /** A decimal value without sign, -1 when it is not one. */
    static long parseLong(byte[] a, int from, int to) {
        while (from < to && ows(a[from])) from++;
        while (to > from && ows(a[to - 1])) to--;
        if (from == to || to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            if (!digit(a[i])) return -1;
            v = v * 10 + (a[i] - '0');
        }
        return v;
    }

    static boolean digit(byte b) { return b >= '0' && b <= '9'; }

    static int hex(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        int l = b | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
