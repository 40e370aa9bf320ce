package dev.pullthrough.testing.process;

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
import java.util.concurrent.TimeoutException;

/**
 * Runs one external command to completion with a given environment, optional stdin and a timeout, the test code's
 * one process runner. Output streams are drained on their own threads so a chatty command never blocks on a full
 * pipe; on timeout the command's whole process tree is killed (terraform's provider plugins, a hook's children).
 * Immutable: each {@code with...} returns a new runner.
 */
public final class ProcessRunner {
    private final boolean inherit;
    private final Map<String, String> environment;
    private final Optional<Path> workingDirectory;
    private final Duration timeout;

    private ProcessRunner(boolean inherit, Map<String, String> environment, Optional<Path> workingDirectory,
            Duration timeout) {
        this.inherit = inherit;
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
    }

    /** Inherits this JVM's environment, 60 s timeout. */
    public static ProcessRunner inheritingEnvironment() {
        return new ProcessRunner(true, Map.of(), Optional.empty(), Duration.ofSeconds(60));
    }

    /** Exactly these variables and no inherited ones (terraform runs that must not see the developer's settings). */
    public static ProcessRunner withExactEnvironment(Map<String, String> environment) {
        return new ProcessRunner(false, environment, Optional.empty(), Duration.ofSeconds(60));
    }

    /** A runner that also sets (or, for a null-free empty string value, keeps empty) the given variables. */
    public ProcessRunner withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(extra);
        return new ProcessRunner(inherit, merged, workingDirectory, timeout);
    }

    public ProcessRunner inDirectory(Path directory) {
        return new ProcessRunner(inherit, environment, Optional.of(directory), timeout);
    }

    public ProcessRunner withTimeout(Duration newTimeout) {
        return new ProcessRunner(inherit, environment, workingDirectory, newTimeout);
    }

    public ProcessResult run(List<String> command) {
        return run(command, null);
    }

    /**
     * @param stdin the bytes to give the command on standard input, or null for none ({@code /dev/null})
     * @throws UncheckedIOException when the command cannot be started (for example, it is not installed)
     */
    public ProcessResult run(List<String> command, byte[] stdin) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        if (!inherit) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        workingDirectory.ifPresent(dir -> builder.directory(dir.toFile()));
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process;
        long started = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Drain out = drain(process.getInputStream());
        Drain err = drain(process.getErrorStream());
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
                return new ProcessResult(command, ProcessResult.KILLED_EXIT_CODE, out.text(),
                        err.text() + "\n[harness] killed after " + timeout, Duration.ofNanos(System.nanoTime() - started),
                        true);
            }
            // A command may leave a detached child holding the pipes (a hook starting its proxy): do not wait for
            // end-of-stream forever once the command itself has exited.
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new ProcessResult(command, process.exitValue(), settle(out), settle(err), elapsed, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot feed stdin of " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /**
     * The stream's text once it ended, or what arrived within 5 s of the command's exit: a command may leave a
     * detached child holding the pipe (a hook starting its proxy), and that must not hang the test.
     */
    private static String settle(Drain drain) throws InterruptedException {
        try {
            drain.done.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return drain.text() + "\n[harness] stream still open 5 s after exit (a detached child inherited it)";
        }
        return drain.text();
    }

    /** Collects one stream on a thread of its own (the common pool may have a single worker on 2 cores). */
    private static final class Drain {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Drain(InputStream stream) {
            Thread reader = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (stream) {
                    int n;
                    while ((n = stream.read(chunk)) >= 0) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // stream closed under us: keep what was read
                }
                done.complete(null);
            }, "drain");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static Drain drain(InputStream stream) {
        return new Drain(stream);
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL and wait briefly: how the harness stops a daemon it started. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
