package dev.pullthrough.hook;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The mirror's small HTTP/1.1 server: one blocking thread per connection (virtual where the runtime has them, see
 * {@link ServerThreads}), keep-alive, and hard limits ({@link ServerLimits}) enforced by one reaper thread that
 * closes any connection past its deadline, whatever it is blocked on: a slow request header, an idle keep-alive, an
 * upstream that stopped sending, or a client that stopped reading.
 *
 * <p>It replaced the JDK's {@code com.sun.net.httpserver} server, which has no request-header timeout, queues every
 * request behind a fixed pool (so manifests waited behind stalled blobs), cannot abort a response (a broken upstream
 * left the client waiting forever), and whose single dispatcher thread, once dead, left a port that accepted and
 * never answered. Here the acceptor and the reaper catch everything per iteration, and if either still ends while the
 * server is open, {@code onFatal} is told (the mirror process then exits, so {@code hook status} says it is down).
 */
public final class LoopbackHttpServer implements AutoCloseable {
    /** Answers one request. */
    public interface Handler {
        void handle(RequestHead request, ResponseWriter response) throws IOException;

        /** The server answered itself (malformed request, headers too large, too many connections). */
        default void refusedByServer(int status) {
        }

        /** A connection was closed for a timeout: "header", "stall" (idle keep-alives are not reported). */
        default void timedOut(String phase) {
        }
    }

    private enum Phase { HEADER, IDLE, HANDLING }

    private final ServerSocket socket;
    private final ServerLimits limits;
    private final Handler handler;
    private final Consumer<String> log;
    private final ExecutorService threads;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Thread reaper;
    private volatile Consumer<Throwable> onFatal = t -> { };
    private volatile boolean closed;

    private LoopbackHttpServer(ServerSocket socket, ServerLimits limits, Handler handler, Consumer<String> log) {
        this.socket = socket;
        this.limits = limits;
        this.handler = handler;
        this.log = log;
        this.threads = ServerThreads.forConnections("mirror-", limits.maxConnections() + 16);
        this.acceptor = new Thread(this::acceptLoop, "mirror-acceptor");
        this.reaper = new Thread(this::reapLoop, "mirror-reaper");
        acceptor.setDaemon(true);
        reaper.setDaemon(true);
    }

    /** Binds now (so a busy port fails here, with the OS's reason); {@link #start} begins accepting. */
    public static LoopbackHttpServer bind(InetSocketAddress address, ServerLimits limits, Handler handler,
            Consumer<String> log) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(address, 1024);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new LoopbackHttpServer(s, limits, handler, log);
    }

    public void start(Consumer<Throwable> fatal) {
        this.onFatal = fatal;
        acceptor.start();
        reaper.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** False once the acceptor or the reaper has ended while the server is open. */
    public boolean healthy() {
        return closed || (acceptor.isAlive() && reaper.isAlive());
    }

    /** "virtual" or "platform". */
    public String threadKind() {
        return ServerThreads.kind(threads);
    }

    int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Connection c : open) {
            c.abort();
        }
        threads.shutdownNow();
        reaper.interrupt();
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                try {
                    admit(socket.accept());
                } catch (IOException e) {
                    if (!closed) {
                        log.accept("accept failed: " + e.getMessage());
                        pause(); // e.g. out of file descriptors: do not spin
                    }
                } catch (Throwable t) { // even an Error must not end the only acceptor
                    log.accept("accept loop: " + t);
                    pause();
                }
            }
        } finally {
            if (!closed) {
                onFatal.accept(new IllegalStateException("the mirror's acceptor thread ended"));
            }
        }
    }

    private void admit(Socket client) throws IOException {
        if (open.size() >= limits.maxConnections()) {
            refuseOverload(client);
            return;
        }
        Connection c = new Connection(client);
        open.add(c);
        try {
            threads.execute(c);
        } catch (RejectedExecutionException e) {
            open.remove(c);
            refuseOverload(client);
        }
    }

    private void refuseOverload(Socket client) {
        try (client) {
            ResponseWriter.writeBare(client, 503);
        } catch (IOException ignored) {
            // The client is gone anyway.
        }
        handler.refusedByServer(503);
    }

    private void reapLoop() {
        long tick = Math.max(10, Math.min(500, Math.min(limits.headerTimeout().toMillis(),
                Math.min(limits.idleTimeout().toMillis(), limits.stallTimeout().toMillis())) / 4));
        try {
            while (!closed) {
                try {
                    TimeUnit.MILLISECONDS.sleep(tick);
                    long now = System.nanoTime();
                    for (Connection c : open) {
                        if (now - c.deadline > 0) {
                            c.expire();
                        }
                    }
                    if (!acceptor.isAlive() && !closed) {
                        onFatal.accept(new IllegalStateException("the mirror's acceptor thread ended"));
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable t) {
                    log.accept("reaper: " + t);
                }
            }
        } finally {
            if (!closed) {
                onFatal.accept(new IllegalStateException("the mirror's reaper thread ended"));
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client connection, served by one thread; its deadline moves as the request makes progress. */
    final class Connection implements Runnable {
        private final Socket client;
        private volatile long deadline;
        private volatile Phase phase = Phase.HEADER;
        private volatile ResponseWriter current;
        private volatile boolean expired;

        Connection(Socket client) {
            this.client = client;
            this.deadline = System.nanoTime() + limits.headerTimeout().toNanos();
        }

        /**
         * The response moved (headers or a body chunk went out): the watchdog's deadline starts again. It is twice
         * the stall timeout, so the upstream's own read timeout (the stall timeout) fires first and the client gets a
         * 504 or a reset from the handler; the watchdog is for what no read timeout sees: a client that stopped
         * reading, or a handler stuck elsewhere.
         */
        void progress() {
            deadline = System.nanoTime() + 2 * limits.stallTimeout().toNanos();
        }

        private void await(Phase next, Duration limit) {
            phase = next;
            deadline = System.nanoTime() + limit.toNanos();
        }

        void expire() {
            expired = true;
            Phase p = phase;
            if (p == Phase.IDLE) {
                closeQuietly(); // an idle keep-alive simply ends
                return;
            }
            if (p == Phase.HEADER) {
                handler.timedOut("header");
                closeQuietly(); // nothing was asked yet: a plain close
                return;
            }
            handler.timedOut("stall");
            ResponseWriter r = current;
            if (r != null) {
                r.abort();
            } else {
                abort();
            }
        }

        /** TCP RST: the peer's next read fails at once. */
        void abort() {
            try {
                client.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // Closed already.
            }
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                client.close();
            } catch (IOException ignored) {
                // Closed already.
            }
        }

        @Override
        public void run() {
            try {
                client.setTcpNoDelay(true);
                // Small per-connection buffers (the mirror's heap is capped and a burst opens hundreds of
                // connections): a request head is a few hundred bytes, and bodies pass the output buffer in
                // whole copy-buffer writes (MirrorProxy.copy); it holds the response head and small bodies.
                InputStream in = new BufferedInputStream(client.getInputStream(), 2048);
                BufferedOutputStream out = new BufferedOutputStream(client.getOutputStream(), 4096);
                boolean first = true;
                while (!closed) {
                    if (!first) {
                        await(Phase.IDLE, limits.idleTimeout());
                    }
                    first = false;
                    RequestHead request = readHead(in);
                    if (request == null) {
                        return;
                    }
                    phase = Phase.HANDLING;
                    progress();
                    boolean keepAlive = request.wantsKeepAlive() && !request.hasBody();
                    ResponseWriter response = new ResponseWriter(this, out, request, keepAlive);
                    current = response;
                    try {
                        handler.handle(request, response);
                    } catch (Throwable t) { // a handler bug (even a StackOverflowError) ends one request, not the server
                        if (!response.committed()) {
                            response.send(500, "application/json",
                                    "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"internal error\"}]}\n"
                                            .getBytes(StandardCharsets.UTF_8));
                        } else {
                            response.abort();
                        }
                        if (!expired) {
                            log.accept(request.method() + " -> failed: " + t.getClass().getSimpleName());
                        }
                    }
                    response.finish();
                    current = null;
                    if (response.aborted() || !response.keepAlive()) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The client went away, or a deadline closed the socket: nothing to answer.
            } catch (Throwable t) {
                log.accept("connection: " + t.getClass().getSimpleName());
            } finally {
                closeQuietly();
                open.remove(this);
            }
        }

        /** Reads a request line and headers (bounded in size and, through the reaper, in time); null at a clean end. */
        private RequestHead readHead(InputStream in) throws IOException {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (phase == Phase.IDLE) {
                await(Phase.HEADER, limits.headerTimeout());
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream(512);
            int newlines = 0; // consecutive line ends, ignoring CR
            while (true) {
                if (b < 0) {
                    return null;
                }
                if (head.size() >= limits.maxHeaderBytes()) {
                    refuse(431);
                    return null;
                }
                head.write(b);
                if (b == '\n') {
                    if (++newlines == 2) {
                        break;
                    }
                } else if (b != '\r') {
                    newlines = 0;
                }
                b = in.read();
            }
            RequestHead request = parse(head.toString(StandardCharsets.ISO_8859_1));
            if (request == null) {
                refuse(400);
            }
            return request;
        }

        private RequestHead parse(String text) {
            String[] lines = text.split("\r?\n");
            int firstLine = 0;
            while (firstLine < lines.length && lines[firstLine].isEmpty()) {
                firstLine++; // a stray CRLF before a request is allowed
            }
            if (firstLine >= lines.length) {
                return null;
            }
            String[] parts = lines[firstLine].split(" ", -1);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                    || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
                return null;
            }
            List<String[]> headers = new ArrayList<>();
            for (int i = firstLine + 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(colon - 1) == ' ') {
                    return null; // no name, obsolete line folding, or space before the colon
                }
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
            }
            String target = parts[1];
            int q = target.indexOf('?');
            return new RequestHead(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                    parts[2], headers, client.getInetAddress());
        }

        private void refuse(int status) {
            try {
                ResponseWriter.writeBare(client, status);
            } catch (IOException ignored) {
                // The client is gone anyway.
            }
            handler.refusedByServer(status);
        }
    }
}
