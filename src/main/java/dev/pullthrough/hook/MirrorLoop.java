package dev.pullthrough.hook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The mirror's server: one thread, one {@link Selector}, every client and registry connection on it. A burst of 200
 * manifest requests then costs the CPU nginx spends on it, where a thread per connection cost four times as much
 * (thread wake-ups, stacks, a blocking HTTP client) and a larger heap (docs/PERFORMANCE.md, "Server candidates").
 *
 * <p>Nothing on the loop may block: the only blocking work (a token refresh after a 401, resolving the registry's
 * name) runs on {@link #background()} and comes back through {@link #execute}. Every time limit of
 * {@link ServerLimits} is a deadline the loop checks on each tick, whatever the connection is waiting for: a slow
 * request header, an idle keep-alive, a registry that stopped sending, or a client that stopped reading. The loop
 * catches everything per event; if it still ends while the server is open, {@code onFatal} is told (the mirror
 * process then exits, so {@code hook status} says it is down).
 */
final class MirrorLoop implements AutoCloseable {
    /** Answers complete requests; runs on the loop. */
    interface Handler {
        void handle(RequestHead request, ClientConnection connection);

        /** The server answered itself (malformed request, headers too large, too many connections). */
        default void refusedByServer(int status) {
        }

        /** A connection was closed for a timeout: "header", "stall" (idle keep-alives are not reported). */
        default void timedOut(String phase) {
        }
    }

    private final Selector selector;
    private final ServerSocketChannel server;
    private final ServerLimits limits;
    private final Handler handler;
    private final Consumer<String> log;
    private final Set<ClientConnection> open = new HashSet<>();
    private final Set<UpstreamExchange> exchanges = new HashSet<>();
    private final AtomicInteger openCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService background;
    private final Thread thread;
    private final long tickNanos;
    private UpstreamPool pool;
    private volatile Consumer<Throwable> onFatal = t -> { };
    private volatile boolean closed;
    private long now = System.nanoTime();

    private MirrorLoop(Selector selector, ServerSocketChannel server, ServerLimits limits, Handler handler,
            Consumer<String> log) {
        this.selector = selector;
        this.server = server;
        this.limits = limits;
        this.handler = handler;
        this.log = log;
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mirror-background");
            t.setDaemon(true);
            return t;
        });
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(10, Math.min(500, Math.min(limits.headerTimeout().toMillis(),
                Math.min(limits.idleTimeout().toMillis(), limits.stallTimeout().toMillis())) / 4)));
        this.thread = new Thread(this::run, "mirror-loop");
        thread.setDaemon(true);
    }

    /** Binds now (so a busy port fails here, with the OS's reason); the loop runs at once, accepting after {@link #accept}. */
    static MirrorLoop bind(InetSocketAddress address, ServerLimits limits, Handler handler, Consumer<String> log)
            throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel s = ServerSocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(address, 1024);
            s.configureBlocking(false);
        } catch (IOException e) {
            s.close();
            selector.close();
            throw e;
        }
        return new MirrorLoop(selector, s, limits, handler, log);
    }

    /** Starts the loop thread with the registry's connections (the warm-up runs before any client is accepted). */
    void start(UpstreamPool upstream) {
        this.pool = upstream;
        thread.start();
    }

    /** Begins accepting clients. */
    void accept(Consumer<Throwable> fatal) {
        this.onFatal = fatal;
        execute(() -> {
            try {
                server.register(selector, SelectionKey.OP_ACCEPT, (LoopChannel) ops -> acceptAll());
            } catch (ClosedChannelException e) {
                // Closed before it began.
            }
        });
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the mirror's socket is closed", e);
        }
    }

    boolean healthy() {
        return closed || thread.isAlive();
    }

    int openConnections() {
        return openCount.get();
    }

    ServerLimits limits() {
        return limits;
    }

    Handler handler() {
        return handler;
    }

    Consumer<String> log() {
        return log;
    }

    UpstreamPool pool() {
        return pool;
    }

    /** For blocking work (a token refresh, a DNS lookup); results come back with {@link #execute}. */
    ScheduledExecutorService background() {
        return background;
    }

    /** The loop's clock ({@link System#nanoTime} at the current event). */
    long now() {
        return now;
    }

    /** Runs {@code task} on the loop thread, after the current event (from any thread). */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    SelectionKey register(SelectableChannel channel, int ops, LoopChannel attachment) throws ClosedChannelException {
        return channel.register(selector, ops, attachment);
    }

    /** An exchange waiting on the registry: its stall deadline is checked on each tick. */
    void track(UpstreamExchange e) {
        exchanges.add(e);
    }

    void untrack(UpstreamExchange e) {
        exchanges.remove(e);
    }

    /** Exchanges started and not yet ended (each client request forwarded to the registry). */
    int exchangesInFlight() {
        return exchanges.size();
    }

    void closed(ClientConnection c) {
        if (open.remove(c)) {
            openCount.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        execute(() -> { }); // wakes the loop, which closes everything on its way out
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2)); // the port is free when close returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!thread.isAlive()) {
            closeEverything();
        }
    }

    private void run() {
        Throwable failure = null;
        try {
            pool.warmUp();
            long nextTick = System.nanoTime() + tickNanos;
            while (!closed) {
                try {
                    long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                    if (tasks.isEmpty()) {
                        selector.select(this::dispatch, wait);
                    } else {
                        selector.selectNow(this::dispatch);
                    }
                    now = System.nanoTime();
                    Runnable task;
                    int budget = 1024; // tasks queued by tasks wait for the next round: events are never starved
                    while (budget-- > 0 && (task = tasks.poll()) != null) {
                        runSafely(task);
                    }
                    if (now - nextTick >= 0) {
                        nextTick = now + tickNanos;
                        checkDeadlines();
                    }
                } catch (IOException e) {
                    if (!closed) {
                        log.accept("event loop: " + e.getMessage());
                    }
                } catch (Throwable t) { // even an Error must not end the only loop
                    log.accept("event loop: " + t);
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            closeEverything();
            if (!closed) {
                onFatal.accept(new IllegalStateException("the mirror's event loop ended"
                        + (failure == null ? "" : ": " + failure)));
            }
        }
    }

    private void dispatch(SelectionKey key) {
        now = System.nanoTime();
        if (!key.isValid()) {
            return;
        }
        runSafely(() -> ((LoopChannel) key.attachment()).ready(key.readyOps()));
    }

    private void runSafely(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) { // one connection's bug ends that connection's event, not the loop
            log.accept("event: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
    }

    private void acceptAll() {
        for (int i = 0; i < 64; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                // E.g. out of file descriptors: logged once per round, retried on the next readiness.
                log.accept("accept failed: " + e.getMessage());
                return;
            }
            if (ch == null) {
                return;
            }
            admit(ch);
        }
    }

    private void admit(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (open.size() >= limits.maxConnections()) {
                handler.refusedByServer(503); // counted before the client can see the answer
                ClientConnection.refuseBare(ch, 503);
                return;
            }
            ClientConnection c = new ClientConnection(this, ch);
            open.add(c);
            openCount.incrementAndGet();
            c.start();
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // The client is gone anyway.
            }
        }
    }

    private void checkDeadlines() {
        if (!open.isEmpty()) {
            for (ClientConnection c : new ArrayList<>(open)) {
                runSafely(() -> c.checkDeadline(now));
            }
        }
        if (!exchanges.isEmpty()) {
            for (UpstreamExchange e : new ArrayList<>(exchanges)) {
                runSafely(() -> e.checkDeadline(now));
            }
        }
        if (pool != null) {
            pool.checkDeadlines(now);
        }
    }

    private void closeEverything() {
        List<ClientConnection> all = new ArrayList<>(open);
        all.forEach(ClientConnection::abort);
        if (pool != null) {
            pool.closeAll();
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
