package dev.pullthrough.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task on one of a few cached platform threads while one is free, and on a virtual thread otherwise.
 * Measured on the mirror ({@code bench/mirror-cpu.sh}, docs/PERFORMANCE.md): one request at a time, a platform
 * thread answered ~0.2 ms sooner and used ~40% less CPU than a virtual one (a blocking read parks the thread in the
 * kernel instead of going through the virtual-thread poller, a carrier hand-off and a continuation), while 200
 * connections at once on platform threads took ~20 MiB more memory (each holds its own native stack) for no gain in
 * latency. So the first few connections at a time, the usual load of one CI job, get platform threads, and a burst
 * beyond them gets virtual ones.
 */
final class PlatformFirstExecutor extends AbstractExecutorService {
    private final ThreadPoolExecutor platform;
    private final ExecutorService overflow;

    PlatformFirstExecutor(ThreadPoolExecutor platform, ExecutorService overflow) {
        this.platform = platform;
        this.overflow = overflow;
    }

    @Override
    public void execute(Runnable task) {
        try {
            platform.execute(task);
        } catch (RejectedExecutionException allBusy) {
            if (platform.isShutdown()) {
                throw allBusy;
            }
            overflow.execute(task);
        }
    }

    @Override
    public void shutdown() {
        platform.shutdown();
        overflow.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> pending = new ArrayList<>(platform.shutdownNow());
        pending.addAll(overflow.shutdownNow());
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return platform.isShutdown() && overflow.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return platform.isTerminated() && overflow.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return platform.awaitTermination(timeout, unit)
                && overflow.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
