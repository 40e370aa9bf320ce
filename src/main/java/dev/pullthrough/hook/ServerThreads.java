package dev.pullthrough.hook;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the mirror's connections: one per open connection, so a stalled blob never holds up a manifest. On a
 * runtime with virtual threads (Java 21+, e.g. the hook's bundled runtime) they are virtual, found by reflection so
 * the code still compiles and runs on Java 17; there, platform threads are cached and reused (an idle one ends after
 * 30 s). {@code -Dpullthrough.proxy.threads=platform} forces platform threads (to measure both).
 */
final class ServerThreads {
    private ServerThreads() {
    }

    /** The kind in use: "virtual" or "platform". */
    static String kind(ExecutorService executor) {
        return executor instanceof ThreadPoolExecutor ? "platform" : "virtual";
    }

    static ExecutorService forConnections(String name, int max) {
        if (!"platform".equals(System.getProperty("pullthrough.proxy.threads"))) {
            ExecutorService virtual = virtualPerTask(name);
            if (virtual != null) {
                return virtual;
            }
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory platform = r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // No queue: the server admits at most max connections, so a task always finds a thread.
        return new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), platform);
    }

    /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 1).factory())}, or null before 21. */
    private static ExecutorService virtualPerTask(String name) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, name, 1L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            Method perTask = java.util.concurrent.Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            return null;
        }
    }
}
