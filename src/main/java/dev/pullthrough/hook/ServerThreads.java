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
 * runtime with virtual threads (Java 21+, e.g. the hook's bundled runtime), the first {@value #DEFAULT_PLATFORM_FIRST}
 * connections at a time get cached platform threads and any beyond them virtual ones ({@link PlatformFirstExecutor}:
 * a platform thread is cheaper per request, a virtual one per connection held); virtual threads are found by
 * reflection so the code still compiles and runs on Java 17, where every connection gets a cached platform thread
 * (an idle one ends after 30 s). {@code -Dpullthrough.proxy.threads=platform|virtual} forces one kind, and
 * {@code -Dpullthrough.proxy.platform-threads=N} sets how many platform threads come first (to measure).
 */
final class ServerThreads {
    private ServerThreads() {
    }

    /** Platform threads before virtual ones ({@link PlatformFirstExecutor}): a CI job's usual concurrency. */
    static final int DEFAULT_PLATFORM_FIRST = 16;

    /** The kind in use: "virtual", "platform" or "platform-first". */
    static String kind(ExecutorService executor) {
        return executor instanceof PlatformFirstExecutor ? "platform-first"
                : executor instanceof ThreadPoolExecutor ? "platform" : "virtual";
    }

    static ExecutorService forConnections(String name, int max) {
        String chosen = System.getProperty("pullthrough.proxy.threads", "platform-first");
        ExecutorService virtual = "platform".equals(chosen) ? null : virtualPerTask(name + "v-");
        if (virtual == null) {
            return platformPool(name, max);
        }
        if ("virtual".equals(chosen)) {
            return virtual;
        }
        int first = Integer.getInteger("pullthrough.proxy.platform-threads", DEFAULT_PLATFORM_FIRST);
        return new PlatformFirstExecutor(platformPool(name, Math.max(1, Math.min(first, max))), virtual);
    }

    private static ThreadPoolExecutor platformPool(String name, int max) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory platform = r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // No queue: a task finds an idle thread or a new one, up to max; past that execute() throws (the server
        // admits at most max connections, and PlatformFirstExecutor hands the task to a virtual thread instead).
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
