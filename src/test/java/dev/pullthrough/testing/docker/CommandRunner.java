package dev.pullthrough.testing.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command to completion with a given environment, optional stdin and a timeout. Output streams are
 * drained on their own threads so a chatty command never blocks on a full pipe.
 */
public final class CommandRunner {
    private final Map<String, String> environment;
    private final Optional<Path> workingDirectory;
    private final Duration timeout;

    private CommandRunner(Map<String, String> environment, Optional<Path> workingDirectory, Duration timeout) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
    }

    /** Inherits this JVM's environment, 60 s timeout. */
    public static CommandRunner inheritingEnvironment() {
        return new CommandRunner(Map.of(), Optional.empty(), Duration.ofSeconds(60));
    }

    /** A runner that also sets (or, for a null-free empty string value, keeps empty) the given variables. */
    public CommandRunner withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(extra);
        return new CommandRunner(merged, workingDirectory, timeout);
    }

    public CommandRunner inDirectory(Path directory) {
        return new CommandRunner(environment, Optional.of(directory), timeout);
    }

    public CommandRunner withTimeout(Duration newTimeout) {
        return new CommandRunner(environment, workingDirectory, newTimeout);
    }

    public CommandResult run(List<String> command) {
        return run(command, null);
    }

    public CommandResult run(List<String> command, byte[] stdin) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        builder.environment().putAll(environment);
        workingDirectory.ifPresent(dir -> builder.directory(dir.toFile()));
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new CommandResult(command, 124, out.getNow(""),
                        err.getNow("") + "\n[harness] killed after " + timeout);
            }
            return new CommandResult(command, process.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot feed stdin of " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read output of " + command, e.getCause());
        }
    }

    /** A thread of its own per stream: the common pool may have a single worker on a 2-core machine. */
    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                result.complete(buffer.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("[harness] output unreadable: " + e);
            }
        }, "drain");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
