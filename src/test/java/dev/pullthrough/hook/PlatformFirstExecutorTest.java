package dev.pullthrough.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PlatformFirstExecutorTest {
    private final ThreadPoolExecutor platform = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> new Thread(r, "platform"));
    private final ExecutorService overflow = Executors.newSingleThreadExecutor(r -> new Thread(r, "overflow"));
    private final PlatformFirstExecutor executor = new PlatformFirstExecutor(platform, overflow);

    @Test
    void execute_platformThreadsBusy_runsTheNextTaskOnTheOverflow() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                started.countDown();
                await(release);
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<String> third = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        executor.execute(() -> {
            third.set(Thread.currentThread().getName());
            ran.countDown();
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(third.get()).isEqualTo("overflow");
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void execute_aPlatformThreadFree_runsThere() throws InterruptedException {
        AtomicReference<String> name = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        executor.execute(() -> {
            name.set(Thread.currentThread().getName());
            ran.countDown();
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(name.get()).isEqualTo("platform");
        executor.shutdownNow();
    }

    @Test
    void execute_afterShutdown_isRefused() throws InterruptedException {
        executor.shutdownNow();

        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
