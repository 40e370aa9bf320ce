package dev.pullthrough.testing.process;

import java.time.Duration;
import java.util.List;

/**
 * What an external command did: its exit code and both output streams, kept for assertions and failure messages.
 *
 * @param timedOut the command ran past its timeout and was killed (its exit code is then {@link #KILLED_EXIT_CODE})
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed,
        boolean timedOut) {
    /** The exit code of a command killed at its timeout, as timeout(1) reports it. */
    public static final int KILLED_EXIT_CODE = 124;

    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** Both streams, for "the output mentions X" assertions. */
    public String output() {
        return stdout + stderr;
    }

    /** Returns this when the command exited 0, else throws with everything needed to see why. */
    public ProcessResult requireSuccess() {
        if (!succeeded()) {
            throw new ProcessFailedException(this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "`" + String.join(" ", command) + "` " + (timedOut ? "timed out" : "exited " + exitCode) + " after "
                + elapsed.toMillis() + " ms" + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
