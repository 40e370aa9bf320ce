package dev.pullthrough.testing.terraform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real process with exactly the given environment, no stdin, and kills its whole tree on timeout. */
public final class ProcessCommandRunner implements CommandRunner {
    @Override
    public ProcessOutput run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TerraformNotFoundException(command.get(0), e.getMessage());
        }
        // Both streams are drained concurrently, each on its own thread (not a shared pool a blocking read could
        // starve), so a chatty plan cannot block on a full pipe.
        CompletableFuture<String> out = drainOnOwnThread(process.getInputStream(), "stdout");
        CompletableFuture<String> err = drainOnOwnThread(process.getErrorStream(), "stderr");
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            // terraform starts provider plugins as children: stop them too, or they outlive the test.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new ProcessOutput(finished ? process.exitValue() : -1, out.join(), err.join(), !finished);
    }

    private static CompletableFuture<String> drainOnOwnThread(InputStream stream, String name) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(drain(stream));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "terraform-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
