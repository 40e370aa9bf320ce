package dev.pullthrough.testing.docker;

import java.util.List;

/** What an external command did: its exit code and both output streams, kept for assertions and failure messages. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, java.time.Duration elapsed) {

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Both streams, for "the output mentions X" assertions. */
    public String output() {
        return stdout + stderr;
    }

    /** Returns this when the command exited 0, else throws with everything needed to see why. */
    public CommandResult requireSuccess() {
        if (!succeeded()) {
            throw new CommandFailedException(this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "`" + String.join(" ", command) + "` exited " + exitCode + " after " + elapsed.toMillis() + " ms"
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
