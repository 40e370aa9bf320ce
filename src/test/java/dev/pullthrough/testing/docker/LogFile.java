package dev.pullthrough.testing.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A log file another process appends to. Tests take a {@link Mark} before an action and read only the lines written
 * after it, so evidence from one step never leaks into the next.
 */
public final class LogFile {
    private final Path path;

    public LogFile(Path path) {
        this.path = path;
    }

    /** A position in the file; lines after it belong to whatever happened after it was taken. */
    public record Mark(long offset) {
    }

    public Path path() {
        return path;
    }

    public Mark mark() {
        try {
            return new Mark(Files.exists(path) ? Files.size(path) : 0L);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path, e);
        }
    }

    public String contents() {
        return textSince(new Mark(0));
    }

    public List<String> lines() {
        return linesSince(new Mark(0));
    }

    public String textSince(Mark mark) {
        if (!Files.exists(path)) {
            return "";
        }
        try {
            byte[] all = Files.readAllBytes(path);
            int from = (int) Math.min(mark.offset(), all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public List<String> linesSince(Mark mark) {
        String text = textSince(mark);
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).filter(line -> !line.isBlank()).toList();
    }

    /** Waits until a line after the mark matches; empty when none did within the timeout. */
    public Optional<String> awaitLine(Mark mark, Predicate<String> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> found = linesSince(mark).stream().filter(matcher).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The last {@code count} lines, for failure messages. */
    public String tail(int count) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
